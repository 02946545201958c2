#pragma once
/// \file
/// \brief \f$D_f(P\|Q) = \int q(x)\, f\!\big(p(x)/q(x)\big)\,dx\f$ between densities on the real
/// line, by adaptive quadrature on the log-densities.
///
/// The integrand is evaluated from \f$\ell_p = \log p(x)\f$ and \f$\ell_q = \log q(x)\f$, never from
/// the ratio of two underflowed densities: for the generators of minimax::f,
/// - f::kl: \f$e^{\ell_p}(\ell_p - \ell_q)\f$; f::reverse_kl: \f$e^{\ell_q}(\ell_q - \ell_p)\f$;
/// - f::jensen_shannon: \f$e^{\ell_p}(\log 2 - \log(1+e^{\ell_q-\ell_p})) + e^{\ell_q}(\log 2 - \log(1+e^{\ell_p-\ell_q}))\f$,
///   clamped at 0; f::gan likewise without the \f$\log 2\f$;
/// - f::pearson: \f$e^{\ell_q}\operatorname{expm1}(\ell_p-\ell_q)^2\f$ near \f$p = q\f$, else
///   \f$e^{2\ell_p-\ell_q} - 2e^{\ell_p} + e^{\ell_q}\f$ (f::neyman with p and q swapped);
/// - f::squared_hellinger: \f$(e^{\ell_p/2} - e^{\ell_q/2})^2\f$; f::total_variation: \f$|e^{\ell_p}-e^{\ell_q}|/2\f$;
/// - any other generator: `F::perspective(exp(lp), exp(lq))`.
/// Where both log-densities are \f$-\infty\f$ the integrand is 0; where only one is, the perspective
/// limits of \ref f_generators.hpp apply (so KL is \f$+\infty\f$ when P has mass outside Q's support,
/// and the quadrature reports it as a domain_error: the integral is not finite).
///
/// The real line is cut at the medians of P and Q (`quantile(d, 0.5)`) and each piece is integrated
/// by minimax::integrate (tanh-sinh on finite pieces, exp-sinh on half-lines), so two densities far
/// apart are each resolved; the value and the error estimate are the sums over the pieces.

#include <algorithm>
#include <cmath>
#include <type_traits>
#include <vector>

#include "minimax/core/log1pexp.hpp"
#include "minimax/divergence/f_generators.hpp"
#include "minimax/prob/concepts.hpp"
#include "minimax/quadrature/integrate.hpp"

namespace minimax {

namespace detail {

/// q f(p/q) from log p and log q (see \ref f_divergence_density.hpp).
template <class F, class T>
T log_perspective(T lp, T lq) {
  using std::abs;
  using std::exp;
  using std::expm1;
  const T ninf = -std::numeric_limits<T>::infinity();
  if (lp == ninf && lq == ninf) return T(0);
  if (lp == ninf) return exp(lq) * F::template at_zero<T>();
  if (lq == ninf) return exp(lp) * F::template slope_at_infinity<T>();
  if constexpr (std::is_same_v<F, f::kl>) {
    return exp(lp) * (lp - lq);
  } else if constexpr (std::is_same_v<F, f::reverse_kl>) {
    return exp(lq) * (lq - lp);
  } else if constexpr (std::is_same_v<F, f::jensen_shannon>) {
    const T v = exp(lp) * (ln2<T>() - log1pexp(lq - lp)) + exp(lq) * (ln2<T>() - log1pexp(lp - lq));
    return v > T(0) ? v : T(0);
  } else if constexpr (std::is_same_v<F, f::gan>) {
    const T v = -exp(lp) * log1pexp(lq - lp) - exp(lq) * log1pexp(lp - lq);
    return v < T(0) ? v : T(0);
  } else if constexpr (std::is_same_v<F, f::pearson> || std::is_same_v<F, f::neyman>) {
    const T a = std::is_same_v<F, f::pearson> ? lp : lq;  // (e^a - e^b)^2 / e^b
    const T b = std::is_same_v<F, f::pearson> ? lq : lp;
    if (abs(a - b) < T(1)) {
      const T d = expm1(a - b);
      return exp(b) * d * d;
    }
    return exp(T(2) * a - b) - T(2) * exp(a) + exp(b);
  } else if constexpr (std::is_same_v<F, f::squared_hellinger>) {
    const T d = exp(lp / T(2)) - exp(lq / T(2));
    return d * d;
  } else if constexpr (std::is_same_v<F, f::total_variation>) {
    return abs(exp(lp) - exp(lq)) / T(2);
  } else {
    return F::perspective(exp(lp), exp(lq));
  }
}

}  // namespace detail

/// \brief \f$D_f(P\|Q) = \int q\,f(p/q)\,dx\f$ for two densities on the real line (minimax::normal,
/// minimax::mixture, any UnivariateDensity), by adaptive quadrature; returns the value and an
/// estimate of its absolute error.
///
/// Integrates over the hull of the two supports, cut at both medians (see
/// \ref f_divergence_density.hpp for the log-space integrand). For smooth densities the value is
/// typically accurate to a relative \f$10^{-12}\f$ or better with the default options; f::total_variation,
/// whose integrand \f$|p - q|/2\f$ has kinks where the densities cross, only to about \f$10^{-8}\f$.
/// As for pmfs, `f_divergence<f::jensen_shannon>` is \f$2\,\mathrm{JSD}\f$.
/// \param p, q two densities on the real line with the same value_type.
/// \param options relative tolerance and refinement limit passed to minimax::integrate.
/// \throws minimax::domain_error when the integral is not finite (e.g. KL with P not absolutely
///   continuous with respect to Q) or the quadrature fails, with the message of minimax::integrate.
template <class F, class P, class Q>
  requires UnivariateDensity<P> && UnivariateDensity<Q>
quadrature_result<typename P::value_type> f_divergence(const P& p, const Q& q,
                                                       const quadrature_options<typename P::value_type>& options = {}) {
  static_assert(FGenerator<F>,
                "minimax::f_divergence<F>: F must be a generator type such as minimax::f::kl (see FGenerator)");
  using T = typename P::value_type;
  static_assert(std::is_same_v<T, typename Q::value_type>,
                "minimax::f_divergence: both densities must have the same value_type");
  const auto sp = support(p), sq = support(q);
  const T lo = std::min(sp.lower, sq.lower), hi = std::max(sp.upper, sq.upper);
  std::vector<T> cuts{lo};
  for (T c : {T(quantile(p, T(0.5))), T(quantile(q, T(0.5)))}) {
    if (c > lo && c < hi) cuts.push_back(c);
  }
  cuts.push_back(hi);
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  auto integrand = [&](T x) -> T {
    const T lp = sp.contains(x) ? T(log_pdf(p, x)) : -std::numeric_limits<T>::infinity();
    const T lq = sq.contains(x) ? T(log_pdf(q, x)) : -std::numeric_limits<T>::infinity();
    return detail::log_perspective<F>(lp, lq);
  };
  quadrature_result<T> total{T(0), T(0), T(0), quadrature_method::tanh_sinh, 0};
  for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
    const auto piece = integrate(integrand, cuts[i], cuts[i + 1], options);
    total.value += piece.value;
    total.error_estimate += piece.error_estimate;
    total.l1_norm += piece.l1_norm;
    total.evaluations += piece.evaluations;
    total.method = piece.method;
  }
  return total;
}

}  // namespace minimax
