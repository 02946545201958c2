// Tests for include/minimax/prob/uniform.hpp: closed forms of pdf, cdf, quantile and moments,
// quadrature of the density, validation and the law of draws.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <vector>

#include <minimax/prob/concepts.hpp>
#include <minimax/prob/uniform.hpp>
#include <minimax/quadrature/integrate.hpp>

#include "statistics.hpp"

namespace mm = minimax;

namespace {
constexpr double eps = std::numeric_limits<double>::epsilon();
constexpr double inf = std::numeric_limits<double>::infinity();
}  // namespace

TEST_CASE("uniform: closed forms", "[prob][uniform]") {
  const mm::uniform d{-1, 3};
  CHECK(mm::pdf(d, 0.0) == 0.25);
  CHECK(mm::pdf(d, -1.0) == 0.25);
  CHECK(mm::pdf(d, 3.0) == 0.25);
  CHECK(mm::pdf(d, 3.5) == 0.0);
  CHECK(mm::log_pdf(d, 1.0) == -std::log(4.0));
  CHECK(mm::log_pdf(d, -2.0) == -inf);
  CHECK(mm::cdf(d, -5.0) == 0.0);
  CHECK(mm::cdf(d, 0.0) == 0.25);
  CHECK(mm::cdf(d, 10.0) == 1.0);
  CHECK(mm::cdf(d, inf) == 1.0);
  CHECK(mm::quantile(d, 0.0) == -1.0);
  CHECK(mm::quantile(d, 0.75) == 2.0);
  CHECK(mm::quantile(d, 1.0) == 3.0);
  CHECK(mm::mean(d) == 1.0);
  CHECK(std::abs(mm::variance(d) - 16.0 / 12) <= 2 * eps);
  CHECK(mm::support(d) == (mm::interval<double>{-1.0, 3.0}));
  const mm::uniform unit;
  CHECK(mm::cdf(unit, 0.3) == 0.3);
  for (double x : {-0.9, -0.2, 0.4, 1.7, 2.99}) CHECK(std::abs(mm::quantile(d, mm::cdf(d, x)) - x) <= 4 * eps * 3);
  // mean a/2 + b/2 does not overflow
  const mm::uniform huge{-1e308, 1e308 * 0.5};
  CHECK(mm::mean(huge) == -0.25e308);
}

TEST_CASE("uniform: validation", "[prob][uniform]") {
  CHECK_THROWS_WITH(mm::uniform(1, 1), "minimax::uniform: the bounds must satisfy a < b, got a = 1, b = 1");
  CHECK_THROWS_AS(mm::uniform(2, 1), mm::invalid_argument);
  CHECK_THROWS_AS(mm::uniform(0, inf), mm::invalid_argument);
  CHECK_THROWS_AS(mm::uniform(std::nan(""), 1), mm::invalid_argument);
  CHECK_THROWS_AS(mm::uniform(-1e308, 1e308), mm::invalid_argument);  // b - a overflows
  const mm::uniform d;
  CHECK_THROWS_AS(mm::quantile(d, 1.0000001), mm::domain_error);
  CHECK_THROWS_AS(mm::pdf(d, std::nan("")), mm::invalid_argument);
}

TEST_CASE("uniform: density integrates to 1, draws have the law", "[prob][uniform]") {
  const mm::uniform d{2, 2.5};
  const auto total = mm::integrate([&](double x) { return mm::pdf(d, x); }, mm::support(d));
  CHECK(std::abs(total.value - 1) <= 1e-14);
  mm::rng g(21);
  const Eigen::Index n = 100000;
  const Eigen::VectorXd x = mm::sample(d, g, n);
  CHECK(x.minCoeff() >= 2.0);
  CHECK(x.maxCoeff() < 2.5);
  CHECK(std::abs(x.mean() - 2.25) <= 5 * std::sqrt(mm::variance(d) / static_cast<double>(n)));
  CHECK(mm::test::ks_statistic(x, [&](double t) { return mm::cdf(d, t); }) <= mm::test::ks_critical(n));
}

TEST_CASE("uniform: its breakpoints are the jumps at a and b", "[prob][uniform]") {
  static_assert(mm::HasBreakpoints<mm::uniform>);
  CHECK(mm::breakpoints(mm::uniform{-2, 3.5}) == std::vector<double>{-2, 3.5});
  CHECK(mm::breakpoints(mm::uniform_distribution<float>{0.25f, 1}) == std::vector<float>{0.25f, 1});
}
