// Tests for games::mixture_gan::unrolled_generator_gradient through the discriminator's optimiser
// (schemes::look_ahead): against central differences of the unrolled objective computed by explicit
// steps of minimax::nn's optimisers on a small network game, SGD against the plain look-ahead (the
// same numbers), k = 0 against the plain generator gradient, and the scheme's general path.
#include <catch2/catch.hpp>

#include <cmath>

#include <minimax/dynamics.hpp>
#include <minimax/dynamics/schemes/look_ahead.hpp>
#include <minimax/games/mixture_gan.hpp>
#include <minimax/loss.hpp>
#include <minimax/nn.hpp>
#include <minimax/nn/optimiser.hpp>
#include <minimax/prob/ring.hpp>

namespace mm = minimax;
namespace nn = minimax::nn;
namespace la = minimax::schemes::look_ahead;

namespace {
using small_generator = nn::sequential<nn::dense<2, 8>, nn::tanh, nn::dense<8, 2>>;
using small_discriminator = nn::sequential<nn::dense<2, 8>, nn::tanh, nn::dense<8, 1>>;
using game_type = mm::games::mixture_gan<small_generator, small_discriminator, mm::loss::non_saturating>;

Eigen::VectorXd random_direction(Eigen::Index n, mm::rng& g) {
  Eigen::VectorXd u(n);
  for (Eigen::Index i = 0; i < n; ++i) u[i] = g.normal();
  return u / u.norm();
}

// L_G(theta, psi_k): k steps of the nn optimiser `opt` (a copy, with its moments) on grad_psi L_D.
template <class NnOptimiser>
double unrolled_objective(const game_type& game, Eigen::VectorXd z, NnOptimiser opt, int k) {
  const Eigen::Index nD = z.size() - game.generator_dimension();
  for (int j = 0; j < k; ++j) opt.step(z.tail(nD), Eigen::VectorXd(game.discriminator_loss_gradient<double>(z).tail(nD)));
  return game.generator_loss<double>(z);
}

// `steps` optimiser steps of the discriminator at z by the nn optimiser and by the look-ahead's step:
// returns the look-ahead's state; `nn_opt` then carries the same moments.
template <class NnOptimiser, class LookAhead>
typename LookAhead::state warm_up(const game_type& game, const Eigen::VectorXd& z, NnOptimiser& nn_opt,
                                  const LookAhead& o, int steps) {
  const Eigen::Index nD = z.size() - game.generator_dimension();
  typename LookAhead::state s = o.start(nD);
  Eigen::VectorXd a = z, b = z;
  for (int j = 0; j < steps; ++j) {
    nn_opt.step(a.tail(nD), Eigen::VectorXd(game.discriminator_loss_gradient<double>(a).tail(nD)));
    o.step(b.tail(nD), s, Eigen::VectorXd(game.discriminator_loss_gradient<double>(b).tail(nD)));
  }
  REQUIRE(a == b);
  return s;
}

template <class NnOptimiser, class LookAhead>
void check_against_finite_differences(const game_type& game, const Eigen::VectorXd& z, NnOptimiser nn_opt,
                                      const LookAhead& o, int warm_up_steps, mm::rng& g) {
  const Eigen::Index nG = game.generator_dimension();
  NnOptimiser carried = nn_opt;
  const typename LookAhead::state s0 = warm_up(game, z, carried, o, warm_up_steps);
  for (int k : {1, 5}) {
    const Eigen::VectorXd direct = game.unrolled_generator_gradient(z, o, s0, k);
    CHECK(direct.allFinite());
    for (int trial = 0; trial < 2; ++trial) {
      Eigen::VectorXd u = Eigen::VectorXd::Zero(z.size());
      u.head(nG) = random_direction(nG, g);
      const double h = 1e-5;
      const double fd =
          (unrolled_objective(game, z + h * u, carried, k) - unrolled_objective(game, z - h * u, carried, k)) / (2 * h);
      INFO("k = " << k << ", directional derivative " << direct.dot(u.head(nG)) << ", fd " << fd);
      CHECK(std::abs(direct.dot(u.head(nG)) - fd) <= 1e-8 * (1 + std::abs(fd)));
    }
  }
}

// The game's losses, field and Hessian-vector products without its direct unrolled gradient, so that
// schemes::unrolled_through takes its general path.
struct general_only {
  const game_type* game;
  Eigen::Index dimension() const { return game->dimension(); }
  Eigen::Index generator_dimension() const { return game->generator_dimension(); }
  template <class T>
  T generator_loss(const Eigen::VectorX<T>& at) const { return game->generator_loss(at); }
  template <class T>
  T discriminator_loss(const Eigen::VectorX<T>& at) const { return game->discriminator_loss(at); }
  template <class T>
  Eigen::VectorX<T> vector_field(const Eigen::VectorX<T>& at) const { return game->vector_field(at); }
  template <class T>
  Eigen::VectorX<T> generator_loss_gradient(const Eigen::VectorX<T>& at) const { return game->generator_loss_gradient(at); }
  Eigen::VectorXd discriminator_loss_hessian_vector(const Eigen::VectorXd& at, const Eigen::VectorXd& w) const {
    return game->discriminator_loss_hessian_vector(at, w);
  }
};
static_assert(mm::Game<general_only>);

}  // namespace

TEST_CASE("mixture_gan: unrolled through Adam, momentum and SGD matches finite differences of explicit optimiser steps",
          "[games][unrolled][look_ahead]") {
  mm::rng g(11);
  const game_type game(mm::ring(8, 2.0, 0.02), 16, g);
  const Eigen::VectorXd z = game.init(nn::glorot{}, g);
  SECTION("Adam, fresh and carried moments") {
    check_against_finite_differences(game, z, nn::adam<double>(0.05, 0.5, 0.999), la::adam(0.05, 0.5, 0.999), 0, g);
    check_against_finite_differences(game, z, nn::adam<double>(0.05, 0.5, 0.999), la::adam(0.05, 0.5, 0.999), 3, g);
  }
  SECTION("momentum") {
    check_against_finite_differences(game, z, nn::momentum<double>(0.2, 0.9), la::momentum(0.2, 0.9), 2, g);
  }
  SECTION("SGD") { check_against_finite_differences(game, z, nn::sgd<double>(0.2), la::sgd(0.2), 0, g); }
}

TEST_CASE("mixture_gan: the optimiser path equals the scheme's general path and, for SGD, the plain look-ahead",
          "[games][unrolled][look_ahead]") {
  mm::rng g(12);
  // 150 samples: blocks of 64, 64 and 22 columns
  const game_type game(mm::ring(8, 2.0, 0.02), 150, g);
  const Eigen::VectorXd z = game.init(nn::glorot{}, g);
  const Eigen::Index nG = game.generator_dimension(), nD = z.size() - nG;
  for (int k : {0, 1, 4}) {
    INFO("k = " << k);
    // SGD: the plain overload's numbers
    Eigen::VectorXd f1, f2;
    const Eigen::VectorXd plain = game.unrolled_generator_gradient(z, 0.2, k, &f1);
    CHECK(game.unrolled_generator_gradient(z, la::sgd(0.2), {}, k, &f2) == plain);
    CHECK(f1 == f2);
    // momentum with beta = 0 is SGD: the general reverse product agrees to rounding
    const la::momentum heavy(0.2, 0.0);
    const Eigen::VectorXd m0 = game.unrolled_generator_gradient(z, heavy, heavy.start(nD), k);
    CHECK((m0 - plain).norm() <= 1e-12 * (1 + plain.norm()));
    // Adam: the direct path against the scheme's general path (Hessian-vector products of L_D)
    const la::adam a(0.05, 0.5, 0.999);
    auto s = a.start(nD);
    Eigen::VectorXd zz = z;
    a.step(zz.tail(nD), s, Eigen::VectorXd(game.discriminator_loss_gradient<double>(z).tail(nD)));
    const Eigen::VectorXd direct = game.unrolled_generator_gradient(z, a, s, k);
    // the general path of schemes::unrolled_through, forced by a game without the direct member
    const general_only wrapped{&game};
    const mm::schemes::unrolled_through<la::adam> scheme{0.1, a, k};
    const Eigen::VectorXd general = scheme.generator_gradient(wrapped, z, s);
    CHECK((direct - general).norm() <= 1e-10 * (1 + direct.norm()));
    if (k == 0) {
      CHECK((direct + game.vector_field<double>(z).head(nG)).norm() <= 1e-13 * (1 + direct.norm()));
    } else {
      CHECK((direct - plain).norm() > 1e-6 * plain.norm());  // Adam's look-ahead is not SGD's
    }
  }
}

TEST_CASE("mixture_gan: unrolled_through trains and names its bad input", "[games][unrolled][look_ahead]") {
  mm::rng g(13);
  game_type game(mm::ring(8, 2.0, 0.02), 32, g);
  const Eigen::VectorXd z0 = game.init(nn::glorot{}, g);
  const auto scheme = mm::schemes::unrolled::through(0.05, la::adam(1e-3, 0.5, 0.999), 3);
  auto s = scheme.start(game, z0);
  for (int i = 0; i < 20; ++i) scheme.advance(game, s);
  CHECK(s.discriminator.steps == 20);
  CHECK(s.z.allFinite());
  CHECK((s.z - z0).norm() > 0);
  const Eigen::Index nD = z0.size() - game.generator_dimension();
  const la::adam a(0.1);
  CHECK_THROWS_WITH(game.unrolled_generator_gradient(z0, a, a.start(nD + 1), 2),
                    Catch::Contains("minimax::schemes::look_ahead::adam"));
  CHECK_THROWS_WITH(game.unrolled_generator_gradient(z0.head(3), a, a.start(nD), 2),
                    Catch::Contains("minimax::games::mixture_gan::unrolled_generator_gradient"));
  CHECK_THROWS_WITH(game.unrolled_generator_gradient(z0, a, a.start(nD), -1), Catch::Contains("must be >= 0"));
}
