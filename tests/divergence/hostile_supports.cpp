// Tests of include/minimax/divergence/f_divergence_density.hpp on densities whose supports are
// disjoint, touching or nested, with jumps and gaps: uniforms, a uniform against a normal both
// ways, mixtures of uniforms, and a density of one's own that declares its breakpoints. Every
// reference is a closed form, evaluated in long double; every value must lie within its reported
// error estimate of it, and in its generator's exact range [f(1), f(0+) + lim f(u)/u].
#include <minimax/divergence/f_divergence_density.hpp>
#include <minimax/prob/mixture.hpp>
#include <minimax/prob/normal.hpp>
#include <minimax/prob/uniform.hpp>

#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <iomanip>
#include <limits>
#include <numbers>
#include <vector>

namespace mm = minimax;
namespace f = minimax::f;

namespace {

using ld = long double;
constexpr double inf = std::numeric_limits<double>::infinity();
const ld ln2 = std::log(2.0L);
const ld pi = std::numbers::pi_v<long double>;

// The exact range of D_f: [f(1), f(0+) + lim f(u)/u].
template <class F>
void check_in_range(const mm::quadrature_result<double>& r) {
  const double lower = F::f(1.0);
  const double upper = F::template at_zero<double>() + F::template slope_at_infinity<double>();
  INFO("value " << r.value << " range [" << lower << ", " << upper << "]");
  CHECK(r.value >= lower);
  CHECK(r.value <= upper);
}

// D_f(p || q) within its own error estimate of the closed form, the estimate at most `claimed`
// relative (so it is not vacuous), and in the exact range.
template <class F, class P, class Q>
void check_exact(const P& p, const Q& q, ld exact, double claimed = 1e-9) {
  const auto r = mm::f_divergence<F>(p, q);
  INFO(std::setprecision(17) << "value " << r.value << " exact " << static_cast<double>(exact) << " estimate "
                             << r.error_estimate << " evaluations " << r.evaluations);
  CHECK(std::abs(static_cast<ld>(r.value) - exact) <= static_cast<ld>(r.error_estimate));
  CHECK(r.error_estimate <= claimed * std::max(1.0, std::abs(static_cast<double>(exact))));
  check_in_range<F>(r);
}

// D_f(p || q) = +inf, returned (not thrown, not NaN) with error estimate 0.
template <class F, class P, class Q>
void check_infinite(const P& p, const Q& q) {
  const auto r = mm::f_divergence<F>(p, q);
  INFO("value " << r.value);
  CHECK(r.value == inf);
  CHECK(r.error_estimate == 0.0);
}

// Phi(x), the standard normal cdf, in long double.
ld normal_cdf(ld x) { return std::erfc(-x / std::sqrt(2.0L)) / 2; }

// The symmetric triangular density on [0, 2] with its mode at 1, p(x) = 1 - |x - 1|: a density of
// one's own, with a kink at 1 and zeros at its ends. `Declares` chooses whether it declares them.
template <bool Declares>
struct triangular {
  using value_type = double;
};
template <bool D>
double pdf(const triangular<D>&, double x) {
  return (x >= 0 && x <= 2) ? 1 - std::abs(x - 1) : 0.0;
}
template <bool D>
double log_pdf(const triangular<D>& t, double x) {
  return std::log(pdf(t, x));
}
template <bool D>
double cdf(const triangular<D>&, double x) {
  if (x <= 0) return 0;
  if (x >= 2) return 1;
  return x <= 1 ? x * x / 2 : 1 - (2 - x) * (2 - x) / 2;
}
template <bool D>
double quantile(const triangular<D>&, double u) {
  return u <= 0.5 ? std::sqrt(2 * u) : 2 - std::sqrt(2 * (1 - u));
}
template <bool D>
mm::interval<double> support(const triangular<D>&) {
  return {0.0, 2.0};
}
template <bool D>
double sample(const triangular<D>& t, mm::rng& g) {
  return quantile(t, g.uniform());
}
inline std::vector<double> breakpoints(const triangular<true>&) { return {0.0, 1.0, 2.0}; }

}  // namespace

TEST_CASE("disjoint uniforms U(0,1), U(5,6): 2 JSD = 2 log 2, squared Hellinger 2, TV 1, the rest infinite",
          "[density][supports]") {
  const mm::uniform p{0, 1}, q{5, 6};
  for (int order = 0; order < 2; ++order) {
    const auto& a = order == 0 ? p : q;
    const auto& b = order == 0 ? q : p;
    check_exact<f::jensen_shannon>(a, b, 2 * ln2);
    check_exact<f::squared_hellinger>(a, b, 2);
    check_exact<f::total_variation>(a, b, 1);
    check_exact<f::gan>(a, b, 0);  // 2 JSD - log 4
    check_infinite<f::kl>(a, b);
    check_infinite<f::reverse_kl>(a, b);
    check_infinite<f::pearson>(a, b);
    check_infinite<f::neyman>(a, b);
  }
}

TEST_CASE("touching uniforms U(0,1), U(1,2): the disjoint values, TV exactly 1", "[density][supports]") {
  const mm::uniform p{0, 1}, q{1, 2};
  check_exact<f::total_variation>(p, q, 1);
  check_exact<f::total_variation>(q, p, 1);
  check_exact<f::jensen_shannon>(p, q, 2 * ln2);
  check_exact<f::squared_hellinger>(p, q, 2);
  check_infinite<f::kl>(p, q);
  // Touching over a shared end far from 0, where the abscissae near the end once rounded onto it.
  check_exact<f::total_variation>(mm::uniform{1000, 1001}, mm::uniform{1001, 1003}, 1);
}

TEST_CASE("uniforms in float: the same pieces and closed forms", "[density][supports]") {
  using uf = mm::uniform_distribution<float>;
  const auto tv = mm::f_divergence<f::total_variation>(uf{0, 1}, uf{0.5f, 1.5f});
  CHECK(std::abs(tv.value - 0.5f) <= tv.error_estimate);
  const auto kl = mm::f_divergence<f::kl>(uf{0, 1}, uf{0, 2});
  CHECK(std::abs(static_cast<ld>(kl.value) - ln2) <= kl.error_estimate + std::numeric_limits<float>::epsilon() * ln2);
  const auto js = mm::f_divergence<f::jensen_shannon>(uf{0, 1}, uf{5, 6});
  CHECK(js.value <= 2 * std::log(2.0f));
  CHECK(std::abs(js.value - 2 * std::log(2.0f)) <= js.error_estimate + 2 * std::numeric_limits<float>::epsilon());
}

TEST_CASE("nested uniforms U(0,1) in U(0,2): KL log 2, Pearson 1, TV 1/2, squared Hellinger 2 - sqrt 2",
          "[density][supports]") {
  const mm::uniform p{0, 1}, q{0, 2};
  check_exact<f::kl>(p, q, ln2);
  check_exact<f::pearson>(p, q, 1);  // int p^2/q - 1 = 2 - 1
  check_exact<f::total_variation>(p, q, 0.5L);
  check_exact<f::squared_hellinger>(p, q, 2 - std::sqrt(2.0L));
  // 2 JSD: on [0, 1], p = 1, q = 1/2: log(2/1.5) + log(1/1.5)/2; on [1, 2] only q: (log 2)/2.
  const ld two_jsd = std::log(4.0L / 3) + std::log(2.0L / 3) / 2 + ln2 / 2;
  check_exact<f::jensen_shannon>(p, q, two_jsd);
  check_exact<f::jensen_shannon>(q, p, two_jsd);
  check_exact<f::gan>(p, q, two_jsd - 2 * ln2);
  // Q has mass where P has none: reverse KL and Neyman chi^2 are infinite (f(0+) = inf).
  check_infinite<f::reverse_kl>(p, q);
  check_infinite<f::neyman>(p, q);
  check_exact<f::reverse_kl>(q, p, ln2);
}

TEST_CASE("overlapping uniforms: TV(U(0,1), U(0.5,1.5)) = 1/2 and the closed forms of U(0,2) against U(1,4)",
          "[density][supports]") {
  const mm::uniform p{0, 1}, q{0.5, 1.5};
  check_exact<f::total_variation>(p, q, 0.5L);
  check_exact<f::jensen_shannon>(p, q, ln2);  // equal on the overlap, log 2 times the other mass
  check_exact<f::squared_hellinger>(p, q, 1);
  check_infinite<f::kl>(p, q);
  // p = 1/2 on [0, 2], q = 1/3 on [1, 4]: [0, 1] P only (mass 1/2), [1, 2] both, [2, 4] Q only (2/3).
  const mm::uniform a{0, 2}, b{1, 4};
  const ld pa = 0.5L, qb = 1.0L / 3, m = pa + qb;
  check_exact<f::jensen_shannon>(a, b, ln2 * (pa + 2 * qb) + pa * std::log(2 * pa / m) + qb * std::log(2 * qb / m));
  check_exact<f::total_variation>(a, b, (pa + (pa - qb) + 2 * qb) / 2);
  const ld d = std::sqrt(pa) - std::sqrt(qb);
  check_exact<f::squared_hellinger>(a, b, pa + d * d + 2 * qb);
  check_infinite<f::kl>(a, b);
  check_infinite<f::reverse_kl>(a, b);
}

TEST_CASE("a uniform inside a normal: KL(U(0,1) || N(0,1)) = log sqrt(2 pi) + 1/6, the reverse KL infinite, not NaN",
          "[density][supports]") {
  const mm::uniform u{0, 1};
  const mm::normal n{0, 1};
  // KL = -h(U) - E_U log phi = 0 + log sqrt(2 pi) + E[x^2]/2, E[x^2] = 1/3.
  const ld kl_un = std::log(2 * pi) / 2 + 1.0L / 6;
  check_exact<f::kl>(u, n, kl_un);
  check_exact<f::reverse_kl>(n, u, kl_un);
  // N has mass where U has none: q f(0+) with f(0+) = inf for reverse KL, slope inf for KL.
  check_infinite<f::reverse_kl>(u, n);
  check_infinite<f::kl>(n, u);
  check_infinite<f::neyman>(u, n);
  // p = 1 > phi on [0, 1]: TV = U([0,1]) - N([0,1]) = 1 - (Phi(1) - 1/2).
  check_exact<f::total_variation>(u, n, 1.5L - normal_cdf(1));
  check_exact<f::total_variation>(n, u, 1.5L - normal_cdf(1));
  // int sqrt(p q) = (2 pi)^(-1/4) int_0^1 e^(-x^2/4) = (2 pi)^(-1/4) sqrt(pi) erf(1/2).
  const ld bc = std::pow(2 * pi, -0.25L) * std::sqrt(pi) * std::erf(0.5L);
  check_exact<f::squared_hellinger>(u, n, 2 - 2 * bc);
  // U(-1, 1): p = 1/2 > phi everywhere on it, TV = 1 - N([-1, 1]) = erfc(1/sqrt 2); KL shifts by -log 2.
  const mm::uniform w{-1, 1};
  check_exact<f::total_variation>(w, n, std::erfc(1 / std::sqrt(2.0L)));
  check_exact<f::kl>(w, n, kl_un - ln2);
}

TEST_CASE("a narrow normal inside a uniform: N(0, 0.1) against U(-1, 1)", "[density][supports]") {
  const double s = 0.1;
  const mm::normal n{0, s};
  const mm::uniform u{-1, 1};
  const ld sl = s;
  // KL(U || N) = -log 2 + log(s sqrt(2 pi)) + E_U[x^2]/(2 s^2), E_U[x^2] = 1/3.
  check_exact<f::reverse_kl>(n, u, -ln2 + std::log(sl * std::sqrt(2 * pi)) + 1.0L / (6 * sl * sl));
  check_infinite<f::kl>(n, u);  // the normal's tails lie outside [-1, 1]
  check_infinite<f::pearson>(n, u);
  // Bhattacharyya: int sqrt(phi_s / 2) over [-1, 1] = (2 pi s^2)^(-1/4) 2 s sqrt(pi) erf(1/(2 s)) / sqrt 2.
  const ld bc = std::pow(2 * pi * sl * sl, -0.25L) * 2 * sl * std::sqrt(pi) * std::erf(1 / (2 * sl)) / std::sqrt(2.0L);
  check_exact<f::squared_hellinger>(n, u, 2 - 2 * bc);
  // phi_s = 1/2 at |x| = c: TV = N(|x| < c) - U(|x| < c) + N(|x| > 1). The crossings are kinks of
  // |p - q|, found and cut for total variation.
  const ld c = sl * std::sqrt(2 * std::log(2 / (sl * std::sqrt(2 * pi))));
  check_exact<f::total_variation>(n, u, std::erf(c / (sl * std::sqrt(2.0L))) - c + std::erfc(1 / (sl * std::sqrt(2.0L))));
}

TEST_CASE("mixtures of uniforms: a gap, touching mixtures, and a uniform component's kinks in a normal mixture",
          "[density][supports]") {
  // m = U(0,1)/2 + U(2,3)/2 has a gap on (1, 2), where q = U(0, 3) is positive.
  const mm::mixture m{{0.5, 0.5}, {mm::uniform{0, 1}, mm::uniform{2, 3}}};
  const mm::uniform q{0, 3};
  CHECK(mm::breakpoints(m) == std::vector<double>{0, 1, 2, 3});
  const ld pm = 0.5L, qu = 1.0L / 3, s = pm + qu;
  check_exact<f::kl>(m, q, std::log(1.5L));  // 2 * (1/2) log((1/2)/(1/3))
  check_exact<f::total_variation>(m, q, (2 * (pm - qu) + qu) / 2);
  check_exact<f::jensen_shannon>(m, q, ln2 * qu + 2 * (pm * std::log(2 * pm / s) + qu * std::log(2 * qu / s)));
  check_infinite<f::reverse_kl>(m, q);  // q > 0 = p in the gap
  check_exact<f::reverse_kl>(q, m, std::log(1.5L));
  // Two mixtures that interleave and touch: disjoint up to their shared ends.
  const mm::mixture left{{0.5, 0.5}, {mm::uniform{0, 1}, mm::uniform{2, 3}}};
  const mm::mixture right{{0.5, 0.5}, {mm::uniform{1, 2}, mm::uniform{3, 4}}};
  check_exact<f::total_variation>(left, right, 1);
  check_exact<f::jensen_shannon>(left, right, 2 * ln2);
  check_exact<f::squared_hellinger>(left, right, 2);
  // 0.9 N(0,1) + 0.1 U(-5,5) against N(0,1): the mixture jumps at +-5 (declared);
  // TV = 0.1 TV(U(-5,5), N(0,1)) = 0.1 (N(|x| < c) - c/5 + N(|x| > 5)) with phi(c) = 1/10.
  const mm::mixture mn{{0.9, 0.1}, {mm::normal{0, 1}, mm::uniform{-5, 5}}};
  CHECK(mm::breakpoints(mn) == std::vector<double>{-5, 5});
  const ld c = std::sqrt(2 * std::log(10 / std::sqrt(2 * pi)));
  check_exact<f::total_variation>(mn, mm::normal{0, 1}, (std::erf(c / std::sqrt(2.0L)) - c / 5 + std::erfc(5 / std::sqrt(2.0L))) / 10);
  // KL(U(-5,5) || N(0,1)) = -log 10 + log sqrt(2 pi) + E[x^2]/2 with E[x^2] = 25/3; the reverse is infinite.
  check_exact<f::reverse_kl>(mm::normal{0, 1}, mm::uniform{-5, 5}, -std::log(10.0L) + std::log(2 * pi) / 2 + 25.0L / 6);
  check_infinite<f::reverse_kl>(mm::uniform{-5, 5}, mm::normal{0, 1});
}

TEST_CASE("a density of one's own declares its breakpoints: the triangular density against U(0, 2)",
          "[density][supports]") {
  static_assert(mm::HasBreakpoints<triangular<true>>);
  static_assert(!mm::HasBreakpoints<triangular<false>>);
  static_assert(mm::HasBreakpoints<mm::uniform> && mm::HasBreakpoints<mm::mixture>);
  static_assert(!mm::HasBreakpoints<mm::normal>);
  const mm::uniform u{0, 2};
  // KL = log 2 + int p log p = log 2 + 2 int_0^1 x log x = log 2 - 1/2.
  check_exact<f::kl>(triangular<true>{}, u, ln2 - 0.5L);
  // int sqrt(p/2) = (1/sqrt 2) 2 int_0^1 sqrt x = (4/3)/sqrt 2; squared Hellinger 2 - 2 of that.
  check_exact<f::squared_hellinger>(triangular<true>{}, u, 2 - 4 * std::sqrt(2.0L) / 3);
  // Undeclared, the kink at the mode is cut only because the median is there; the estimate stays honest.
  check_exact<f::kl>(triangular<false>{}, u, ln2 - 0.5L);
  // TV: p - 1/2 > 0 on (1/2, 3/2), a triangle of base 1 and height 1/2 (the crossings are found).
  check_exact<f::total_variation>(triangular<true>{}, u, 0.25L);
}

TEST_CASE("every result lies in its generator's exact range", "[density][supports]") {
  const std::vector<mm::mixture> densities{
      mm::mixture{{1.0}, {mm::uniform{0, 1}}},
      mm::mixture{{1.0}, {mm::uniform{0.999, 1.001}}},
      mm::mixture{{1.0}, {mm::normal{0, 1}}},
      mm::mixture{{1.0}, {mm::normal{40, 0.01}}},
      mm::mixture{{0.5, 0.5}, {mm::uniform{-3, -2}, mm::uniform{2, 3}}},
      mm::mixture{{0.7, 0.3}, {mm::normal{0, 1}, mm::uniform{-1, 4}}},
  };
  for (std::size_t i = 0; i < densities.size(); ++i) {
    for (std::size_t j = 0; j < densities.size(); ++j) {
      INFO("pair " << i << ", " << j);
      const auto& p = densities[i];
      const auto& q = densities[j];
      check_in_range<f::jensen_shannon>(mm::f_divergence<f::jensen_shannon>(p, q));
      check_in_range<f::squared_hellinger>(mm::f_divergence<f::squared_hellinger>(p, q));
      check_in_range<f::total_variation>(mm::f_divergence<f::total_variation>(p, q));
      check_in_range<f::gan>(mm::f_divergence<f::gan>(p, q));
      if (i == j) CHECK(mm::f_divergence<f::total_variation>(p, q).value == 0.0);
    }
  }
}

TEST_CASE("the log-space integrand: an infinite limit times an underflowing density is infinite, not NaN",
          "[density][supports]") {
  const double ninf = -std::numeric_limits<double>::infinity();
  // p = 0 < q with q = e^-7382 (N(0,1) at x = -121.5, outside U(0,1)): q f(0+) = +inf for reverse KL.
  CHECK(mm::detail::log_perspective<f::reverse_kl>(ninf, -7382.0) == inf);
  CHECK(mm::detail::log_perspective<f::kl>(-7382.0, ninf) == inf);
  CHECK(mm::detail::log_perspective<f::neyman>(ninf, -7382.0) == inf);
  // Finite limits times an underflowing density are 0.
  CHECK(mm::detail::log_perspective<f::jensen_shannon>(ninf, -7382.0) == 0.0);
  CHECK(mm::detail::log_perspective<f::kl>(ninf, -7382.0) == 0.0);
}
