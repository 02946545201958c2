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

TEST_CASE("batch_norm: inference mode normalises every sample by the population statistics") {
  nn::batch_norm layer(1e-4);
  nn::batch<double, 2> x(2, 5);
  x << 1, 3, 1, 3, 7,  //
      0, 0, 4, 8, -1;
  const double theta[4] = {2.0, -0.5, 0.25, 1.0};
  // batch_statistics gives what training mode divides by: with them as the population, the same outputs
  Eigen::ArrayXd mean, stdev;
  layer.batch_statistics(x, mean, stdev);
  CHECK(mean[0] == Approx(3.0).epsilon(1e-15));
  CHECK(stdev[1] == Approx(std::sqrt((x.row(1).array() - x.row(1).mean()).square().mean() + 1e-4)).epsilon(1e-15));
  nn::batch<double, 2> trained, inferred;
  layer.forward<2>(theta, x, trained);
  CHECK_FALSE(layer.uses_population());
  layer.use_population(mean, stdev);
  CHECK(layer.uses_population());
  layer.forward<2>(theta, x, inferred);
  CHECK((trained - inferred).cwiseAbs().maxCoeff() <= 1e-15);
  // the formula with other statistics, sample by sample: a sample's output no longer depends on its batch
  const Eigen::Array2d m(0.5, -2.0), s(1.5, 4.0);
  layer.use_population(m, s);
  CHECK((layer.population_mean() == m).all());
  CHECK((layer.population_standard_deviation() == s).all());
  layer.forward<2>(theta, x, inferred);
  for (Eigen::Index i = 0; i < 5; ++i) {
    CHECK(inferred(0, i) == Approx(2.0 * (x(0, i) - 0.5) / 1.5 + 0.25).epsilon(1e-15));
    CHECK(inferred(1, i) == Approx(-0.5 * (x(1, i) + 2.0) / 4.0 + 1.0).epsilon(1e-15));
    nn::batch<double, 2> alone;
    layer.forward<2>(theta, nn::batch<double, 2>(x.col(i)), alone);
    CHECK(alone(0, 0) == inferred(0, i));
    CHECK(alone(1, 0) == inferred(1, i));
  }
  layer.use_batch_statistics();
  CHECK_FALSE(layer.uses_population());
  CHECK(layer.population_mean().size() == 0);
  layer.forward<2>(theta, x, inferred);
  CHECK(inferred == trained);
}

TEMPLATE_TEST_CASE("batch_norm: inference mode's backward matches finite differences", "", float, double) {
  using net = nn::sequential<nn::dense<3, 4>, nn::batch_norm, nn::tanh, nn::dense<4, 2>>;
  net network;
  network.template layer<1>().use_population(Eigen::Array4d(0.3, -0.2, 0.0, 1.0), Eigen::Array4d(0.5, 2.0, 1.0, 0.8));
  const auto r = minimax::test::check_backward<TestType>(network, 6, 13);
  CHECK(r.theta_error < minimax::test::gradient_tolerance<TestType>());
  CHECK(r.x_error < minimax::test::gradient_tolerance<TestType>());
}

TEST_CASE("batch_norm: bad input names the function and the value") {
  nn::batch_norm layer;
  CHECK_THROWS_WITH(layer.use_population(Eigen::Array2d(0, 0), Eigen::Array3d(1, 1, 1)),
                    "minimax::nn::batch_norm::use_population: the mean and the standard deviation must "
                    "have the same size, got 2 and 3");
  CHECK_THROWS_WITH(layer.use_population(Eigen::Array2d(0, 0), Eigen::Array2d(1, 0)),
                    "minimax::nn::batch_norm::use_population: a population standard deviation must be positive and "
                    "finite, got 0");
  CHECK_THROWS_AS(layer.use_population(Eigen::Array2d(0, std::nan("")), Eigen::Array2d(1, 1)), std::invalid_argument);
  CHECK_FALSE(layer.uses_population());
  layer.use_population(Eigen::Array2d(0, 0), Eigen::Array2d(1, 1));
  const double theta[6] = {1, 1, 1, 0, 0, 0};
  const nn::batch<double, 3> x = nn::batch<double, 3>::Zero(3, 2);
  nn::batch<double, 3> y;
  CHECK_THROWS_WITH(layer.forward<3>(theta, x, y),
                    "minimax::nn::batch_norm: the population statistics have 2 features; the input's feature count, "
                    "got 3");
  CHECK_THROWS_WITH(nn::batch_norm{0.0}, "minimax::nn::batch_norm: epsilon must be positive and finite, got 0");
  CHECK_THROWS_AS(nn::batch_norm{-1e-3}, std::invalid_argument);
  STATIC_REQUIRE_FALSE(nn::sample_layer<nn::batch_norm>);
}
