#include <catch2/catch.hpp>

#include <cmath>

#include <minimax/nn.hpp>

#include "fd_check.hpp"

namespace nn = minimax::nn;

TEST_CASE("minibatch_discrimination: o(x_i)_b = sum_j exp(-|M_ib - M_jb|_1) by hand") {
  using net = nn::sequential<nn::dense<1, 1>, nn::minibatch_discrimination<1, 1>>;
  static_assert(net::output_size == 2 && net::parameter_count == 2 + 1);
  nn::vector<double> theta(3);
  theta << 1.0, 0.0, 2.0;  // dense: y = x; tensor: M = 2 x
  nn::batch<double, 1> x(1, 3);
  x << 0.0, 0.5, 2.0;
  const auto y = net{}(theta, x);
  CHECK(y(1, 0) == Approx(1 + std::exp(-1.0) + std::exp(-4.0)).epsilon(1e-15));
  CHECK(y(1, 1) == Approx(std::exp(-1.0) + 1 + std::exp(-3.0)).epsilon(1e-15));
  // a collapsed batch of n samples: every o = n
  CHECK(net{}(theta, nn::batch<double, 1>::Constant(1, 4, 0.7))(1, 2) == 4.0);
}

TEMPLATE_TEST_CASE("minibatch_discrimination: backward matches finite differences", "", float, double) {
  const auto r = minimax::test::check_backward<TestType>(
      nn::sequential<nn::dense<2, 3>, nn::minibatch_discrimination<4, 3>, nn::dense<7, 1>>{}, 5, 8);
  CHECK(r.theta_error < minimax::test::gradient_tolerance<TestType>());
  CHECK(r.x_error < minimax::test::gradient_tolerance<TestType>());
}
