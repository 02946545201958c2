// minimax-lab analyze: the linearisation of a game and a scheme at a point.
#include <cmath>

#include "lab.hpp"

namespace lab {

int cmd_analyze(int argc, char** argv) {
  std::vector<option> opts = game_options();
  for (auto& o : scheme_options()) opts.push_back(o);
  opts.push_back({"at", "", "the point to linearise at (default: the game's equilibrium)", false});
  opts.push_back({"config", "", "read options from a JSON object file", false});
  arguments a("analyze",
              "The Jacobian J of the game's vector field at a point (the equilibrium by default), its eigenvalues, the\n"
              "scheme's linearised update M and its spectral radius rho(M) (converges when rho < 1), and the largest\n"
              "step h* = min 2|Re l|/|l|^2 for which simultaneous steps converge.",
              opts);
  if (!a.parse(argc, argv, 2)) return 0;
  const any_game g = make_game(a);
  Eigen::VectorXd at = g.equilibrium_point;
  if (!a.text("at").empty()) {
    const auto v = a.numbers("at");
    if (static_cast<Eigen::Index>(v.size()) != g.n) throw usage_error("--at needs " + std::to_string(g.n) + " numbers");
    at = Eigen::Map<const Eigen::VectorXd>(v.data(), g.n);
  }
  const double lr = a.positive("lr");
  const analysis s = analyze_scheme(g, a, lr, at);
  result r;
  r.meta["command"] = "analyze";
  r.meta["game"] = g.description;
  r.meta["scheme"] = a.text("scheme");
  r.meta["lr"] = lr;
  r.meta["lr_d"] = discriminator_step(a, lr);
  r.meta["at"] = to_json(at);
  r.meta["jacobian"] = to_json(s.jacobian);
  r.meta["spectral_radius"] = s.spectral_radius;
  r.meta["largest_stable_step"] = s.largest_stable_step;
  r.meta["verdict"] = s.verdict;
  if (s.update.size() > 0) r.meta["update"] = to_json(s.update);
  r.columns = {"matrix", "index", "re", "im", "abs"};
  for (Eigen::Index i = 0; i < s.jacobian_eigenvalues.size(); ++i) {
    const auto l = s.jacobian_eigenvalues[i];
    r.row({"J", static_cast<long>(i), l.real(), l.imag(), std::abs(l)});
  }
  for (Eigen::Index i = 0; i < s.update_eigenvalues.size(); ++i) {
    const auto l = s.update_eigenvalues[i];
    r.row({"M", static_cast<long>(i), l.real(), l.imag(), std::abs(l)});
  }
  emit(r, a, "json");
  return 0;
}

}  // namespace lab
