// Tests for include/minimax/prob/normal.hpp against 50-digit references (Boost.Multiprecision), the
// closed forms of the moments, quadrature of the density, and the statistics of its draws.
#include <catch2/catch.hpp>
#include <rapidcheck/catch.h>

#include <boost/math/special_functions/erf.hpp>
#include <cmath>
#include <limits>
#include <numbers>

#include <minimax/prob/normal.hpp>
#include <minimax/quadrature/integrate.hpp>

#include "reference.hpp"
#include "statistics.hpp"

namespace mm = minimax;
using mm::test::high;
using mm::test::ulp_distance;

namespace {
constexpr double eps = std::numeric_limits<double>::epsilon();
constexpr double inf = std::numeric_limits<double>::infinity();
const double qnan = std::numeric_limits<double>::quiet_NaN();

high high_cdf(high z) { return boost::math::erfc(-z / boost::multiprecision::sqrt(high(2))) / 2; }
}  // namespace

TEST_CASE("normal: parameters are validated with the function and value named", "[prob][normal]") {
  CHECK_THROWS_WITH(mm::normal(0, -1), "minimax::normal: sigma must be positive and finite, got -1");
  CHECK_THROWS_AS(mm::normal(0, 0), mm::invalid_argument);
  CHECK_THROWS_AS(mm::normal(0, qnan), mm::invalid_argument);
  CHECK_THROWS_AS(mm::normal(0, inf), mm::invalid_argument);
  CHECK_THROWS_WITH(mm::normal(qnan, 1), "minimax::normal: mean must be finite, got nan");
  CHECK_THROWS_AS(mm::normal(-inf, 1), mm::invalid_argument);
  const mm::normal d{1, 2};
  CHECK_THROWS_WITH(mm::quantile(d, 1.5), "minimax::quantile(normal): p must lie in [0, 1], got 1.5");
  CHECK_THROWS_AS(mm::quantile(d, -1e-300), mm::domain_error);
  CHECK_THROWS_AS(mm::quantile(d, qnan), mm::domain_error);
  CHECK_THROWS_AS(mm::pdf(d, qnan), mm::invalid_argument);
  CHECK_THROWS_AS(mm::log_pdf(d, qnan), mm::invalid_argument);
  CHECK_THROWS_AS(mm::cdf(d, qnan), mm::invalid_argument);
  CHECK_THROWS_AS(mm::log_cdf(d, qnan), mm::invalid_argument);
  mm::rng g(1);
  CHECK_THROWS_AS(mm::sample(d, g, -1), mm::invalid_argument);
}

TEST_CASE("normal: pdf and log_pdf against the closed form in 50 digits", "[prob][normal]") {
  const mm::normal standard;
  CHECK(ulp_distance(mm::pdf(standard, 0.0), 1 / boost::multiprecision::sqrt(2 * boost::math::constants::pi<high>())) <= 2);
  const mm::normal d{1.5, 0.25};
  for (double x : {-3.0, 0.0, 1.0, 1.5, 2.0, 4.0}) {
    const high z = (high(x) - high(1.5)) / high(0.25);
    const high log_ref = -z * z / 2 - log(high(0.25)) - log(2 * boost::math::constants::pi<high>()) / 2;
    CHECK(std::abs(mm::log_pdf(d, x) - static_cast<double>(log_ref)) <= 4 * eps * std::max(1.0, std::abs(static_cast<double>(log_ref))));
    CHECK(ulp_distance(mm::pdf(d, x), exp(log_ref)) <= 64);  // exp amplifies the rounding of z^2/2 ~ 200
  }
  // Far in the tail the density underflows but its logarithm does not.
  CHECK(mm::pdf(standard, 40.0) == 0.0);  // e^-800 is below the smallest subnormal
  const double log_ref = -800.0 - 0.5 * std::log(2 * std::numbers::pi);
  CHECK(std::abs(mm::log_pdf(standard, 40.0) - log_ref) <= 4 * eps * 800);
  CHECK(mm::log_pdf(standard, -1e200) == -inf);  // z^2 overflows: the density is exactly 0
  CHECK(mm::pdf(standard, inf) == 0.0);
  CHECK(mm::log_pdf(standard, -inf) == -inf);
}

TEST_CASE("normal: cdf against 50-digit erfc, deep into the lower tail", "[prob][normal]") {
  const mm::normal standard;
  for (double x : {-38.0, -30.0, -20.0, -10.0, -5.0, -3.5, -2.0, -1.0, -0.25, 0.0, 0.5, 1.0, 3.0, 8.0}) {
    INFO("x = " << x);
    CHECK(ulp_distance(mm::cdf(standard, x), high_cdf(high(x))) <= 4);
  }
  CHECK(mm::cdf(standard, -inf) == 0.0);
  CHECK(mm::cdf(standard, inf) == 1.0);
  CHECK(mm::cdf(standard, -40.0) == 0.0);  // 3.6e-350 underflows
  // location-scale: F(x) = Phi((x - mu) / sigma) with an exact (x - mu) / sigma
  const mm::normal d{2, 0.5};
  CHECK(ulp_distance(mm::cdf(d, -8.0), high_cdf(high(-20))) <= 4);
}

TEST_CASE("normal: log_cdf is finite where the cdf underflows", "[prob][normal]") {
  const mm::normal standard;
  for (double x : {-1000.0, -100.0, -40.0, -37.5, -36.0, -10.0, -1.0, 0.0, 2.0, 10.0}) {
    INFO("x = " << x);
    const high ref = log(high_cdf(high(x)));
    CHECK(std::abs(mm::log_cdf(standard, x) - static_cast<double>(ref)) <= 8 * eps * std::abs(static_cast<double>(ref)));
  }
  CHECK(mm::log_cdf(standard, -inf) == -inf);
  CHECK(mm::log_cdf(standard, inf) == 0.0);
}

TEST_CASE("normal: quantile against 50-digit erfc_inv, including p = 1e-300", "[prob][normal]") {
  const mm::normal standard;
  for (double p : {1e-300, 1e-100, 1e-20, 1e-5, 0.01, 0.3, 0.5, 0.7, 0.99, 1 - 1e-10}) {
    INFO("p = " << p);
    const high ref = p < 0.5 ? -boost::multiprecision::sqrt(high(2)) * boost::math::erfc_inv(2 * high(p))
                             : boost::multiprecision::sqrt(high(2)) * boost::math::erfc_inv(2 * (1 - high(p)));
    CHECK(std::abs(mm::quantile(standard, p) - static_cast<double>(ref)) <= 4 * eps * std::abs(static_cast<double>(ref)) + 1e-300);
  }
  CHECK(mm::quantile(standard, 0.0) == -inf);
  CHECK(mm::quantile(standard, 1.0) == inf);
  CHECK(mm::quantile(mm::normal{3, 2}, 0.5) == 3.0);
}

TEST_CASE("normal: quantile(cdf(x)) = x across the lower tail", "[prob][normal]") {
  rc::prop("round trip for x in [-37, 0]", [](double u) {
    const double x = -37 * std::abs(std::fmod(u, 1.0));
    const mm::normal d;
    // The quantile's condition number at p = Phi(x) is Phi / (x phi) ~ 1/x^2: errors shrink.
    RC_ASSERT(std::abs(mm::quantile(d, mm::cdf(d, x)) - x) <= 8 * eps * std::max(1.0, std::abs(x)));
  });
  const mm::normal d{-1, 3};
  for (double x : {-100.0, -50.0, -10.0, 0.0, 2.0}) {
    CHECK(std::abs(mm::quantile(d, mm::cdf(d, x)) - x) <= 16 * eps * std::max(1.0, std::abs(x)));
  }
}

TEST_CASE("normal: density integrates to 1 and gives the moments (quadrature)", "[prob][normal]") {
  for (const mm::normal d : {mm::normal{0, 1}, mm::normal{1.5, 0.3}, mm::normal{-2, 4}}) {
    const auto total = mm::integrate([&](double x) { return mm::pdf(d, x); }, mm::support(d));
    CHECK(std::abs(total.value - 1) <= 1e-13);
    const auto m1 = mm::integrate([&](double x) { return x * mm::pdf(d, x); }, -inf, inf);
    CHECK(std::abs(m1.value - mm::mean(d)) <= 1e-12 * std::max(1.0, std::abs(mm::mean(d))));
    const auto m2 = mm::integrate([&](double x) { return (x - d.mean()) * (x - d.mean()) * mm::pdf(d, x); }, -inf, inf);
    CHECK(std::abs(m2.value - mm::variance(d)) <= 1e-12 * mm::variance(d));
  }
  CHECK(mm::support(mm::normal{}) == mm::real_line());
}

TEST_CASE("normal: draws have the right moments and law", "[prob][normal]") {
  const mm::normal d{3, 0.5};
  mm::rng g(11);
  const Eigen::Index n = 100000;
  const Eigen::VectorXd x = mm::sample(d, g, n);
  REQUIRE(x.size() == n);
  const double se = d.sigma() / std::sqrt(static_cast<double>(n));
  CHECK(std::abs(mm::test::sample_mean(x) - 3) <= 5 * se);
  CHECK(std::abs(mm::test::sample_variance(x) - 0.25) <= 5 * 0.25 * std::sqrt(2.0 / static_cast<double>(n)));
  CHECK(mm::test::ks_statistic(x, [&](double t) { return mm::cdf(d, t); }) <= mm::test::ks_critical(n));
  // one draw is mean + sigma * the generator's normal
  mm::rng a(5), b(5);
  CHECK(mm::sample(d, a) == 3 + 0.5 * b.normal());
  CHECK(mm::sample(d, a, 0).size() == 0);
}

TEST_CASE("normal: float instantiation", "[prob][normal]") {
  const mm::normal_distribution<float> d{0.0f, 1.0f};
  CHECK(std::abs(mm::cdf(d, -2.0f) - 0.0227501319f) <= 4 * std::numeric_limits<float>::epsilon() * 0.0227501319f);
  CHECK(std::abs(mm::quantile(d, 0.975f) - 1.95996398f) <= 8 * std::numeric_limits<float>::epsilon() * 1.96f);
}
