// Tests for include/minimax/games/mixture_gan.hpp: the backward-pass field against dual-number
// gradients of the losses, Hessian-vector products and the unrolled gradient against finite
// differences, and minibatch training.
#include <catch2/catch.hpp>

#include <cmath>

#include <minimax/dynamics.hpp>
#include <minimax/games/mixture_gan.hpp>
#include <minimax/loss.hpp>
#include <minimax/nn.hpp>
#include <minimax/prob/ring.hpp>

namespace mm = minimax;
namespace nn = minimax::nn;

namespace {
using small_generator = nn::sequential<nn::dense<2, 8>, nn::tanh, nn::dense<8, 2>>;
using small_discriminator = nn::sequential<nn::dense<2, 8>, nn::tanh, nn::dense<8, 1>>;
using game_type = mm::games::mixture_gan<small_generator, small_discriminator, mm::loss::non_saturating>;

game_type make_game(mm::rng& g) { return game_type(mm::ring(8, 2.0, 0.02), 16, g); }

// The unrolled objective L_G(theta, psi_k(theta)), psi_k after k discriminator steps of size hD.
auto unrolled_objective(const game_type& game, double hD, int k) {
  return [&game, hD, k](const Eigen::VectorXd& at) {
    const Eigen::Index nD = at.size() - game.generator_dimension();
    Eigen::VectorXd w = at;
    for (int j = 0; j < k; ++j) w.tail(nD) += hD * game.vector_field<double>(w).tail(nD);
    return game.generator_loss<double>(w);
  };
}

Eigen::VectorXd random_direction(Eigen::Index n, mm::rng& g) {
  Eigen::VectorXd u(n);
  for (Eigen::Index i = 0; i < n; ++i) u[i] = g.normal();
  return u / u.norm();
}
}  // namespace

TEST_CASE("mixture_gan: the field is -(grad_theta L_G, grad_psi L_D) of its own losses", "[games][mixture_gan]") {
  mm::rng g(1);
  const game_type game = make_game(g);
  const Eigen::VectorXd z = game.init(nn::glorot{}, g);
  REQUIRE(z.size() == small_generator::parameter_count + small_discriminator::parameter_count);
  const Eigen::VectorXd v = game.vector_field<double>(z);
  // reference: forward dual numbers through the losses, one coordinate at a time
  const Eigen::VectorXd gG = mm::gradient([&](const auto& w) { return game.generator_loss<mm::dual<double>>(w); }, z);
  const Eigen::VectorXd gD = mm::gradient([&](const auto& w) { return game.discriminator_loss<mm::dual<double>>(w); }, z);
  const Eigen::Index nG = game.generator_dimension();
  CHECK((v.head(nG) + gG.head(nG)).norm() <= 1e-13 * (1 + gG.norm()));
  CHECK((v.tail(z.size() - nG) + gD.tail(z.size() - nG)).norm() <= 1e-13 * (1 + gD.norm()));
  CHECK((game.discriminator_loss_gradient<double>(z) - gD).norm() <= 1e-13 * (1 + gD.norm()));
  CHECK((game.generator_loss_gradient<double>(z) - gG).norm() <= 1e-13 * (1 + gG.norm()));
}

TEST_CASE("mixture_gan: each sample's pull is the gradient of its own generator loss", "[games][mixture_gan]") {
  mm::rng g(4);
  const game_type game = make_game(g);
  const Eigen::VectorXd z = game.init(nn::glorot{}, g);
  const Eigen::Index nD = small_discriminator::parameter_count;
  Eigen::MatrixXd x(2, 7);
  for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = 2 * g.normal();
  const Eigen::MatrixXd pull = game.generator_sample_gradients(z, x);
  REQUIRE(pull.rows() == 2);
  REQUIRE(pull.cols() == 7);
  using d = mm::dual<double>;
  const Eigen::VectorX<d> psi = z.tail(nD).cast<d>();
  for (Eigen::Index i = 0; i < x.cols(); ++i) {
    for (int j = 0; j < 2; ++j) {  // d/dx_j of l^G(D(x)) on a batch of one sample, by dual numbers
      nn::batch<d, 2> one(2, 1);
      one(0, 0) = d(x(0, i), j == 0 ? 1.0 : 0.0);
      one(1, 0) = d(x(1, i), j == 1 ? 1.0 : 0.0);
      const nn::batch<d, 1> out = game.discriminator(psi, one);
      const double reference = mm::loss::generator_loss(game.loss, out).derivative;
      CHECK(std::abs(pull(j, i) - reference) <= 1e-14 * (1 + std::abs(reference)));
    }
  }
  CHECK_THROWS_WITH(game.generator_sample_gradients(z, Eigen::MatrixXd(2, 0)),
                    Catch::Contains("minimax::games::mixture_gan::generator_sample_gradients"));
  Eigen::MatrixXd bad = x;
  bad(1, 3) = std::nan("");
  CHECK_THROWS_WITH(game.generator_sample_gradients(z, bad), Catch::Contains("x(1, 3) must be finite"));
}

TEST_CASE("mixture_gan: Hessian-vector products of L_D match finite differences of its gradient", "[games][mixture_gan]") {
  mm::rng g(2);
  const game_type game = make_game(g);
  const Eigen::VectorXd z = game.init(nn::glorot{}, g);
  for (int trial = 0; trial < 3; ++trial) {
    const Eigen::VectorXd w = random_direction(z.size(), g);
    const double h = 1e-5;
    const Eigen::VectorXd fd = (game.discriminator_loss_gradient<double>(Eigen::VectorXd(z + h * w)) -
                                game.discriminator_loss_gradient<double>(Eigen::VectorXd(z - h * w))) /
                               (2 * h);
    const Eigen::VectorXd hw = game.discriminator_loss_hessian_vector(z, w);
    CHECK((hw - fd).norm() <= 1e-7 * (1 + hw.norm()));
  }
}

TEST_CASE("mixture_gan: the unrolled gradient (Hessian-vector adjoint) matches finite differences", "[games][unrolled]") {
  mm::rng g(3);
  const game_type game = make_game(g);
  const Eigen::VectorXd z = game.init(nn::glorot{}, g);
  const Eigen::Index nG = game.generator_dimension();
  const double hD = 0.2;
  for (int k : {0, 1, 4}) {
    const mm::schemes::unrolled scheme{0.1, hD, k};
    const auto surrogate = unrolled_objective(game, hD, k);
    const Eigen::VectorXd exact = scheme.generator_gradient(game, z);
    for (int trial = 0; trial < 2; ++trial) {
      Eigen::VectorXd u = Eigen::VectorXd::Zero(z.size());
      u.head(nG) = random_direction(nG, g);
      const double h = 1e-5;
      const double fd = (surrogate(z + h * u) - surrogate(z - h * u)) / (2 * h);
      INFO("k = " << k);
      CHECK(std::abs(exact.dot(u.head(nG)) - fd) <= 1e-8 * (1 + std::abs(fd)));
    }
  }
}

TEST_CASE("mixture_gan: minibatch training runs, resamples, and reports", "[games][mixture_gan]") {
  mm::rng g(4);
  game_type game = make_game(g);
  const Eigen::VectorXd z0 = game.init(nn::glorot{}, g);
  const Eigen::MatrixXd first_batch = game.real;
  const auto run = mm::train(game, mm::schemes::adam(1e-3, 0.5, 0.999), z0, 50, g, mm::observers::record_every{10});
  CHECK(run.status == mm::run_status::completed);
  CHECK(run.states.size() == 6);
  CHECK((game.real - first_batch).norm() > 0);  // new batches were drawn
  CHECK((run.final_state() - z0).norm() > 0);
  const Eigen::MatrixXd samples = game.generate(run.final_state(), game.noise);
  CHECK(samples.rows() == 2);
  CHECK(samples.allFinite());
  CHECK_THROWS_AS(game_type(mm::ring(8, 2.0, 0.02), 0, g), std::invalid_argument);
}

TEST_CASE("mixture_gan: the direct unrolled gradient equals the scheme's and names its bad input", "[games][unrolled]") {
  mm::rng g(5);
  const game_type game = make_game(g);
  const Eigen::VectorXd z = game.init(nn::glorot{}, g);
  const Eigen::Index nG = game.generator_dimension();
  // The direct path against finite differences of the unrolled objective, as above, for k = 3.
  const double hD = 0.1;
  const int k = 3;
  const auto surrogate = unrolled_objective(game, hD, k);
  Eigen::VectorXd field;
  const Eigen::VectorXd exact = game.unrolled_generator_gradient(z, hD, k, &field);
  // The discriminator direction it returns is the field's discriminator part at z.
  CHECK((field - game.vector_field<double>(z).tail(z.size() - nG)).norm() <=
        1e-12 * (1 + field.norm()));
  Eigen::VectorXd u = Eigen::VectorXd::Zero(z.size());
  u.head(nG) = random_direction(nG, g);
  const double h = 1e-5;
  const double fd = (surrogate(z + h * u) - surrogate(z - h * u)) / (2 * h);
  CHECK(std::abs(exact.dot(u.head(nG)) - fd) <= 1e-8 * (1 + std::abs(fd)));
  CHECK_THROWS_WITH(game.unrolled_generator_gradient(z.head(3), hD, k),
                    Catch::Contains("minimax::games::mixture_gan::unrolled_generator_gradient"));
  CHECK_THROWS_AS(game.unrolled_generator_gradient(z, 0.0, k), mm::invalid_argument);
  CHECK_THROWS_AS(game.unrolled_generator_gradient(z, std::nan(""), k), mm::invalid_argument);
  CHECK_THROWS_WITH(game.unrolled_generator_gradient(z, hD, -1), Catch::Contains("must be >= 0"));
}

TEST_CASE("mixture_gan: the unrolled gradient on a batch of several blocks", "[games][unrolled]") {
  // 150 samples: the discriminator's passes run over blocks of 64, 64 and 22 columns
  mm::rng g(6);
  const game_type game(mm::ring(8, 2.0, 0.02), 150, g);
  const Eigen::VectorXd z = game.init(nn::glorot{}, g);
  const Eigen::Index nG = game.generator_dimension();
  // k = 0: the plain generator gradient and the discriminator's field, summed over the blocks
  Eigen::VectorXd field;
  const Eigen::VectorXd plain = game.unrolled_generator_gradient(z, 0.1, 0, &field);
  const Eigen::VectorXd v = game.vector_field<double>(z);
  CHECK((plain + v.head(nG)).norm() <= 1e-13 * (1 + plain.norm()));
  CHECK((field - v.tail(z.size() - nG)).norm() <= 1e-13 * (1 + field.norm()));
  // k = 2: against central differences of the unrolled objective
  const double hD = 0.3;
  const int k = 2;
  const auto surrogate = unrolled_objective(game, hD, k);
  const Eigen::VectorXd exact = game.unrolled_generator_gradient(z, hD, k);
  for (int trial = 0; trial < 2; ++trial) {
    Eigen::VectorXd u = Eigen::VectorXd::Zero(z.size());
    u.head(nG) = random_direction(nG, g);
    const double h = 1e-5;
    const double fd = (surrogate(z + h * u) - surrogate(z - h * u)) / (2 * h);
    CHECK(std::abs(exact.dot(u.head(nG)) - fd) <= 1e-8 * (1 + std::abs(fd)));
  }
  // the look-ahead changes the gradient (k = 2 is not the plain gradient)
  CHECK((exact - plain).norm() > 1e-6 * plain.norm());
  // In a workspace the caller owns, reused across calls of both overloads and sizes of k, the same bits.
  game_type::unrolled_workspace workspace;
  Eigen::VectorXd field_in_workspace;
  for (int repeat = 0; repeat < 2; ++repeat) {
    CHECK(game.unrolled_generator_gradient(z, hD, k, nullptr, workspace) == exact);
    CHECK(game.unrolled_generator_gradient(z, 0.1, 0, &field_in_workspace, workspace) == plain);
    CHECK(field_in_workspace == field);
    const mm::schemes::look_ahead::adam adam(0.01, 0.5, 0.999);
    const auto s0 = adam.start(z.size() - nG);
    CHECK(game.unrolled_generator_gradient(z, adam, s0, k, nullptr, workspace) ==
          game.unrolled_generator_gradient(z, adam, s0, k));
  }
  // The scheme keeps one in its state: its steps equal a loop of the direct gradient.
  const mm::schemes::unrolled scheme{0.05, hD, k};
  auto state = scheme.start(game, z);
  scheme.advance(game, state);
  scheme.advance(game, state);
  Eigen::VectorXd by_hand = z;
  for (int step = 0; step < 2; ++step) {
    Eigen::VectorXd v_psi;
    const Eigen::VectorXd g_theta = game.unrolled_generator_gradient(by_hand, hD, k, &v_psi);
    by_hand.head(nG) -= 0.05 * g_theta;
    by_hand.tail(z.size() - nG) += hD * v_psi;
  }
  CHECK(state.z == by_hand);
}
