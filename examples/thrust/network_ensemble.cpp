// Many starts of a small network GAN at once: a 1-D GAN of two one-hidden-layer networks on a
// fixed batch, swept over step size x starting point on the Thrust backend. A network game has no
// equilibrium in closed form, so each member is judged by stationarity: at rest once the field's
// norm is small, diverged once its parameters leave a ball. Every member found at rest is checked
// against the Eigen backend's field on the host. Built with the minimax::thrust target (OMP or CPP
// here; the same source compiles with nvcc).
#include <cmath>
#include <cstdio>
#include <type_traits>
#include <vector>

#include <Eigen/Core>

#include "minimax/dynamics/schemes/simultaneous.hpp"
#include "minimax/games/mixture_gan.hpp"
#include "minimax/loss/non_saturating.hpp"
#include "minimax/nn/activation.hpp"
#include "minimax/nn/dense.hpp"
#include "minimax/nn/initialiser.hpp"
#include "minimax/nn/sequential.hpp"
#include "minimax/thrust.hpp"

namespace nn = minimax::nn;

int main() {
  //! [network ensemble]
  // G: noise in R -> 4 tanh units -> R; D: R -> 4 tanh units -> logit; data: modes at -1 and 1.
  using generator = nn::sequential<nn::dense<1, 4>, nn::tanh, nn::dense<4, 1>>;
  using discriminator = nn::sequential<nn::dense<1, 4>, nn::tanh, nn::dense<4, 1>>;
  using game_type = minimax::games::mixture_gan<generator, discriminator, minimax::loss::non_saturating>;
  constexpr int batch = 16;
  Eigen::MatrixXd modes(2, 1);
  modes << -1.0, 1.0;
  minimax::rng rng(2026);
  const game_type game(minimax::isotropic_mixture(modes, 0.1), batch, rng);
  const auto point = game.point<batch>();  // the same networks and batch, one sample at a time

  std::vector<Eigen::VectorXd> starts;  // Glorot starts, one per row of the diagram
  std::vector<double> start_index, step_sizes{0.05, 0.2, 0.8, 3.2, 12.8};
  for (int j = 0; j < 12; ++j) {
    starts.push_back(game.init(nn::glorot{}, rng));
    start_index.push_back(j);
  }
  using scheme = minimax::schemes::simultaneous;
  using member = minimax::ensemble_member<std::remove_const_t<decltype(point)>, scheme>;
  const minimax::ensemble_options options{1e-2, 1e3};  // at rest once |v(z)| <= 1e-2; diverged once |z| > 1e3
  const auto diagram = minimax::sweep(
      thrust::device, step_sizes, start_index,
      [&](double h, double j) {
        member m{point, scheme{h}, {}};
        const Eigen::VectorXd& z0 = starts[static_cast<std::size_t>(j)];
        for (Eigen::Index c = 0; c < z0.size(); ++c) m.start[static_cast<std::size_t>(c)] = z0[c];
        return m;
      },
      1500, options);
  //! [network ensemble]

  // R: at rest after that many steps, ~ still moving, D diverged. R* marks a member at rest with its
  // samples' mean more than 1 away from the data's: the discriminator's units saturated and the
  // gradients vanished -- a stationary point that is not an equilibrium (Arjovsky & Bottou 2017).
  int wrong = 0, saturated = 0;
  std::printf("start \\ h ");
  for (const double h : step_sizes) std::printf("%8.2f", h);
  std::printf("\n");
  for (std::size_t j = 0; j < start_index.size(); ++j) {
    std::printf("%9zu ", j);
    for (std::size_t i = 0; i < step_sizes.size(); ++i) {
      const auto outcome = diagram.at(i, j);
      if (outcome == minimax::ensemble_status::converged) {
        const std::size_t k = j * step_sizes.size() + i;
        const Eigen::VectorXd z = diagram.result.final_state.col(static_cast<Eigen::Index>(k));
        // the Eigen backend's field at the member's final point: at rest there too
        if (!(game.vector_field<double>(z).norm() <= 1.001 * options.tolerance)) ++wrong;
        const bool far = std::abs(game.generate(z, game.noise).mean() - game.real.mean()) > 1.0;
        saturated += far ? 1 : 0;
        std::printf(" %s%5ld", far ? "R*" : " R", diagram.steps_at(i, j));
      } else {
        std::printf("%8s", outcome == minimax::ensemble_status::cycling ? "~" : "D");
      }
    }
    std::printf("\n");
  }
  std::printf("%d members at rest far from the data (R*)\n", saturated);
  std::printf("%d members at rest in the ensemble but not by the Eigen backend's field\n", wrong);
  return wrong == 0 ? 0 : 1;
}
