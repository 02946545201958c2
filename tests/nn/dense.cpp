#include <catch2/catch.hpp>

#include <minimax/nn.hpp>

#include "fd_check.hpp"

namespace nn = minimax::nn;

TEST_CASE("dense: forward is W x + b, read through the named views") {
  using net = nn::sequential<nn::dense<3, 2>>;
  nn::vector<double> theta(net::parameter_count);
  REQUIRE(net::parameter_count == 3 * 2 + 2);
  for (Eigen::Index i = 0; i < theta.size(); ++i) theta[i] = double(i + 1);
  // column-major W: [[1, 3, 5], [2, 4, 6]], b = (7, 8)
  CHECK(net::weight<0>(theta)(1, 2) == 6.0);
  CHECK(net::bias<0>(theta)(1) == 8.0);
  nn::batch<double, 3> x(3, 2);
  x << 1, 0, 1, -1, 2, 0.5;
  const auto y = net{}(theta, x);
  CHECK(y(0, 0) == 1 * 1 + 3 * 1 + 5 * 2 + 7);
  CHECK(y(1, 1) == 2 * 0 + 4 * -1 + 6 * 0.5 + 8);
  // views write through to the flat vector
  net::bias<0>(theta)(0) = -1;
  CHECK(theta[6] == -1);
  auto block = net::parameters<0>(theta);
  CHECK(block.size() == 8);
  block(7) = 42;
  CHECK(theta[7] == 42);
  const nn::vector<double>& ro = theta;
  CHECK(net::parameters<0>(ro)(7) == 42);
}

TEMPLATE_TEST_CASE("dense: backward matches finite differences", "", float, double) {
  const auto r = minimax::test::check_backward<TestType>(nn::sequential<nn::dense<4, 3>>{}, 5, 1);
  CHECK(r.theta_error < minimax::test::gradient_tolerance<TestType>());
  CHECK(r.x_error < minimax::test::gradient_tolerance<TestType>());
}

TEMPLATE_TEST_CASE("dense: the blocked-product path (both sizes above dense::small) matches finite differences", "", float,
                   double) {
  STATIC_REQUIRE(nn::dense<12, 10>::small < 10);
  const auto r = minimax::test::check_backward<TestType>(nn::sequential<nn::dense<12, 10>, nn::tanh, nn::dense<10, 9>>{}, 6, 2);
  CHECK(r.theta_error < minimax::test::gradient_tolerance<TestType>());
  CHECK(r.x_error < minimax::test::gradient_tolerance<TestType>());
}
