// Tests of include/minimax/divergence/jsd.hpp: exact edge values, bounds, symmetry, the metric
// property of sqrt(JSD), 50-digit references, and rounding near P = Q.
#include <minimax/divergence/jsd.hpp>

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <rapidcheck/catch.h>
#include <reference.hpp>
#include <vector>

namespace mm = minimax;
using mm::test::high;
using Catch::Matchers::Contains;

namespace {
Eigen::VectorXd pmf_from_weights(const std::vector<unsigned>& w) {
  Eigen::VectorXd p(static_cast<Eigen::Index>(w.size()));
  double total = 0;
  for (unsigned x : w) total += x;
  for (std::size_t i = 0; i < w.size(); ++i) p(static_cast<Eigen::Index>(i)) = w[i] / total;
  return p;
}

high jsd_reference(const Eigen::VectorXd& p, const Eigen::VectorXd& q) {
  high s = 0;
  for (Eigen::Index i = 0; i < p.size(); ++i) {
    const high a = p(i), b = q(i), m = (a + b) / 2;
    if (a > 0) s += a * log(a / m);
    if (b > 0) s += b * log(b / m);
  }
  return s / 2;
}

rc::Gen<std::vector<unsigned>> weights(std::size_t n) {
  return rc::gen::container<std::vector<unsigned>>(n, rc::gen::inRange<unsigned>(0, 20));
}
}  // namespace

TEST_CASE("JSD of disjoint supports is exactly log 2, of identical pmfs exactly 0", "[jsd]") {
  Eigen::VectorXd a(4), b(4);
  a << 0.5, 0.5, 0.0, 0.0;
  b << 0.0, 0.0, 0.25, 0.75;
  CHECK(mm::jsd(a, b) == std::log(2.0));
  CHECK(mm::jsd(a, b, 2.0) == 1.0);
  Eigen::VectorXd p(5);
  p << 0.1, 0.2, 0.3, 0.15, 0.25;
  CHECK(mm::jsd(p, p) == 0.0);
  // Partly disjoint: JSD = (log 2)/2 * (mass off the overlap) + overlap terms; here P = (1/2, 1/2, 0),
  // Q = (0, 1/2, 1/2): the middle pair contributes nothing, so JSD = (log 2)/2 exactly.
  Eigen::VectorXd c(3), d(3);
  c << 0.5, 0.5, 0.0;
  d << 0.0, 0.5, 0.5;
  CHECK(mm::jsd(c, d) == std::log(2.0) / 2);
}

TEST_CASE("JSD matches the 50-digit definition", "[jsd]") {
  const Eigen::VectorXd p = pmf_from_weights({1, 7, 3, 0, 9, 2, 5}), q = pmf_from_weights({4, 2, 6, 1, 3, 8, 0});
  CHECK(mm::jsd(p, q) == Approx(static_cast<double>(jsd_reference(p, q))).epsilon(32 * 2.2e-16));
  const Eigen::VectorXf pf = p.cast<float>(), qf = q.cast<float>();
  CHECK(mm::jsd(pf, qf) == Approx(static_cast<double>(jsd_reference(p, q))).epsilon(1e-6));
}

TEST_CASE("near P = Q the JSD is never negative nor NaN, and within eps of the 50-digit value", "[jsd]") {
  // SciPy's jensenshannon takes sqrt of a rounded sum, which can be slightly negative here.
  Eigen::VectorXd p(3), q(3);
  p << 1.0 / 3, 1.0 / 3, 1.0 / 3;
  q << std::nextafter(1.0 / 3, 1.0), 1.0 / 3, std::nextafter(1.0 / 3, 0.0);
  const double v = mm::jsd(p, q);
  CHECK(v >= 0.0);
  CHECK(std::abs(v - static_cast<double>(jsd_reference(p, q))) <= 4 * std::numeric_limits<double>::epsilon());
  rc::prop("one-ulp perturbations give 0 <= JSD <= a few eps", [] {
    const auto w = *weights(*rc::gen::inRange<std::size_t>(2, 200));
    auto p = pmf_from_weights(w);
    RC_PRE(p.sum() > 0.5);
    Eigen::VectorXd q = p;
    for (Eigen::Index i = 0; i < q.size(); ++i)
      if (*rc::gen::arbitrary<bool>()) q(i) = std::nextafter(q(i), 1.0);
    const double v = mm::jsd(p, q);
    RC_ASSERT(v >= 0.0);
    RC_ASSERT(v <= 8 * std::numeric_limits<double>::epsilon());
  });
}

TEST_CASE("JSD bounds, symmetry and the triangle inequality of sqrt(JSD)", "[jsd][property]") {
  rc::prop("0 <= JSD <= log 2 and JSD(P,Q) = JSD(Q,P) exactly", [] {
    const auto n = *rc::gen::inRange<std::size_t>(1, 300);
    auto w = *weights(n), v = *weights(n);
    w[0] += 1;
    v[n - 1] += 1;
    const auto p = pmf_from_weights(w), q = pmf_from_weights(v);
    const double a = mm::jsd(p, q);
    RC_ASSERT(a >= 0.0);
    RC_ASSERT(a <= std::log(2.0));
    RC_ASSERT(a == mm::jsd(q, p));
  });
  rc::prop("sqrt(JSD(P,R)) <= sqrt(JSD(P,Q)) + sqrt(JSD(Q,R))", [] {
    const auto n = *rc::gen::inRange<std::size_t>(1, 50);
    auto w = *weights(n), v = *weights(n), u = *weights(n);
    w[0] += 1;
    v[0] += 1;
    u[0] += 1;
    const auto p = pmf_from_weights(w), q = pmf_from_weights(v), r = pmf_from_weights(u);
    RC_ASSERT(std::sqrt(mm::jsd(p, r)) <= std::sqrt(mm::jsd(p, q)) + std::sqrt(mm::jsd(q, r)) + 1e-12);
  });
}

TEST_CASE("jsd names itself in its errors", "[jsd]") {
  Eigen::VectorXd p(2), q(2);
  p << 0.5, 0.5;
  q << 0.5, -0.5;
  CHECK_THROWS_WITH(mm::jsd(p, q), Contains("minimax::jsd: q[1] must be non-negative and finite, got -0.5"));
  CHECK_THROWS_AS(mm::jsd(p, p, 0.0), mm::invalid_argument);
}
