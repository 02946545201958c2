// Tests for include/minimax/core/{xlogy,log1pexp,sigmoid,logsumexp,summation}.hpp against
// 50-digit references (Boost.Multiprecision) at the edges: subnormals, ±inf, NaN, huge and tiny.
#include <catch2/catch.hpp>
#include <rapidcheck/catch.h>

#include <array>
#include <cmath>
#include <limits>
#include <vector>

#include <Eigen/Core>
#include <minimax/core/numerics.hpp>

#include <boost/math/special_functions/expm1.hpp>

#include "reference.hpp"

namespace mm = minimax;
using minimax::test::high;
using minimax::test::ulp_distance;

namespace {
constexpr double inf = std::numeric_limits<double>::infinity();
constexpr double qnan = std::numeric_limits<double>::quiet_NaN();
constexpr double denorm = std::numeric_limits<double>::denorm_min();
constexpr double tiny = std::numeric_limits<double>::min();
constexpr double huge = std::numeric_limits<double>::max();

// The arguments at which the reference comparisons run: both signs, subnormal to huge.
const std::vector<double> edge_arguments{-1e300, -745.2, -710.0, -400.0, -37.5, -36.0, -20.0, -1.0,  -0.5,
                                         -1e-10, -1e-300, -denorm, 0.0,   denorm, 1e-300, 1e-10,  0.5,  1.0,
                                         18.0,   33.3,   36.0,    40.0,  709.0,  710.0,  1000.0, 1e300};

high reference_log1pexp(double x) {
  const high hx = x;
  if (x > 50) return hx + boost::multiprecision::log1p(boost::multiprecision::exp(-hx));
  return boost::multiprecision::log1p(boost::multiprecision::exp(hx));
}
}  // namespace

TEST_CASE("xlogy: 0 log 0 = 0 and IEEE behaviour elsewhere", "[core][xlogy]") {
  CHECK(mm::xlogy(0.0, 0.0) == 0.0);
  CHECK(mm::xlogy(0.0, inf) == 0.0);
  CHECK(mm::xlogy(0.0, -1.0) == 0.0);  // 0 * anything finite or infinite, but not NaN
  CHECK(std::isnan(mm::xlogy(0.0, qnan)));
  CHECK(std::isnan(mm::xlogy(qnan, 1.0)));
  CHECK(mm::xlogy(2.0, 0.0) == -inf);
  CHECK(std::isnan(mm::xlogy(1.0, -1.0)));
  CHECK(mm::xlogy(3.0, std::exp(1.0)) == Approx(3.0).epsilon(1e-15));
  CHECK(mm::xlogy(0.0f, 0.0f) == 0.0f);
  for (double y : {denorm, tiny, 1e-300, 0.3, 2.0, 1e300, huge}) {
    const high ref = high(1.5) * boost::multiprecision::log(high(y));
    CHECK(ulp_distance(mm::xlogy(1.5, y), ref) <= 2);
  }
}

TEST_CASE("xlog1py keeps relative accuracy for tiny y", "[core][xlogy]") {
  CHECK(mm::xlog1py(0.0, -1.0) == 0.0);
  CHECK(std::isnan(mm::xlog1py(0.0, qnan)));
  for (double y : {1e-300, 1e-20, 1e-8, -0.5, 3.0}) {
    const high ref = high(2.0) * boost::multiprecision::log1p(high(y));
    CHECK(ulp_distance(mm::xlog1py(2.0, y), ref) <= 2);
  }
}

TEST_CASE("log1pexp matches the 50-digit reference to 2 ulps everywhere", "[core][log1pexp]") {
  for (double x : edge_arguments) {
    INFO("x = " << x);
    CHECK(ulp_distance(mm::log1pexp(x), reference_log1pexp(x)) <= 2);
  }
  CHECK(mm::log1pexp(inf) == inf);
  CHECK(mm::log1pexp(-inf) == 0.0);
  CHECK(std::isnan(mm::log1pexp(qnan)));
  CHECK(mm::softplus(1000.0) == 1000.0);
  // float, where the naive formula overflows already at 89
  CHECK(mm::log1pexp(100.0f) == 100.0f);
  CHECK(mm::log1pexp(-100.0f) == Approx(std::exp(-100.0f)).epsilon(1e-6));
}

TEST_CASE("log1mexp = log(1 - e^x) to 2 ulps, NaN for x > 0", "[core][log1pexp]") {
  for (double x : {-1e300, -745.0, -40.0, -1.0, -0.6931471805599453, -0.69, -1e-5, -1e-20, -denorm}) {
    INFO("x = " << x);
    const high ref = boost::multiprecision::log(-boost::math::expm1(high(x)));  // 1 - e^x loses x = -denorm
    CHECK(ulp_distance(mm::log1mexp(x), ref) <= 2);
  }
  CHECK(mm::log1mexp(0.0) == -inf);
  CHECK(mm::log1mexp(-inf) == 0.0);
  CHECK(std::isnan(mm::log1mexp(1e-300)));
  CHECK(std::isnan(mm::log1mexp(qnan)));
}

TEST_CASE("sigmoid and log_sigmoid match the reference to 2 ulps", "[core][sigmoid]") {
  for (double x : edge_arguments) {
    INFO("x = " << x);
    const high hx = x;
    const high ref = 1 / (1 + boost::multiprecision::exp(-hx));
    CHECK(ulp_distance(mm::sigmoid(x), ref) <= 2);
    CHECK(ulp_distance(mm::log_sigmoid(x), -reference_log1pexp(-x)) <= 2);
  }
  CHECK(mm::sigmoid(-inf) == 0.0);
  CHECK(mm::sigmoid(inf) == 1.0);
  CHECK(std::isnan(mm::sigmoid(qnan)));
  CHECK(mm::log_sigmoid(-1e300) == -1e300);  // finite: no log(0)
  CHECK(mm::sigmoid(-745.0) > 0.0);          // a subnormal, not a flush to 0
}

TEST_CASE("logit inverts sigmoid with full relative accuracy, near 1/2 too", "[core][sigmoid]") {
  for (double p : {denorm, tiny, 1e-300, 1e-10, 0.1, 0.25, 0.3, 0.5 - 1e-12, 0.5, 0.5 + std::ldexp(1.0, -40), 0.7,
                   0.75, 0.9, 1 - 1e-10, 1 - std::ldexp(1.0, -53)}) {
    INFO("p = " << p);
    const high hp = p;
    const high ref = boost::multiprecision::log(hp / (1 - hp));
    CHECK(ulp_distance(mm::logit(p), ref) <= 3);
  }
  CHECK(mm::logit(0.0) == -inf);
  CHECK(mm::logit(1.0) == inf);
  CHECK(std::isnan(mm::logit(-1e-300)));
  CHECK(std::isnan(mm::logit(1.0 + 1e-15)));
  CHECK(std::isnan(mm::logit(qnan)));
}

TEST_CASE("logsumexp: large, small and infinite arguments", "[core][logsumexp]") {
  const std::vector<double> large{1000.0, 1000.0, 999.0};
  const high ref = high(1000) + boost::multiprecision::log(2 + boost::multiprecision::exp(high(-1)));
  CHECK(ulp_distance(mm::logsumexp(large), ref) <= 2);

  const std::vector<double> small{-1000.0, -1000.0};
  CHECK(ulp_distance(mm::logsumexp(small), high(-1000) + boost::multiprecision::log(high(2))) <= 2);

  // A term 40 nats below the maximum still counts: naive exp-sum in double would keep it too, but
  // a shift-free one would overflow; compare to the reference.
  const std::array<double, 3> mixed{700.0, 660.0, -inf};
  const high ref_mixed = high(700) + boost::multiprecision::log1p(boost::multiprecision::exp(high(-40)));
  CHECK(ulp_distance(mm::logsumexp(mixed), ref_mixed) <= 2);

  CHECK(mm::logsumexp(std::vector<double>({})) == -inf);
  CHECK(mm::logsumexp(std::vector<double>({-inf, -inf})) == -inf);
  CHECK(mm::logsumexp(std::vector<double>({1.0, inf})) == inf);
  CHECK(std::isnan(mm::logsumexp(std::vector<double>({1.0, qnan, inf}))));

  Eigen::VectorXd v(3);
  v << std::log(1.0), std::log(2.0), std::log(5.0);
  CHECK(mm::logsumexp(v) == Approx(std::log(8.0)).epsilon(1e-15));

  CHECK(mm::logsumexp(0.0, 0.0) == Approx(std::log(2.0)).epsilon(1e-16));
  CHECK(mm::logsumexp(-inf, -inf) == -inf);
  CHECK(mm::logsumexp(-inf, 3.0) == 3.0);
  CHECK(mm::logsumexp(inf, 3.0) == inf);
  CHECK(std::isnan(mm::logsumexp(qnan, 3.0)));
}

TEST_CASE("compensated and pairwise sums", "[core][summation]") {
  const std::vector<double> cancel{1.0, 1e100, 1.0, -1e100};
  CHECK(mm::compensated_sum(cancel) == 2.0);

  // 10^6 copies of 0.1: the plain loop drifts by ~1e-6 relative; compensation recovers the
  // correctly rounded sum of the stored doubles.
  std::vector<double> tenths(1'000'000, 0.1);
  const high exact = high(0.1) * 1'000'000;
  CHECK(ulp_distance(mm::compensated_sum(tenths), exact) <= 1);
  CHECK(ulp_distance(mm::pairwise_sum(tenths), exact) <= 16);  // O(log2 n) ulps

  CHECK(mm::compensated_sum(std::vector<double>({})) == 0.0);
  CHECK(mm::pairwise_sum(std::vector<double>({})) == 0.0);
  CHECK(mm::compensated_sum(std::vector<double>({1.0, inf, 1e300})) == inf);
  CHECK(std::isnan(mm::compensated_sum(std::vector<double>({inf, -inf}))));
  CHECK(std::isnan(mm::compensated_sum(std::vector<double>({1.0, qnan}))));

  mm::neumaier_sum<double> acc;
  acc += 1e16;
  acc += 1.0;
  acc += -1e16;
  CHECK(acc.value() == 1.0);
}

TEST_CASE("compensated_sum is exact to 1 ulp on random data (property)", "[core][summation][property]") {
  rc::prop("within 1 ulp of the 50-digit sum, whatever the order", [](const std::vector<double>& raw) {
    std::vector<double> xs;
    for (double x : raw) {
      if (std::isfinite(x) && std::abs(x) < 1e150) xs.push_back(x);  // no overflow of the exact sum
    }
    high exact = 0;
    for (double x : xs) exact += x;
    const double sum = mm::compensated_sum(xs);
    // Neumaier's bound: |error| <= 2 eps |S| + O(n eps^2) sum|x_i|.
    high abs_sum = 0;
    for (double x : xs) abs_sum += boost::multiprecision::abs(high(x));
    const high bound = 2 * std::numeric_limits<double>::epsilon() * boost::multiprecision::abs(exact) +
                       xs.size() * std::pow(std::numeric_limits<double>::epsilon(), 2) * 4 * abs_sum +
                       std::numeric_limits<double>::denorm_min();
    RC_ASSERT(boost::multiprecision::abs(high(sum) - exact) <= bound);
  });
}

TEST_CASE("logsumexp is shift-equivariant (property)", "[core][logsumexp][property]") {
  rc::prop("lse(x + c) = lse(x) + c", [](const std::vector<int>& raw, int shift) {
    RC_PRE(!raw.empty());
    std::vector<double> xs, shifted;
    const double c = shift % 500;
    for (int v : raw) {
      xs.push_back((v % 2000) / 3.0);
      shifted.push_back(xs.back() + c);
    }
    const double a = mm::logsumexp(xs) + c;
    const double b = mm::logsumexp(shifted);
    RC_ASSERT(std::abs(a - b) <= 1e-12 * (1 + std::abs(a)));
  });
}
