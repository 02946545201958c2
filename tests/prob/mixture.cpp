// Tests for include/minimax/prob/mixture.hpp: weighted sums of the components' closed forms,
// log_pdf by logsumexp where every component underflows, quantile as the inverse of the cdf,
// moments by the law of total variance, quadrature of the density, validation and draws.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <vector>

#include <minimax/prob/concepts.hpp>
#include <minimax/prob/mixture.hpp>
#include <minimax/quadrature/integrate.hpp>

#include "statistics.hpp"

namespace mm = minimax;

namespace {
constexpr double eps = std::numeric_limits<double>::epsilon();
constexpr double inf = std::numeric_limits<double>::infinity();
}  // namespace

TEST_CASE("mixture: two normals", "[prob][mixture]") {
  const mm::mixture m{{0.3, 0.7}, {mm::normal{-2, 0.5}, mm::normal{2, 1}}};
  const mm::normal a{-2, 0.5}, b{2, 1};
  CHECK(m.size() == 2);
  for (double x : {-3.0, -2.0, 0.0, 1.0, 4.0}) {
    const double p = 0.3 * mm::pdf(a, x) + 0.7 * mm::pdf(b, x);
    CHECK(std::abs(mm::pdf(m, x) - p) <= 4 * eps * p);
    CHECK(std::abs(mm::log_pdf(m, x) - std::log(p)) <= 8 * eps * std::max(1.0, std::abs(std::log(p))));
    const double f = 0.3 * mm::cdf(a, x) + 0.7 * mm::cdf(b, x);
    CHECK(std::abs(mm::cdf(m, x) - f) <= 4 * eps);
  }
  // far out, every component's density underflows; the logsumexp does not.
  // At x = -60 the wide component dominates (z = -62 against z = -116): log(0.7) + log_pdf(b, -60),
  // and the other term is e^-4806 times smaller.
  const double far = std::log(0.7) + mm::log_pdf(b, -60.0);
  CHECK(mm::pdf(m, -60.0) == 0.0);
  CHECK(std::abs(mm::log_pdf(m, -60.0) - far) <= 8 * eps * std::abs(far));
  // moments: mean 0.3(-2) + 0.7(2) = 0.8; variance 0.3(0.25 + 2.8^2) + 0.7(1 + 1.2^2) = 4.135
  CHECK(std::abs(mm::mean(m) - 0.8) <= 4 * eps);
  CHECK(std::abs(mm::variance(m) - 4.135) <= 16 * eps * 4.135);
  CHECK(mm::support(m) == mm::real_line());
  // quantile inverts the cdf
  for (double p : {1e-12, 0.01, 0.3, 0.5, 0.9, 1 - 1e-9}) {
    const double x = mm::quantile(m, p);
    CHECK(std::abs(mm::cdf(m, x) - p) <= 4 * eps * std::max(p, 1e-3) + 1e-16);
  }
  CHECK(mm::quantile(m, 0.0) == -inf);
  CHECK(mm::quantile(m, 1.0) == inf);
  // the density integrates to 1 and the second moment is Var + mean^2
  const auto total = mm::integrate([&](double x) { return mm::pdf(m, x); }, -inf, inf);
  CHECK(std::abs(total.value - 1) <= 1e-12);
  const auto m2 = mm::integrate([&](double x) { return x * x * mm::pdf(m, x); }, -inf, inf);
  CHECK(std::abs(m2.value - (4.135 + 0.64)) <= 1e-11);
}

TEST_CASE("mixture: heterogeneous components", "[prob][mixture]") {
  const mm::mixture m{{0.9, 0.1}, {mm::normal{0, 1}, mm::uniform{-5, 5}}};
  const mm::normal n{0, 1};
  CHECK(std::abs(mm::pdf(m, 4.0) - (0.9 * mm::pdf(n, 4.0) + 0.1 * 0.1)) <= 4 * eps);
  CHECK(std::abs(mm::pdf(m, 6.0) - 0.9 * mm::pdf(n, 6.0)) <= 4 * eps * mm::pdf(n, 6.0));
  CHECK(std::abs(mm::variance(m) - (0.9 + 0.1 * 100.0 / 12)) <= 16 * eps);
  const auto total = mm::integrate([&](double x) { return mm::pdf(m, x); }, -inf, -5.0).value +
                     mm::integrate([&](double x) { return mm::pdf(m, x); }, -5.0, 5.0).value +
                     mm::integrate([&](double x) { return mm::pdf(m, x); }, 5.0, inf).value;
  CHECK(std::abs(total - 1) <= 1e-12);
  // with a point mass: cdf jumps, quantile lands on it, there is no density
  const mm::mixture atom{{0.5, 0.5}, {mm::uniform{0, 1}, mm::dirac{0.25}}};
  CHECK(mm::cdf(atom, 0.2499999999) < 0.125 + 1e-9);
  CHECK(mm::cdf(atom, 0.25) == 0.625);
  CHECK(mm::quantile(atom, 0.126) == 0.25);
  CHECK(mm::quantile(atom, 0.625) == 0.25);
  CHECK(std::abs(mm::quantile(atom, 0.75) - 0.5) <= 4 * eps);
  CHECK(mm::support(atom) == (mm::interval<double>{0.0, 1.0}));
  CHECK_THROWS_AS(mm::pdf(atom, 0.5), mm::domain_error);
  CHECK_THROWS_WITH(mm::log_pdf(atom, 0.5),
                    "minimax::log_pdf(mixture): a point mass of positive weight has no density; the component is, got 1");
  // a zero-weight point mass is harmless
  const mm::mixture ghost{{1.0, 0.0}, {mm::normal{0, 1}, mm::dirac{3}}};
  CHECK(mm::pdf(ghost, 0.5) == mm::pdf(n, 0.5));
}

TEST_CASE("mixture: validation", "[prob][mixture]") {
  CHECK_THROWS_WITH((mm::mixture{{0.5, 0.6}, {mm::normal{}, mm::normal{}}}),
                    "minimax::mixture: the weights must sum to 1 within 2e-12, got 1.1");
  CHECK_THROWS_WITH((mm::mixture{{1.5, -0.5}, {mm::normal{}, mm::normal{}}}),
                    "minimax::mixture: weights[1] must be non-negative and finite, got -0.5");
  CHECK_THROWS_AS((mm::mixture{{1.0}, {mm::normal{}, mm::normal{}}}), mm::invalid_argument);
  CHECK_THROWS_AS((mm::mixture{{}, {}}), mm::invalid_argument);
  const mm::mixture m{{1.0}, {mm::normal{}}};
  CHECK_THROWS_AS(mm::quantile(m, 2.0), mm::domain_error);
  CHECK_THROWS_AS(mm::cdf(m, std::nan("")), mm::invalid_argument);
}

TEST_CASE("mixture: draws follow the mixture's law", "[prob][mixture]") {
  const mm::mixture m{{0.3, 0.7}, {mm::normal{-2, 0.5}, mm::normal{2, 1}}};
  mm::rng g(77);
  const Eigen::Index n = 100000;
  const Eigen::VectorXd x = mm::sample(m, g, n);
  CHECK(std::abs(x.mean() - mm::mean(m)) <= 5 * std::sqrt(mm::variance(m) / static_cast<double>(n)));
  CHECK(mm::test::ks_statistic(x, [&](double t) { return mm::cdf(m, t); }) <= mm::test::ks_critical(n));
  // the fraction of draws below 0 estimates F(0)
  const double below = static_cast<double>((x.array() < 0).count()) / static_cast<double>(n);
  const double f0 = mm::cdf(m, 0.0);
  CHECK(std::abs(below - f0) <= 5 * std::sqrt(f0 * (1 - f0) / static_cast<double>(n)));
}

TEST_CASE("mixture: quantile where every component has the same quantile (F flat at p to rounding)",
          "[prob][mixture]") {
  // One component, two equal ones, and two with the same median: F(0) = 1/2 exactly, and F stays
  // 1/2 in double precision on an interval below 0. The quantile is the infimum of {x : F(x) >= p}:
  // F(q) >= p and F just below q < p.
  const minimax::mixture one{{1.0}, {minimax::normal(0, 1)}};
  const minimax::mixture twins{{0.5, 0.5}, {minimax::normal(0, 1), minimax::normal(0, 1)}};
  const minimax::mixture same_median{{0.3, 0.7}, {minimax::normal(0, 1), minimax::normal(0, 3)}};
  for (const auto* m : {&one, &twins, &same_median}) {
    const double q = minimax::quantile(*m, 0.5);
    CHECK(std::abs(q) <= 1e-15);
    CHECK(minimax::cdf(*m, q) >= 0.5);
    CHECK(minimax::cdf(*m, std::nextafter(q, -1.0)) < 0.5);
  }
  // Away from a flat spot the answer is the component's own quantile, to the cdf's resolution there
  // (a relative change of eps in F moves x by eps F / f(x), about 40 ulps at p = 0.975).
  CHECK(std::abs(minimax::quantile(one, 0.975) - minimax::quantile(minimax::normal(0, 1), 0.975)) <= 64 * eps * 1.96);
}

TEST_CASE("mixture: breakpoints are its uniform components' ends, sorted, once each", "[prob][mixture]") {
  static_assert(mm::HasBreakpoints<mm::mixture>);
  const mm::mixture m{{0.2, 0.3, 0.5}, {mm::uniform{2, 3}, mm::normal{0, 1}, mm::uniform{-1, 2}}};
  CHECK(mm::breakpoints(m) == std::vector<double>{-1, 2, 3});
  // A component of zero weight does not contribute; normals have none.
  const mm::mixture z{{1.0, 0.0}, {mm::normal{0, 1}, mm::uniform{-1, 1}}};
  CHECK(mm::breakpoints(z).empty());
}
