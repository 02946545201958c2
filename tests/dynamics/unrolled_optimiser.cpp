// Tests for unrolling through the discriminator's optimiser (include/minimax/dynamics/schemes/
// look_ahead.hpp, schemes::unrolled_through) on the Dirac-GAN: the generator's gradient against
// finite differences of the unrolled objective computed by explicit steps of minimax::nn's
// optimisers (SGD, momentum, Adam with moments carried in), SGD against the plain look-ahead, k = 0
// against simultaneous descent.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include <minimax/dynamics.hpp>
#include <minimax/dynamics/schemes/look_ahead.hpp>
#include <minimax/games/dirac_gan.hpp>
#include <minimax/loss.hpp>
#include <minimax/nn/optimiser.hpp>

namespace mm = minimax;
namespace games = minimax::games;
namespace la = minimax::schemes::look_ahead;

namespace {

const std::vector<Eigen::Vector2d> points{{0.7, -0.4}, {-1.3, 2.1}, {0.05, 0.9}, {3.0, 1.5}};
const games::dirac_gan game{mm::loss::non_saturating{}, mm::loss::r1{0.3}};

// grad_psi L_D = -v_psi at z
Eigen::VectorXd discriminator_gradient(const Eigen::VectorXd& z) {
  return Eigen::VectorXd(-game.vector_field<double>(z).tail(1));
}

// L_G(theta, psi_k): k steps of the nn optimiser `opt` (a copy, carrying its moments) from psi.
template <class NnOptimiser>
double unrolled_objective(double theta, double psi, NnOptimiser opt, int k) {
  Eigen::VectorXd z = game.init(theta, psi);
  for (int j = 0; j < k; ++j) opt.step(z.tail(1), discriminator_gradient(z));
  return game.generator_loss<double>(z);
}

// Fourth-order central difference in theta.
template <class F>
double derivative(const F& f, double theta) {
  const double h = 1e-5;
  return (-f(theta + 2 * h) + 8 * f(theta + h) - 8 * f(theta - h) + f(theta - 2 * h)) / (12 * h);
}

// `warm_up` optimiser steps at z (the moments the look-ahead inherits), taken by both the nn optimiser
// and the look-ahead's own step: returns the look-ahead's state; `nn_opt` carries the same moments.
template <class NnOptimiser, class LookAhead>
typename LookAhead::state warm_up(const Eigen::VectorXd& z, NnOptimiser& nn_opt, const LookAhead& o, int steps) {
  typename LookAhead::state s = o.start(1);
  Eigen::VectorXd a = z, b = z;
  for (int j = 0; j < steps; ++j) {
    nn_opt.step(a.tail(1), discriminator_gradient(a));
    o.step(b.tail(1), s, discriminator_gradient(b));
  }
  REQUIRE(a == b);  // the same arithmetic as minimax::nn's optimiser: the same bits
  return s;
}

template <class NnOptimiser, class LookAhead>
void check_against_finite_differences(NnOptimiser nn_opt, const LookAhead& o, int warm_up_steps) {
  for (int k : {1, 5}) {
    for (const auto& p : points) {
      const Eigen::VectorXd z = p;
      NnOptimiser carried = nn_opt;
      const typename LookAhead::state s0 = warm_up(z, carried, o, warm_up_steps);
      const mm::schemes::unrolled_through<LookAhead> scheme{0.2, o, k};
      const double exact = scheme.generator_gradient(game, z, s0)[0];
      const double fd = derivative([&](double t) { return unrolled_objective(t, z[1], carried, k); }, z[0]);
      INFO("k = " << k << ", z = " << z.transpose() << ", exact " << exact << ", fd " << fd);
      CHECK(std::abs(exact - fd) <= 1e-9 * (1 + std::abs(exact)));
    }
  }
}

}  // namespace

TEST_CASE("unrolled through Adam: the generator gradient equals finite differences of explicit Adam steps",
          "[dynamics][unrolled][look_ahead]") {
  // fresh moments (the bias correction at t = 1..k) and moments carried from 3 earlier steps
  check_against_finite_differences(mm::nn::adam<double>(0.1, 0.5, 0.999), la::adam(0.1, 0.5, 0.999), 0);
  check_against_finite_differences(mm::nn::adam<double>(0.1, 0.5, 0.999), la::adam(0.1, 0.5, 0.999), 3);
  // the paper's defaults and a large epsilon (the sqrt(s) + eps term matters)
  check_against_finite_differences(mm::nn::adam<double>(0.05), la::adam(0.05), 2);
  check_against_finite_differences(mm::nn::adam<double>(0.05, 0.9, 0.99, 0.1), la::adam(0.05, 0.9, 0.99, 0.1), 2);
}

TEST_CASE("unrolled through momentum and SGD: the generator gradient equals finite differences",
          "[dynamics][unrolled][look_ahead]") {
  check_against_finite_differences(mm::nn::momentum<double>(0.3, 0.9), la::momentum(0.3, 0.9), 0);
  check_against_finite_differences(mm::nn::momentum<double>(0.3, 0.9), la::momentum(0.3, 0.9), 4);
  check_against_finite_differences(mm::nn::momentum<double>(0.3, -0.5), la::momentum(0.3, -0.5), 2);
  check_against_finite_differences(mm::nn::sgd<double>(0.3), la::sgd(0.3), 0);
}

TEST_CASE("unrolled through SGD is the plain look-ahead, the same numbers; momentum 0 agrees to rounding",
          "[dynamics][unrolled][look_ahead]") {
  for (int k : {0, 1, 5}) {
    const mm::schemes::unrolled plain{0.2, 0.3, k};
    const auto through_sgd = mm::schemes::unrolled::through(0.2, la::sgd(0.3), k);
    const mm::schemes::unrolled_through<la::momentum> through_momentum{0.2, la::momentum(0.3, 0.0), k};
    for (const auto& p : points) {
      const Eigen::VectorXd z = p;
      const Eigen::VectorXd a = plain.generator_gradient(game, z);
      CHECK(through_sgd.generator_gradient(game, z, {}) == a);
      // the general adjoint (momentum's reverse product, beta = 0) against the plain one
      const Eigen::VectorXd b = through_momentum.generator_gradient(game, z, la::momentum(0.3, 0.0).start(1));
      CHECK(std::abs(b[0] - a[0]) <= 1e-14 * (1 + std::abs(a[0])));
    }
    // whole runs: the same trajectories to the last bit
    const auto r1 = mm::simulate(game, plain, game.init(0.7, -0.4), 40);
    const auto r2 = mm::simulate(game, through_sgd, game.init(0.7, -0.4), 40);
    REQUIRE(r1.states.size() == r2.states.size());
    for (std::size_t i = 0; i < r1.states.size(); ++i) CHECK(r1.states[i] == r2.states[i]);
  }
}

TEST_CASE("unrolled through an optimiser with k = 0 is simultaneous descent of the generator",
          "[dynamics][unrolled][look_ahead]") {
  const mm::schemes::unrolled_through<la::adam> scheme{0.2, la::adam(0.1, 0.5), 0};
  for (const auto& p : points) {
    const Eigen::VectorXd z = p;
    const Eigen::VectorXd g = scheme.generator_gradient(game, z, la::adam(0.1).start(1));
    // the generator's loss gradient by dual numbers, the field by the game's formula: equal to rounding
    CHECK(std::abs(g[0] + game.vector_field<double>(z)[0]) <= 1e-14 * (1 + std::abs(g[0])));
  }
}

TEST_CASE("unrolled_through runs: the discriminator steps with its optimiser, whose state the look-ahead reads",
          "[dynamics][unrolled][look_ahead]") {
  const mm::schemes::unrolled_through<la::adam> scheme{0.05, la::adam(0.05, 0.5, 0.999), 3};
  auto s = scheme.start(game, game.init(0.7, -0.4));
  CHECK(s.discriminator.steps == 0);
  // by hand: the generator's step from the gradient at the start state, the discriminator's by Adam
  const Eigen::VectorXd z0 = s.z;
  const double g0 = scheme.generator_gradient(game, z0, s.discriminator)[0];
  mm::nn::adam<double> d_opt(0.05, 0.5, 0.999);
  Eigen::VectorXd expected = z0;
  expected[0] -= 0.05 * g0;
  d_opt.step(expected.tail(1), discriminator_gradient(z0));
  scheme.advance(game, s);
  CHECK(s.z == expected);
  CHECK(s.discriminator.steps == 1);
  CHECK(s.step == 1);
  // the second step's look-ahead starts from the moments of the first
  const auto run = mm::simulate(game, scheme, game.init(0.7, -0.4), 200);
  CHECK(run.status == mm::run_status::completed);
  CHECK(run.final_state().allFinite());
}

TEST_CASE("look-ahead optimisers: bad input", "[dynamics][unrolled][look_ahead][errors]") {
  CHECK_THROWS_AS(la::sgd(0.0), std::invalid_argument);
  CHECK_THROWS_AS(la::momentum(0.1, 1.0), std::invalid_argument);
  CHECK_THROWS_WITH(la::adam(0.1, 1.0), Catch::Contains("beta1 must lie in [0, 1)"));
  CHECK_THROWS_AS(la::adam(0.1, 0.5, 0.999, 0.0), std::invalid_argument);
  CHECK_THROWS_AS((mm::schemes::unrolled_through<la::adam>{0.1, la::adam(0.1), -1}), std::invalid_argument);
  CHECK_THROWS_AS((mm::schemes::unrolled_through<la::adam>{0.0, la::adam(0.1), 1}), std::invalid_argument);
  const mm::schemes::unrolled_through<la::adam> scheme{0.1, la::adam(0.1), 1};
  CHECK_THROWS_WITH(scheme.generator_gradient(game, game.init(0.1, 0.2), la::adam(0.1).start(3)),
                    Catch::Contains("minimax::schemes::look_ahead::adam"));
}
