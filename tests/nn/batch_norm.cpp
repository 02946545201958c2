// Tests for include/minimax/nn/batch_norm.hpp: the forward pass against the formula computed by hand,
// the backward pass (which couples the samples) against finite differences, the tangent passes
// against dual numbers, the edge cases (one sample, a constant feature) and bad input.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <random>

#include <minimax/core/dual.hpp>
#include <minimax/nn.hpp>

#include "fd_check.hpp"

namespace nn = minimax::nn;

TEST_CASE("batch_norm: each feature standardised by the batch, then scaled and shifted") {
  using net = nn::sequential<nn::dense<2, 2>, nn::batch_norm>;
  static_assert(net::output_size == 2 && net::parameter_count == 6 + 4);
  const nn::batch_norm layer;
  nn::batch<double, 2> x(2, 4);
  x << 1, 3, 1, 3,  // mean 2, population variance 1
      0, 0, 4, 8;   // mean 3, population variance 11
  nn::vector<double> theta(4);
  theta << 2.0, -0.5, 0.25, 1.0;  // gamma, then beta
  nn::batch<double, 2> y;
  layer.forward<2>(theta.data(), x, y);
  const double eps = 1e-5;
  for (Eigen::Index i = 0; i < 4; ++i) {
    CHECK(y(0, i) == Approx(2.0 * (x(0, i) - 2.0) / std::sqrt(1.0 + eps) + 0.25).epsilon(1e-15));
    CHECK(y(1, i) == Approx(-0.5 * (x(1, i) - 3.0) / std::sqrt(11.0 + eps) + 1.0).epsilon(1e-15));
  }
  // initialised to gamma = 1, beta = 0: the outputs have mean 0 and variance var / (var + eps)
  std::mt19937_64 rng(7);
  nn::vector<double> fresh(net::parameter_count);
  net{}.initialise(fresh, nn::glorot{}, rng);
  CHECK(fresh.tail(4) == (nn::vector<double>(4) << 1, 1, 0, 0).finished());
  nn::batch<double, 2> z;
  layer.forward<2>(fresh.tail(4).data(), x, z);
  CHECK(std::abs(z.row(0).mean()) <= 1e-15);
  CHECK(z.row(1).array().square().mean() == Approx(11.0 / (11.0 + eps)).epsilon(1e-14));
}

TEST_CASE("batch_norm: one sample or a constant feature gives beta, and the exact gradient there") {
  const nn::batch_norm layer;
  const double theta[2] = {3.0, 0.7};
  const nn::batch<double, 1> one = nn::batch<double, 1>::Constant(1, 1, 5.0);
  nn::batch<double, 1> y;
  layer.forward<1>(theta, one, y);
  CHECK(y(0, 0) == 0.7);
  const nn::batch<double, 1> flat = nn::batch<double, 1>::Constant(1, 6, -2.0);
  layer.forward<1>(theta, flat, y);
  CHECK((y.array() == 0.7).all());
  // through a constant feature x_hat = 0: gamma's gradient is 0 and the input's is
  // gamma / sqrt(eps) (dy - mean dy): large (the standardisation divides by sqrt(eps)) but finite
  double grad[2] = {0.0, 0.0};
  nn::batch<double, 1> dx;
  const nn::batch<double, 1> dy = nn::vector<double>::LinSpaced(6, -1.0, 1.5).transpose();
  layer.backward<1>(theta, flat, y, dy, grad, &dx);
  const nn::batch<double, 1> expected = (3.0 / std::sqrt(1e-5)) * (dy.array() - dy.mean());
  CHECK((dx - expected).cwiseAbs().maxCoeff() <= 1e-12 * expected.cwiseAbs().maxCoeff());
  CHECK(grad[0] == 0.0);
  CHECK(grad[1] == Approx(dy.sum()).epsilon(1e-15));
}

TEMPLATE_TEST_CASE("batch_norm: backward (coupling the samples) matches finite differences", "", float, double) {
  using net = nn::sequential<nn::dense<3, 5>, nn::batch_norm, nn::relu, nn::dense<5, 4>, nn::batch_norm, nn::dense<4, 2>>;
  const auto r = minimax::test::check_backward<TestType>(net{}, 7, 11);
  CHECK(r.theta_error < minimax::test::gradient_tolerance<TestType>());
  CHECK(r.x_error < minimax::test::gradient_tolerance<TestType>());
}

TEST_CASE("batch_norm: the tangent passes (on dual numbers) give a Hessian-vector product") {
  // d/dt of the parameter gradient along theta_dot, by the tangent passes, against central
  // differences of the gradient
  using net = nn::sequential<nn::dense<2, 4>, nn::batch_norm, nn::tanh, nn::dense<4, 1>>;
  std::mt19937_64 rng(3);
  std::normal_distribution<double> normal;
  nn::vector<double> theta(net::parameter_count), theta_dot(net::parameter_count);
  net{}.initialise(theta, nn::glorot{}, rng);
  for (auto& v : theta) v += 0.3 * normal(rng);
  for (auto& v : theta_dot) v = normal(rng);
  nn::batch<double, 2> x(2, 8);
  for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = normal(rng);
  const nn::batch<double, 1> dy = nn::batch<double, 1>::Constant(1, 8, 0.125);
  const auto gradient = [&](const nn::vector<double>& th) {
    net::tape<double> t;
    net{}.forward(th, x, t);
    nn::vector<double> g = nn::vector<double>::Zero(net::parameter_count);
    net{}.backward(th, t, dy, g);
    return g;
  };
  net::tape<double> t;
  net::tangent_tape<double> tt;
  nn::vector<double> g = nn::vector<double>::Zero(net::parameter_count);
  nn::vector<double> hv = nn::vector<double>::Zero(net::parameter_count);
  net{}.forward(theta, x, t);
  net{}.backward(theta, t, dy, g);
  net{}.forward_tangent(theta, theta_dot, t, tt);
  net{}.backward_tangent(theta, theta_dot, t, tt, nn::batch<double, 1>::Zero(1, 8), hv);
  const double h = 1e-5;
  const nn::vector<double> fd = (gradient(theta + h * theta_dot) - gradient(theta - h * theta_dot)) / (2 * h);
  CHECK((hv - fd).cwiseAbs().maxCoeff() <= 1e-7 * std::max(1.0, fd.cwiseAbs().maxCoeff()));
  CHECK(hv.cwiseAbs().maxCoeff() > 1e-3);
}

TEST_CASE("batch_norm: bad input names the function and the value") {
  CHECK_THROWS_WITH(nn::batch_norm{0.0}, "minimax::nn::batch_norm: epsilon must be positive and finite, got 0");
  CHECK_THROWS_AS(nn::batch_norm{-1e-3}, std::invalid_argument);
  STATIC_REQUIRE_FALSE(nn::sample_layer<nn::batch_norm>);
}
