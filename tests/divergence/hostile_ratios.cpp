// Ratios p/q that overflow or underflow in the pmf f-divergences and their generators'
// perspectives: SciPy's rel_entr / kl_div cases (scipy/special/tests/test_basic.py, gh-20710) and
// minimax's own (subnormal masses, sums p + q that overflow), against Boost.Multiprecision.
#include <minimax/divergence/f_divergence.hpp>
#include <minimax/divergence/hellinger.hpp>
#include <minimax/divergence/jsd.hpp>
#include <minimax/divergence/kl.hpp>

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <perspective_references.hpp>
#include <reference.hpp>
#include <tuple>
#include <vector>

namespace mm = minimax;
using mm::test::high;
using namespace mm::test;  // the perspectives' references

namespace {
constexpr double eps = std::numeric_limits<double>::epsilon();
constexpr double inf = std::numeric_limits<double>::infinity();
constexpr double denorm_min = std::numeric_limits<double>::denorm_min();


template <class T>
using vec = Eigen::Matrix<T, Eigen::Dynamic, 1>;
}  // namespace

TEST_CASE("rel_entr: scipy test_basic TestRelEntr gh-20710 overflow") {
  // SciPy's inputs and expected values (rtol 1e-13 there); here also against a 50-digit reference.
  const std::vector<std::tuple<double, double, double>> cases = {
      {4, 2.22e-308, 2839.139983229607},
      {1e-200, 1e+200, -9.210340371976183e-198},
      {2.22e-308, 1e15, -1.6493212008074475e-305},
  };
  for (const auto& [x, y, desired] : cases) {
    const double out = mm::f::kl::perspective(x, y);
    CAPTURE(x, y, out, desired);
    REQUIRE(std::isfinite(out));
    CHECK(std::abs(out - desired) <= 1e-13 * std::abs(desired));
    CHECK(rel_error(out, kl_ref(x, y)) <= 3 * eps);
    // reverse KL's perspective is the same with the arguments swapped
    CHECK(rel_error(mm::f::reverse_kl::perspective(y, x), kl_ref(x, y)) <= 3 * eps);
  }
}

TEST_CASE("rel_entr: scipy test_basic TestRelEntr test_rel_entr, signs and 0, 0.5, 1") {
  // SciPy's grid; minimax's convention outside the domain is NaN (SciPy returns +inf there).
  const double values[] = {0.0, 0.5, 1.0};
  for (double sa : {-1.0, 1.0})
    for (double va : values)
      for (double sb : {-1.0, 1.0})
        for (double vb : values) {
          const double x = sa * va, y = sb * vb;
          const double out = mm::f::kl::perspective(x, y);
          CAPTURE(x, y, out);
          if (x < 0 || y < 0) {
            CHECK(std::isnan(out));
          } else if (x > 0 && y > 0) {
            CHECK(std::abs(out - x * std::log(x / y)) <= 1e-13);
          } else if (x == 0) {
            CHECK(out == 0.0);
          } else {
            CHECK(out == inf);
          }
        }
}

TEST_CASE("kl_div: scipy test_basic TestKlDiv test_kl_div, signs and 0, 0.5, 1 (kl's term p log(p/q) - p + q)") {
  const double values[] = {0.0, 0.5, 1.0};
  for (double sa : {-1.0, 1.0})
    for (double va : values)
      for (double sb : {-1.0, 1.0})
        for (double vb : values) {
          const double x = sa * va, y = sb * vb;
          const double out = mm::detail::kl_term(x, y);
          CAPTURE(x, y, out);
          if (x < 0 || y < 0) {
            CHECK(std::isnan(out));
          } else if (y == 0 && x != 0) {
            CHECK(out == inf);
          } else if (x == 0) {
            CHECK(out == y);
          } else {
            CHECK(std::abs(out - (x * std::log(x / y) - x + y)) <= 1e-13);
          }
        }
}

TEST_CASE("kl_div: kl's term at the gh-20710 overflow inputs stays finite and accurate") {
  const std::vector<std::pair<double, double>> cases = {
      {4, 2.22e-308}, {1e-200, 1e+200}, {2.22e-308, 1e15}, {1.0, denorm_min}, {denorm_min, 1.0}, {1e-300, 1e300}};
  for (const auto& [x, y] : cases) {
    CAPTURE(x, y);
    CHECK(rel_error(mm::detail::kl_term(x, y), kl_term_ref(x, y)) <= 12 * eps);
  }
}

TEST_CASE("kl and reverse_kl: a subnormal mass in q is finite, +inf only for an exact zero") {
  // Before the ratio was formed first, p/q = 0.5/4.9e-324 overflowed and kl returned +inf.
  for (double tiny : {denorm_min, 1e-310, 2.22e-308, 1e-300}) {
    CAPTURE(tiny);
    vec<double> p(2), q(2);
    p << 0.5, 0.5;
    q << 1.0, tiny;
    const high ref = kl_term_ref(0.5, 1.0) + kl_term_ref(0.5, tiny);
    const double k = mm::kl(p, q);
    REQUIRE(std::isfinite(k));
    CHECK(rel_error(k, ref) <= 16 * eps);
    CHECK(rel_error(mm::reverse_kl(q, p), ref) <= 16 * eps);
    CHECK(rel_error(mm::f_divergence<mm::f::kl>(p, q), ref) <= 16 * eps);
    // long double takes the scalar path
    vec<long double> pl = p.cast<long double>(), ql = q.cast<long double>();
    CHECK(std::isfinite(static_cast<double>(mm::kl(pl, ql))));
    CHECK(rel_error(static_cast<double>(mm::kl(pl, ql)), ref) <= 16 * eps);
  }
  vec<double> p(2), q(2);
  p << 0.5, 0.5;
  q << 1.0, 0.0;
  CHECK(mm::kl(p, q) == inf);
  CHECK(mm::reverse_kl(q, p) == inf);
}

TEST_CASE("kl: a subnormal mass of q inside a long vector, in every position of a block") {
  const int n = 300;
  for (int pos : {0, 63, 127, 128, 200, 299}) {
    vec<double> p = vec<double>::Constant(n, 1.0 / n), q = vec<double>::Constant(n, 1.0 / n);
    q[pos] = 1e-310;
    q[(pos + 1) % n] += 1.0 / n;
    high ref = 0;
    for (int i = 0; i < n; ++i) ref += kl_term_ref(p[i], q[i]);
    CAPTURE(pos);
    const double k = mm::kl(p, q);
    REQUIRE(std::isfinite(k));
    CHECK(rel_error(k, ref) <= 32 * eps);
  }
}

TEST_CASE("perspectives: ratios and sums that over- or underflow (pearson, neyman, gan, jensen_shannon, hellinger)") {
  // (p - q)^2 underflows to 0 though (p - q)^2 / q is 1e-40
  CHECK(rel_error(mm::f::pearson::perspective(1e-170, 1e-300), pearson_ref(1e-170, 1e-300)) <= 2 * eps);
  CHECK(rel_error(mm::f::neyman::perspective(1e-300, 1e-170), pearson_ref(1e-170, 1e-300)) <= 2 * eps);
  // (p - q) / q overflows though the value is 1e300
  CHECK(rel_error(mm::f::pearson::perspective(1e-10, 1e-320), pearson_ref(1e-10, 1e-320)) <= 2 * eps);
  CHECK(rel_error(mm::f::neyman::perspective(1e-320, 1e-10), pearson_ref(1e-10, 1e-320)) <= 2 * eps);
  // a value beyond the largest double is +inf
  CHECK(mm::f::pearson::perspective(4.0, 2.22e-308) == inf);
  // p + q overflows: the perspectives are homogeneous, the exact values finite
  CHECK(rel_error(mm::f::gan::perspective(1e308, 1e308), gan_ref(1e308, 1e308)) <= 4 * eps);
  CHECK(rel_error(mm::f::gan::perspective(1.5e308, 0.5e308), gan_ref(1.5e308, 0.5e308)) <= 4 * eps);
  CHECK(rel_error(mm::f::jensen_shannon::perspective(1.5e308, 0.5e308), jsd_pair_ref(1.5e308, 0.5e308)) <=
        16 * eps);
  CHECK(rel_error(mm::f::jensen_shannon::perspective(1.7e308, 1.6e308), jsd_pair_ref(1.7e308, 1.6e308)) <=
        16 * eps);
  // ratios far below the smallest normal number
  CHECK(rel_error(mm::f::gan::perspective(1e-300, 1e10), gan_ref(1e-300, 1e10)) <= 4 * eps);
  CHECK(rel_error(mm::f::jensen_shannon::perspective(1e-300, 1e10), jsd_pair_ref(1e-300, 1e10)) <= 16 * eps);
  CHECK(rel_error(mm::f::jensen_shannon::perspective(denorm_min, 1.0), jsd_pair_ref(denorm_min, 1.0)) <= 16 * eps);
  CHECK(rel_error(mm::f::reverse_kl::perspective(1e300, 1e-200), kl_ref(1e-200, 1e300)) <= 3 * eps);
  const high h = pow(sqrt(high(1e308)) - sqrt(high(1e-308)), 2);
  CHECK(rel_error(mm::f::squared_hellinger::perspective(1e308, 1e-308), h) <= 4 * eps);
  CHECK(mm::f::total_variation::perspective(1.7e308, denorm_min) == 0.85e308);
}

TEST_CASE("jsd and squared_hellinger: a subnormal mass in one pmf") {
  vec<double> p(3), q(3);
  p << 0.5, 0.25, 0.25;
  q << 0.5, 0.5, 1e-310;
  const high ref = (jsd_pair_ref(0.25, 0.5) + jsd_pair_ref(0.25, 1e-310)) / 2;
  CHECK(rel_error(mm::jsd(p, q), ref) <= 32 * eps);
  const high h = pow(sqrt(high(0.25)) - sqrt(high(0.5)), 2) + pow(sqrt(high(0.25)) - sqrt(high(1e-310)), 2);
  CHECK(rel_error(mm::squared_hellinger(p, q), h) <= 32 * eps);
}
