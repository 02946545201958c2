#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include <minimax/nn.hpp>

#include "fd_check.hpp"

namespace nn = minimax::nn;
using net = nn::sequential<nn::dense<2, 8>, nn::relu, nn::dense<8, 1>>;

TEST_CASE("sequential: sizes and offsets follow from the layer types") {
  STATIC_REQUIRE(net::input_size == 2);
  STATIC_REQUIRE(net::output_size == 1);
  STATIC_REQUIRE(net::parameter_count == (2 * 8 + 8) + (8 * 1 + 1));
  STATIC_REQUIRE(net::offsets[2] == 24);
  net n{};  // default-constructible
  (void)n;
}

TEMPLATE_TEST_CASE("sequential: a deep network's backward matches finite differences", "", float, double) {
  using deep = nn::sequential<nn::dense<3, 7>, nn::tanh, nn::dense<7, 6>, nn::leaky_relu, nn::dense<6, 4>, nn::maxout<2>,
                              nn::softplus, nn::dense<2, 2>>;
  const auto r = minimax::test::check_backward<TestType>(deep{}, 9, 11);
  CHECK(r.theta_error < minimax::test::gradient_tolerance<TestType>());
  CHECK(r.x_error < minimax::test::gradient_tolerance<TestType>());
}

TEST_CASE("sequential: backward accumulates into dtheta, so two networks can share a gradient") {
  nn::vector<double> theta(net::parameter_count);
  std::mt19937_64 rng(5);
  net{}.initialise(theta, nn::he{}, rng);
  nn::batch<double, 2> x = nn::batch<double, 2>::Random(2, 4);
  net::tape<double> t;
  net{}.forward(theta, x, t);
  nn::vector<double> g1 = nn::vector<double>::Zero(net::parameter_count);
  net{}.backward(theta, t, nn::batch<double, 1>::Ones(1, 4), g1);
  nn::vector<double> g2 = g1;
  net{}.backward(theta, t, nn::batch<double, 1>::Ones(1, 4), g2);
  CHECK((g2 - 2 * g1).cwiseAbs().maxCoeff() == 0.0);
}

TEST_CASE("sequential: bad input throws, naming the function and the value") {
  nn::vector<double> theta = nn::vector<double>::Zero(net::parameter_count);
  net::tape<double> t;
  nn::batch<double, Eigen::Dynamic> wrong_rows = Eigen::MatrixXd::Zero(3, 4);
  CHECK_THROWS_WITH(net{}.forward(theta, wrong_rows, t),
                    "minimax::nn::sequential::forward: input must have 2 rows (one column per sample), got 3");
  CHECK_THROWS_WITH(net{}.forward(theta, Eigen::MatrixXd::Zero(2, 0), t),
                    "minimax::nn::sequential::forward: input must hold at least one sample, got 0");
  nn::vector<double> short_theta = nn::vector<double>::Zero(5);
  CHECK_THROWS_WITH(net{}.forward(short_theta, Eigen::MatrixXd::Zero(2, 1), t),
                    "minimax::nn::sequential::forward: theta must have 33 entries, got 5");
  Eigen::MatrixXd x = Eigen::MatrixXd::Zero(2, 3);
  x(1, 2) = std::numeric_limits<double>::quiet_NaN();
  CHECK_THROWS_WITH(net{}.forward(theta, x, t), "minimax::nn::sequential::forward: input(1, 2) must be finite, got nan");
  nn::vector<double> bad = theta;
  bad[7] = std::numeric_limits<double>::infinity();
  CHECK_THROWS_WITH(net{}.forward(bad, Eigen::MatrixXd::Zero(2, 1), t),
                    "minimax::nn::sequential::forward: theta[7] must be finite, got inf");
  net{}.forward(theta, Eigen::MatrixXd::Zero(2, 3), t);
  nn::vector<double> g = nn::vector<double>::Zero(net::parameter_count);
  CHECK_THROWS_WITH(net{}.backward(theta, t, Eigen::MatrixXd::Zero(1, 2), g),
                    "minimax::nn::sequential::backward: dy's columns and the input's columns must have the same size, got 2 and 3");
  CHECK_THROWS_AS(net{}.backward(theta, t, Eigen::MatrixXd::Zero(2, 3), g), minimax::invalid_argument);
}
