#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include <minimax/nn.hpp>
#include <minimax/prob/random.hpp>

namespace nn = minimax::nn;

TEST_CASE("glorot: bounded by a and with variance 2 g^2 / (fan_in + fan_out)") {
  std::mt19937_64 rng(1);
  Eigen::MatrixXd w(300, 200);
  nn::glorot{2.0}.fill(w, rng);
  const double a = 2.0 * std::sqrt(6.0 / 500.0);
  CHECK(w.cwiseAbs().maxCoeff() <= a);
  const double var = w.array().square().mean();
  const double expected = 4.0 * 2.0 / 500.0;
  // standard error of a mean of n squares of U(-a,a): sqrt(Var(w^2)/n), Var(w^2) = 4a^4/45
  const double se = std::sqrt(4 * std::pow(a, 4) / 45 / double(w.size()));
  CHECK(std::abs(var - expected) < 5 * se);
}

TEST_CASE("he: variance 2 g^2 / fan_in") {
  std::mt19937_64 rng(2);
  Eigen::MatrixXd w(400, 100);
  nn::he{}.fill(w, rng);
  const double expected = 2.0 / 100.0;
  const double se = expected * std::sqrt(2.0 / double(w.size()));  // Var(w^2) = 2 sigma^4
  CHECK(std::abs(w.array().square().mean() - expected) < 5 * se);
  CHECK(std::abs(w.mean()) < 5 * std::sqrt(expected / double(w.size())));
}

TEST_CASE("normal: variance s^2 whatever the fan-in and fan-out, drawn through minimax::rng") {
  std::mt19937_64 rng(5);
  Eigen::MatrixXd w(400, 100);
  nn::normal{}.fill(w, rng);
  const double expected = 0.02 * 0.02;  // the default, DCGAN's and Blocks' IsotropicGaussian(0.02)
  const double se = expected * std::sqrt(2.0 / double(w.size()));
  CHECK(std::abs(w.array().square().mean() - expected) < 5 * se);
  CHECK(std::abs(w.mean()) < 5 * std::sqrt(expected / double(w.size())));
  Eigen::MatrixXd small(2, 3);
  minimax::rng draws(9), replay(9);
  nn::normal{0.5}.fill(small, draws);
  for (Eigen::Index j = 0; j < small.cols(); ++j)
    for (Eigen::Index i = 0; i < small.rows(); ++i) CHECK(small(i, j) == 0.5 * replay.normal());
  CHECK_THROWS_WITH(nn::normal{0.0}, "minimax::nn::normal: standard deviation must be positive and finite, got 0");
}

TEST_CASE("orthogonal: W^T W = g^2 I (tall) and W W^T = g^2 I (wide)") {
  std::mt19937_64 rng(3);
  Eigen::MatrixXd tall(7, 4), wide(3, 9);
  nn::orthogonal{1.5}.fill(tall, rng);
  nn::orthogonal{1.5}.fill(wide, rng);
  const double eps = std::numeric_limits<double>::epsilon();
  CHECK((tall.transpose() * tall - 2.25 * Eigen::MatrixXd::Identity(4, 4)).cwiseAbs().maxCoeff() < 50 * eps);
  CHECK((wide * wide.transpose() - 2.25 * Eigen::MatrixXd::Identity(3, 3)).cwiseAbs().maxCoeff() < 50 * eps);
}

TEST_CASE("sequential::initialise: weights by the initialiser, biases 0") {
  using net = nn::sequential<nn::dense<4, 4>, nn::relu, nn::dense<4, 2>>;
  nn::vector<double> theta = nn::vector<double>::Constant(net::parameter_count, 9.0);
  std::mt19937_64 rng(4);
  net{}.initialise(theta, nn::orthogonal{}, rng);
  CHECK(net::bias<0>(theta).cwiseAbs().maxCoeff() == 0.0);
  CHECK(net::bias<2>(theta).cwiseAbs().maxCoeff() == 0.0);
  const Eigen::Matrix4d w = net::weight<0>(theta);
  CHECK((w.transpose() * w - Eigen::Matrix4d::Identity()).cwiseAbs().maxCoeff() < 1e-14);
}

TEST_CASE("initialisers: a non-positive gain throws") {
  CHECK_THROWS_WITH(nn::glorot{0.0}, "minimax::nn::glorot: gain must be positive and finite, got 0");
  CHECK_THROWS_AS(nn::he{-1.0}, minimax::invalid_argument);
  CHECK_THROWS_AS(nn::orthogonal{std::nan("")}, minimax::invalid_argument);
}

TEST_CASE("initialisers draw through minimax::rng's own transforms (the same weights on every platform)",
          "[nn][initialiser]") {
  Eigen::MatrixXd w(3, 4);
  minimax::rng draws(123), replay(123);
  minimax::nn::glorot{2.0}.fill(w, draws);
  const double a = 2.0 * std::sqrt(6.0 / 7.0);
  for (Eigen::Index j = 0; j < w.cols(); ++j)
    for (Eigen::Index i = 0; i < w.rows(); ++i) CHECK(w(i, j) == -a + 2 * a * replay.uniform());
  minimax::nn::he{}.fill(w, draws);
  const double sd = std::sqrt(2.0 / 4.0);
  for (Eigen::Index j = 0; j < w.cols(); ++j)
    for (Eigen::Index i = 0; i < w.rows(); ++i) CHECK(w(i, j) == sd * replay.normal());
}
