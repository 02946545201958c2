#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include <Eigen/Dense>
#include <minimax/core/dual.hpp>
#include <minimax/core/log1pexp.hpp>
#include <minimax/core/logsumexp.hpp>
#include <vector>
#include <minimax/core/sigmoid.hpp>

using d = minimax::dual<double>;
const double eps = std::numeric_limits<double>::epsilon();

TEST_CASE("dual: arithmetic follows the rules of differentiation") {
  const d x(1.5, 1.0);  // seed dx = 1
  const d p = x * x * x;
  CHECK(p.value == 3.375);
  CHECK(p.derivative == 3 * 1.5 * 1.5);
  const d q = (x + 2.0) / (x - 0.5);  // d/dx = -2.5 / (x - 0.5)^2
  CHECK(q.derivative == Approx(-2.5 / 1.0).epsilon(4 * eps));
  CHECK((1.0 / x).derivative == Approx(-1 / 2.25).epsilon(4 * eps));
  CHECK((-x).derivative == -1.0);
}

TEST_CASE("dual: elementary functions carry their closed-form derivatives") {
  const double a = 0.7;
  const d x(a, 1.0);
  CHECK(exp(x).derivative == std::exp(a));
  CHECK(log(x).derivative == Approx(1 / a).epsilon(2 * eps));
  CHECK(log1p(x).derivative == Approx(1 / (1 + a)).epsilon(2 * eps));
  CHECK(expm1(x).derivative == std::exp(a));
  CHECK(sqrt(x).derivative == Approx(0.5 / std::sqrt(a)).epsilon(2 * eps));
  CHECK(tanh(x).derivative == Approx(1 - std::tanh(a) * std::tanh(a)).epsilon(2 * eps));
  CHECK(pow(x, 2.5).derivative == Approx(2.5 * std::pow(a, 1.5)).epsilon(4 * eps));
  CHECK(abs(d(-a, 1.0)).derivative == -1.0);
  // the library's numerics run on duals too: sigma' = sigma (1 - sigma), softplus' = sigma
  const double s = minimax::sigmoid(a);
  CHECK(minimax::sigmoid(x).derivative == Approx(s * (1 - s)).epsilon(8 * eps));
  CHECK(minimax::log1pexp(d(-a, 1.0)).derivative == Approx(minimax::sigmoid(-a)).epsilon(8 * eps));
  CHECK(minimax::log1pexp(d(800.0, 1.0)).derivative == 1.0);
}

TEST_CASE("dual: Eigen products of dual matrices give (A + eB)(C + eD) = AC + e(AD + BC)") {
  Eigen::MatrixXd A = Eigen::MatrixXd::Random(4, 3), B = Eigen::MatrixXd::Random(4, 3);
  Eigen::MatrixXd C = Eigen::MatrixXd::Random(3, 5), D = Eigen::MatrixXd::Random(3, 5);
  Eigen::Matrix<d, -1, -1> X(4, 3), Y(3, 5);
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 3; ++j) X(i, j) = d(A(i, j), B(i, j));
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 5; ++j) Y(i, j) = d(C(i, j), D(i, j));
  const Eigen::Matrix<d, -1, -1> Z = X * Y;
  const Eigen::MatrixXd V = A * C, E = A * D + B * C;
  for (int i = 0; i < 4; ++i) {
    for (int j = 0; j < 5; ++j) {
      CHECK(Z(i, j).value == Approx(V(i, j)).margin(8 * eps));
      CHECK(Z(i, j).derivative == Approx(E(i, j)).margin(16 * eps));
    }
  }
}

TEST_CASE("dual: comparisons and finiteness look at the value") {
  CHECK(d(1.0, 5.0) < d(2.0, -5.0));
  CHECK(d(1.0, 5.0) == d(1.0, -5.0));
  CHECK(!isfinite(d(std::numeric_limits<double>::infinity(), 0.0)));
  CHECK(isnan(d(std::nan(""), 0.0)));
  CHECK(minimax::value_of(d(3.0, 1.0)) == 3.0);
}

TEST_CASE("dual: numeric_limits are those of the real part, so generic numerics keep their edge cases") {
  CHECK(std::numeric_limits<d>::infinity().value == std::numeric_limits<double>::infinity());
  CHECK(std::numeric_limits<d>::is_specialized);
  CHECK(std::isnan(std::numeric_limits<d>::quiet_NaN().value));
  // logsumexp over duals: d/dx_0 log(e^x0 + e^x1) = softmax_0
  std::vector<d> xs{d(1.0, 1.0), d(2.0, 0.0)};
  const d l = minimax::logsumexp(xs);
  CHECK(l.value == Approx(std::log(std::exp(1.0) + std::exp(2.0))).epsilon(4 * eps));
  CHECK(l.derivative == Approx(std::exp(1.0) / (std::exp(1.0) + std::exp(2.0))).epsilon(8 * eps));
}
