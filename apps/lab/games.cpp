// The small games and the schemes, chosen at run time: each game is wrapped once in lab::any_game,
// so every scheme is compiled once.
#include <cmath>
#include <variant>

#include <minimax/dynamics.hpp>
#include <minimax/games/bilinear.hpp>
#include <minimax/games/dirac_gan.hpp>
#include <minimax/games/gaussian_gan.hpp>
#include <minimax/loss.hpp>

#include "lab.hpp"

namespace lab {

namespace mm = minimax;

std::vector<option> game_options() {
  return {
      {"game", "dirac", "the game (ring, grid and began: simulate only)", false,
       {"bilinear", "dirac", "gauss1d", "ring", "grid", "began"}},
      {"loss", "non_saturating", "dirac, gauss1d: the loss", false, {"minimax", "non_saturating", "wasserstein", "least_squares", "hinge"}},
      {"regulariser", "none", "dirac: the regulariser", false, {"none", "r1", "r2", "wgan_gp", "instance_noise", "weight_clipping"}},
      {"strength", "0.3", "the regulariser's gamma, lambda, sigma or clipping bound", false},
      {"coupling", "1", "bilinear: a in V(x, y) = a x y, or the four entries of a 2x2 A in V = x^T A y, row by row", false},
      {"data-mean", "0", "gauss1d: the data's mean", false},
      {"data-sigma", "1", "gauss1d: the data's standard deviation", false},
      {"init", "", "the starting point, comma-separated (default: the game's own)", false},
  };
}

std::vector<option> scheme_options() {
  return {
      {"scheme", "simultaneous", "the scheme (ring, grid, began: adam or unrolled)", false,
       {"simultaneous", "alternating", "extragradient", "optimistic", "consensus", "momentum", "momentum_alt", "unrolled",
        "adam", "rmsprop", "flow"}},
      {"lr", "0.1", "the step size h (the time step for flow); the generator's alone with --lr-d", false},
      {"lr-d", "", "the discriminator's step size, for two time-scale updates (TTUR); empty: --lr", false},
      {"beta", "-0.3", "momentum: beta in (-1, 1)", false},
      {"consensus-gamma", "0.5", "consensus: the weight of the consensus term", false},
      {"unroll", "5", "unrolled: look-ahead steps k", false},
      {"d-steps", "1", "alternating: the discriminator's steps per generator step (n_D)", false},
  };
}

namespace {

template <class G>
any_game wrap(G game, std::vector<std::string> coordinates, std::string description) {
  auto g = std::make_shared<const G>(std::move(game));
  any_game a;
  a.n = g->dimension();
  a.n_generator = g->generator_dimension();
  a.field = [g](const Eigen::VectorXd& z) { return Eigen::VectorXd(g->template vector_field<double>(z)); };
  a.field_dual = [g](const Eigen::VectorX<any_game::dual>& z) {
    return Eigen::VectorX<any_game::dual>(g->template vector_field<any_game::dual>(z));
  };
  a.loss_g = [g](const Eigen::VectorXd& z) { return g->template generator_loss<double>(z); };
  a.loss_d = [g](const Eigen::VectorXd& z) { return g->template discriminator_loss<double>(z); };
  a.loss_g_dual = [g](const Eigen::VectorX<any_game::dual>& z) { return g->template generator_loss<any_game::dual>(z); };
  a.loss_d_dual = [g](const Eigen::VectorX<any_game::dual>& z) {
    return g->template discriminator_loss<any_game::dual>(z);
  };
  if constexpr (mm::GameWithProjection<G>) a.projection = [g](Eigen::VectorXd& z) { g->project(z); };
  a.equilibrium_point = g->equilibrium();
  a.coordinates = std::move(coordinates);
  a.description = std::move(description);
  return a;
}

template <class Loss>
any_game make_dirac(Loss loss, const std::string& reg, double s, const std::string& text) {
  const std::vector<std::string> xy{"theta", "psi"};
  const std::string d = "Dirac-GAN, " + text + (reg == "none" ? "" : ", " + reg + "(" + format_number(s) + ")");
  if (reg == "none") return wrap(mm::games::dirac_gan{loss}, xy, d);
  if (reg == "r1") return wrap(mm::games::dirac_gan{loss, mm::loss::r1{s}}, xy, d);
  if (reg == "r2") return wrap(mm::games::dirac_gan{loss, mm::loss::r2{s}}, xy, d);
  if (reg == "wgan_gp") return wrap(mm::games::dirac_gan{loss, mm::loss::wgan_gp{s}}, xy, d);
  if (reg == "instance_noise") return wrap(mm::games::dirac_gan{loss, mm::games::instance_noise{s}}, xy, d);
  return wrap(mm::games::dirac_gan{loss, mm::games::weight_clipping{s}}, xy, d);
}

template <class F>
any_game with_loss(const std::string& name, F&& make) {
  if (name == "minimax") return make(mm::loss::minimax{}, "saturating GAN loss");
  if (name == "non_saturating") return make(mm::loss::non_saturating{}, "non-saturating GAN loss");
  if (name == "wasserstein") return make(mm::loss::wasserstein{}, "WGAN loss");
  if (name == "least_squares") return make(mm::loss::least_squares{}, "least-squares loss");
  return make(mm::loss::hinge{}, "hinge loss");
}

}  // namespace

any_game make_game(const arguments& a) { return make_game(a, a.positive("strength")); }

any_game make_game(const arguments& a, double strength) {
  const std::string game = a.choice("game", {"bilinear", "dirac", "gauss1d"});
  const std::string loss = a.choice("loss");
  const std::string reg = a.choice("regulariser");
  if (game != "dirac" && reg != "none") throw usage_error("--regulariser applies to the dirac game only");
  if (game == "bilinear") {
    const std::vector<double> c = a.numbers("coupling");
    if (c.size() == 1) {
      return wrap(mm::games::bilinear(Eigen::MatrixXd::Constant(1, 1, c[0])), {"x", "y"},
                  "bilinear game V(x, y) = " + format_number(c[0]) + " x y");
    }
    if (c.size() != 4) {
      throw usage_error("--coupling needs 1 number (a) or 4 (a 2x2 A, row by row), got " + std::to_string(c.size()));
    }
    Eigen::MatrixXd A(2, 2);
    A << c[0], c[1], c[2], c[3];
    return wrap(mm::games::bilinear(A), {"x1", "x2", "y1", "y2"},
                "bilinear game V(x, y) = x^T A y, A = [[" + format_number(c[0]) + ", " + format_number(c[1]) + "], [" +
                    format_number(c[2]) + ", " + format_number(c[3]) + "]]");
  }
  if (game == "dirac") {
    return with_loss(loss, [&](auto l, const char* text) { return make_dirac(l, reg, strength, text); });
  }
  const double m = a.number("data-mean"), s = a.positive("data-sigma");
  return with_loss(loss, [&](auto l, const char* text) {
    return wrap(mm::games::gaussian_gan{l, m, s}, {"mu", "s", "psi0", "psi1", "psi2"},
                std::string("1-D Gaussian GAN, ") + text + ", data N(" + format_number(m) + ", " + format_number(s) + "^2)");
  });
}

int discriminator_steps(const arguments& a) {
  const long n = a.integer("d-steps", 1);
  if (n > 1000) throw usage_error("--d-steps must be at most 1000, got " + a.text("d-steps"));
  return static_cast<int>(n);
}

double discriminator_step(const arguments& a, double lr) {
  return a.text("lr-d").empty() ? lr : a.positive("lr-d");
}

Eigen::VectorXd initial_point(const any_game& g, const arguments& a) {
  if (a.text("init").empty()) {
    Eigen::VectorXd z = Eigen::VectorXd::Zero(g.n);
    if (g.n == 2) {
      z << 1.0, 1.0;
    } else if (a.text("game") == "bilinear") {  // V = x^T A y: every coordinate away from the equilibrium 0
      z.setOnes();
    } else {  // gauss1d: a generator away from the data, the discriminator at zero
      z[0] = g.equilibrium_point[0] + 1.0;
      z[1] = 1.5 * g.equilibrium_point[1];
    }
    return z;
  }
  const auto v = a.numbers("init");
  if (static_cast<Eigen::Index>(v.size()) != g.n) {
    throw usage_error("--init needs " + std::to_string(g.n) + " numbers for this game, got " + std::to_string(v.size()));
  }
  return Eigen::Map<const Eigen::VectorXd>(v.data(), g.n);
}

namespace {

using scheme_variant =
    std::variant<mm::schemes::simultaneous, mm::schemes::alternating, mm::schemes::extragradient, mm::schemes::optimistic,
                 mm::schemes::consensus, mm::schemes::momentum, mm::schemes::unrolled,
                 mm::schemes::optimised<mm::nn::adam<double>>, mm::schemes::optimised<mm::nn::rmsprop<double>>,
                 mm::schemes::gradient_flow>;

scheme_variant make_scheme(const arguments& a, double lr) {
  const std::string s = a.choice("scheme");
  const double lr_d = discriminator_step(a, lr);
  if (s == "simultaneous") return mm::schemes::simultaneous{lr, lr_d};
  if (s == "alternating") return mm::schemes::alternating{lr, lr_d, discriminator_steps(a)};
  if (s == "extragradient") return mm::schemes::extragradient{lr, lr_d};
  if (s == "optimistic") return mm::schemes::optimistic{lr, lr_d};
  if (s == "consensus") return mm::schemes::consensus{lr, lr_d, a.non_negative("consensus-gamma")};
  if (s == "momentum" || s == "momentum_alt") return mm::schemes::momentum{lr, lr_d, a.number("beta"), s == "momentum_alt"};
  if (s == "unrolled") return mm::schemes::unrolled{lr, lr_d, static_cast<int>(a.integer("unroll", 0))};
  if (s == "adam") return mm::schemes::optimised<mm::nn::adam<double>>{mm::nn::adam<double>(lr), mm::nn::adam<double>(lr_d), false};
  if (s == "rmsprop") {
    return mm::schemes::optimised<mm::nn::rmsprop<double>>{mm::nn::rmsprop<double>(lr), mm::nn::rmsprop<double>(lr_d), false};
  }
  if (lr_d != lr) throw usage_error("--lr-d: the flow has one time step for both players (give --lr alone)");
  return mm::schemes::gradient_flow{lr};
}

}  // namespace

run_outcome run_scheme(const any_game& g, const arguments& a, double lr, const Eigen::VectorXd& init, long steps,
                       long every, double bound) {
  const scheme_variant scheme = make_scheme(a, lr);
  progress bar(a, "simulate", steps);
  struct tick {
    progress* bar;
    bool on_step(long step, const Eigen::VectorXd&, mm::trajectory&) const {
      if (step % 256 == 0) bar->update(step);
      return false;
    }
  };
  // the input is checked by now (initial_point, make_scheme): what simulate throws is a run error
  const mm::trajectory t = during_run([&] {
    return std::visit(
        [&](const auto& s) {
          return mm::simulate(g, s, init, steps, mm::observers::record_every(every),
                              mm::observers::stop_when_diverged(bound, g.equilibrium_point), tick{&bar});
        },
        scheme);
  });
  return {t.steps, t.states, mm::to_string(t.status), t.message};
}

analysis analyze_scheme(const any_game& g, const arguments& a, double lr, const Eigen::VectorXd& at) {
  const scheme_variant scheme = make_scheme(a, lr);
  analysis out;
  std::visit(
      [&](const auto& s) {
        if constexpr (mm::LinearisedScheme<std::decay_t<decltype(s)>>) {
          const mm::stability st = mm::analyze(g, s, at);
          out.jacobian = st.jacobian;
          out.jacobian_eigenvalues = st.jacobian_eigenvalues;
          out.update = st.update;
          out.update_eigenvalues = st.update_eigenvalues;
          out.spectral_radius = st.spectral_radius;
          out.largest_stable_step = st.largest_stable_step;
          out.verdict = mm::to_string(st.verdict);
        } else {
          out.jacobian = mm::jacobian(g, at);
          out.jacobian_eigenvalues = mm::eigenvalues(out.jacobian);
          out.largest_stable_step = mm::largest_stable_step(out.jacobian);
          out.spectral_radius = std::nan("");
          out.verdict = "n/a";
        }
      },
      scheme);
  return out;
}

}  // namespace lab
