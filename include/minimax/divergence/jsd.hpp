#pragma once
/// \file
/// \brief Jensen–Shannon divergence \f$\mathrm{JSD}(P,Q) = \tfrac12\mathrm{KL}(P\|M) + \tfrac12\mathrm{KL}(Q\|M)\f$,
/// \f$M = (P+Q)/2\f$, between pmfs.
///
/// Computed in a form that cannot go negative or NaN: with \f$m_i = p_i + q_i\f$,
/// \f[ \mathrm{JSD} = \tfrac12\Big(\log 2 \sum_{i:\,p_iq_i = 0} m_i
///     + \sum_{i:\,p_iq_i > 0} \max\!\big(0,\; p_i\log\tfrac{2p_i}{m_i} + q_i\log\tfrac{2q_i}{m_i}\big)\Big). \f]
/// Each pair's contribution equals \f$m_i(\log 2 - h(p_i/m_i))\f$ with \f$h\f$ the binary entropy,
/// which lies in \f$[0, m_i\log 2]\f$: clamping a rounded negative pair at 0 moves the result
/// towards the exact value, never away. Pairs with a zero (disjoint parts of the supports) are
/// collected as a mass, so fully disjoint supports whose masses add up to exactly 1 give exactly
/// \f$\log 2\f$; identical pmfs give exactly 0. The result is finally clamped to \f$[0, \log 2]\f$,
/// the exact range for normalised inputs. (SciPy's `jensenshannon`, which takes a square root of a
/// rounded difference, can return NaN there.)
///
/// Each pair is formed by detail::jsd_pair: for \f$|p_i - q_i| \le (p_i+q_i)/3\f$ as
/// \f$\tfrac12(p_i-q_i)\,x\,S(x^2)\f$, \f$x = (p_i-q_i)/(p_i+q_i)\f$, a series with terms of one
/// sign, so nearly equal pmfs keep their relative accuracy (the logarithmic form cancels to rounding
/// noise there: \f$1.7\cdot10^{-17}\f$ for a JSD of \f$6\cdot10^{-27}\f$); no ratio over- or underflows.
/// Each pair is within \f$24\varepsilon\f$ relative, the result within about \f$150\varepsilon\f$
/// relative of the exact value however small it is.

#include "minimax/divergence/f_divergence.hpp"

namespace minimax {

/// \brief \f$\mathrm{JSD}(P,Q)\f$ in nats, in \f$[0, \log 2]\f$, symmetric; \f$= D_f/2\f$ for
/// f::jensen_shannon. \f$\sqrt{\mathrm{JSD}}\f$ is a metric.
/// \throws minimax::invalid_argument (empty, size mismatch, negative/NaN/infinite entry) or
/// minimax::domain_error (a vector not summing to 1), naming `minimax::jsd`.
template <class P, class Q>
  requires Pmf<P> && Pmf<Q>
auto jsd(const P& p, const Q& q) {
  return detail::f_divergence_of<f::jensen_shannon>("minimax::jsd", p, q) / 2;
}

/// \brief \f$\mathrm{JSD}(P,Q)\f$ in base `base` (in \f$[0,1]\f$ for base 2).
/// \throws as jsd(), and minimax::invalid_argument when base is not positive, finite and \f$\ne 1\f$.
template <class P, class Q>
  requires Pmf<P> && Pmf<Q>
auto jsd(const P& p, const Q& q, detail::pmf_scalar_t<P> base) {
  const auto log_b = detail::log_of_base("minimax::jsd", base);
  return detail::f_divergence_of<f::jensen_shannon>("minimax::jsd", p, q) / 2 / log_b;
}

}  // namespace minimax
