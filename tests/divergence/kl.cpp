// Tests of include/minimax/divergence/kl.hpp: closed forms, Gibbs' inequality, the +inf and 0 log 0
// conventions, bases, and the bad inputs.
#include <minimax/divergence/kl.hpp>
#include <minimax/prob/pmf.hpp>

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
template <class T>
using vec = Eigen::Matrix<T, Eigen::Dynamic, 1>;

vec<double> pmf_from_weights(const std::vector<unsigned>& w) {
  vec<double> p(static_cast<Eigen::Index>(w.size()));
  double total = 0;
  for (unsigned x : w) total += x;
  for (std::size_t i = 0; i < w.size(); ++i) p(static_cast<Eigen::Index>(i)) = w[i] / total;
  return p;
}
}  // namespace

TEMPLATE_TEST_CASE("KL between Bernoulli pmfs: closed form in 50 digits", "[kl]", float, double, long double) {
  using T = TestType;
  for (auto [a, b] : {std::pair{0.1, 0.9}, std::pair{0.5, 0.25}, std::pair{0.001, 0.002}, std::pair{0.3, 0.3001}}) {
    vec<T> p(2), q(2);
    p << T(a), T(1) - T(a);
    q << T(b), T(1) - T(b);
    // Reference from the same rounded inputs: KL = a log(a/b) + (1-a) log((1-a)/(1-b)).
    const high pa = high(p(0)), pb = high(p(1)), qa = high(q(0)), qb = high(q(1));
    const high ref = pa * log(pa / qa) + pb * log(pb / qb);
    // Each log(p/q) carries an absolute error of about eps (the rounding of p/q): scale 1 + sum |terms|.
    const high scale = 1 + abs(pa * log(pa / qa)) + abs(pb * log(pb / qb));
    const double tol = 8 * static_cast<double>(std::numeric_limits<T>::epsilon()) * static_cast<double>(scale);
    CAPTURE(a, b);
    CHECK(std::abs(static_cast<double>(mm::kl(p, q)) - static_cast<double>(ref)) <= tol);
  }
}

TEST_CASE("KL conventions: 0 log(0/q) = 0, p log(p/0) = +inf, KL(P||P) = 0 exactly", "[kl]") {
  Eigen::VectorXd p(3), q(3);
  p << 0.0, 0.5, 0.5;
  q << 0.5, 0.25, 0.25;
  CHECK(mm::kl(p, q) == Approx(std::log(2.0)).epsilon(2e-16));
  CHECK(mm::kl(q, p) == std::numeric_limits<double>::infinity());
  Eigen::VectorXd z(3);
  z << 0.0, 1.0, 0.0;
  CHECK(mm::kl(z, z) == 0.0);  // 0 log(0/0) = 0
  CHECK(mm::kl(p, p) == 0.0);
  CHECK(mm::reverse_kl(p, q) == mm::kl(q, p));
  CHECK(mm::reverse_kl(q, p) == mm::kl(p, q));
  // Disjoint supports: +inf, not NaN and not an exception.
  Eigen::VectorXd a(2), b(2);
  a << 1.0, 0.0;
  b << 0.0, 1.0;
  CHECK(mm::kl(a, b) == std::numeric_limits<double>::infinity());
}

TEST_CASE("KL in base 2 is the value in nats over log 2; bad bases are rejected", "[kl]") {
  Eigen::VectorXd p(2), q(2);
  p << 0.5, 0.5;
  q << 0.25, 0.75;
  // KL = 0.5 log2(2) + 0.5 log2(2/3) = 1 - 0.5 log2(3) bits.
  CHECK(mm::kl(p, q, 2.0) == Approx(1 - 0.5 * std::log2(3.0)).epsilon(16 * 2.2e-16));
  CHECK_THROWS_AS(mm::kl(p, q, 1.0), mm::invalid_argument);
  CHECK_THROWS_WITH(mm::kl(p, q, -2.0), Contains("minimax::kl: the log base must be positive") && Contains("-2"));
  CHECK_THROWS_AS(mm::kl(p, q, std::numeric_limits<double>::quiet_NaN()), mm::invalid_argument);
}

TEST_CASE("Gibbs' inequality: KL >= 0 on random pmfs, 0 only for P = Q", "[kl][property]") {
  rc::prop("KL(P||Q) >= 0", [] {
    const auto n = *rc::gen::inRange<std::size_t>(1, 500);
    auto w = *rc::gen::container<std::vector<unsigned>>(n, rc::gen::inRange<unsigned>(0, 50));
    auto v = *rc::gen::container<std::vector<unsigned>>(n, rc::gen::inRange<unsigned>(0, 50));
    w[0] += 1;
    v[0] += 1;
    const double d = mm::kl(pmf_from_weights(w), pmf_from_weights(v));
    RC_ASSERT(d >= -1e-15);  // the exact value is >= 0; rounding may cross 0 by a few eps
    RC_ASSERT(!std::isnan(d));
  });
}

TEST_CASE("kl names itself in its errors", "[kl]") {
  Eigen::VectorXd p(2), q(3);
  p << 0.5, 0.5;
  q << 0.2, 0.3, 0.5;
  CHECK_THROWS_WITH(mm::kl(p, q), Contains("minimax::kl: p and q must have the same size, got 2 and 3"));
  CHECK_THROWS_WITH(mm::reverse_kl(p, q), Contains("minimax::reverse_kl:"));
  Eigen::VectorXd r(2);
  r << 0.5, 0.4;
  CHECK_THROWS_AS(mm::kl(r, p), mm::domain_error);
  CHECK_THROWS_WITH(mm::kl(r, p), Contains("minimax::kl: p must sum to 1") && Contains("got 0.9"));
}

TEST_CASE("minimax::pmf arguments give the same values as their probability vectors", "[kl]") {
  const mm::pmf a = mm::pmf::from({0.2, 0.3, 0.5}), b = mm::pmf::from({0.1, 0.6, 0.3});
  CHECK(mm::kl(a, b) == mm::kl(a.probabilities(), b.probabilities()));
  CHECK(mm::kl(a, b.probabilities()) == mm::kl(a.probabilities(), b.probabilities()));
  CHECK(mm::reverse_kl(a, b) == mm::kl(b.probabilities(), a.probabilities()));
  CHECK_THROWS_WITH(mm::kl(a, mm::pmf::from({0.5, 0.5})), Contains("p and q must have the same size, got 3 and 2"));
}
