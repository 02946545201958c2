#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <numbers>

#include <minimax/loss/info_gan.hpp>

namespace loss = minimax::loss;
namespace nn = minimax::nn;
const double eps = std::numeric_limits<double>::epsilon();

TEST_CASE("InfoGAN categorical: uniform logits give L_I = log K (the bound H(c) - L_I = 0)") {
  nn::batch<double, 4> q = nn::batch<double, 4>::Constant(4, 3, 0.7);
  CHECK(loss::info_gan_categorical(q, {0, 3, 1}) == Approx(std::log(4.0)).epsilon(4 * eps));
}

TEST_CASE("InfoGAN categorical: cross-entropy by hand, gradient softmax - onehot against finite differences") {
  nn::batch<double, 3> q(3, 2);
  q << 1.0, -2.0, 0.5, 0.0, -1.0, 3.0;
  const std::vector<int> c{2, 1};
  nn::batch<double, 3> g;
  const double l = loss::info_gan_categorical(q, c, &g);
  double expected = 0;
  for (int i = 0; i < 2; ++i) expected += (std::log(q.col(i).array().exp().sum()) - q(c[i], i)) / 2;
  CHECK(l == Approx(expected).epsilon(8 * eps));
  const double h = 1e-6;
  for (int k = 0; k < 6; ++k) {
    nn::batch<double, 3> a = q, b = q;
    a.data()[k] += h;
    b.data()[k] -= h;
    CHECK(g.data()[k] == Approx((loss::info_gan_categorical(a, c) - loss::info_gan_categorical(b, c)) / (2 * h)).margin(1e-9));
  }
  CHECK(g.colwise().sum().cwiseAbs().maxCoeff() < 4 * eps);  // softmax sums to 1, onehot too
}

TEST_CASE("InfoGAN Gaussian: the negative log-density of N(mu, e^{2s}) and its gradients") {
  nn::batch<double, 1> mu(1, 2), s(1, 2), c(1, 2);
  mu << 0.0, 1.0;
  s << 0.0, std::log(2.0);
  c << 1.0, 0.0;
  nn::batch<double, 1> dm, ds;
  const double l = loss::info_gan_gaussian(mu, s, c, &dm, &ds);
  const double h2p = 0.5 * std::log(2 * std::numbers::pi);
  CHECK(l == Approx(((h2p + 0.5) + (h2p + std::log(2.0) + 0.5 / 4)) / 2).epsilon(8 * eps));
  CHECK(dm(0, 0) == Approx(-0.5).epsilon(8 * eps));
  CHECK(dm(0, 1) == Approx(1.0 / 4 / 2).epsilon(8 * eps));
  CHECK(ds(0, 0) == Approx(0.0).margin(8 * eps));
  CHECK(ds(0, 1) == Approx((1 - 0.25) / 2).epsilon(8 * eps));
}

TEST_CASE("InfoGAN: bad codes throw") {
  nn::batch<double, 3> q = nn::batch<double, 3>::Zero(3, 2);
  CHECK_THROWS_WITH(loss::info_gan_categorical(q, {0, 3}), "minimax::loss::info_gan_categorical: codes[1] must lie in [0, 3), got 3");
  CHECK_THROWS_AS(loss::info_gan_categorical(q, {0}), minimax::invalid_argument);
}
