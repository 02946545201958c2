#include <catch2/catch.hpp>

#include <cmath>

#include <minimax/nn.hpp>

#include "fd_check.hpp"

namespace nn = minimax::nn;

TEST_CASE("minibatch_stddev: the appended feature by hand; a collapsed batch gives sqrt(epsilon)") {
  using net = nn::sequential<nn::dense<2, 2>, nn::minibatch_stddev>;
  static_assert(net::output_size == 3);
  nn::vector<double> theta = nn::vector<double>::Zero(net::parameter_count);
  net::weight<0>(theta).setIdentity();
  nn::batch<double, 2> x(2, 4);
  x << 1, 3, 1, 3,  // population std 1
      0, 0, 4, 4;   // population std 2
  const auto y = net{}(theta, x);
  CHECK(y(2, 0) == Approx((std::sqrt(1 + 1e-8) + std::sqrt(4 + 1e-8)) / 2).epsilon(1e-15));
  CHECK(y(2, 3) == y(2, 0));
  const nn::batch<double, 2> same = nn::batch<double, 2>::Constant(2, 5, 0.3);
  CHECK(net{}(theta, same)(2, 1) == Approx(std::sqrt(1e-8)).epsilon(1e-12));
}

TEMPLATE_TEST_CASE("minibatch_stddev: backward (coupling the samples) matches finite differences", "", float, double) {
  const auto r = minimax::test::check_backward<TestType>(nn::sequential<nn::dense<3, 4>, nn::minibatch_stddev, nn::dense<5, 2>>{}, 6, 5);
  CHECK(r.theta_error < minimax::test::gradient_tolerance<TestType>());
  CHECK(r.x_error < minimax::test::gradient_tolerance<TestType>());
}
