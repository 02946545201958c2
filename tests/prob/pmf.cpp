// Tests for include/minimax/prob/pmf.hpp: validation without renormalisation, the cdf and quantile
// over indices (closed forms), moments, and the frequencies of draws (binomial standard errors).
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <vector>

#include <minimax/prob/pmf.hpp>

namespace mm = minimax;

namespace {
const double qnan = std::numeric_limits<double>::quiet_NaN();
const double inf = std::numeric_limits<double>::infinity();
Eigen::VectorXd vec(std::initializer_list<double> v) {
  Eigen::VectorXd out(static_cast<Eigen::Index>(v.size()));
  Eigen::Index i = 0;
  for (double x : v) out[i++] = x;
  return out;
}
}  // namespace

TEST_CASE("pmf::from rejects bad masses and never renormalises", "[prob][pmf]") {
  CHECK_THROWS_WITH(mm::pmf::from(vec({0.5, 0.6, -0.1})),
                    "minimax::pmf::from: p[2] must be non-negative and finite, got -0.1");
  CHECK_THROWS_AS(mm::pmf::from(vec({0.5, qnan, 0.5})), mm::invalid_argument);
  CHECK_THROWS_AS(mm::pmf::from(vec({0.5, inf})), mm::invalid_argument);
  CHECK_THROWS_WITH(mm::pmf::from(Eigen::VectorXd()), "minimax::pmf::from: p must not be empty, got 0");
  CHECK_THROWS_AS(mm::pmf::from(vec({0.5, 0.4})), mm::domain_error);
  CHECK_THROWS_WITH(mm::pmf::from(vec({0.0, 0.0})),
                    "minimax::pmf::from: the masses must sum to 1 within 2e-12 (no renormalisation), got 0");
  CHECK_THROWS_AS(mm::pmf::from(vec({2.0, -1.0})), mm::invalid_argument);
  // the tolerance: 1e-12 * n by default, or the caller's
  CHECK(mm::pmf::default_tolerance(3) == 3e-12);
  CHECK_NOTHROW(mm::pmf::from(vec({0.5, 0.5 + 1e-12})));
  CHECK_THROWS_AS(mm::pmf::from(vec({0.5, 0.5 + 1e-11})), mm::domain_error);
  CHECK_NOTHROW(mm::pmf::from(vec({0.5, 0.5 + 1e-11}), 1e-10));
  CHECK_THROWS_AS(mm::pmf::from(vec({0.5, 0.5}), -1.0), mm::invalid_argument);
  CHECK_THROWS_AS(mm::pmf::from(vec({0.5, 0.5}), qnan), mm::invalid_argument);
  // accepted masses are kept bit for bit
  const mm::pmf p = mm::pmf::from(vec({0.5, 0.5 + 1e-12}));
  CHECK(p[1] == 0.5 + 1e-12);
  // ten tenths do not sum to 1 in floating point; the compensated sum does it exactly
  CHECK_NOTHROW(mm::pmf::from(Eigen::VectorXd::Constant(10, 0.1), 0.0));
  CHECK_THROWS_AS(mm::pmf::uniform(0), mm::invalid_argument);
}

TEST_CASE("pmf accessors, cdf and quantile over indices", "[prob][pmf]") {
  const mm::pmf p = mm::pmf::from({0.2, 0.0, 0.3, 0.5});
  CHECK(p.size() == 4);
  CHECK(p.probabilities() == vec({0.2, 0.0, 0.3, 0.5}));
  CHECK(mm::pdf(p, 2) == 0.3);
  CHECK(mm::log_pdf(p, 1) == -inf);
  CHECK(mm::log_pdf(p, 3) == std::log(0.5));
  CHECK_THROWS_WITH(mm::pdf(p, 4), "minimax::pdf(pmf): the outcome must lie in {0, ..., 3}, got 4");
  CHECK_THROWS_AS(mm::pdf(p, -1), mm::invalid_argument);
  CHECK(mm::cdf(p, -0.5) == 0.0);
  CHECK(mm::cdf(p, 0.0) == 0.2);
  CHECK(mm::cdf(p, 1.5) == 0.2);
  CHECK(mm::cdf(p, 2.0) == 0.5);
  CHECK(mm::cdf(p, 3.0) == 1.0);
  CHECK(mm::cdf(p, 1e9) == 1.0);
  CHECK_THROWS_AS(mm::cdf(p, qnan), mm::invalid_argument);
  // generalised inverse: smallest k with F(k) >= u
  CHECK(mm::quantile(p, 0.0) == 0.0);
  CHECK(mm::quantile(p, 0.1) == 0.0);
  CHECK(mm::quantile(p, 0.2) == 0.0);
  CHECK(mm::quantile(p, 0.2000001) == 2.0);  // outcome 1 has no mass
  CHECK(mm::quantile(p, 0.5) == 2.0);
  CHECK(mm::quantile(p, 0.75) == 3.0);
  CHECK(mm::quantile(p, 1.0) == 3.0);
  CHECK_THROWS_WITH(mm::quantile(p, 1.5), "minimax::quantile(pmf): p must lie in [0, 1], got 1.5");
  const mm::pmf q = mm::pmf::from({0.0, 0.0, 1.0, 0.0});
  CHECK(mm::quantile(q, 0.0) == 2.0);  // the first outcome of positive mass
  CHECK(mm::quantile(q, 1.0) == 2.0);  // never the massless last outcome
  CHECK(mm::support(p) == (mm::interval<double>{0.0, 3.0}));
  // mean and variance: 0*0.2 + 2*0.3 + 3*0.5 = 2.1; E k^2 = 1.2 + 4.5 = 5.7; Var = 5.7 - 4.41 = 1.29
  CHECK(std::abs(mm::mean(p) - 2.1) <= 4 * std::numeric_limits<double>::epsilon() * 2.1);
  CHECK(std::abs(mm::variance(p) - 1.29) <= 8 * std::numeric_limits<double>::epsilon() * 1.29);
  const mm::pmf u = mm::pmf::uniform(4);
  CHECK(u[3] == 0.25);
  CHECK(mm::mean(u) == 1.5);
}

TEST_CASE("pmf draws have the masses as frequencies", "[prob][pmf]") {
  const mm::pmf p = mm::pmf::from({0.1, 0.0, 0.6, 0.3});
  mm::rng g(99);
  const Eigen::Index n = 100000;
  const Eigen::VectorXd k = mm::sample(p, g, n);
  std::vector<double> counts(4, 0.0);
  for (Eigen::Index i = 0; i < n; ++i) counts[static_cast<std::size_t>(k[i])] += 1;
  CHECK(counts[1] == 0.0);
  for (Eigen::Index j = 0; j < 4; ++j) {
    const double expected = static_cast<double>(n) * p[j];
    CHECK(std::abs(counts[static_cast<std::size_t>(j)] - expected) <= 5 * std::sqrt(expected * (1 - p[j])) + 1e-9);
  }
  CHECK_THROWS_AS(mm::sample(p, g, -2), mm::invalid_argument);
}
