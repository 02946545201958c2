// Tests for include/minimax/divergence/wasserstein_1d.hpp: closed forms, brute force over all
// matchings, the CDF formula W1 = integral of |F - G|, and every rejected input.
#include <catch2/catch.hpp>
#include <rapidcheck/catch.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>
#include <vector>

#include <Eigen/Core>
#include <minimax/divergence/wasserstein_1d.hpp>
#include <minimax/prob/mixture.hpp>
#include <minimax/prob/normal.hpp>
#include <minimax/prob/uniform.hpp>

namespace mm = minimax;

namespace {
// min over permutations of (1/n) sum |x_i - y_s(i)|^p, then the p-th root: the definition of W_p
// between uniform empirical measures of equal size (Birkhoff: the optimum is a permutation).
double brute_force_wp(const std::vector<double>& x, const std::vector<double>& y, double p) {
  std::vector<int> s(y.size());
  std::iota(s.begin(), s.end(), 0);
  double best = std::numeric_limits<double>::infinity();
  do {
    double t = 0;
    for (std::size_t i = 0; i < x.size(); ++i) t += std::pow(std::abs(x[i] - y[static_cast<std::size_t>(s[i])]), p);
    best = std::min(best, t / static_cast<double>(x.size()));
  } while (std::next_permutation(s.begin(), s.end()));
  return std::pow(best, 1 / p);
}

// W1 = integral |F - G| dx, integrated exactly between the sorted union of the atoms.
double cdf_w1(const Eigen::VectorXd& u, const Eigen::VectorXd& v, const Eigen::VectorXd& wu, const Eigen::VectorXd& wv) {
  std::vector<double> pts(u.data(), u.data() + u.size());
  pts.insert(pts.end(), v.data(), v.data() + v.size());
  std::sort(pts.begin(), pts.end());
  double total = 0;
  for (std::size_t k = 0; k + 1 < pts.size(); ++k) {
    double f = 0, g = 0;
    for (Eigen::Index i = 0; i < u.size(); ++i) f += u(i) <= pts[k] ? wu(i) : 0;
    for (Eigen::Index i = 0; i < v.size(); ++i) g += v(i) <= pts[k] ? wv(i) : 0;
    total += std::abs(f - g) * (pts[k + 1] - pts[k]);
  }
  return total;
}
}  // namespace

TEMPLATE_TEST_CASE("wasserstein_1d: closed forms", "[wasserstein_1d]", float, double) {
  using T = TestType;
  using V = Eigen::Matrix<T, Eigen::Dynamic, 1>;
  const T eps = std::numeric_limits<T>::epsilon();
  V u(4);
  u << T(0.3), T(-1), T(2), T(0.5);
  SECTION("a translate is at distance |shift| for every p") {
    const V v = u.array() + T(0.75);
    for (T p : {T(1), T(2), T(3.5)}) CHECK(std::abs(mm::wasserstein_1d(u, v, p) - T(0.75)) <= 16 * eps);
  }
  SECTION("unequal sizes: {0, 1} against {0, 1/2, 1}") {
    V a(2), b(3);
    a << 0, 1;
    b << 0, T(0.5), 1;
    // Quantiles differ by 1/2 on (1/3, 1/2] and (1/2, 2/3]: W1 = 1/6, W2^2 = 1/12.
    CHECK(std::abs(mm::wasserstein_1d(a, b, T(1)) - T(1) / 6) <= 8 * eps);
    CHECK(std::abs(mm::wasserstein_1d(a, b, T(2)) - std::sqrt(T(1) / 12)) <= 8 * eps);
    CHECK(std::abs(mm::wasserstein_1d(b, a, T(2)) - std::sqrt(T(1) / 12)) <= 8 * eps);
  }
  SECTION("returns W_p, not W_p^p: two Diracs at distance 3") {
    V a(1), b(1);
    a << 0;
    b << 3;
    CHECK(mm::wasserstein_1d(a, b, T(2)) == T(3));
    CHECK(mm::wasserstein_1d(a, b, T(4)) == T(3));
  }
  SECTION("weighted: uniform weights agree with the unweighted form; duplicates are weights") {
    V v(3);
    v << T(1), T(-2), T(0.25);
    const V wu = V::Constant(4, T(0.25)), wv = V::Constant(3, T(1) / 3);
    CHECK(std::abs(mm::wasserstein_1d(u, v, wu, wv, T(2)) - mm::wasserstein_1d(u, v, T(2))) <= 32 * eps);
    V vd(2), wd(2), vr(3);
    vd << T(1), T(-2);
    wd << T(2) / 3, T(1) / 3;
    vr << T(1), T(1), T(-2);
    CHECK(std::abs(mm::wasserstein_1d(u, vd, wu, wd, T(1)) - mm::wasserstein_1d(u, vr, T(1))) <= 32 * eps);
  }
  SECTION("zero weights take no part") {
    V a(2), wa(2), b(1), wb(1);
    a << 0, 100;
    wa << 1, 0;
    b << 2;
    wb << 1;
    CHECK(mm::wasserstein_1d(a, b, wa, wb, T(1)) == T(2));
  }
}

TEST_CASE("wasserstein_1d: the sorted matching is the brute-force optimum", "[wasserstein_1d]") {
  rc::prop("W_p = min over all permutations", [] {
    const auto n = *rc::gen::inRange<std::size_t>(1, 7);
    const auto ints = *rc::gen::container<std::vector<int>>(2 * n, rc::gen::inRange(-1000, 1000));
    const double p = *rc::gen::element(1.0, 1.5, 2.0, 3.0);
    std::vector<double> x(n), y(n);
    Eigen::VectorXd ex(n), ey(n);
    for (std::size_t i = 0; i < n; ++i) {
      x[i] = ex(static_cast<Eigen::Index>(i)) = ints[i] / 100.0;
      y[i] = ey(static_cast<Eigen::Index>(i)) = ints[n + i] / 100.0;
    }
    const double reference = brute_force_wp(x, y, p);
    RC_ASSERT(std::abs(mm::wasserstein_1d(ex, ey, p) - reference) <= 1e-12 * (1 + reference));
  });
}

TEST_CASE("wasserstein_1d: W1 equals the integral of |F - G|", "[wasserstein_1d]") {
  rc::prop("weighted samples of any sizes", [] {
    const auto n = *rc::gen::inRange<int>(1, 9);
    const auto m = *rc::gen::inRange<int>(1, 9);
    Eigen::VectorXd u(n), v(m), wu(n), wv(m);
    for (int i = 0; i < n; ++i) {
      u(i) = *rc::gen::inRange(-500, 500) / 100.0;
      wu(i) = *rc::gen::inRange(0, 100);
    }
    for (int i = 0; i < m; ++i) {
      v(i) = *rc::gen::inRange(-500, 500) / 100.0;
      wv(i) = *rc::gen::inRange(0, 100);
    }
    RC_PRE(wu.sum() > 0 && wv.sum() > 0);
    wu /= wu.sum();
    wv /= wv.sum();
    const double reference = cdf_w1(u, v, wu, wv);
    RC_ASSERT(std::abs(mm::wasserstein_1d(u, v, wu, wv, 1.0) - reference) <= 1e-12 * (1 + reference));
    // And unweighted samples of different sizes, through their uniform weights.
    const Eigen::VectorXd uu = Eigen::VectorXd::Constant(n, 1.0 / n), uv = Eigen::VectorXd::Constant(m, 1.0 / m);
    RC_ASSERT(std::abs(mm::wasserstein_1d(u, v, 1.0) - cdf_w1(u, v, uu, uv)) <= 1e-12 * (1 + reference));
  });
}

TEST_CASE("wasserstein_1d: bad input names the function and the value", "[wasserstein_1d]") {
  Eigen::VectorXd u(2), v(2), w(2), empty(0);
  u << 0, 1;
  v << 1, 2;
  w << 0.5, 0.5;
  CHECK_THROWS_WITH(mm::wasserstein_1d(u, v, 0.5), "minimax::wasserstein_1d: p must be finite and >= 1, got 0.5");
  CHECK_THROWS_AS(mm::wasserstein_1d(u, v, std::nan("")), mm::invalid_argument);
  CHECK_THROWS_WITH(mm::wasserstein_1d(empty, v), "minimax::wasserstein_1d: u must not be empty, got 0");
  CHECK_THROWS_AS(mm::wasserstein_1d(u, empty), mm::invalid_argument);
  Eigen::VectorXd bad = u;
  bad(1) = std::numeric_limits<double>::infinity();
  CHECK_THROWS_WITH(mm::wasserstein_1d(bad, v), "minimax::wasserstein_1d: u[1] must be finite, got inf");
  Eigen::VectorXd w3(3);
  w3 << 0.2, 0.3, 0.5;
  CHECK_THROWS_WITH(mm::wasserstein_1d(u, v, w3, w),
                    "minimax::wasserstein_1d: u and u_weights must have the same size, got 2 and 3");
  Eigen::VectorXd neg(2), unnormalised(2);
  neg << 1.1, -0.1;
  unnormalised << 1, 1;
  CHECK_THROWS_WITH(mm::wasserstein_1d(u, v, neg, w),
                    "minimax::wasserstein_1d: u_weights[1] must be non-negative and finite, got -0.1");
  CHECK_THROWS_WITH(mm::wasserstein_1d(u, v, w, unnormalised),
                    "minimax::wasserstein_1d: v_weights must sum to 1 (weights are never normalised silently), got 2");
  CHECK_THROWS_AS(mm::wasserstein_1d(bad, v, w, w), mm::invalid_argument);
}

TEST_CASE("wasserstein_1d: distributions, against closed forms", "[wasserstein_1d]") {
  const double eps = std::numeric_limits<double>::epsilon();
  SECTION("normals: W2 = sqrt((m1 - m2)^2 + (s1 - s2)^2)") {
    for (auto [m1, s1, m2, s2] : {std::array<double, 4>{0, 1, 0, 1}, std::array<double, 4>{0, 1, 2, 3},
                                  std::array<double, 4>{-1, 0.5, 1.5, 0.2}}) {
      const double expected = std::sqrt((m1 - m2) * (m1 - m2) + (s1 - s2) * (s1 - s2));
      CHECK(std::abs(mm::wasserstein_1d(mm::normal{m1, s1}, mm::normal{m2, s2}, 2.0) - expected) <= 1e-12 + 64 * eps * expected);
    }
  }
  SECTION("normals, p = 1: E|dm + ds Z| (folded normal mean)") {
    // F^{-1} - G^{-1} = dm + ds z: W1 = ds sqrt(2/pi) exp(-dm^2 / (2 ds^2)) + dm (1 - 2 Phi(-dm/ds)).
    const double dm = 0.7, ds = 1.5;  // N(0.7, 2) against N(0, 0.5)
    const double expected = ds * std::sqrt(2 / M_PI) * std::exp(-dm * dm / (2 * ds * ds)) +
                            dm * (1 - std::erfc(dm / ds / std::sqrt(2.0)));
    CHECK(std::abs(mm::wasserstein_1d(mm::normal{0.7, 2.0}, mm::normal{0.0, 0.5}, 1.0) - expected) <= 1e-13);
    // And the CDF formula W1 = integral |F - G|, by quadrature split at the crossing of the CDFs
    // (x = -0.7 / 3, where (x - 0.7) / 2 = x / 0.5).
    auto gap = [](double x) {
      return std::abs(0.5 * std::erfc(-(x - 0.7) / 2 / std::sqrt(2.0)) - 0.5 * std::erfc(-x / 0.5 / std::sqrt(2.0)));
    };
    const double cross = -0.7 / 3;
    const double w1_cdf = mm::integrate(gap, -std::numeric_limits<double>::infinity(), cross).value +
                          mm::integrate(gap, cross, std::numeric_limits<double>::infinity()).value;
    CHECK(std::abs(w1_cdf - expected) <= 1e-12);
  }
  SECTION("uniforms: the quantile difference is linear") {
    // U[0, 1] against U[0.5, 3.5]: F^{-1} - G^{-1} = -0.5 - 2t, never 0 on (0, 1):
    // W1 = 0.5 + 1 = 1.5; W3^3 = int (0.5 + 2t)^3 dt = ((2.5)^4 - (0.5)^4) / 8.
    CHECK(std::abs(mm::wasserstein_1d(mm::uniform{0.0, 1.0}, mm::uniform{0.5, 3.5}, 1.0) - 1.5) <= 1e-12);
    const double w3 = std::cbrt((std::pow(2.5, 4) - std::pow(0.5, 4)) / 8);
    CHECK(std::abs(mm::wasserstein_1d(mm::uniform{0.0, 1.0}, mm::uniform{0.5, 3.5}, 3.0) - w3) <= 1e-12);
  }
  SECTION("uniforms whose quantiles cross exactly on the search grid: the kink is still a cut") {
    // U[0, 1] against U[-1, 2]: F^{-1} - G^{-1} = 1 - 2t, 0 at t = 1/2, a point of the crossing
    // search's grid: W1 = int |1 - 2t| dt = 1/2. Against U[-3, 5] the difference is 3 - 7t, 0 at 3/7,
    // between grid points: W1 = int |3 - 7t| dt = 9/14 + 16/14.
    CHECK(std::abs(mm::wasserstein_1d(mm::uniform{0.0, 1.0}, mm::uniform{-1.0, 2.0}, 1.0) - 0.5) <= 8 * eps);
    CHECK(std::abs(mm::wasserstein_1d(mm::uniform{0.0, 1.0}, mm::uniform{-3.0, 5.0}, 1.0) - 25.0 / 14) <= 16 * eps);
    // p = 3 over the same exact crossing: W3^3 = 2 int_0^{1/2} (1 - 2t)^3 dt = 1/4
    CHECK(std::abs(mm::wasserstein_1d(mm::uniform{0.0, 1.0}, mm::uniform{-1.0, 2.0}, 3.0) - std::cbrt(0.25)) <= 8 * eps);
  }
  SECTION("quantiles that agree on a stretch: its end is a cut") {
    // U[0, 1] against 0.5 U[0, 0.5] + 0.5 U[0.5, 2]: the quantiles agree for t <= 1/2 (a grid point),
    // then differ by 2t - 1: W1 = int_{1/2}^1 (2t - 1) dt = 1/4. Against 0.3 U[0, 0.3] + 0.7 U[0.3, 1.7]
    // they agree for t <= 0.3 (between grid points), then differ by t - 0.3: W1 = 0.7^2 / 2.
    const mm::mixture to_half({0.5, 0.5}, {mm::uniform{0.0, 0.5}, mm::uniform{0.5, 2.0}});
    const mm::mixture to_three_tenths({0.3, 0.7}, {mm::uniform{0.0, 0.3}, mm::uniform{0.3, 1.7}});
    CHECK(std::abs(mm::wasserstein_1d(mm::uniform{0.0, 1.0}, to_half, 1.0) - 0.25) <= 8 * eps);
    CHECK(std::abs(mm::wasserstein_1d(mm::uniform{0.0, 1.0}, to_three_tenths, 1.0) - 0.245) <= 8 * eps);
  }
  CHECK_THROWS_WITH(mm::wasserstein_1d(mm::normal{0.0, 1.0}, mm::normal{0.0, 1.0}, 0.0),
                    "minimax::wasserstein_1d: p must be finite and >= 1, got 0");
}

TEMPLATE_TEST_CASE("wasserstein_1d: large samples (radix-sorted) agree with a comparison sort", "[wasserstein_1d]", float,
                   double) {
  using T = TestType;
  using V = Eigen::Matrix<T, Eigen::Dynamic, 1>;
  std::mt19937_64 gen(5);
  std::normal_distribution<T> normal;
  V u(20000), v(15000);
  for (auto& x : u) x = normal(gen) * T(1e3);
  for (auto& x : v) x = normal(gen) + T(0.5);
  u(7) = T(0);
  u(8) = -T(0);
  v(3) = std::numeric_limits<T>::max();
  v(4) = std::numeric_limits<T>::denorm_min();
  std::vector<T> su(u.data(), u.data() + u.size()), sv(v.data(), v.data() + v.size());
  std::vector<T> ru = su;
  mm::detail::sort_values(ru);
  std::sort(su.begin(), su.end());
  CHECK(ru == su);
  std::sort(sv.begin(), sv.end());
  // The same merge on the comparison-sorted samples. v(3) = max makes the plain sum overflow;
  // the rescaled sum gives W_1's finite value (about max / 15000: that point's interval).
  const T reference = mm::detail::sorted_wp(su, sv, T(1));
  CHECK(std::isinf(mm::detail::sorted_wp_pow(su, sv, T(1))));
  CHECK(std::isfinite(reference));
  CHECK(reference > std::numeric_limits<T>::max() / T(15000) * T(0.99));
  CHECK(mm::wasserstein_1d(u, v, T(1)) == reference);
}
