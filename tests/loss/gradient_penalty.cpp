#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <random>

#include <minimax/loss.hpp>
#include <minimax/nn.hpp>

namespace loss = minimax::loss;
namespace nn = minimax::nn;
const double eps = std::numeric_limits<double>::epsilon();

namespace {
using critic = nn::sequential<nn::dense<2, 6>, nn::tanh, nn::dense<6, 5>, nn::softplus, nn::dense<5, 1>>;

template <class Penalty>
double fd_error(const Penalty& pen, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> g;
  nn::vector<double> theta(critic::parameter_count);
  critic{}.initialise(theta, nn::glorot{1.5}, rng);
  for (auto& v : theta) v += 0.2 * g(rng);
  nn::batch<double, 2> x(2, 7);
  for (auto& v : x.reshaped()) v = g(rng);
  nn::vector<double> grad = nn::vector<double>::Zero(theta.size()), scratch = grad;
  pen(theta, x, grad);
  const double h = 1e-5;
  double worst = 0, scale = 1;
  for (Eigen::Index i = 0; i < theta.size(); ++i) {
    nn::vector<double> a = theta, b = theta;
    a[i] += h;
    b[i] -= h;
    const double num = (pen(a, x, scratch) - pen(b, x, scratch)) / (2 * h);
    worst = std::max(worst, std::abs(num - grad[i]));
    scale = std::max(scale, std::abs(num));
  }
  return worst / scale;
}
}  // namespace

TEST_CASE("R1 / R2: parameter gradients by forward-over-reverse match finite differences") {
  const loss::r1 r1{0.7};
  CHECK(fd_error([&](const auto& th, const auto& x, auto& g) { return r1.penalty(critic{}, th, x, g); }, 1) < 1e-8);
  const loss::r2 r2{2.0};
  CHECK(fd_error([&](const auto& th, const auto& x, auto& g) { return r2.penalty(critic{}, th, x, g); }, 2) < 1e-8);
}

TEST_CASE("WGAN-GP: parameter gradients match finite differences") {
  const loss::wgan_gp gp{10.0};
  Eigen::RowVectorXd t(7);
  t << 0.1, 0.5, 0.9, 0.0, 1.0, 0.3, 0.7;
  std::mt19937_64 rng(9);
  nn::batch<double, 2> fake = nn::batch<double, 2>::Random(2, 7);
  CHECK(fd_error([&](const auto& th, const auto& x, auto& g) { return gp.penalty(critic{}, th, x, fake, t, g); }, 3) < 1e-8);
}

TEST_CASE("penalties of a linear critic D(x) = w . x + b: R1 = gamma/2 |w|^2, WGAN-GP = lambda (|w| - 1)^2") {
  using linear = nn::sequential<nn::dense<2, 1>>;
  nn::vector<double> theta(3);
  theta << 3.0, 4.0, 0.5;  // |w| = 5
  nn::batch<double, 2> x = nn::batch<double, 2>::Random(2, 4);
  nn::vector<double> g = nn::vector<double>::Zero(3);
  CHECK(loss::r1{0.2}.penalty(linear{}, theta, x, g) == Approx(0.1 * 25).epsilon(8 * eps));
  CHECK(g[0] == Approx(0.2 * 3).epsilon(8 * eps));
  CHECK(g[1] == Approx(0.2 * 4).epsilon(8 * eps));
  CHECK(g[2] == 0.0);
  g.setZero();
  std::mt19937_64 rng(1);
  CHECK(loss::wgan_gp{2.0}.penalty(linear{}, theta, x, x.reverse(), g, rng) == Approx(2.0 * 16).epsilon(8 * eps));
  // d/dw lambda (|w| - 1)^2 = 2 lambda (|w| - 1) w / |w|
  CHECK(g[0] == Approx(2 * 2.0 * 4 * 3 / 5.0).epsilon(8 * eps));
}

TEST_CASE("penalties: bad input throws") {
  nn::vector<double> theta = nn::vector<double>::Zero(critic::parameter_count), g = theta;
  CHECK_THROWS_WITH(loss::r1{-1.0}, "minimax::loss::r1: gamma must be positive and finite, got -1");
  CHECK_THROWS_AS(loss::wgan_gp{0.0}, minimax::invalid_argument);
  nn::vector<double> short_g = nn::vector<double>::Zero(3);
  CHECK_THROWS_AS(loss::r1{}.penalty(critic{}, theta, nn::batch<double, 2>::Zero(2, 3), short_g), minimax::invalid_argument);
  Eigen::RowVectorXd t = Eigen::RowVectorXd::Constant(3, 1.5);
  CHECK_THROWS_WITH(loss::wgan_gp{}.penalty(critic{}, theta, nn::batch<double, 2>::Zero(2, 3), nn::batch<double, 2>::Zero(2, 3), t, g),
                    "minimax::loss::wgan_gp::penalty: t[0] must lie in [0, 1], got 1.5");
  nn::batch<double, 2> x = nn::batch<double, 2>::Zero(2, 3);
  x(0, 0) = std::nan("");
  CHECK_THROWS_AS(loss::r2{}.penalty(critic{}, theta, x, g), minimax::invalid_argument);
}
