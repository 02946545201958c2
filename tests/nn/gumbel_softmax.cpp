#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include <minimax/nn.hpp>

#include "fd_check.hpp"

namespace nn = minimax::nn;

TEST_CASE("gumbel_softmax: without noise, a tempered softmax") {
  nn::sequential<nn::dense<3, 3>, nn::gumbel_softmax> net;
  net.layer<1>() = nn::gumbel_softmax{0.5};
  nn::vector<double> theta = nn::vector<double>::Zero(12);
  decltype(net)::weight<0>(theta).setIdentity();
  nn::batch<double, 3> x(3, 1);
  x << 1.0, 0.0, -1.0;
  const auto y = net(theta, x);
  const double z = std::exp(2.0) + 1 + std::exp(-2.0);
  CHECK(y(0, 0) == Approx(std::exp(2.0) / z).epsilon(1e-15));
  CHECK(y(2, 0) == Approx(std::exp(-2.0) / z).epsilon(1e-14));
}

TEST_CASE("gumbel_softmax: straight-through samples are one-hot with frequencies softmax(x) (Gumbel-max)") {
  nn::sequential<nn::dense<3, 3>, nn::gumbel_softmax> net;
  net.layer<1>() = nn::gumbel_softmax{1.0, true};
  nn::vector<double> theta = nn::vector<double>::Zero(12);
  decltype(net)::weight<0>(theta).setIdentity();
  const int n = 20000;
  nn::batch<double, 3> x(3, n);
  x.colwise() = Eigen::Vector3d(1.0, 0.0, -0.5);
  std::mt19937_64 rng(42);
  net.layer<1>().resample(rng, 3, n);
  const auto y = net(theta, x);
  CHECK((y.colwise().sum().array() == 1.0).all());
  const Eigen::Vector3d p = Eigen::Vector3d(1.0, 0.0, -0.5).array().exp() / Eigen::Vector3d(1.0, 0.0, -0.5).array().exp().sum();
  for (int k = 0; k < 3; ++k) {
    const double freq = y.row(k).sum() / n;
    CHECK(std::abs(freq - p[k]) < 5 * std::sqrt(p[k] * (1 - p[k]) / n));
  }
}

TEMPLATE_TEST_CASE("gumbel_softmax: backward matches finite differences (noise held fixed)", "", float, double) {
  nn::sequential<nn::dense<2, 4>, nn::gumbel_softmax, nn::dense<4, 2>> net;
  net.layer<1>() = nn::gumbel_softmax{0.7};
  std::mt19937_64 rng(3);
  net.layer<1>().resample(rng, 4, 5);
  const auto r = minimax::test::check_backward<TestType>(net, 5, 4);
  CHECK(r.theta_error < minimax::test::gradient_tolerance<TestType>());
  CHECK(r.x_error < minimax::test::gradient_tolerance<TestType>());
}

TEST_CASE("gumbel_softmax: bad settings throw") {
  CHECK_THROWS_WITH(nn::gumbel_softmax{0.0}, "minimax::nn::gumbel_softmax: temperature must be positive and finite, got 0");
  nn::sequential<nn::dense<2, 2>, nn::gumbel_softmax> net;
  std::mt19937_64 rng(1);
  net.layer<1>().resample(rng, 2, 3);
  CHECK_THROWS_WITH(net(nn::vector<double>::Zero(6), nn::batch<double, 2>::Zero(2, 4)),
                    "minimax::nn::gumbel_softmax::forward: noise must have the input's shape, got 2x3");
}
