// Tests for include/minimax/games/as_game.hpp: a point game is a Game, the library's point games seen
// through it are their Eigen games step for step, and a user's game written once over arrays has the
// known answers of its linear dynamics.
#include <catch2/catch.hpp>

#include <cmath>
#include <complex>
#include <limits>
#include <type_traits>

#include <Eigen/Core>

#include "damped_rotation.hpp"

#include <minimax/dynamics/analysis.hpp>
#include <minimax/dynamics/jacobian.hpp>
#include <minimax/dynamics/schemes/extragradient.hpp>
#include <minimax/dynamics/schemes/optimistic.hpp>
#include <minimax/dynamics/schemes/simultaneous.hpp>
#include <minimax/dynamics/simulate.hpp>
#include <minimax/games/as_game.hpp>
#include <minimax/games/bilinear.hpp>
#include <minimax/games/dirac_gan.hpp>
#include <minimax/games/gaussian_gan.hpp>
#include <minimax/loss/gradient_penalty.hpp>
#include <minimax/loss/minimax.hpp>
#include <minimax/loss/non_saturating.hpp>
#include <minimax/loss/wasserstein.hpp>

namespace mm = minimax;
namespace games = minimax::games;

namespace {
constexpr double eps = std::numeric_limits<double>::epsilon();

using minimax_test::damped_rotation;

// The same game without a known equilibrium.
struct damped_rotation_unknown_equilibrium {
  static constexpr int dimension = 2;
  static constexpr int generator_dimension = 1;
  damped_rotation game;
  template <class T>
  MINIMAX_HOST_DEVICE void field(const T* z, T* v) const {
    game.field(z, v);
  }
  template <class T>
  MINIMAX_HOST_DEVICE T generator_loss(const T* z) const {
    return game.generator_loss(z);
  }
  template <class T>
  MINIMAX_HOST_DEVICE T discriminator_loss(const T* z) const {
    return game.discriminator_loss(z);
  }
  MINIMAX_HOST_DEVICE void project(double*) const {}
};

static_assert(mm::PointGameWithLosses<damped_rotation>);
static_assert(mm::GameWithEquilibrium<games::as_game<damped_rotation>>);
static_assert(mm::GameWithProjection<games::as_game<damped_rotation>>);
static_assert(mm::Game<games::as_game<damped_rotation_unknown_equilibrium>>);
static_assert(!mm::GameWithEquilibrium<games::as_game<damped_rotation_unknown_equilibrium>>);
static_assert(mm::PointGameWithLosses<games::scalar_bilinear>);
static_assert(mm::PointGameWithLosses<games::dirac_gan<mm::loss::minimax, mm::loss::r1>>);
static_assert(mm::PointGameWithLosses<games::dirac_gan<mm::loss::non_saturating, games::instance_noise>>);
static_assert(mm::PointGameWithLosses<games::gaussian_gan<mm::loss::non_saturating>>);

// The Eigen game and its point game through as_game: the same field, losses, projection and
// trajectory, bit for bit (they run the same operations), and the same Jacobian.
template <class Game>
void check_same_game(const Game& game, double step, long steps) {
  // the library's fixed-size games are point games themselves; games::bilinear gives its 1 x 1 form
  const auto point = [&] {
    if constexpr (mm::PointGame<Game>) {
      return game;
    } else {
      return game.point();
    }
  }();
  const games::as_game view{point};
  REQUIRE(view.dimension() == game.dimension());
  REQUIRE(view.generator_dimension() == game.generator_dimension());
  Eigen::VectorXd z(game.dimension());
  for (Eigen::Index i = 0; i < z.size(); ++i) z[i] = 0.7 - 0.31 * static_cast<double>(i);
  CHECK(view.vector_field(z) == game.vector_field(z));
  CHECK(view.generator_loss(z) == game.generator_loss(z));
  CHECK(view.discriminator_loss(z) == game.discriminator_loss(z));
  CHECK(mm::jacobian(view, z) == mm::jacobian(game, z));
  CHECK(mm::generator_loss_gradient(view, z) == mm::generator_loss_gradient(game, z));
  CHECK(mm::discriminator_loss_gradient(view, z) == mm::discriminator_loss_gradient(game, z));
  CHECK(view.equilibrium() == game.equilibrium());
  // a fixed-size form that is a Game itself (games::scalar_bilinear for the 1 x 1 bilinear game): its own
  // Eigen members agree too
  using point_type = std::remove_cvref_t<decltype(point)>;
  if constexpr (mm::Game<point_type>) {
    CHECK(point.vector_field(z) == game.vector_field(z));
    CHECK(point.generator_loss(z) == game.generator_loss(z));
    CHECK(point.discriminator_loss(z) == game.discriminator_loss(z));
    CHECK(mm::jacobian(point, z) == mm::jacobian(game, z));
    CHECK(mm::simulate(point, mm::schemes::optimistic{step}, z, steps).states.back() ==
          mm::simulate(game, mm::schemes::optimistic{step}, z, steps).states.back());
  }
  for (const auto& run : {std::pair{mm::simulate(view, mm::schemes::simultaneous{step}, z, steps),
                                    mm::simulate(game, mm::schemes::simultaneous{step}, z, steps)},
                          std::pair{mm::simulate(view, mm::schemes::extragradient{step}, z, steps),
                                    mm::simulate(game, mm::schemes::extragradient{step}, z, steps)}}) {
    REQUIRE(run.first.states.size() == run.second.states.size());
    CHECK(run.first.states.back() == run.second.states.back());
    CHECK(run.first.states.back() != z);
  }
}
}  // namespace

TEST_CASE("the library's point games seen as games are their Eigen games, bit for bit") {
  SECTION("bilinear") { check_same_game(games::bilinear{}, 0.1, 100); }
  SECTION("Dirac-GAN, minimax loss") { check_same_game(games::dirac_gan{mm::loss::minimax{}}, 0.2, 100); }
  SECTION("Dirac-GAN, non-saturating with R1") {
    check_same_game(games::dirac_gan{mm::loss::non_saturating{}, mm::loss::r1{0.3}}, 0.2, 100);
  }
  SECTION("Dirac-GAN, WGAN-GP") {
    check_same_game(games::dirac_gan{mm::loss::wasserstein{}, mm::loss::wgan_gp{0.5}}, 0.1, 100);
  }
  SECTION("Dirac-GAN, instance noise") {
    check_same_game(games::dirac_gan{mm::loss::non_saturating{}, games::instance_noise{0.7}}, 0.2, 30);
  }
  SECTION("Dirac-GAN, weight clipping: the projection too") {
    const games::dirac_gan clipped{mm::loss::wasserstein{}, games::weight_clipping{0.05}};
    check_same_game(clipped, 0.1, 100);
    Eigen::VectorXd z(2), w(2);
    z << 0.4, -0.3;
    w = z;
    games::as_game{clipped}.project(z);
    clipped.project(w);
    CHECK(z == w);
    CHECK(z[1] == -0.05);
  }
  SECTION("1-D Gaussian GAN") { check_same_game(games::gaussian_gan{mm::loss::non_saturating{}, 0.5, 1.5}, 0.05, 20); }
}

TEST_CASE("a user's game written once over arrays: its Jacobian, the analysis and the exact contraction") {
  const damped_rotation user{0.3, 1.0};
  const games::as_game game{user};
  const Eigen::VectorXd origin = game.equilibrium();
  CHECK(origin == Eigen::VectorXd::Zero(2));
  // the Jacobian by dual numbers through the user's field, and the losses' gradients
  Eigen::Matrix2d expected;
  expected << -0.3, -1.0, 1.0, -0.3;
  Eigen::VectorXd z(2);
  z << 0.8, -0.4;
  CHECK(mm::jacobian(game, z) == Eigen::MatrixXd(expected));
  // v = -(dL_G/dx, dL_D/dy)
  const Eigen::VectorXd v = game.vector_field(z);
  CHECK(std::abs(mm::generator_loss_gradient(game, z)[0] + v[0]) <= 4 * eps);
  CHECK(std::abs(mm::discriminator_loss_gradient(game, z)[1] + v[1]) <= 4 * eps);
  // simultaneous steps multiply |z| by |1 + h(-a + ib)| = sqrt((1 - ha)^2 + h^2 b^2) per step
  const double h = 0.2;
  const long steps = 50;
  const auto run = mm::simulate(game, mm::schemes::simultaneous{h}, z, steps);
  const double rate = std::sqrt((1 - h * 0.3) * (1 - h * 0.3) + h * h);
  const double expected_norm = z.norm() * std::pow(rate, static_cast<double>(steps));
  CHECK(std::abs(run.states.back().norm() - expected_norm) <= 64 * eps * expected_norm);
  // and the analysis of the same game says the same: eigenvalues -a +- ib, rho = rate, converges
  const auto report = mm::analyze(game, mm::schemes::simultaneous{h}, origin);
  CHECK(report.verdict == mm::verdict::converges);
  CHECK(std::abs(report.spectral_radius - rate) <= 8 * eps);
  const std::complex<double> lambda = report.jacobian_eigenvalues[0];
  CHECK(std::abs(lambda.real() + 0.3) <= 8 * eps);
  CHECK(std::abs(std::abs(lambda.imag()) - 1.0) <= 8 * eps);
}

TEST_CASE("as_game names itself on a point of the wrong size") {
  const games::as_game game{damped_rotation{}};
  const Eigen::VectorXd z = Eigen::VectorXd::Ones(3);
  CHECK_THROWS_WITH(game.vector_field(z), Catch::Contains("minimax::games::as_game::vector_field") &&
                                              Catch::Contains("3"));
  CHECK_THROWS_WITH(game.generator_loss(z), Catch::Contains("minimax::games::as_game::generator_loss"));
  CHECK_THROWS_WITH(game.discriminator_loss(z), Catch::Contains("minimax::games::as_game::discriminator_loss"));
  Eigen::VectorXd w = z;
  CHECK_THROWS_WITH(game.project(w), Catch::Contains("minimax::games::as_game::project"));
  CHECK_THROWS_WITH(mm::simulate(game, mm::schemes::simultaneous{0.1}, z, 10), Catch::Contains("minimax::simulate"));
}
