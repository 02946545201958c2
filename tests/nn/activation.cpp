#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include <minimax/nn.hpp>

#include "fd_check.hpp"

namespace nn = minimax::nn;

TEST_CASE("activations: values against their closed forms") {
  CHECK(nn::relu{}.value(-2.0) == 0.0);
  CHECK(nn::relu{}.value(3.0) == 3.0);
  CHECK(nn::leaky_relu{0.1}.value(-2.0) == Approx(-0.2).epsilon(1e-15));
  CHECK(nn::elu{}.value(-1.0) == Approx(std::exp(-1.0) - 1).epsilon(1e-15));
  CHECK(nn::tanh{}.value(0.5) == std::tanh(0.5));
  CHECK(nn::sigmoid{}.value(0.0) == 0.5);
  CHECK(nn::softplus{}.value(0.0) == Approx(std::log(2.0)).epsilon(1e-15));
  // overflow-free at the edges
  CHECK(nn::softplus{}.value(1000.0) == 1000.0);
  CHECK(nn::sigmoid{}.value(-1000.0) == 0.0);
}

TEMPLATE_TEST_CASE("activations: backward matches finite differences", "", float, double) {
  const double tol = minimax::test::gradient_tolerance<TestType>();
  auto check = [&](auto net) {
    const auto r = minimax::test::check_backward<TestType>(net, 6, 7);
    CHECK(r.theta_error < tol);
    CHECK(r.x_error < tol);
  };
  check(nn::sequential<nn::dense<3, 5>, nn::relu, nn::dense<5, 2>>{});
  check(nn::sequential<nn::dense<3, 5>, nn::leaky_relu, nn::dense<5, 2>>{});
  check(nn::sequential<nn::dense<3, 5>, nn::elu, nn::dense<5, 2>>{});
  check(nn::sequential<nn::dense<3, 5>, nn::tanh, nn::dense<5, 2>>{});
  check(nn::sequential<nn::dense<3, 5>, nn::sigmoid, nn::dense<5, 2>>{});
  check(nn::sequential<nn::dense<3, 5>, nn::softplus, nn::dense<5, 2>>{});
  check(nn::sequential<nn::dense<3, 5>, nn::identity, nn::dense<5, 2>>{});
}

TEST_CASE("activations: invalid settings throw, naming the value") {
  CHECK_THROWS_AS(nn::leaky_relu{std::numeric_limits<double>::quiet_NaN()}, minimax::invalid_argument);
  CHECK_THROWS_WITH(nn::elu{-1.0}, "minimax::nn::elu: alpha must be positive and finite, got -1");
}

TEMPLATE_TEST_CASE("activations: relu's and leaky_relu's selects equal the upstream gradient times the slope", "",
                   float, double) {
  using T = TestType;
  // kinks included: the derivative at x = 0 is the one of the branch x <= 0
  nn::batch<T, 3> x(3, 4);
  x << T(-2), T(0), T(1e-30), T(5), T(-0.0), T(3), T(-1e-30), T(0.5), T(7), T(-7), T(0), T(1);
  const nn::batch<T, 3> dy = nn::batch<T, 3>::Random(3, 4);
  const auto check = [&](const auto& activation) {
    nn::batch<T, 3> y, dx;
    activation.template forward<3>(static_cast<const T*>(nullptr), x, y);
    activation.template backward<3>(static_cast<const T*>(nullptr), x, y, dy, static_cast<T*>(nullptr), &dx);
    for (Eigen::Index k = 0; k < x.size(); ++k) {
      INFO("x = " << x.data()[k]);
      CHECK(dx.data()[k] == dy.data()[k] * activation.slope(x.data()[k], y.data()[k]));
    }
  };
  check(nn::relu{});
  check(nn::leaky_relu{0.1});
}
