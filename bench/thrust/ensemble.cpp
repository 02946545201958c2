// An ensemble of Dirac-GANs (non-saturating loss, R1 regulariser, simultaneous steps): the Eigen
// backend's scheme on one thread, member after member, against the Thrust ensemble (OMP threads or
// a GPU), in game-steps per second.
// Usage: bench_thrust_ensemble [members] [steps] [eigen members]
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include <Eigen/Core>

#include "minimax/dynamics/schemes/simultaneous.hpp"
#include "minimax/games/dirac_gan.hpp"
#include "minimax/loss/gradient_penalty.hpp"
#include "minimax/loss/non_saturating.hpp"
#include "minimax/thrust.hpp"
#include "timing.hpp"

int main(int argc, char** argv) {
  const long members = argc > 1 ? std::atol(argv[1]) : 100'000;
  const long steps = argc > 2 ? std::atol(argv[2]) : 1000;
  const long eigen_members = argc > 3 ? std::atol(argv[3]) : members;
  const minimax::games::dirac_gan game{minimax::loss::non_saturating{}, minimax::loss::r1{0.3}};
  const minimax::schemes::simultaneous scheme{0.05};
  Eigen::MatrixXd starts(2, members);
  for (long i = 0; i < members; ++i) {
    const double a = 6.283185307179586 * static_cast<double>(i) / static_cast<double>(members);
    starts(0, i) = std::cos(a);
    starts(1, i) = std::sin(a);
  }
  const minimax::ensemble_options run_all{0.0, 1e300};  // every member takes every step
  minimax::ensemble_result result;
  const double t_thrust = median_seconds(3, [&] {
    result = minimax::simulate_ensemble(thrust::device, std::vector{game}, std::vector{scheme}, starts, steps,
                                        run_all);
  });
  // The fixed cost of a call (copies in and out, allocations), measured with 0 steps.
  const double t_setup = median_seconds(3, [&] {
    minimax::simulate_ensemble(thrust::device, std::vector{game}, std::vector{scheme}, starts, 0, run_all);
  });
  double checksum = 0;
  const double t_eigen = median_seconds(1, [&] {
    checksum = 0;
    for (long i = 0; i < eigen_members; ++i) {
      auto s = scheme.start(game, Eigen::VectorXd(starts.col(i)));
      for (long k = 0; k < steps; ++k) scheme.advance(game, s);
      checksum += s.z.norm();
    }
  });
  double ours = 0;
  for (long i = 0; i < eigen_members; ++i) ours += result.final_state.col(i).norm();
  const double rate_thrust = static_cast<double>(members * steps) / t_thrust;
  const double rate_eigen = static_cast<double>(eigen_members * steps) / t_eigen;
  std::printf("system %s: Dirac-GAN (non-saturating, R1 0.3), simultaneous h = 0.05, %ld steps\n", bench_system(), steps);
  std::printf("| path | members | game-steps/s | speed-up |\n|---|---|---|---|\n");
  std::printf("| Eigen, 1 thread | %ld | %.3g | 1 |\n", eigen_members, rate_eigen);
  std::printf("| Thrust %s | %ld | %.3g | %.1fx |\n", bench_system(), members, rate_thrust, rate_thrust / rate_eigen);
  std::printf("one call: %.2f ms, of which %.2f ms is the fixed cost (0 steps); without it %.3g game-steps/s\n",
              1e3 * t_thrust, 1e3 * t_setup, static_cast<double>(members * steps) / (t_thrust - t_setup));
  double mean_radius2 = 0;
  for (long i = 0; i < members; ++i) mean_radius2 += result.final_state.col(i).squaredNorm() / static_cast<double>(members);
  std::printf("mean final theta^2 + psi^2 over the ensemble: %.15e\n", mean_radius2);
  std::printf("final states agree: |sum of norms difference| = %.2e (over %ld members)\n", std::abs(ours - checksum),
              eigen_members);
  return 0;
}
