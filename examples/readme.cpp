// The code of README.md's "Using it" section, compiled and run so that it stays true.
#include <cmath>
#include <cstdio>

#include <minimax/minimax.hpp>

int main() {
  namespace mm = minimax;
  //! [readme]
  // distributions and divergences (nats), conventions explicit
  mm::normal p{0.0, 1.0}, q{1.0, 2.0};
  auto kl = mm::f_divergence<mm::f::kl>(p, q);  // value and quadrature error estimate
  auto a = mm::pmf::from(Eigen::Vector3d(0.5, 0.5, 0.0));
  auto b = mm::pmf::from(Eigen::Vector3d(0.0, 0.0, 1.0));
  double j = mm::jsd(a, b);  // exactly log 2: disjoint supports

  // the Dirac-GAN: which training methods converge?
  auto game = mm::games::dirac_gan{mm::loss::non_saturating{}, mm::loss::r1{0.3}};
  auto local = mm::analyze(game, mm::schemes::simultaneous{0.1}, game.equilibrium());  // eigenvalues, rho, verdict
  auto run = mm::simulate(game, mm::schemes::simultaneous{0.1}, game.init(1.0, 1.0), 500);
  //! [readme]

  // KL(N(0,1) || N(1,4)) = log(2) + (1 + 1)/8 - 1/2 in closed form
  const double kl_exact = std::log(2.0) + 2.0 / 8.0 - 0.5;
  std::printf("KL = %.15g (closed form %.15g, error estimate %.2g)\n", kl.value, kl_exact, kl.error_estimate);
  std::printf("JSD of disjoint pmfs = %.17g (log 2 = %.17g)\n", j, std::log(2.0));
  std::printf("Dirac-GAN + R1: rho = %.6f, %s; |z| after 500 steps = %.3g\n", local.spectral_radius,
              mm::to_string(local.verdict), run.final_state().norm());
  const bool ok = std::abs(kl.value - kl_exact) <= 1e-10 && j == std::log(2.0) &&
                  local.verdict == mm::verdict::converges && run.final_state().norm() < 1e-2;
  return ok ? 0 : 1;
}
