// Tests for packing in include/minimax/games/mixture_gan.hpp (PacGAN, Lin et al. 2018): the packs'
// shapes, the losses against packs built by hand, the field, Hessian-vector products and the
// unrolled gradients (plain and through Adam) against finite differences, m = 1 as the plain game, and the
// field in float against the double one.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <type_traits>

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
template <int M>
using packed_discriminator = nn::sequential<nn::dense<2 * M, 8>, nn::tanh, nn::dense<8, 1>>;
template <int M>
using packed_game = mm::games::mixture_gan<small_generator, packed_discriminator<M>, mm::loss::non_saturating, M>;

Eigen::VectorXd random_direction(Eigen::Index n, mm::rng& g) {
  Eigen::VectorXd u(n);
  for (Eigen::Index i = 0; i < n; ++i) u[i] = g.normal();
  return u / u.norm();
}

// m consecutive columns of a 2 × n batch stacked into one column of 2m rows, by hand
template <int M>
Eigen::MatrixXd pack_by_hand(const Eigen::MatrixXd& x) {
  Eigen::MatrixXd out(2 * M, x.cols() / M);
  for (Eigen::Index p = 0; p < out.cols(); ++p) {
    for (int i = 0; i < M; ++i) out.block(2 * i, p, 2, 1) = x.col(p * M + i);
  }
  return out;
}

// The losses from packs built by hand: mean over packs of the loss of the discriminator's output.
template <int M>
std::pair<double, double> losses_by_hand(const packed_game<M>& game, const Eigen::VectorXd& z) {
  const Eigen::Index nG = game.generator_dimension();
  const Eigen::MatrixXd fake = game.generate(z, game.noise);
  const nn::batch<double, 2 * M> fake_packs = pack_by_hand<M>(fake), real_packs = pack_by_hand<M>(game.real);
  const auto psi = z.tail(z.size() - nG);
  const nn::batch<double, 1> d_fake = game.discriminator(psi, fake_packs), d_real = game.discriminator(psi, real_packs);
  return {mm::loss::generator_loss(game.loss, d_fake), mm::loss::discriminator_loss(game.loss, d_real, d_fake)};
}
}  // namespace

TEST_CASE("mixture_gan packing: shapes, and the losses on packs built by hand", "[games][mixture_gan][packing]") {
  static_assert(std::is_same_v<mm::games::mixture_gan<small_generator, packed_discriminator<1>, mm::loss::non_saturating>,
                               packed_game<1>>);
  static_assert(packed_game<4>::packing == 4);
  mm::rng g(21);
  const packed_game<4> game(mm::ring(8, 2.0, 0.02), 32, g);
  CHECK(game.batch_size() == 32);
  CHECK(game.packs() == 8);
  CHECK(game.real.rows() == 2);
  CHECK(game.real.cols() == 32);
  CHECK(game.noise.cols() == 32);
  const nn::batch<double, 2> real = game.real;
  const auto packs = packed_game<4>::pack<double>(real);
  CHECK(packs.rows() == 8);
  CHECK(packs.cols() == 8);
  CHECK(Eigen::MatrixXd(packs) == pack_by_hand<4>(game.real));
  const Eigen::VectorXd z = game.init(nn::glorot{}, g);
  CHECK(z.size() == small_generator::parameter_count + packed_discriminator<4>::parameter_count);
  const auto [lg, ld] = losses_by_hand(game, z);
  CHECK(game.generator_loss<double>(z) == lg);
  CHECK(game.discriminator_loss<double>(z) == ld);
  // m = 1: the plain game, its losses those of one sample per pack
  const packed_game<1> plain(mm::ring(8, 2.0, 0.02), 16, g);
  const Eigen::VectorXd z1 = plain.init(nn::glorot{}, g);
  const auto [lg1, ld1] = losses_by_hand(plain, z1);
  CHECK(plain.packs() == plain.batch_size());
  CHECK(plain.generator_loss<double>(z1) == lg1);
  CHECK(plain.discriminator_loss<double>(z1) == ld1);
}

TEST_CASE("mixture_gan packing: the field, gradients and Hessian-vector products against dual numbers and finite differences",
          "[games][mixture_gan][packing]") {
  mm::rng g(22);
  const packed_game<2> game(mm::ring(8, 2.0, 0.02), 24, g);
  const Eigen::VectorXd z = game.init(nn::glorot{}, g);
  const Eigen::Index nG = game.generator_dimension();
  const Eigen::VectorXd v = game.vector_field<double>(z);
  const Eigen::VectorXd gG = mm::gradient([&](const auto& w) { return game.generator_loss<mm::dual<double>>(w); }, z);
  const Eigen::VectorXd gD = mm::gradient([&](const auto& w) { return game.discriminator_loss<mm::dual<double>>(w); }, z);
  CHECK((v.head(nG) + gG.head(nG)).norm() <= 1e-13 * (1 + gG.norm()));
  CHECK((v.tail(z.size() - nG) + gD.tail(z.size() - nG)).norm() <= 1e-13 * (1 + gD.norm()));
  CHECK((game.discriminator_loss_gradient<double>(z) - gD).norm() <= 1e-13 * (1 + gD.norm()));
  CHECK((game.generator_loss_gradient<double>(z) - gG).norm() <= 1e-13 * (1 + gG.norm()));
  for (int trial = 0; trial < 3; ++trial) {
    const Eigen::VectorXd u = random_direction(z.size(), g);
    const double h = 1e-5;
    // gradients against central differences of the losses
    const double fdG = (game.generator_loss<double>(Eigen::VectorXd(z + h * u)) -
                        game.generator_loss<double>(Eigen::VectorXd(z - h * u))) / (2 * h);
    const double fdD = (game.discriminator_loss<double>(Eigen::VectorXd(z + h * u)) -
                        game.discriminator_loss<double>(Eigen::VectorXd(z - h * u))) / (2 * h);
    CHECK(std::abs(game.generator_loss_gradient<double>(z).dot(u) - fdG) <= 1e-8 * (1 + std::abs(fdG)));
    CHECK(std::abs(game.discriminator_loss_gradient<double>(z).dot(u) - fdD) <= 1e-8 * (1 + std::abs(fdD)));
    // H u against central differences of the gradient
    const Eigen::VectorXd fd = (game.discriminator_loss_gradient<double>(Eigen::VectorXd(z + h * u)) -
                                game.discriminator_loss_gradient<double>(Eigen::VectorXd(z - h * u))) / (2 * h);
    const Eigen::VectorXd hu = game.discriminator_loss_hessian_vector(z, u);
    CHECK((hu - fd).norm() <= 1e-7 * (1 + hu.norm()));
  }
}

TEST_CASE("mixture_gan packing: the unrolled gradients (plain and through Adam) against finite differences",
          "[games][mixture_gan][packing][unrolled]") {
  mm::rng g(23);
  // 300 samples in 150 packs: the discriminator's passes run over blocks of 64, 64 and 22 packs
  const packed_game<2> game(mm::ring(8, 2.0, 0.02), 300, g);
  const Eigen::VectorXd z = game.init(nn::glorot{}, g);
  const Eigen::Index nG = game.generator_dimension(), nD = z.size() - nG;
  const auto grad_psi = [&](const Eigen::VectorXd& at) {
    return Eigen::VectorXd(game.discriminator_loss_gradient<double>(at).tail(nD));
  };
  // k = 0: the plain generator gradient and the discriminator's field
  Eigen::VectorXd field;
  const Eigen::VectorXd plain0 = game.unrolled_generator_gradient(z, 0.1, 0, &field);
  const Eigen::VectorXd v = game.vector_field<double>(z);
  CHECK((plain0 + v.head(nG)).norm() <= 1e-13 * (1 + plain0.norm()));
  CHECK((field - v.tail(nD)).norm() <= 1e-13 * (1 + field.norm()));
  for (int k : {1, 5}) {
    INFO("k = " << k);
    const double hD = 0.2;
    const la::adam adam(0.05, 0.5, 0.999);
    const Eigen::VectorXd plain = game.unrolled_generator_gradient(z, hD, k);
    const Eigen::VectorXd through_adam = game.unrolled_generator_gradient(z, adam, adam.start(nD), k);
    const auto plain_objective = [&](Eigen::VectorXd at) {
      for (int j = 0; j < k; ++j) at.tail(nD) -= hD * grad_psi(at);
      return game.generator_loss<double>(at);
    };
    const auto adam_objective = [&](Eigen::VectorXd at) {
      nn::adam<double> opt(0.05, 0.5, 0.999);
      for (int j = 0; j < k; ++j) opt.step(at.tail(nD), grad_psi(at));
      return game.generator_loss<double>(at);
    };
    for (int trial = 0; trial < 2; ++trial) {
      Eigen::VectorXd u = Eigen::VectorXd::Zero(z.size());
      u.head(nG) = random_direction(nG, g);
      const double h = 1e-5;
      const double fd_plain = (plain_objective(z + h * u) - plain_objective(z - h * u)) / (2 * h);
      const double fd_adam = (adam_objective(z + h * u) - adam_objective(z - h * u)) / (2 * h);
      CHECK(std::abs(plain.dot(u.head(nG)) - fd_plain) <= 1e-8 * (1 + std::abs(fd_plain)));
      CHECK(std::abs(through_adam.dot(u.head(nG)) - fd_adam) <= 1e-8 * (1 + std::abs(fd_adam)));
    }
  }
}

TEST_CASE("mixture_gan packing: training runs and bad batch sizes are refused", "[games][mixture_gan][packing][errors]") {
  mm::rng g(24);
  packed_game<4> game(mm::ring(8, 2.0, 0.02), 64, g);
  const Eigen::VectorXd z0 = game.init(nn::glorot{}, g);
  const auto run = mm::train(game, mm::schemes::adam(1e-3, 0.5, 0.999), z0, 20, g, mm::observers::record_every{10});
  CHECK(run.status == mm::run_status::completed);
  CHECK(run.final_state().allFinite());
  CHECK((run.final_state() - z0).norm() > 0);
  const auto unrolled = mm::simulate(game, mm::schemes::unrolled::through(0.01, la::adam(1e-3, 0.5), 3), z0, 10);
  CHECK(unrolled.status == mm::run_status::completed);
  CHECK_THROWS_WITH(packed_game<4>(mm::ring(8, 2.0, 0.02), 30, g), Catch::Contains("multiple of the packing degree 4"));
  CHECK_THROWS_AS(packed_game<4>(mm::ring(8, 2.0, 0.02), 0, g), std::invalid_argument);
}

TEST_CASE("mixture_gan packing: the field in float is the double field to float precision, batch normalisation included",
          "[games][mixture_gan][packing][float]") {
  // the PacGAN generator's layers (dense, batch normalisation, ReLU), packs of 2, a batch of 3 blocks
  using normalised_generator = nn::sequential<nn::dense<2, 16>, nn::batch_norm, nn::relu, nn::dense<16, 2>>;
  using game_type = mm::games::mixture_gan<normalised_generator, packed_discriminator<2>, mm::loss::non_saturating, 2>;
  mm::rng g(23);
  const game_type game(mm::ring(8, 1.0, 0.01), 300, g);
  const Eigen::VectorXd z = game.init(nn::normal{0.5}, g);
  const Eigen::Index nG = game.generator_dimension(), nD = z.size() - nG;
  const Eigen::VectorXd v = game.vector_field<double>(z);
  const Eigen::VectorXf v_float = game.vector_field<float>(Eigen::VectorXf(z.cast<float>()));
  // the parameters, the batches and every pass rounded to float: well within 100 float epsilons
  CHECK((v_float.cast<double>() - v).norm() <= 100 * std::numeric_limits<float>::epsilon() * v.norm());
  // a wrong batch (here the next one) is far from it: the check above sees the batch the game holds
  game_type next = game;
  next.resample(g);
  CHECK((next.vector_field<float>(Eigen::VectorXf(z.cast<float>())).cast<double>() - v).norm() > 1e-2 * v.norm());
  // the double field is what a training step through unrolled_generator_gradient (k = 0) takes
  const la::adam adam(1e-4, 0.8);
  Eigen::VectorXd v_psi;
  const Eigen::VectorXd g_theta = game.unrolled_generator_gradient(z, adam, adam.start(nD), 0, &v_psi);
  CHECK((g_theta + v.head(nG)).norm() <= 1e-13 * v.head(nG).norm());
  CHECK((v_psi - v.tail(nD)).norm() <= 1e-13 * v.tail(nD).norm());
}
