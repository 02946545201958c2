// Sign and relative accuracy of the pmf f-divergences and their generators' perspectives where
// p is close to q: SciPy's rel_entr cases (scipy/special/tests/test_basic.py, gh-20710) and
// minimax's own (two-point pmfs equal to 13 digits, long pmfs, every generator), against
// Boost.Multiprecision.
#include <minimax/divergence/f_divergence.hpp>
#include <minimax/divergence/hellinger.hpp>
#include <minimax/divergence/jsd.hpp>
#include <minimax/divergence/kl.hpp>

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <random>
#include <perspective_references.hpp>
#include <reference.hpp>
#include <tuple>
#include <vector>

namespace mm = minimax;
using mm::test::high;
using namespace mm::test;  // the perspectives' references

namespace {
constexpr double eps = std::numeric_limits<double>::epsilon();


template <class T>
using vec = Eigen::Matrix<T, Eigen::Dynamic, 1>;

// Pairs (p, q) with q = p (1 + delta) for relative gaps delta from 1e-15 to 1, both signs, and the
// switch points of the kernels (q/p = 1/2, 2; |p - q| = (p + q)/3).
std::vector<std::pair<double, double>> near_pairs() {
  std::vector<std::pair<double, double>> out;
  std::mt19937_64 gen(20710);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  for (int i = 0; i < 400; ++i) {
    const double p = std::ldexp(0.5 + 0.5 * u(gen), -static_cast<int>(u(gen) * 60));
    const double delta = std::pow(10.0, -15.0 * u(gen)) * (i % 2 == 0 ? 1.0 : -0.99);
    const double q = p * (1 + delta);
    if (q > 0 && q != p) out.emplace_back(p, q);
  }
  for (double r : {0.5, 2.0, 0.5000000000000001, 1.9999999999999998, 0.4999999999999999, 2.0000000000000004, 0.5 * (1 + 1e-9),
                   2 * (1 - 1e-9), 3.0, 1.0 / 3, 1.0 / 3 * (1 + 1e-12), 3.0 * (1 - 1e-12), 1.5, 2.0 / 3}) {
    out.emplace_back(0.3, 0.3 * r);
    out.emplace_back(0.3 * r, 0.3);
  }
  return out;
}
}  // namespace

TEST_CASE("rel_entr: scipy test_basic TestRelEntr gh-20710 near zero") {
  // SciPy's inputs and expected values (rtol 1e-13 there); here also against a 50-digit reference.
  const std::vector<std::tuple<double, double, double>> cases = {
      {0.9456657713430001, 0.9456657713430094, -9.325873406851269e-15},
      {0.48066098564791515, 0.48066098564794774, -3.258504577274724e-14},
      {0.786048657854401, 0.7860486578542367, 1.6431300764454033e-13},
  };
  for (const auto& [x, y, desired] : cases) {
    const double out = mm::f::kl::perspective(x, y);
    CAPTURE(x, y, out, desired);
    CHECK(std::abs(out - desired) <= 1e-13 * std::abs(desired));
    CHECK(rel_error(out, kl_ref(x, y)) <= 3 * eps);
    CHECK(rel_error(mm::f::reverse_kl::perspective(y, x), kl_ref(x, y)) <= 3 * eps);
  }
}

TEST_CASE("perspectives near p = q keep their relative accuracy (every generator)") {
  for (const auto& [p, q] : near_pairs()) {
    CAPTURE(p, q);
    CHECK(rel_error(mm::f::kl::perspective(p, q), kl_ref(p, q)) <= 3 * eps);
    CHECK(rel_error(mm::f::reverse_kl::perspective(p, q), kl_ref(q, p)) <= 3 * eps);
    CHECK(rel_error(mm::detail::kl_term(p, q), kl_term_ref(p, q)) <= 12 * eps);
    CHECK(rel_error(mm::f::jensen_shannon::perspective(p, q), jsd_pair_ref(p, q)) <= 16 * eps);
    CHECK(rel_error(mm::f::gan::perspective(p, q), gan_ref(p, q)) <= 4 * eps);
    CHECK(rel_error(mm::f::squared_hellinger::perspective(p, q), hellinger_ref(p, q)) <= 4 * eps);
    CHECK(rel_error(mm::f::pearson::perspective(p, q), pearson_ref(p, q)) <= 2 * eps);
    CHECK(rel_error(mm::f::neyman::perspective(p, q), pearson_ref(q, p)) <= 2 * eps);
    CHECK(mm::detail::kl_term(p, q) > 0);
  }
}

TEST_CASE("kl, reverse_kl, jsd, squared_hellinger of two-point pmfs equal to 13 digits: >= 0 and accurate") {
  // x in [1/2, 1): 1 - x is exact, so both pmfs sum to exactly 1 and the reference is the exact
  // divergence. (kl returned -1.8e-17 and -6.2e-17 for such pairs when it summed p log(p/q).)
  const std::vector<std::pair<double, double>> cases = {
      {0.5, 0.5000000000001},        {0.6543210987654, 0.6543210987655}, {0.7071067811865, 0.7071067811864},
      {0.9999999999999, 0.9999999999998}, {0.8, 0.8000000000000001},       {0.5555555555555, 0.5555555555556}};
  for (const auto& [x, y] : cases) {
    vec<double> p(2), q(2);
    p << x, 1 - x;
    q << y, 1 - y;
    REQUIRE(p.sum() == 1.0);
    REQUIRE(q.sum() == 1.0);
    const high k = kl_ref(x, y) + kl_ref(1 - x, 1 - y);
    const high r = kl_ref(y, x) + kl_ref(1 - y, 1 - x);
    const high j = (jsd_pair_ref(x, y) + jsd_pair_ref(1 - x, 1 - y)) / 2;
    const high h = hellinger_ref(x, y) + hellinger_ref(1 - x, 1 - y);
    CAPTURE(x, y, mm::kl(p, q), static_cast<double>(k));
    CHECK(mm::kl(p, q) > 0);
    CHECK(rel_error(mm::kl(p, q), k) <= 16 * eps);
    CHECK(rel_error(mm::reverse_kl(p, q), r) <= 16 * eps);
    CHECK(rel_error(mm::f_divergence<mm::f::kl>(p, q), k) <= 16 * eps);
    CHECK(rel_error(mm::jsd(p, q), j) <= 20 * eps);
    CHECK(rel_error(mm::f_divergence<mm::f::jensen_shannon>(p, q), 2 * j) <= 20 * eps);
    CHECK(rel_error(mm::squared_hellinger(p, q), h) <= 8 * eps);
    CHECK(rel_error(mm::f_divergence<mm::f::pearson>(p, q), pearson_ref(x, y) + pearson_ref(1 - x, 1 - y)) <= 4 * eps);
    // float and long double take the scalar kernels
    const vec<long double> pl = p.cast<long double>(), ql = q.cast<long double>();
    CHECK(mm::kl(pl, ql) > 0);
    CHECK(rel_error(static_cast<double>(mm::kl(pl, ql)), k) <= 16 * eps);
  }
}

TEST_CASE("kl of two-point pmfs whose stored masses differ from 1: the sum of the non-negative terms") {
  // 1 - x rounds for x below 1/2: the result is sum(p log(p/q) - p + q), KL of the pmfs the
  // vectors round, never negative.
  const std::vector<std::pair<double, double>> cases = {
      {0.3, 0.3000000000001}, {0.1234567890123, 0.1234567890124}, {0.01, 0.0100000000000001}};
  for (const auto& [x, y] : cases) {
    vec<double> p(2), q(2);
    p << x, 1 - x;
    q << y, 1 - y;
    const high ref = kl_term_ref(p[0], q[0]) + kl_term_ref(p[1], q[1]);
    CAPTURE(x, y);
    CHECK(mm::kl(p, q) > 0);
    CHECK(rel_error(mm::kl(p, q), ref) <= 16 * eps);
    CHECK(mm::jsd(p, q) > 0);
  }
}

TEST_CASE("kl, jsd, squared_hellinger of long pmfs a relative 1e-9 apart: relative accuracy of the vectorised kernels") {
  const int n = 1000;
  std::mt19937_64 gen(7);
  std::uniform_real_distribution<double> u(0.5, 1.5), w(-1.0, 1.0);
  vec<double> p(n), q(n);
  for (int i = 0; i < n; ++i) p[i] = u(gen);
  p /= p.sum();
  for (int i = 0; i < n; ++i) q[i] = p[i] * (1 + 1e-9 * w(gen));
  q /= q.sum();
  high k = 0, r = 0, j = 0, h = 0;
  for (int i = 0; i < n; ++i) {
    k += kl_term_ref(p[i], q[i]);
    r += kl_term_ref(q[i], p[i]);
    j += jsd_pair_ref(p[i], q[i]) / 2;
    h += hellinger_ref(p[i], q[i]);
  }
  CHECK(rel_error(mm::kl(p, q), k) <= 64 * eps);
  CHECK(rel_error(mm::reverse_kl(p, q), r) <= 64 * eps);
  CHECK(rel_error(mm::jsd(p, q), j) <= 64 * eps);
  CHECK(rel_error(mm::squared_hellinger(p, q), h) <= 64 * eps);
  const vec<float> pf = p.cast<float>(), qf = q.cast<float>();
  CHECK(mm::kl(pf, qf) >= 0.0f);
  CHECK(mm::jsd(pf, qf) >= 0.0f);
}
