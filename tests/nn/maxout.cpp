#include <catch2/catch.hpp>

#include <minimax/nn.hpp>

#include "fd_check.hpp"

namespace nn = minimax::nn;

TEST_CASE("maxout: group maxima by hand") {
  using net = nn::sequential<nn::dense<6, 6>, nn::maxout<3>>;
  static_assert(net::output_size == 2);
  nn::vector<double> theta = nn::vector<double>::Zero(net::parameter_count);
  net::weight<0>(theta).setIdentity();
  nn::batch<double, 6> x(6, 1);
  x << 1, 5, 2, -3, -1, -2;
  const auto y = net{}(theta, x);
  CHECK(y(0, 0) == 5);
  CHECK(y(1, 0) == -1);
  // the gradient flows to the arg-max only
  net::tape<double> t;
  net{}.forward(theta, x, t);
  nn::vector<double> g = nn::vector<double>::Zero(net::parameter_count);
  nn::batch<double, 6> dx;
  nn::batch<double, 2> dy(2, 1);
  dy << 10, 20;
  net{}.backward(theta, t, dy, g, &dx);
  nn::batch<double, 6> expected(6, 1);
  expected << 0, 10, 0, 0, 20, 0;
  CHECK(dx == expected);
}

TEMPLATE_TEST_CASE("maxout: backward matches finite differences", "", float, double) {
  const auto r = minimax::test::check_backward<TestType>(nn::sequential<nn::dense<3, 8>, nn::maxout<4>, nn::dense<2, 1>>{}, 5, 3);
  CHECK(r.theta_error < minimax::test::gradient_tolerance<TestType>());
  CHECK(r.x_error < minimax::test::gradient_tolerance<TestType>());
}
