// Ensembles of games on Thrust against the Eigen backend's schemes and the known answers of the
// dynamics. This file is compiled three times: device system CPP and OMP by the host compiler,
// CUDA by nvcc.
#include <catch2/catch.hpp>

#include <cmath>
#include <complex>
#include <limits>
#include <vector>

#include <Eigen/Core>

#include "damped_rotation.hpp"
#include "heun_scheme.hpp"

#include "minimax/dynamics/analysis.hpp"
#include "minimax/dynamics/schemes/alternating.hpp"
#include "minimax/dynamics/schemes/consensus.hpp"
#include "minimax/dynamics/schemes/extragradient.hpp"
#include "minimax/dynamics/schemes/gradient_flow.hpp"
#include "minimax/dynamics/schemes/momentum.hpp"
#include "minimax/dynamics/schemes/optimistic.hpp"
#include "minimax/dynamics/schemes/simultaneous.hpp"
#include "minimax/dynamics/simulate.hpp"
#include "minimax/games/as_game.hpp"
#include "minimax/games/bilinear.hpp"
#include "minimax/games/dirac_gan.hpp"
#include "minimax/games/gaussian_gan.hpp"
#include "minimax/loss/gradient_penalty.hpp"
#include "minimax/loss/minimax.hpp"
#include "minimax/loss/non_saturating.hpp"
#include "minimax/loss/wasserstein.hpp"
#include "minimax/thrust.hpp"
#include "thrust_helpers.hpp"

namespace {

using minimax_test::eigen_run;

Eigen::MatrixXd starts_on_circle(int members, double radius) {
  Eigen::MatrixXd z(2, members);
  for (int i = 0; i < members; ++i) {
    const double a = 0.1 + 2.0 * 3.141592653589793 * i / members;
    z(0, i) = radius * std::cos(a);
    z(1, i) = radius * std::sin(a);
  }
  return z;
}

// The game as the ensembles take it: the library's fixed-size games are point games themselves;
// games::bilinear gives its 1 x 1 form.
template <class Game>
auto point_of(const Game& game) {
  if constexpr (minimax::PointGame<Game>) {
    return game;
  } else {
    return game.point();
  }
}

// Every member's final point equals the Eigen backend's after the same steps (none stops early:
// tolerance 0 and a huge bound), to rounding: a few hundred eps of the orbit's size.
template <class Game, class Scheme>
void check_against_eigen(const Game& game, const Scheme& scheme, long steps) {
  const Eigen::MatrixXd z0 = starts_on_circle(16, 0.8);
  const auto result = minimax::simulate_ensemble(thrust::device, std::vector{point_of(game)}, std::vector{scheme}, z0,
                                                 steps, {0.0, 1e300});
  for (int i = 0; i < z0.cols(); ++i) {
    const Eigen::VectorXd expected = eigen_run(game, scheme, z0.col(i), steps);
    INFO("member " << i);
    CHECK(result.steps[static_cast<std::size_t>(i)] == steps);
    CHECK((result.final_state.col(i) - expected).norm() <=
          512 * std::numeric_limits<double>::epsilon() * (1 + expected.norm()));
  }
}

}  // namespace

TEST_CASE("every scheme of the ensemble follows the Eigen backend's trajectory") {
  const minimax::games::dirac_gan ns_r1{minimax::loss::non_saturating{}, minimax::loss::r1{0.3}};
  const minimax::games::dirac_gan gan{minimax::loss::minimax{}};
  const minimax::games::dirac_gan wgan_gp{minimax::loss::wasserstein{}, minimax::loss::wgan_gp{1.0}};
  const minimax::games::dirac_gan clipped{minimax::loss::wasserstein{}, minimax::games::weight_clipping{0.5}};
  const minimax::games::bilinear bilinear;
  SECTION("simultaneous, TTUR") { check_against_eigen(ns_r1, minimax::schemes::simultaneous{0.1, 0.3}, 200); }
  SECTION("alternating, n_D = 3") { check_against_eigen(gan, minimax::schemes::alternating{0.1, 0.05, 3}, 200); }
  SECTION("extragradient") { check_against_eigen(bilinear, minimax::schemes::extragradient{0.2}, 200); }
  SECTION("optimistic") { check_against_eigen(gan, minimax::schemes::optimistic{0.1}, 200); }
  SECTION("negative momentum, alternating") {
    check_against_eigen(ns_r1, minimax::schemes::momentum{0.1, -0.5, true}, 200);
  }
  SECTION("momentum, simultaneous") { check_against_eigen(wgan_gp, minimax::schemes::momentum{0.05, 0.3}, 200); }
  SECTION("consensus") { check_against_eigen(gan, minimax::schemes::consensus{0.1, 0.5}, 200); }
  SECTION("gradient flow (RK4)") { check_against_eigen(bilinear, minimax::schemes::gradient_flow{0.05}, 200); }
  SECTION("weight clipping") { check_against_eigen(clipped, minimax::schemes::simultaneous{0.1}, 200); }
  SECTION("extragradient, TTUR") { check_against_eigen(ns_r1, minimax::schemes::extragradient{0.1, 0.3}, 200); }
  SECTION("optimistic, TTUR") { check_against_eigen(gan, minimax::schemes::optimistic{0.05, 0.15}, 200); }
  SECTION("consensus, TTUR") { check_against_eigen(gan, minimax::schemes::consensus{0.1, 0.2, 0.5}, 200); }
  SECTION("momentum, TTUR, simultaneous and alternating") {
    check_against_eigen(wgan_gp, minimax::schemes::momentum{0.05, 0.1, 0.3, false}, 200);
    check_against_eigen(ns_r1, minimax::schemes::momentum{0.1, 0.2, -0.5, true}, 200);
  }
}

namespace {

// A user's scheme, not one of minimax::schemes: Heun's predictor-corrector step, its update written
// once over the game's view (tests/support/heun_scheme.hpp).
using minimax_test::heun;

static_assert(minimax::Scheme<heun, minimax::games::bilinear>);
static_assert(minimax::PointScheme<heun, minimax::games::scalar_bilinear>);
static_assert(minimax::PointScheme<minimax::schemes::consensus, minimax::games::scalar_bilinear>);
// a scheme with only the Eigen form is not a point scheme
struct eigen_only {
  template <minimax::Game G>
  minimax::scheme_state start(const G&, const Eigen::VectorXd& z0) const {
    return {z0, {}, 0};
  }
  template <minimax::Game G>
  void advance(const G&, minimax::scheme_state& s) const {
    ++s.step;
  }
};
static_assert(minimax::Scheme<eigen_only, minimax::games::bilinear>);
static_assert(!minimax::PointScheme<eigen_only, minimax::games::scalar_bilinear>);

}  // namespace

TEST_CASE("a user's scheme runs in the ensemble: Heun's method, the Eigen trajectory and its known growth") {
  // On V = xy the field is a rotation, v = Az with eigenvalues +-i; Heun's step is I + hA + h^2 A^2 / 2,
  // so the radius grows by |1 + ih - h^2/2| = sqrt(1 + h^4/4) per step, on both backends.
  const minimax::games::bilinear bilinear;
  check_against_eigen(bilinear, heun{0.2}, 200);
  const minimax::games::dirac_gan ns_r1{minimax::loss::non_saturating{}, minimax::loss::r1{0.3}};
  check_against_eigen(ns_r1, heun{0.1}, 200);
  const double h = 0.2, r0 = 0.5;
  const long steps = 100;
  const auto out = minimax::simulate_ensemble(thrust::device, std::vector{bilinear.point()}, std::vector{heun{h}},
                                              starts_on_circle(8, r0), steps, {0.0, 1e300});
  const double expected = r0 * std::pow(1 + h * h * h * h / 4, steps / 2.0);
  for (const double d : out.distance) CHECK(std::abs(d - expected) <= 64 * std::numeric_limits<double>::epsilon() * expected);
  const Eigen::VectorXd z = eigen_run(bilinear, heun{h}, starts_on_circle(1, r0).col(0), steps);
  CHECK(std::abs(z.norm() - expected) <= 64 * std::numeric_limits<double>::epsilon() * expected);
}

namespace {
using minimax_test::damped_rotation;
static_assert(minimax::PointGame<damped_rotation> && minimax::Game<minimax::games::as_game<damped_rotation>>);
}  // namespace

TEST_CASE("a user's game and a user's scheme, each one type, on both backends: the same trajectory and the known rate") {
  //! [user game on both backends]
  const damped_rotation user{0.05, 1.0};
  const minimax::games::as_game game{user};  // the Eigen backend's view of the same type
  const double h = 0.2;
  const long steps = 100;
  // Eigen: minimax::simulate; Thrust: minimax::simulate_ensemble, 16 members around a circle
  const auto run = minimax::simulate(game, heun{h}, starts_on_circle(1, 0.5).col(0), steps);
  const auto out = minimax::simulate_ensemble(thrust::device, std::vector{user}, std::vector{heun{h}},
                                              starts_on_circle(16, 0.5), steps, {0.0, 1e300});
  //! [user game on both backends]
  // The Jacobian is the scaled rotation [[-a, -b], [b, -a]], eigenvalue lambda = -a + ib, so Heun's
  // step multiplies |z| by |1 + h lambda + (h lambda)^2 / 2| exactly, on both backends.
  const std::complex<double> hl = h * std::complex<double>(-0.05, 1.0);
  const double expected = 0.5 * std::pow(std::abs(1.0 + hl + 0.5 * hl * hl), static_cast<double>(steps));
  const double tol = 64 * std::numeric_limits<double>::epsilon() * expected;
  CHECK(std::abs(run.states.back().norm() - expected) <= tol);
  for (const double d : out.distance) CHECK(std::abs(d - expected) <= tol);
  CHECK((out.final_state.col(0) - run.states.back()).norm() <= 512 * std::numeric_limits<double>::epsilon());
  // and every scheme of the library on the same user game follows the Eigen backend's trajectory
  check_against_eigen(game, heun{h}, 200);
  check_against_eigen(game, minimax::schemes::simultaneous{0.1, 0.3}, 200);
  check_against_eigen(game, minimax::schemes::extragradient{0.2}, 200);
  check_against_eigen(game, minimax::schemes::optimistic{0.1}, 200);
  check_against_eigen(game, minimax::schemes::consensus{0.1, 0.5}, 200);
  check_against_eigen(game, minimax::schemes::gradient_flow{0.05}, 200);
}

TEST_CASE("instance noise on the point path: the Eigen trajectory, and convergence as the analysis says") {
  const minimax::games::dirac_gan noisy{minimax::loss::non_saturating{}, minimax::games::instance_noise{0.7}};
  check_against_eigen(noisy, minimax::schemes::simultaneous{0.2}, 100);
  check_against_eigen(noisy, minimax::schemes::consensus{0.1, 0.3}, 50);
  const minimax::schemes::simultaneous step{0.2};
  REQUIRE(minimax::analyze(noisy, step, noisy.equilibrium()).verdict == minimax::verdict::converges);
  const auto out = minimax::simulate_ensemble(thrust::device, std::vector{noisy}, std::vector{step},
                                              starts_on_circle(16, 0.3), 20000, {1e-6, 1e3});
  CHECK(out.count(minimax::ensemble_status::converged) == 16);
}

namespace {
// A user's regulariser with every role: sample noise, a zero-centred gradient penalty and a
// one-sided projection, its members callable on the device.
struct noisy_penalised_clipped {
  double sigma = 0.6, gamma = 0.5, c = 0.4;
  MINIMAX_HOST_DEVICE double noise_standard_deviation() const { return sigma; }
  template <class T>
  MINIMAX_HOST_DEVICE T penalty_at_gradient(const T& g) const {
    return T(0.5 * gamma) * g * g;
  }
  template <class T>
  MINIMAX_HOST_DEVICE T penalty_slope_at_gradient(const T& g) const {
    return T(gamma) * g;
  }
  MINIMAX_HOST_DEVICE double projected_discriminator_parameter(double w) const {
    return w < 0.0 ? 0.0 : (w > c ? c : w);
  }
};
}  // namespace

TEST_CASE("a user's regulariser on the point path: the Eigen trajectory with noise, penalty and projection") {
  const minimax::games::dirac_gan game{minimax::loss::non_saturating{}, noisy_penalised_clipped{}};
  check_against_eigen(game, minimax::schemes::simultaneous{0.2}, 100);
  check_against_eigen(game, minimax::schemes::extragradient{0.2}, 50);
}

TEST_CASE("the 1-D Gaussian GAN ensemble follows the Eigen backend and rests at its equilibrium") {
  const minimax::games::gaussian_gan game{minimax::loss::non_saturating{}, 0.5, 1.5};
  Eigen::MatrixXd z0(5, 4);
  for (int i = 0; i < 4; ++i) z0.col(i) = game.init(0.5 + 0.3 * i, 1.0 + 0.2 * i);
  for (const double h : {0.05, 0.2}) {
    const minimax::schemes::simultaneous step{h};
    const auto out = minimax::simulate_ensemble(thrust::device, std::vector{game}, std::vector{step}, z0, 60,
                                                {0.0, 1e300});
    for (int i = 0; i < 4; ++i) {
      const Eigen::VectorXd expected = eigen_run(game, step, z0.col(i), 60);
      CHECK((out.final_state.col(i) - expected).norm() <= 1e-12 * (1 + expected.norm()));
    }
  }
  const minimax::schemes::consensus consensus{0.05, 0.5};
  const auto with_consensus = minimax::simulate_ensemble(thrust::device, std::vector{game},
                                                         std::vector{consensus}, z0, 20, {0.0, 1e300});
  for (int i = 0; i < 4; ++i) {
    const Eigen::VectorXd expected = eigen_run(game, consensus, z0.col(i), 20);
    CHECK((with_consensus.final_state.col(i) - expected).norm() <= 1e-12 * (1 + expected.norm()));
  }
  // At the equilibrium (m, sigma, 0, 0, 0) the field vanishes: the member has converged at step 0.
  Eigen::MatrixXd rest(5, 1);
  rest.col(0) = game.equilibrium();
  const auto at_rest = minimax::simulate_ensemble(thrust::device, std::vector{game},
                                                  std::vector{minimax::schemes::simultaneous{0.1}}, rest, 100);
  CHECK(at_rest.status[0] == minimax::ensemble_status::converged);
  CHECK(at_rest.steps[0] == 0);
}

TEST_CASE("known answers: bilinear steps spiral out by sqrt(1 + h^2), RK4 keeps the circle") {
  const double h = 0.1, r0 = 0.5;
  const long steps = 100;
  const auto out = minimax::simulate_ensemble(thrust::device, std::vector{minimax::games::scalar_bilinear{1.0}},
                                              std::vector{minimax::schemes::simultaneous{h}}, starts_on_circle(8, r0),
                                              steps, {0.0, 1e300});
  const double expected = r0 * std::pow(1 + h * h, steps / 2.0);
  for (const double d : out.distance) CHECK(std::abs(d - expected) <= 64 * std::numeric_limits<double>::epsilon() * expected);
  CHECK(out.count(minimax::ensemble_status::cycling) == 8);
  const auto flow = minimax::simulate_ensemble(thrust::device, std::vector{minimax::games::scalar_bilinear{1.0}},
                                               std::vector{minimax::schemes::gradient_flow{0.01}},
                                               starts_on_circle(8, r0), 628, {0.0, 1e300});
  for (const double d : flow.distance) CHECK(std::abs(d - r0) <= 1e-9);
}

TEST_CASE("outcomes agree with the linear analysis: R1 converges, the plain GAN does not") {
  const Eigen::MatrixXd z0 = starts_on_circle(32, 0.3);
  const minimax::ensemble_options opts{1e-6, 1e3};
  const minimax::games::dirac_gan r1{minimax::loss::non_saturating{}, minimax::loss::r1{1.0}};
  const minimax::schemes::simultaneous step{0.1};
  REQUIRE(minimax::analyze(r1, step, r1.equilibrium()).verdict == minimax::verdict::converges);
  const auto converging = minimax::simulate_ensemble(thrust::device, std::vector{r1}, std::vector{step}, z0,
                                                     5000, opts);
  CHECK(converging.count(minimax::ensemble_status::converged) == 32);
  for (const double d : converging.distance) CHECK(d <= 1e-6);
  const minimax::games::dirac_gan plain{minimax::loss::non_saturating{}};
  REQUIRE(minimax::analyze(plain, step, plain.equilibrium()).verdict == minimax::verdict::diverges);
  const auto spiralling = minimax::simulate_ensemble(thrust::device, std::vector{plain}, std::vector{step},
                                                     z0, 5000, opts);
  CHECK(spiralling.count(minimax::ensemble_status::converged) == 0);
}

TEST_CASE("a diverging member stops with its step count, a converged one too") {
  // Simultaneous steps on the bilinear game multiply the radius by sqrt(1 + h^2) each step: from
  // radius 1 with h = 1, the bound 100 is first exceeded after ceil(2 log 100 / log 2) = 14 steps.
  const auto out = minimax::simulate_ensemble(thrust::device, std::vector{minimax::games::scalar_bilinear{1.0}},
                                              std::vector{minimax::schemes::simultaneous{1.0}},
                                              starts_on_circle(4, 1.0), 1000, {0.0, 100.0});
  CHECK(out.count(minimax::ensemble_status::diverged) == 4);
  for (const long s : out.steps) CHECK(s == 14);
  // A member that starts at the equilibrium has converged after 0 steps.
  const auto at_rest = minimax::simulate_ensemble(thrust::device, std::vector{minimax::games::scalar_bilinear{1.0}},
                                                  std::vector{minimax::schemes::simultaneous{1.0}},
                                                  Eigen::MatrixXd::Zero(2, 3), 1000);
  CHECK(at_rest.count(minimax::ensemble_status::converged) == 3);
  for (const long s : at_rest.steps) CHECK(s == 0);
}

TEST_CASE("a sweep builds the phase diagram of step size x R1 weight") {
  const std::vector<double> steps{0.05, 0.2, 0.8, 2.5};
  const std::vector<double> gammas{0.0, 0.5, 2.0};
  using point = minimax::games::dirac_gan<minimax::loss::non_saturating, minimax::loss::r1>;
  const auto diagram = minimax::sweep(
      thrust::device, steps, gammas,
      [](double h, double gamma) {
        point p;
        p.regulariser.gamma = gamma;
        return minimax::ensemble_member<point, minimax::schemes::simultaneous>{p, minimax::schemes::simultaneous{h},
                                                                               {0.5, 0.5}};
      },
      20000, {1e-6, 1e3});
  // Each cell's outcome is the verdict of the linear analysis at (0, 0) for that step size and
  // gamma (the starting point lies well inside the basin of the converging ones).
  for (std::size_t i = 0; i < steps.size(); ++i) {
    for (std::size_t j = 0; j < gammas.size(); ++j) {
      INFO("h = " << steps[i] << ", gamma = " << gammas[j]);
      const minimax::schemes::simultaneous scheme{steps[i]};
      const auto verdict = gammas[j] > 0
                               ? minimax::analyze(minimax::games::dirac_gan{minimax::loss::non_saturating{},
                                                                            minimax::loss::r1{gammas[j]}},
                                                  scheme, Eigen::VectorXd::Zero(2))
                                     .verdict
                               : minimax::analyze(minimax::games::dirac_gan{minimax::loss::non_saturating{}}, scheme,
                                                  Eigen::VectorXd::Zero(2))
                                     .verdict;
      if (verdict == minimax::verdict::converges) {
        CHECK(diagram.at(i, j) == minimax::ensemble_status::converged);
      } else {
        CHECK(diagram.at(i, j) != minimax::ensemble_status::converged);
      }
    }
  }
}

TEST_CASE("simulate_ensemble: bad input is named") {
  const std::vector games{minimax::games::scalar_bilinear{1.0}};
  const std::vector schemes{minimax::schemes::simultaneous{0.1}};
  Eigen::MatrixXd bad = Eigen::MatrixXd::Zero(2, 3);
  bad(1, 2) = std::nan("");
  CHECK_THROWS_WITH(minimax::simulate_ensemble(thrust::device, games, schemes, bad, 10),
                    Catch::Contains("minimax::simulate_ensemble: the start of member 2 must be finite"));
  CHECK_THROWS_AS(minimax::simulate_ensemble(thrust::device, games, schemes, Eigen::MatrixXd::Zero(3, 2), 10),
                  minimax::invalid_argument);
  CHECK_THROWS_AS(minimax::simulate_ensemble(thrust::device, games, schemes, Eigen::MatrixXd::Zero(2, 0), 10),
                  minimax::invalid_argument);
  CHECK_THROWS_AS(minimax::simulate_ensemble(thrust::device, std::vector(2, games[0]), schemes,
                                             Eigen::MatrixXd::Zero(2, 3), 10),
                  minimax::invalid_argument);
  CHECK_THROWS_AS(minimax::simulate_ensemble(thrust::device, games, schemes, Eigen::MatrixXd::Zero(2, 3), -1),
                  minimax::invalid_argument);
  CHECK_THROWS_AS(minimax::simulate_ensemble(thrust::device, games, schemes, Eigen::MatrixXd::Zero(2, 3), 10,
                                             {-1.0, 10.0}),
                  minimax::invalid_argument);
  const minimax::games::bilinear wide{Eigen::MatrixXd::Ones(2, 3)};
  CHECK_THROWS_WITH(wide.point(), Catch::Contains("minimax::games::bilinear::point"));
}
