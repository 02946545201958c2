// Ensembles of small fixed-size network games (games::mlp_gan_point) against the Eigen backend's
// games::mixture_gan on the same batches, and the stationarity outcome on a game whose stationary
// points are known. Compiled three times: device system CPP and OMP by the host compiler, CUDA by nvcc.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include <Eigen/Core>

#include "minimax/core/dual.hpp"
#include "minimax/dynamics/jacobian.hpp"
#include "minimax/dynamics/schemes/alternating.hpp"
#include "minimax/dynamics/schemes/consensus.hpp"
#include "minimax/dynamics/schemes/extragradient.hpp"
#include "minimax/dynamics/schemes/gradient_flow.hpp"
#include "minimax/dynamics/schemes/momentum.hpp"
#include "minimax/dynamics/schemes/optimistic.hpp"
#include "minimax/dynamics/schemes/simultaneous.hpp"
#include "minimax/games/as_game.hpp"
#include "minimax/games/mixture_gan.hpp"
#include "minimax/loss/least_squares.hpp"
#include "minimax/loss/minimax.hpp"
#include "minimax/loss/non_saturating.hpp"
#include "minimax/loss/wasserstein.hpp"
#include "minimax/nn/activation.hpp"
#include "minimax/nn/dense.hpp"
#include "minimax/nn/initialiser.hpp"
#include "minimax/nn/sequential.hpp"
#include "minimax/prob/ring.hpp"
#include "minimax/thrust.hpp"
#include "thrust_helpers.hpp"

namespace {

using minimax_test::eigen_run;

namespace nn = minimax::nn;
using generator = nn::sequential<nn::dense<2, 6>, nn::tanh, nn::dense<6, 2>>;
using discriminator = nn::sequential<nn::dense<2, 6>, nn::leaky_relu, nn::dense<6, 4>, nn::softplus, nn::dense<4, 1>>;
constexpr int batch = 12;

template <class Loss>
using ring_game = minimax::games::mixture_gan<generator, discriminator, Loss>;

template <class Loss>
ring_game<Loss> make_ring_game(minimax::rng& g, Loss loss = {}) {
  return ring_game<Loss>(minimax::ring(8, 2.0, 0.05), batch, g, loss);
}

// Starting points: Glorot weights with small random biases (so no coordinate is exactly 0).
template <class Game>
Eigen::MatrixXd starts(const Game& game, int members, minimax::rng& g) {
  Eigen::MatrixXd z(game.dimension(), members);
  for (int i = 0; i < members; ++i) {
    z.col(i) = game.init(nn::glorot{}, g);
    for (Eigen::Index c = 0; c < z.rows(); ++c) z(c, i) += 0.05 * g.normal();
  }
  return z;
}

template <class Game, class Scheme>
void check_trajectories(const Game& game, const Scheme& scheme, long steps, minimax::rng& g) {
  const Eigen::MatrixXd z0 = starts(game, 6, g);
  const auto out = minimax::simulate_ensemble(thrust::device, std::vector{game.template point<batch>()},
                                              std::vector{scheme}, z0, steps, {0.0, 1e300});
  for (int i = 0; i < z0.cols(); ++i) {
    const Eigen::VectorXd expected = eigen_run(game, scheme, z0.col(i), steps);
    INFO("member " << i << ", distance travelled " << (expected - z0.col(i)).norm());
    CHECK(out.status[static_cast<std::size_t>(i)] == minimax::ensemble_status::cycling);
    CHECK(out.steps[static_cast<std::size_t>(i)] == steps);
    // sample-by-sample sums against blocked products: rounding grows along the trajectory
    CHECK((out.final_state.col(i) - expected).norm() <= 1e-11 * (1 + expected.norm()));
  }
}

template <class Point>
Eigen::VectorXd point_field(const Point& p, const Eigen::VectorXd& z) {
  Eigen::VectorXd v(Point::dimension);
  p.field(z.data(), v.data());
  return v;
}

}  // namespace

TEST_CASE("the network point game is trivially copyable and sized as the networks") {
  using point = minimax::games::mlp_gan_point<generator, discriminator, minimax::loss::minimax, batch>;
  STATIC_REQUIRE(std::is_trivially_copyable_v<point>);
  STATIC_REQUIRE(point::generator_dimension == generator::parameter_count);
  STATIC_REQUIRE(point::dimension == generator::parameter_count + discriminator::parameter_count);
}

TEST_CASE("the network point game's field is mixture_gan's field on the same batches") {
  minimax::rng g(11);
  const auto check = [&](const auto& game) {
    const auto p = game.template point<batch>();
    for (int trial = 0; trial < 4; ++trial) {
      const Eigen::VectorXd z = starts(game, 1, g).col(0);
      const Eigen::VectorXd expected = game.template vector_field<double>(z);
      CHECK((point_field(p, z) - expected).norm() <= 64 * std::numeric_limits<double>::epsilon() * (1 + expected.norm()));
      // on dual numbers (what consensus uses): J w, against the Eigen backend's exact Jacobian
      Eigen::VectorXd w(z.size());
      for (Eigen::Index c = 0; c < z.size(); ++c) w[c] = g.normal();
      std::vector<minimax::dual<double>> zd(static_cast<std::size_t>(z.size())), vd(zd.size());
      for (Eigen::Index c = 0; c < z.size(); ++c) zd[static_cast<std::size_t>(c)] = {z[c], w[c]};
      p.field(zd.data(), vd.data());
      const Eigen::VectorXd jw = minimax::jacobian(game, z) * w;
      Eigen::VectorXd jw_point(z.size());
      for (Eigen::Index c = 0; c < z.size(); ++c) jw_point[c] = vd[static_cast<std::size_t>(c)].derivative;
      CHECK((jw_point - jw).norm() <= 1e-12 * (1 + jw.norm()));
      // the losses too, and as a Game (games::as_game) their gradients are minus the field's blocks
      const minimax::games::as_game view{p};
      const double lg = game.template generator_loss<double>(z), ld = game.template discriminator_loss<double>(z);
      CHECK(std::abs(view.generator_loss(z) - lg) <= 64 * std::numeric_limits<double>::epsilon() * (1 + std::abs(lg)));
      CHECK(std::abs(view.discriminator_loss(z) - ld) <= 64 * std::numeric_limits<double>::epsilon() * (1 + std::abs(ld)));
      const Eigen::Index nG = game.generator_dimension();
      const Eigen::VectorXd dG = minimax::generator_loss_gradient(view, z);
      const Eigen::VectorXd dD = minimax::discriminator_loss_gradient(view, z);
      CHECK((dG.head(nG) + expected.head(nG)).norm() <= 1e-12 * (1 + expected.norm()));
      CHECK((dD.tail(z.size() - nG) + expected.tail(z.size() - nG)).norm() <= 1e-12 * (1 + expected.norm()));
    }
  };
  SECTION("non-saturating") { check(make_ring_game<minimax::loss::non_saturating>(g)); }
  SECTION("minimax") { check(make_ring_game<minimax::loss::minimax>(g)); }
  SECTION("Wasserstein") { check(make_ring_game<minimax::loss::wasserstein>(g)); }
  SECTION("least squares (slopes by dual numbers)") {
    check(make_ring_game(g, minimax::loss::least_squares{-1.0, 1.0, 0.0}));
  }
}

TEST_CASE("every scheme on the network game follows the Eigen backend's trajectory") {
  minimax::rng g(12);
  const auto game = make_ring_game<minimax::loss::non_saturating>(g);
  SECTION("simultaneous, TTUR") { check_trajectories(game, minimax::schemes::simultaneous{0.05, 0.1}, 60, g); }
  SECTION("alternating, n_D = 2") { check_trajectories(game, minimax::schemes::alternating{0.05, 0.05, 2}, 60, g); }
  SECTION("extragradient") { check_trajectories(game, minimax::schemes::extragradient{0.05}, 60, g); }
  SECTION("optimistic") { check_trajectories(game, minimax::schemes::optimistic{0.05}, 60, g); }
  SECTION("negative momentum") { check_trajectories(game, minimax::schemes::momentum{0.05, -0.3, true}, 60, g); }
  SECTION("consensus") { check_trajectories(game, minimax::schemes::consensus{0.05, 0.5}, 30, g); }
  SECTION("gradient flow (RK4)") { check_trajectories(game, minimax::schemes::gradient_flow{0.05}, 30, g); }
}

// A linear generator x = a e + b against a linear discriminator D(x) = w x + c, minimax loss, with
// every real and noise sample at 0 (filled in directly): the field is
// v = (0, s w, -s b, 1 - sigma(c) - s) with s = sigma(w b + c), so it vanishes exactly on the line
// b = w = c = 0 (a free). There the (b, w) block of the Jacobian is [[0, 1/2], [-1/2, 0]], the
// Dirac-GAN's: plain simultaneous steps spiral away, consensus optimisation settles.
TEST_CASE("stationarity: consensus settles a linear GAN where simultaneous steps do not") {
  using line = nn::sequential<nn::dense<1, 1>>;
  const minimax::games::mlp_gan_point<line, line, minimax::loss::minimax, batch> point{};
  const int members = 32;
  minimax::rng g(13);
  Eigen::MatrixXd z0(4, members);  // (a, b, w, c)
  for (int i = 0; i < members; ++i) z0.col(i) << 0.5 + 0.05 * i, 0.3 * g.normal(), 0.3 * g.normal(), 0.3 * g.normal();
  const double tolerance = 1e-9;
  const auto settled = minimax::simulate_ensemble(thrust::device, std::vector{point},
                                                  std::vector{minimax::schemes::consensus{0.1, 1.0}}, z0, 20000,
                                                  {tolerance, 1e3});
  CHECK(settled.count(minimax::ensemble_status::converged) == members);
  for (int i = 0; i < members; ++i) {
    const auto k = static_cast<std::size_t>(i);
    INFO("member " << i << " after " << settled.steps[k] << " steps");
    const Eigen::VectorXd z = settled.final_state.col(i);
    const double field = point_field(point, z).norm();
    CHECK(field <= tolerance);
    CHECK(std::abs(settled.distance[k] - field) <= 1e-3 * tolerance);
    CHECK(settled.steps[k] > 0);
    CHECK(z[0] == z0(0, i));  // no noise reaches the slope: its field is exactly 0
    CHECK(std::abs(z[1]) <= 1e-8);
    CHECK(std::abs(z[2]) <= 1e-8);
    CHECK(std::abs(z[3]) <= 1e-8);
  }
  const auto plain = minimax::simulate_ensemble(thrust::device, std::vector{point},
                                                std::vector{minimax::schemes::simultaneous{0.1}}, z0, 20000,
                                                {tolerance, 1e3});
  CHECK(plain.count(minimax::ensemble_status::converged) == 0);
  for (int i = 0; i < members; ++i) {
    const auto k = static_cast<std::size_t>(i);
    const Eigen::VectorXd z = plain.final_state.col(i);
    // the orbit's radius in (b, w) grew from where it started
    CHECK(std::hypot(z[1], z[2]) > std::hypot(z0(1, i), z0(2, i)));
    CHECK(plain.distance[k] > 1e-3);
  }
}

TEST_CASE("a network member at a stationary point converges at step 0; far away, it diverges at once") {
  using line = nn::sequential<nn::dense<1, 1>>;
  using game_type = minimax::games::mixture_gan<line, line, minimax::loss::minimax>;
  Eigen::MatrixXd modes(1, 1);
  modes << 2.0;
  minimax::rng g(14);
  const game_type game(minimax::isotropic_mixture(modes, 0.5), batch, g);
  Eigen::MatrixXd z0(4, 2);
  z0.col(0) << 1.0, game.real.mean() - game.noise.mean(), 0.0, 0.0;
  z0.col(1) << 2e3, 0.0, 0.0, 0.0;
  const auto out = minimax::simulate_ensemble(thrust::device, std::vector{game.point<batch>()},
                                              std::vector{minimax::schemes::simultaneous{0.1}}, z0, 100, {1e-12, 1e3});
  CHECK(out.status[0] == minimax::ensemble_status::converged);
  CHECK(out.steps[0] == 0);
  CHECK(out.distance[0] <= 1e-12);
  CHECK(out.status[1] == minimax::ensemble_status::diverged);
  CHECK(out.steps[1] == 0);
}

TEST_CASE("the network point game's bad input is named") {
  minimax::rng g(15);
  const auto game = make_ring_game<minimax::loss::minimax>(g);
  CHECK_THROWS_WITH(game.point<batch + 1>(), Catch::Contains("minimax::games::mixture_gan::point") &&
                                                   Catch::Contains("batch size 12"));
}
