// Tests of include/minimax/theory/optimal_discriminator.hpp: D* = p/(p+q) against the ratio where
// it is representable, against sigmoid of the exact logit where the densities underflow, the
// conventions at the edges (1, 0, and 1/2 where both vanish), pmfs, multivariate densities, bad input.
#include <minimax/prob.hpp>
#include <minimax/theory/optimal_discriminator.hpp>

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

namespace mm = minimax;
using Catch::Matchers::Contains;
constexpr double eps = std::numeric_limits<double>::epsilon();

TEST_CASE("D* = p/(p+q) where the densities are representable", "[theory][optimal_discriminator]") {
  const mm::normal p{0, 1}, q{1, 2};
  const auto d = mm::optimal_discriminator(p, q);
  for (double x : {-3.0, -1.0, 0.0, 0.5, 2.0, 5.0}) {
    const double a = mm::pdf(p, x), b = mm::pdf(q, x);
    CHECK(std::abs(d(x) - a / (a + b)) <= 8 * eps * (a / (a + b)));
    CHECK(std::abs(std::exp(d.log_value(x)) - a / (a + b)) <= 8 * eps * (a / (a + b)));
    CHECK(std::abs(std::exp(d.log_complement(x)) - b / (a + b)) <= 8 * eps * (b / (a + b)) + 8 * eps);
  }
}

TEST_CASE("D* in the far tails: no 0/0 where both densities underflow", "[theory][optimal_discriminator]") {
  // N(0,1) against N(1,1): logit = log p - log q = ((x-1)^2 - x^2)/2 = 1/2 - x exactly.
  const auto d = mm::optimal_discriminator(mm::normal{0, 1}, mm::normal{1, 1});
  for (double x : {40.0, 100.0, 1000.0, -1000.0}) {
    INFO(x);
    REQUIRE((mm::pdf(mm::normal{0, 1}, x) == 0.0 || x < 50));
    CHECK(std::abs(d.logit(x) - (0.5 - x)) <= 4 * eps * std::abs(x * x));
    CHECK(std::abs(d.log_value(x) - mm::log_sigmoid(0.5 - x)) <= 4 * eps * x * x);
    CHECK(std::isfinite(d.log_value(x)));
    CHECK(!std::isnan(d(x)));
  }
  CHECK(d(1000.0) == 0.0);  // e^-999.5 underflows; the log is still exact
  CHECK(d(-1000.0) == 1.0);
}

TEST_CASE("D* conventions: 1 where only p_data lives, 0 where only p_g, 1/2 where neither", "[theory][optimal_discriminator]") {
  const auto d = mm::optimal_discriminator(mm::uniform{0, 1}, mm::uniform{0.5, 2});
  CHECK(d(0.25) == 1.0);
  CHECK(std::abs(d(0.75) - 1.0 / (1.0 + 1.0 / 1.5)) <= 4 * eps);
  CHECK(d(1.5) == 0.0);
  CHECK(d(3.0) == 0.5);
  CHECK(d.logit(3.0) == 0.0);
  CHECK(d.log_value(1.5) == -std::numeric_limits<double>::infinity());
  CHECK(d.log_complement(0.25) == -std::numeric_limits<double>::infinity());
  CHECK(d.log_value(0.25) == 0.0);
}

TEST_CASE("D* = 1/2 exactly when the distributions are equal", "[theory][optimal_discriminator]") {
  const mm::mixture m{{0.3, 0.7}, {mm::normal{-2, 0.5}, mm::normal{2, 1}}};
  const auto d = mm::optimal_discriminator(m, m);
  for (double x : {-50.0, -2.0, 0.0, 1.0, 2.0, 50.0}) CHECK(d(x) == 0.5);
}

TEST_CASE("D* of pmfs, with zeros", "[theory][optimal_discriminator]") {
  const auto p = mm::pmf::from({0.5, 0.5, 0.0, 0.0}), q = mm::pmf::from({0.0, 0.25, 0.75, 0.0});
  const auto d = mm::optimal_discriminator(p, q);
  CHECK(d(0) == 1.0);
  CHECK(std::abs(d(1) - 2.0 / 3.0) <= 2 * eps);
  CHECK(d(2) == 0.0);
  CHECK(d(3) == 0.5);
  CHECK_THROWS_AS(d(4), mm::invalid_argument);
  CHECK_THROWS_WITH(d(-1), Contains("minimax::optimal_discriminator") && Contains("{0, ..., 3}"));
}

TEST_CASE("D* of multivariate densities, and mismatched dimensions", "[theory][optimal_discriminator]") {
  const mm::mvn a(Eigen::Vector2d(0, 0), Eigen::Matrix2d::Identity());
  const mm::mvn b(Eigen::Vector2d(1, 0), Eigen::Matrix2d::Identity());
  const auto d = mm::optimal_discriminator(a, b);
  // logit = (|x - mu_b|^2 - |x|^2)/2 = 1/2 - x_1.
  CHECK(std::abs(d.logit(Eigen::Vector2d(3, 7)) - (0.5 - 3)) <= 64 * eps);
  CHECK_THROWS_AS(d(Eigen::Vector3d(0, 0, 0)), mm::invalid_argument);
  const mm::mvn c(Eigen::Vector3d(0, 0, 0), Eigen::Matrix3d::Identity());
  CHECK_THROWS_WITH(mm::optimal_discriminator(a, c), Contains("minimax::optimal_discriminator") &&
                                                          Contains("same dimension") && Contains("2 and 3"));
}

TEST_CASE("D* of pmfs of different sizes is an error", "[theory][optimal_discriminator]") {
  CHECK_THROWS_WITH(mm::optimal_discriminator(mm::pmf::from({1.0}), mm::pmf::from({0.5, 0.5})),
                    Contains("minimax::optimal_discriminator") && Contains("1 and 2"));
}
