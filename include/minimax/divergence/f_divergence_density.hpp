#pragma once
/// \file
/// \brief \f$D_f(P\|Q) = \int q(x)\, f\!\big(p(x)/q(x)\big)\,dx\f$ between densities on the real
/// line, by adaptive quadrature on the log-densities.
///
/// The integrand is evaluated from \f$\ell_p = \log p(x)\f$ and \f$\ell_q = \log q(x)\f$, never from
/// the ratio of two underflowed densities: by the generator's optional `log_space_term(lp, lq)` (see
/// "Optional members" in \ref f_generators.hpp), which every generator of minimax::f declares:
/// - f::kl: \f$e^{\ell_p}(\ell_p - \ell_q)\f$; f::reverse_kl: \f$e^{\ell_q}(\ell_q - \ell_p)\f$;
/// - f::jensen_shannon: \f$m\,\varphi(|r|)\f$ with \f$m = (p+q)/2\f$, \f$r = (p-q)/(p+q) = \tanh((\ell_p-\ell_q)/2)\f$ and
///   \f$\varphi(a) = (1+a)\log(1+a) + (1-a)\log(1-a) = \sum_{k\ge1} a^{2k}/(k(2k-1))\f$ (the series for
///   \f$a < 0.1\f$, so nearly equal densities keep their relative accuracy); f::gan: \f$m(\varphi(|r|) - 2\log 2)\f$
///   (detail::jsd_log_space);
/// - f::pearson: \f$e^{\ell_q}\operatorname{expm1}(\ell_p-\ell_q)^2\f$ near \f$p = q\f$, else
///   \f$e^{2\ell_p-\ell_q} - 2e^{\ell_p} + e^{\ell_q}\f$ (f::neyman with p and q swapped; detail::chi2_log_space);
/// - f::squared_hellinger: \f$e^{\max(\ell_p,\ell_q)}\operatorname{expm1}(-|\ell_p-\ell_q|/2)^2\f$;
///   f::total_variation: \f$-e^{\max(\ell_p,\ell_q)}\operatorname{expm1}(-|\ell_p-\ell_q|)/2\f$;
/// - a generator without it: `F::perspective(exp(lp), exp(lq))`.
/// Where both log-densities are \f$-\infty\f$ the integrand is 0; where only one is, the perspective
/// limits of \ref f_generators.hpp apply: \f$q\,f(0^+)\f$ at \f$p = 0\f$ and \f$p\lim_{u\to\infty} f(u)/u\f$
/// at \f$q = 0\f$, each \f$+\infty\f$ when the limit is and the other density is positive (a finite
/// \f$\ell_q\f$ means \f$q > 0\f$ even where \f$e^{\ell_q}\f$ underflows: no \f$0\cdot\infty\f$).
///
/// The real line is cut at every end of either support, at every breakpoint either density declares
/// (HasBreakpoints: a uniform's ends, a mixture's components' ends) and at the medians of P and Q
/// (`quantile(d, 0.5)`, so two densities far apart are each resolved). On each piece each density is
/// smooth and either positive or zero throughout (zero outside its support, or where its log-density
/// is \f$-\infty\f$ at two interior probes); a piece where
/// - both vanish contributes 0;
/// - only Q is positive contributes \f$f(0^+)\,Q(\text{piece})\f$, from the cdf; \f$+\infty\f$ when \f$f(0^+) = +\infty\f$;
/// - only P is positive contributes \f$f'(\infty)\,P(\text{piece})\f$ with \f$f'(\infty) = \lim f(u)/u\f$;
///   \f$+\infty\f$ when that limit is (KL with \f$p > 0 = q\f$);
/// - both are positive is integrated by minimax::integrate (tanh-sinh on finite pieces, exp-sinh on
///   half-lines), whose rules need a smooth integrand: that is why the pieces are cut where they are,
///   and, for a generator that declares `kink_where_densities_cross` (f::total_variation), also where
///   the densities cross (the kinks of \f$|p - q|\f$).
/// The value and the error estimate are the sums over the pieces.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <type_traits>
#include <utility>
#include <vector>

#include "minimax/core/error.hpp"
#include "minimax/core/log1pexp.hpp"
#include "minimax/divergence/f_generators.hpp"
#include "minimax/prob/concepts.hpp"
#include "minimax/quadrature/integrate.hpp"

namespace minimax {

namespace detail {

/// q f(p/q) from log p and log q (see \ref f_divergence_density.hpp).
template <class F, class T>
T log_perspective(T lp, T lq) {
  using std::exp;
  const T ninf = -std::numeric_limits<T>::infinity();
  if (lp == ninf && lq == ninf) return T(0);
  // p = 0 < q: q f(0+); q = 0 < p: p f'(inf). An infinite limit stays infinite even where the other
  // density's exponential underflows (it is positive): never 0 * inf.
  if (lp == ninf) {
    const T c = F::template at_zero<T>();
    return c == std::numeric_limits<T>::infinity() ? c : exp(lq) * c;
  }
  if (lq == ninf) {
    const T c = F::template slope_at_infinity<T>();
    return c == std::numeric_limits<T>::infinity() ? c : exp(lp) * c;
  }
  if constexpr (has_log_space_term<F, T>) {
    return F::log_space_term(lp, lq);
  } else {
    return F::perspective(exp(lp), exp(lq));
  }
}

/// \brief How far \f$q f(p/q)\f$ moves when \f$\log p\f$ and \f$\log q\f$ carry their rounding: with
/// \f$\delta_\ell = 1 + |\ell|\f$ (log_pdf is taken to be accurate to a few \f$\varepsilon\f$ of that),
/// \f$|p f'(u)|(\delta_{\ell_p} + \delta_{\ell_q}) + |q f(u)|\,\delta_{\ell_q}\f$, the first-order change
/// (\f$\partial/\partial\ell_p = p f'(u)\f$, \f$\partial/\partial\ell_q = q f(u) - p f'(u)\f$). Where the
/// densities nearly agree, \f$\ell_p - \ell_q\f$ keeps only a relative \f$\varepsilon/|\ell_p - \ell_q|\f$:
/// the integral of this is what bounds the error then. 0 where it is not finite.
template <class F, class T>
T log_rounding_sensitivity(T lp, T lq) {
  using std::abs;
  using std::exp;
  const T d = lp - lq;
  if (!(abs(d) < T(700))) return T(0);  // also -inf: the closed-form limits, which do not round
  const T p = exp(lp), q = exp(lq);
  const T pf = p * F::derivative(exp(d));
  const T qf = F::perspective(p, q);
  const T s = abs(pf) * (T(2) + abs(lp) + abs(lq)) + abs(qf) * (T(1) + abs(lq));
  return std::isfinite(s) ? s : T(0);
}

/// The points where f_divergence() cuts the line for one density: the ends of its support, its
/// declared breakpoints (HasBreakpoints) and its median.
template <class T, class D>
void append_density_cuts(std::vector<T>& cuts, const D& d, const interval<T>& s) {
  cuts.push_back(s.lower);
  cuts.push_back(s.upper);
  if constexpr (HasBreakpoints<D>) {
    for (const T x : breakpoints(d)) cuts.push_back(x);
  }
  cuts.push_back(static_cast<T>(quantile(d, T(0.5))));
}

/// Whether the density d (support s) is 0 on the piece [a, b], which holds no breakpoint inside:
/// the piece lies outside s, or log_pdf is \f$-\infty\f$ at two interior points (a gap between a
/// mixture's components). Otherwise d is taken to be positive on the piece.
template <class D, class T>
bool vanishes_on(const D& d, const interval<T>& s, T a, T b) {
  if (!(b > s.lower && a < s.upper)) return true;
  T x1, x2;
  if (std::isfinite(a) && std::isfinite(b)) {
    const T w = b - a;  // two points of the golden section, away from the ends and the middle
    x1 = a + w * T(0.381966011250105151795);
    x2 = a + w * T(0.618033988749894848205);
  } else if (std::isfinite(a) || std::isfinite(b)) {
    const T end = std::isfinite(a) ? a : b;
    const T step = (std::isfinite(a) ? T(1) : T(-1)) * std::max(T(1), std::abs(end));
    x1 = end + step / T(8);
    x2 = end + step / T(2);
  } else {
    x1 = T(-1);
    x2 = T(1);
  }
  const T ninf = -std::numeric_limits<T>::infinity();
  return T(log_pdf(d, x1)) == ninf && T(log_pdf(d, x2)) == ninf;
}

/// \f$D([a, b]) = F(b) - F(a)\f$ from the cdf (\f$F(-\infty) = 0\f$, \f$F(\infty) = 1\f$), and a bound on
/// its rounding error, \f$4\varepsilon(F(a) + F(b))\f$.
template <class D, class T>
std::pair<T, T> mass_on(const D& d, T a, T b) {
  const T fa = a == -std::numeric_limits<T>::infinity() ? T(0) : T(cdf(d, a));
  const T fb = b == std::numeric_limits<T>::infinity() ? T(1) : T(cdf(d, b));
  return {fb > fa ? fb - fa : T(0), T(4) * std::numeric_limits<T>::epsilon() * (fa + fb)};
}

/// The points in (a, b) where \f$g(x) = \log p(x) - \log q(x)\f$ changes sign: where the densities
/// cross, the kinks of \f$|p - q|\f$. g is sampled at 128 points of a finite piece, or on a half-line
/// at the end plus \f$s\,k/8\f$ (\f$k \le 128\f$) and then \f$32 s\, 2^j\f$, s the densities' scale; each
/// sign change is bisected to adjacent doubles. A sign is trusted only where \f$|g|\f$ exceeds the
/// rounding of the log-densities, \f$64\varepsilon(|\log p| + |\log q|)\f$, and the half-line is sampled
/// only while one density is above the smallest normal number (beyond, the integrand is 0 in double).
/// Two crossings closer than the sampling are missed (a normal against a normal has at most two).
template <class T, class L>
void append_crossings(std::vector<T>& out, const L& log_densities, T a, T b, T scale) {
  constexpr T eps = std::numeric_limits<T>::epsilon();
  const T floor = std::log(std::numeric_limits<T>::min());
  // g's sign where it is above rounding, else 0; NaN where both densities are below `floor`.
  const auto g = [&](T x) -> T {
    const auto [lp, lq] = log_densities(x);
    if (!(std::max(lp, lq) >= floor)) return std::numeric_limits<T>::quiet_NaN();
    const T d = lp - lq;
    return std::abs(d) > T(64) * eps * (std::abs(lp) + std::abs(lq)) ? d : T(0);
  };
  std::vector<T> xs;
  if (std::isfinite(a) && std::isfinite(b)) {
    for (int k = 1; k < 128; ++k) xs.push_back(a + (b - a) * (T(k) / T(128)));
  } else {
    const bool up = std::isfinite(a);
    const T end = up ? a : b, dir = up ? T(1) : T(-1);
    for (int k = 1; k <= 128; ++k) xs.push_back(end + dir * scale * T(k) / T(8));
    for (T w = 32 * scale; std::isfinite(end + dir * w) && w < std::numeric_limits<T>::max() / 4; w *= 2) {
      const auto [lp, lq] = log_densities(end + dir * w);
      if (!(std::max(lp, lq) >= floor)) break;
      xs.push_back(end + dir * w);
    }
    if (!up) std::reverse(xs.begin(), xs.end());
  }
  std::erase_if(xs, [a, b](T x) { return !(x > a && x < b); });
  T x0 = std::numeric_limits<T>::quiet_NaN(), g0 = x0;
  for (const T x1 : xs) {
    const T g1 = g(x1);
    if (g1 != g1 || g1 == 0) continue;  // no sign to trust here
    if (g0 == g0 && ((g0 < 0 && g1 > 0) || (g0 > 0 && g1 < 0))) {
      T lo = x0, hi = x1;  // g(lo) and g(hi) of opposite signs
      const bool rising = g0 < 0;
      for (int i = 0; i < 1100; ++i) {
        const T mid = lo / 2 + hi / 2;
        if (!(mid > lo && mid < hi)) break;
        const T gm = g(mid);
        if (gm != gm || gm == 0) {  // within rounding of the crossing
          lo = hi = mid;
          break;
        }
        ((gm < 0) == rising ? lo : hi) = mid;
      }
      out.push_back(lo / 2 + hi / 2);
    }
    x0 = x1;
    g0 = g1;
  }
}

/// A length scale of d: its median to its 0.8413 quantile (one standard deviation for a normal).
template <class T, class D>
T density_scale(const D& d) {
  const T w = static_cast<T>(quantile(d, T(0.8413447460685429))) - static_cast<T>(quantile(d, T(0.5)));
  return w > 0 && std::isfinite(w) ? w : T(1);
}

}  // namespace detail

/// \brief \f$D_f(P\|Q) = \int q\,f(p/q)\,dx\f$ for two densities on the real line (minimax::normal,
/// minimax::uniform, minimax::mixture, any UnivariateDensity), by adaptive quadrature piece by piece;
/// returns the value and an estimate of its absolute error.
///
/// The line is cut at both supports' ends, at every breakpoint either density declares
/// (HasBreakpoints) and at both medians (see \ref f_divergence_density.hpp). A piece where only one
/// density is positive is in closed form: \f$f(0^+)\,Q(\text{piece})\f$ where \f$p = 0 < q\f$,
/// \f$\lim_{u\to\infty} f(u)/u \cdot P(\text{piece})\f$ where \f$q = 0 < p\f$, and the result is
/// \f$+\infty\f$ (error estimate 0) when that limit is infinite: KL when P has mass where Q has none,
/// reverse KL when Q has mass where P has none, as for pmfs. Disjoint or touching supports are
/// therefore exact: \f$2\log 2\f$ for f::jensen_shannon (which is \f$2\,\mathrm{JSD}\f$, as for pmfs),
/// 2 for f::squared_hellinger (\f$\int(\sqrt p - \sqrt q)^2\f$), 1 for f::total_variation.
///
/// Pieces where both are positive are integrated by minimax::integrate from the log-densities (the
/// generator's `log_space_term` where it declares one). For a generator that declares
/// `kink_where_densities_cross`, such as f::total_variation, whose integrand \f$|p - q|/2\f$ has a kink wherever the densities cross, those
/// pieces are cut again at the crossings (sign changes of \f$\log p - \log q\f$, found by sampling
/// and bisection). With the default options the value is then typically accurate to a relative
/// \f$10^{-12}\f$ or better (tests: most closed forms to the last digit).
///
/// **Error estimate**: the sum of the pieces' quadrature estimates, of \f$8\varepsilon\f$ times the
/// integrand's first-order sensitivity to rounding in `log_pdf` (\f$\delta\ell = 1 + |\ell|\f$: what
/// dominates when P and Q nearly agree, where \f$\ell_p - \ell_q\f$ keeps few digits), of the closed-form pieces' cdf
/// rounding and of the rounding inside and across the pieces, \f$(k+1)\varepsilon\int|q f(p/q)|\f$ for
/// \f$k\f$ pieces (the integrand's L1 norm, which bounds the cancellation).
///
/// **Range**: every \f$D_f\f$ lies in \f$[f(1),\, f(0^+) + \lim_{u\to\infty} f(u)/u]\f$ (joint convexity
/// and homogeneity of the perspective): \f$[0, 2\log 2]\f$ for f::jensen_shannon, \f$[0, 2]\f$ for
/// f::squared_hellinger, \f$[0, 1]\f$ for f::total_variation, \f$[-\log 4, 0]\f$ for f::gan, \f$[0, \infty]\f$
/// for KL. A value outside its range by at most the error estimate (plus \f$2\varepsilon\f$ of the bound) is
/// clamped onto the bound, which only moves it towards the exact value; the estimate is kept.
/// \param p, q two densities on the real line with the same value_type.
/// \param options relative tolerance and refinement limit passed to minimax::integrate for each piece.
/// \throws minimax::domain_error when the quadrature of a piece fails or is not finite (an integrand
///   infinite or too heavy-tailed inside both supports), with the message of minimax::integrate; or
///   when the value leaves the range by more than its error estimate (a quadrature failure the
///   estimate did not see).
template <class F, class P, class Q>
  requires UnivariateDensity<P> && UnivariateDensity<Q>
quadrature_result<typename P::value_type> f_divergence(const P& p, const Q& q,
                                                       const quadrature_options<typename P::value_type>& options = {}) {
  static_assert(FGenerator<F>,
                "minimax::f_divergence<F>: F must be a generator type such as minimax::f::kl (see FGenerator)");
  using T = typename P::value_type;
  static_assert(std::is_same_v<T, typename Q::value_type>,
                "minimax::f_divergence: both densities must have the same value_type");
  constexpr T inf = std::numeric_limits<T>::infinity();
  constexpr T eps = std::numeric_limits<T>::epsilon();
  const auto sp = support(p), sq = support(q);
  const T lo = std::min(sp.lower, sq.lower), hi = std::max(sp.upper, sq.upper);
  std::vector<T> cuts;
  detail::append_density_cuts(cuts, p, sp);
  detail::append_density_cuts(cuts, q, sq);
  std::erase_if(cuts, [lo, hi](T c) { return !(c >= lo && c <= hi); });
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  auto integrand = [&](T x) -> T {
    const T lp = sp.contains(x) ? T(log_pdf(p, x)) : -inf;
    const T lq = sq.contains(x) ? T(log_pdf(q, x)) : -inf;
    return detail::log_perspective<F>(lp, lq);
  };
  auto sensitivity = [&](T x) -> T {
    return detail::log_rounding_sensitivity<F>(T(log_pdf(p, x)), T(log_pdf(q, x)));
  };
  quadrature_options<T> coarse = options;
  coarse.relative_tolerance = T(1e-3);
  coarse.max_refinements = std::min<std::size_t>(options.max_refinements, 6);
  if constexpr (detail::kink_where_densities_cross<F>()) {
    // |p - q|/2 has a kink wherever the densities cross: cut there too, on the pieces where both are
    // positive (elsewhere the pieces are in closed form).
    const T scale = std::min(detail::density_scale<T>(p), detail::density_scale<T>(q));
    const auto log_densities = [&](T x) { return std::pair<T, T>{T(log_pdf(p, x)), T(log_pdf(q, x))}; };
    std::vector<T> crossings;
    for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
      if (!detail::vanishes_on(p, sp, cuts[i], cuts[i + 1]) && !detail::vanishes_on(q, sq, cuts[i], cuts[i + 1])) {
        detail::append_crossings(crossings, log_densities, cuts[i], cuts[i + 1], scale);
      }
    }
    cuts.insert(cuts.end(), crossings.begin(), crossings.end());
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  }
  quadrature_result<T> total{{T(0), T(0)}, T(0), quadrature_method::tanh_sinh, 0};
  T magnitude = 0;
  std::size_t pieces = 0;
  for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
    const T a = cuts[i], b = cuts[i + 1];
    const bool p_zero = detail::vanishes_on(p, sp, a, b), q_zero = detail::vanishes_on(q, sq, a, b);
    if (p_zero && q_zero) continue;
    T value, error;
    if (p_zero || q_zero) {
      // q f(0+) where p = 0 < q; p f'(inf) where q = 0 < p: the perspective's limits, on the mass.
      const T c = p_zero ? F::template at_zero<T>() : F::template slope_at_infinity<T>();
      if (c == inf) return {{inf, T(0)}, inf, total.method, total.evaluations};
      const auto [mass, mass_error] = p_zero ? detail::mass_on(q, a, b) : detail::mass_on(p, a, b);
      value = c * mass;
      error = std::abs(c) * mass_error;
      total.l1_norm += std::abs(value);
    } else {
      const auto piece = integrate(integrand, a, b, options);
      value = piece.value;
      error = piece.error_estimate;
      // The rounding of the log-densities themselves: 8 eps times the integrand's sensitivity to it
      // (an order of magnitude is enough, hence the coarse tolerance).
      try {
        const auto rounding = integrate(sensitivity, a, b, coarse);
        error += T(8) * eps * std::abs(rounding.value);
        total.evaluations += rounding.evaluations;
      } catch (const minimax::domain_error&) {
        error += T(8) * eps * piece.l1_norm;  // a sensitivity too heavy-tailed to integrate: its floor
      }
      total.l1_norm += piece.l1_norm;
      total.evaluations += piece.evaluations;
      total.method = piece.method;
    }
    total.value += value;
    total.error_estimate += error;
    magnitude += std::abs(value);
    ++pieces;
  }
  // Rounding: inside each piece about eps times its L1 norm, and in the sum of the pieces.
  total.error_estimate += static_cast<T>(pieces + 1) * eps * std::max(magnitude, total.l1_norm);
  // The range [f(1), f(0+) + f'(inf)]: clamp within the error estimate, report beyond it.
  const T lower = F::f(T(1));
  const T upper = F::template at_zero<T>() + F::template slope_at_infinity<T>();
  const auto clamp_onto = [&](T bound) {
    if (std::abs(total.value - bound) > total.error_estimate + T(2) * eps * std::abs(bound)) {
      raise_domain_error("minimax::f_divergence",
                         "the quadrature left the divergence's range [" + detail::to_text(lower) + ", " +
                             detail::to_text(upper) + "] by more than its error estimate " +
                             detail::to_text(total.error_estimate),
                         total.value);
    }
    total.value = bound;
  };
  if (total.value < lower) clamp_onto(lower);
  if (total.value > upper) clamp_onto(upper);
  return total;
}

}  // namespace minimax
