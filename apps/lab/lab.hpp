// What minimax-lab's subcommands share: results and their output, the progress bar, named
// distributions, and the toy games behind one run-time type.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include <Eigen/Core>

#include <minimax/core/dual.hpp>
#include <minimax/core/error.hpp>
#include <minimax/prob/mixture.hpp>
#include <minimax/prob/normal.hpp>
#include <minimax/prob/pmf.hpp>
#include <minimax/prob/uniform.hpp>

#include "args.hpp"
#include "json.hpp"

namespace lab {

// ---- results ---------------------------------------------------------------------------------
/// A command's result: named facts (`meta`, any JSON) and one table. JSON output is the facts with
/// the table as "table": {column: [values]}; CSV output is the scalar facts as '# key: value'
/// comment lines, then the table.
struct result {
  json::value meta = json::value::object();
  std::vector<std::string> columns;
  std::vector<std::vector<json::value>> rows;
  void row(std::vector<json::value> r) { rows.push_back(std::move(r)); }
};

/// Writes `r` in the format asked for (`fallback` when --format is not given) to --output or stdout.
/// "table" prints `text` when given (the proofs' step tables), else an aligned table.
void emit(const result& r, const arguments& a, const std::string& fallback, const std::string& text = "");

/// A failure inside a computation whose input was already checked: not the user's fault, so it is
/// printed as "minimax-lab <command>: error: ..." with exit status 1, never as bad input (status 2).
struct run_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Runs `f`, a computation on checked input, turning the library's argument and domain errors
/// raised inside it into a run_error.
template <class F>
decltype(auto) during_run(F&& f) {
  try {
    return std::forward<F>(f)();
  } catch (const minimax::invalid_argument& e) {
    throw run_error(std::string("the run failed: ") + e.what());
  } catch (const minimax::domain_error& e) {
    throw run_error(std::string("the run failed: ") + e.what());
  }
}

// ---- progress ------------------------------------------------------------------------------------
/// A bar on stderr, shown once a task has run for a second, when stderr is a terminal or --progress.
class progress {
 public:
  progress(const arguments& a, std::string label, long total);
  ~progress();
  void update(long done);

 private:
  bool enabled_;
  std::string label_;
  long total_;
  bool shown_ = false;
  int last_ = -1;
  std::chrono::steady_clock::time_point start_;
};

// ---- distributions ---------------------------------------------------------------------------
using density = std::variant<minimax::normal, minimax::uniform, minimax::mixture>;

/// A distribution given on the command line:
///   normal:MEAN,SIGMA   uniform:A,B   pmf:P1,P2,...
///   mixture:W1*normal:M,S+W2*uniform:A,B+W3*dirac:X   ('+' separates components)
///   csv:FILE[:COLUMN] or FILE.csv   (samples, one per row; COLUMN picks one column by name or number)
struct measure {
  enum class kind { density, pmf, samples } type = kind::density;
  density d = minimax::normal{0.0, 1.0};
  minimax::pmf p = minimax::pmf::from({1.0});
  Eigen::MatrixXd samples;  // n × dimension
  std::string text;
};
measure parse_measure(const std::string& spec, const std::string& option_name);
/// The same distribution as a mixture: a normal or a uniform becomes its only component.
minimax::mixture as_mixture(const density& d);
/// f(p, q) on a pair of densities: as two normals where both are (the common pair, on the normals' own
/// code), else both as mixtures, which compute the same densities, supports and breakpoints as their
/// components.
/// Two instantiations of a pairwise computation, not the nine of every pair of alternatives.
template <class F>
decltype(auto) with_densities(const density& p, const density& q, F&& f) {
  if (const auto* np = std::get_if<minimax::normal>(&p)) {
    if (const auto* nq = std::get_if<minimax::normal>(&q)) return f(*np, *nq);
  }
  return f(as_mixture(p), as_mixture(q));
}
/// Draws n samples (n × 1) from a density.
Eigen::MatrixXd draw(const density& d, long n, std::uint64_t seed);

// ---- games -------------------------------------------------------------------------------------
/// One of the small games (bilinear, dirac, gauss1d) behind one type, so that every scheme is
/// compiled once; satisfies minimax::Game and GameWithProjection.
struct any_game {
  using dual = minimax::dual<double>;
  Eigen::Index n = 0, n_generator = 0;
  std::function<Eigen::VectorXd(const Eigen::VectorXd&)> field;
  std::function<Eigen::VectorX<dual>(const Eigen::VectorX<dual>&)> field_dual;
  std::function<double(const Eigen::VectorXd&)> loss_g, loss_d;
  std::function<dual(const Eigen::VectorX<dual>&)> loss_g_dual, loss_d_dual;
  std::function<void(Eigen::VectorXd&)> projection;
  Eigen::VectorXd equilibrium_point;
  std::vector<std::string> coordinates;  // names of the parameters
  std::string description;

  Eigen::Index dimension() const { return n; }
  Eigen::Index generator_dimension() const { return n_generator; }
  template <class T>
  Eigen::VectorX<T> vector_field(const Eigen::VectorX<T>& z) const {
    if constexpr (std::is_same_v<T, double>) return field(z); else return field_dual(z);
  }
  template <class T>
  T generator_loss(const Eigen::VectorX<T>& z) const {
    if constexpr (std::is_same_v<T, double>) return loss_g(z); else return loss_g_dual(z);
  }
  template <class T>
  T discriminator_loss(const Eigen::VectorX<T>& z) const {
    if constexpr (std::is_same_v<T, double>) return loss_d(z); else return loss_d_dual(z);
  }
  void project(Eigen::VectorXd& z) const { if (projection) projection(z); }
  Eigen::VectorXd equilibrium() const { return equilibrium_point; }
};

/// The options that choose a small game, for a command's option list.
std::vector<option> game_options();
/// Builds the game named by --game (bilinear, dirac, gauss1d) and its options; `strength`
/// overrides --strength (used by sweeps).
any_game make_game(const arguments& a, double strength);
any_game make_game(const arguments& a);

/// The discriminator's step size: --lr-d where given, else `lr` (one step size for both players).
double discriminator_step(const arguments& a, double lr);
/// The alternating scheme's discriminator steps per generator step (--d-steps, 1 to 1000).
int discriminator_steps(const arguments& a);
/// The options that choose a scheme.
std::vector<option> scheme_options();
/// Runs `steps` steps of the scheme named by --scheme from `init`, recording every `every` steps;
/// stops when the distance to the equilibrium passes `bound`.
struct run_outcome {
  std::vector<long> steps;
  std::vector<Eigen::VectorXd> states;
  std::string status, message;
};
run_outcome run_scheme(const any_game& g, const arguments& a, double lr, const Eigen::VectorXd& init, long steps,
                       long every, double bound);
/// The linearised analysis of the scheme at `at` (the Jacobian alone for schemes without one).
struct analysis {
  Eigen::MatrixXd jacobian, update;
  Eigen::VectorXcd jacobian_eigenvalues, update_eigenvalues;
  double spectral_radius = 0, largest_stable_step = 0;
  std::string verdict;  // converges, cycles, diverges, or "n/a" without a linearisation
};
analysis analyze_scheme(const any_game& g, const arguments& a, double lr, const Eigen::VectorXd& at);

/// The initial point: --init, else the game's default.
Eigen::VectorXd initial_point(const any_game& g, const arguments& a);

// ---- subcommands -------------------------------------------------------------------------------
int cmd_prove(int argc, char** argv);
int cmd_divergence(int argc, char** argv);
int cmd_simulate(int argc, char** argv);
int cmd_analyze(int argc, char** argv);
int cmd_sweep(int argc, char** argv);
int cmd_plot(int argc, char** argv);
/// simulate for the network games (ring, grid, began).
int simulate_networks(const arguments& a);

std::string format_number(double x);
json::value to_json(const Eigen::VectorXd& v);
json::value to_json(const Eigen::MatrixXd& m);
json::value to_json(const Eigen::VectorXcd& v);

}  // namespace lab
