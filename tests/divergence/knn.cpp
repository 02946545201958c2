// Tests of include/minimax/divergence/knn.hpp: hand-computed estimates on tiny samples (both the
// sorted 1-D and the brute-force d-D paths), convergence to the closed-form entropy and KL of normals
// at n = 5000 (fixed seeds), and every bad input.
#include <minimax/divergence/knn.hpp>

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <random>

namespace mm = minimax;
using Catch::Matchers::Contains;

namespace {
const double pi = 3.141592653589793;
const double euler_gamma = 0.5772156649015329;

// Standard normal variates by Box-Muller from a fixed-seed engine.
Eigen::MatrixXd normal_samples(std::uint64_t seed, Eigen::Index n, Eigen::Index d) {
  std::mt19937_64 engine(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  Eigen::MatrixXd x(n, d);
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < d; ++j) {
      const double u1 = 1.0 - u(engine), u2 = u(engine);
      x(i, j) = std::sqrt(-2 * std::log(u1)) * std::cos(2 * pi * u2);
    }
  return x;
}
}  // namespace

TEST_CASE("kNN entropy on a tiny sample equals the formula evaluated by hand", "[knn]") {
  Eigen::VectorXd x(3);
  x << 0.0, 1.0, 3.0;  // rho_1 = {1, 1, 2}; psi(3) - psi(1) = 1.5
  CHECK(mm::knn_entropy(x) == Approx(1.5 + std::log(2.0) + std::log(2.0) / 3).epsilon(1e-14));
  Eigen::MatrixXd x2 = Eigen::MatrixXd::Zero(3, 2);  // the same points in the plane: V_2 = pi, d = 2
  x2.col(0) = x;
  CHECK(mm::knn_entropy(x2) == Approx(1.5 + std::log(pi) + 2 * std::log(2.0) / 3).epsilon(1e-14));
  // k = 2: rho_2 = {3, 2, 3}; psi(3) - psi(2) = 1/2
  CHECK(mm::knn_entropy(x, 2) == Approx(0.5 + std::log(2.0) + (std::log(3.0) + std::log(2.0) + std::log(3.0)) / 3)
                                     .epsilon(1e-14));
  CHECK(mm::knn_entropy(x2, 2) == Approx(0.5 + std::log(pi) + 2 * (2 * std::log(3.0) + std::log(2.0)) / 3).epsilon(1e-14));
  (void)euler_gamma;
}

TEST_CASE("kNN KL on a tiny sample equals the formula evaluated by hand", "[knn]") {
  Eigen::VectorXd x(3), y(2);
  x << 0.0, 1.0, 3.0;  // rho_1 = {1, 1, 2}
  y << 0.5, 10.0;      // nu_1 = {0.5, 0.5, 2.5}
  const double expected = (std::log(0.5) + std::log(0.5) + std::log(1.25)) / 3 + std::log(2.0 / 2.0);
  CHECK(mm::knn_kl(x, y) == Approx(expected).epsilon(1e-14));
  Eigen::MatrixXd x2 = Eigen::MatrixXd::Zero(3, 2), y2 = Eigen::MatrixXd::Zero(2, 2);
  x2.col(0) = x;
  y2.col(0) = y;
  CHECK(mm::knn_kl(x2, y2) == Approx(2 * (std::log(0.5) + std::log(0.5) + std::log(1.25)) / 3).epsilon(1e-14));
}

TEST_CASE("kNN entropy converges to the normal's closed form (n = 5000, fixed seeds)", "[knn]") {
  // The estimator's standard deviation is about sqrt((1/2 + pi^2/6)/n) ~ 0.02 for k = 1 in 1-D:
  // 0.08 is four of them.
  const double sigma = 2.0;
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    const Eigen::MatrixXd x = sigma * normal_samples(seed, 5000, 1);
    const double exact = 0.5 * std::log(2 * pi * std::exp(1.0) * sigma * sigma);
    CHECK(mm::knn_entropy(x, 1) == Approx(exact).margin(0.08));
    CHECK(mm::knn_entropy(x, 5) == Approx(exact).margin(0.06));
  }
  // 2-D, covariance L L^T with L = [[1, 0], [0.5, 1.2]]: h = log(2 pi e) + log det L.
  Eigen::Matrix2d l;
  l << 1.0, 0.0, 0.5, 1.2;
  const Eigen::MatrixXd z = normal_samples(11, 5000, 2) * l.transpose();
  CHECK(mm::knn_entropy(z, 3) == Approx(std::log(2 * pi * std::exp(1.0)) + std::log(1.2)).margin(0.1));
}

TEST_CASE("kNN KL converges to the closed-form KL between normals (n = 5000, fixed seeds)", "[knn]") {
  // KL(N(0,1) || N(1, 2^2)) = log 2 + (1 + 1)/8 - 1/2.
  const double exact = std::log(2.0) + 0.25 - 0.5;
  for (std::uint64_t seed : {5u, 6u}) {
    const Eigen::MatrixXd x = normal_samples(seed, 5000, 1);
    const Eigen::MatrixXd y = (2.0 * normal_samples(seed + 100, 5000, 1)).array() + 1.0;
    CHECK(mm::knn_kl(x, y, 1) == Approx(exact).margin(0.1));
    CHECK(mm::knn_kl(x, y, 5) == Approx(exact).margin(0.08));
  }
  // 2-D: KL(N(0, I) || N((1, 0), 2 I)) = (1/2)(tr + mahalanobis - d + log det ratio) = (1/2)(1 + 1/2 - 2 + log 4).
  const Eigen::MatrixXd x = normal_samples(21, 4000, 2);
  Eigen::MatrixXd y = std::sqrt(2.0) * normal_samples(22, 4000, 2);
  y.col(0).array() += 1.0;
  CHECK(mm::knn_kl(x, y, 3) == Approx(0.5 * (1 + 0.5 - 2 + std::log(4.0))).margin(0.1));
}

TEST_CASE("kNN estimators reject bad input and coincident points", "[knn]") {
  Eigen::VectorXd x(4), dup(4), y(2);
  x << 0.0, 1.0, 2.5, 4.0;
  dup << 0.0, 1.0, 1.0, 4.0;
  y << 0.0, 3.0;
  CHECK_THROWS_AS(mm::knn_entropy(dup), mm::domain_error);
  CHECK_THROWS_WITH(mm::knn_entropy(dup), Contains("minimax::knn_entropy: x has k + 1 coincident points") &&
                                              Contains("at row, got 1"));
  CHECK_NOTHROW(mm::knn_entropy(dup, 2));  // with k = 2 the second neighbour of a duplicate is distinct
  CHECK_THROWS_AS(mm::knn_kl(x, y), mm::domain_error);  // x[0] coincides with y[0]
  CHECK_THROWS_WITH(mm::knn_kl(x, y), Contains("minimax::knn_kl: a point of x coincides with k points of y"));
  CHECK_THROWS_WITH(mm::knn_entropy(x, 0), Contains("minimax::knn_entropy: k must be at least 1, got 0"));
  CHECK_THROWS_WITH(mm::knn_entropy(x, 4), Contains("x needs at least 5 rows for k = 4, got 4"));
  CHECK_THROWS_WITH(mm::knn_kl(x, y, 3), Contains("y needs at least 3 rows for k = 3, got 2"));
  CHECK_THROWS_WITH(mm::knn_entropy(Eigen::VectorXd(0)), Contains("minimax::knn_entropy: x must not be empty"));
  Eigen::VectorXd bad = x;
  bad(2) = std::numeric_limits<double>::quiet_NaN();
  CHECK_THROWS_WITH(mm::knn_entropy(bad), Contains("x(2, 0) must be finite, got nan"));
  CHECK_THROWS_WITH(mm::knn_kl(x, Eigen::MatrixXd::Zero(3, 2)), Contains("x and y must have the same dimension"));
}
