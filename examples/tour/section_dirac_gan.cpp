// Tour section: the Dirac-GAN of Mescheder et al. (2018): which training methods converge.
#include <cmath>
#include <complex>
#include <cstdio>
#include <string>

#include <minimax/dynamics.hpp>
#include <minimax/games/dirac_gan.hpp>
#include <minimax/loss.hpp>

#include "tour.hpp"

namespace {
std::string short_text(double x) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3g", x);
  return buffer;
}

// The largest real part of the eigenvalues of J at the equilibrium: < 0 means a convergent flow.
template <class G>
double leading_real_part(const G& game) {
  const Eigen::VectorXcd lambda = minimax::eigenvalues(minimax::jacobian(game, game.equilibrium()));
  return std::max(lambda[0].real(), lambda[1].real());
}

//! [user regulariser]
// A regulariser of one's own: the Lipschitz penalty (Petzka et al. 2018), lambda max(0, |g| - 1)^2 on
// the discriminator's input gradient g. Declaring penalty_at_gradient and its slope is all a game
// needs (games/regulariser.hpp); the Dirac-GAN's gradient is -psi.
struct lipschitz_penalty {
  double lambda = 1.0;
  template <class T>
  T penalty_at_gradient(const T& g) const {
    const T excess = (g < T(0.0) ? -g : g) - T(1.0);
    return excess > T(0.0) ? T(lambda) * excess * excess : T(0.0);
  }
  template <class T>
  T penalty_slope_at_gradient(const T& g) const {
    const T excess = (g < T(0.0) ? -g : g) - T(1.0);
    if (!(excess > T(0.0))) return T(0.0);
    return T(2.0 * lambda) * excess * (g > T(0.0) ? T(1.0) : T(-1.0));
  }
};
//! [user regulariser]
}  // namespace

//! [dirac gan]
MINIMAX_TOUR_SECTION(710, "dynamics: the Dirac-GAN, and which training methods converge") {
  namespace mm = minimax;
  namespace games = minimax::games;
  r.say("p_data = delta_0, p_g = delta_theta, discriminator -psi x; f(t) = -log(1 + e^-t), f'(0) = 1/2.");

  const games::dirac_gan plain{mm::loss::non_saturating{}};
  const Eigen::VectorXcd l0 = mm::eigenvalues(mm::jacobian(plain, plain.equilibrium()));
  r.check("unregularised: Re(lambda) = 0", leading_real_part(plain), 0.0, 1e-15);
  r.check("unregularised: |Im(lambda)| = f'(0)", std::abs(l0[0].imag()), 0.5, 1e-15);

  const double gamma = 0.3;
  const games::dirac_gan r1{mm::loss::non_saturating{}, mm::loss::r1{gamma}};
  r.check("R1(0.3): Re(lambda) = -gamma/2", leading_real_part(r1), -gamma / 2, 1e-15);

  const double sigma = 1.0;
  const games::dirac_gan noisy{mm::loss::minimax{}, games::instance_noise{sigma}};
  r.check("instance noise(1): Re(lambda) = f''(0) sigma^2", leading_real_part(noisy), -0.25 * sigma * sigma, 1e-13);

  // A penalty that vanishes near the equilibrium cannot damp it: the Lipschitz penalty leaves WGAN's
  // eigenvalues +-i (Mescheder et al.'s point about WGAN-GP, which acts only where |psi| > 1 too).
  const games::dirac_gan lipschitz{mm::loss::wasserstein{}, lipschitz_penalty{10.0}};
  r.check("WGAN + a user's Lipschitz penalty: Re(lambda) = 0", leading_real_part(lipschitz), 0.0, 1e-15);

  r.say("Simultaneous steps, h = 0.1, from (1, 1), 3000 steps: the analysis' verdict, then the simulation");
  r.say("(a method that does not converge stays away from (0, 0); one that converges reaches it).");
  const mm::schemes::simultaneous step{0.1};
  const auto report = [&](const std::string& name, const auto& game, bool converges) {
    const auto a = mm::analyze(game, step, game.equilibrium());
    const auto run = mm::simulate(game, step, game.init(1.0, 1.0), 3000);
    const double distance = run.final_state().norm();
    r.check_that(name + ": rho = " + std::to_string(a.spectral_radius) + ", " + mm::to_string(a.verdict) +
                     "; distance to (0, 0) after 3000 steps = " + short_text(distance),
                 converges ? (a.verdict == mm::verdict::converges && distance < 1e-6)
                           : (a.verdict == mm::verdict::diverges && distance > 0.1));
  };
  report("GAN (saturating)", games::dirac_gan{mm::loss::minimax{}}, false);
  report("GAN (non-saturating)", plain, false);
  report("WGAN", games::dirac_gan{mm::loss::wasserstein{}}, false);
  report("GAN + R1(0.3)", r1, true);
  report("GAN + instance noise(1)", noisy, true);
  report("WGAN + Lipschitz penalty(10)", lipschitz, false);
}
//! [dirac gan]
