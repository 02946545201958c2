// An ensemble of small network GANs on a ring (G: 2 -> 8 tanh -> 2, D: 2 -> 8 tanh -> 1, batch 32,
// non-saturating loss, simultaneous steps): the Eigen backend's mixture_gan on one thread, member after
// member, against the Thrust ensemble of its point game (OMP threads or a GPU), in game-steps per second.
// Usage: bench_thrust_network_ensemble [members] [steps] [eigen members]
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include <Eigen/Core>

#include "minimax/dynamics/schemes/simultaneous.hpp"
#include "minimax/games/mixture_gan.hpp"
#include "minimax/loss/non_saturating.hpp"
#include "minimax/nn/activation.hpp"
#include "minimax/nn/dense.hpp"
#include "minimax/nn/initialiser.hpp"
#include "minimax/nn/sequential.hpp"
#include "minimax/prob/ring.hpp"
#include "minimax/thrust.hpp"
#include "timing.hpp"

namespace nn = minimax::nn;

int main(int argc, char** argv) {
  const long members = argc > 1 ? std::atol(argv[1]) : 1000;
  const long steps = argc > 2 ? std::atol(argv[2]) : 200;
  const long eigen_members = argc > 3 ? std::atol(argv[3]) : 100;
  using generator = nn::sequential<nn::dense<2, 8>, nn::tanh, nn::dense<8, 2>>;
  using discriminator = nn::sequential<nn::dense<2, 8>, nn::tanh, nn::dense<8, 1>>;
  constexpr int batch = 32;
  minimax::rng rng(7);
  const minimax::games::mixture_gan<generator, discriminator, minimax::loss::non_saturating> game(
      minimax::ring(8, 2.0, 0.05), batch, rng);
  const auto point = game.point<batch>();
  const minimax::schemes::simultaneous scheme{0.05};
  Eigen::MatrixXd starts(game.dimension(), members);
  for (long i = 0; i < members; ++i) starts.col(i) = game.init(nn::glorot{}, rng);
  const minimax::ensemble_options run_all{0.0, 1e300};  // every member takes every step
  minimax::ensemble_result result;
  const double t_thrust = median_seconds(3, [&] {
    result = minimax::simulate_ensemble(thrust::device, std::vector{point}, std::vector{scheme}, starts, steps, run_all);
  });
  double max_difference = 0;
  const double t_eigen = median_seconds(1, [&] {
    for (long i = 0; i < eigen_members; ++i) {
      auto s = scheme.start(game, Eigen::VectorXd(starts.col(i)));
      for (long k = 0; k < steps; ++k) scheme.advance(game, s);
      const double d = (s.z - result.final_state.col(i)).norm() / (1 + s.z.norm());
      max_difference = d > max_difference ? d : max_difference;
    }
  });
  const double rate_thrust = static_cast<double>(members * steps) / t_thrust;
  const double rate_eigen = static_cast<double>(eigen_members * steps) / t_eigen;
  std::printf("system %s: ring GAN, G 2-8-2 tanh, D 2-8-1 tanh (%d parameters), batch %d, simultaneous h = 0.05, %ld steps\n",
              bench_system(), static_cast<int>(game.dimension()), batch, steps);
  std::printf("| path | members | game-steps/s | speed-up |\n|---|---|---|---|\n");
  std::printf("| Eigen mixture_gan, 1 thread | %ld | %.3g | 1 |\n", eigen_members, rate_eigen);
  std::printf("| Thrust %s, mlp_gan_point | %ld | %.3g | %.1fx |\n", bench_system(), members, rate_thrust,
              rate_thrust / rate_eigen);
  std::printf("final states agree with the Eigen path: max relative difference %.2e over %ld members\n",
              max_difference, eigen_members);
  return 0;
}
