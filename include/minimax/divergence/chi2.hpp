#pragma once
/// \file
/// \brief Pearson's and Neyman's \f$\chi^2\f$ divergences between pmfs.

#include "minimax/divergence/f_divergence.hpp"

namespace minimax {

/// \brief Pearson \f$\chi^2(P\|Q) = \sum_i (p_i - q_i)^2/q_i\f$ (f-divergence of f::pearson), with
/// \f$+\infty\f$ where \f$q_i = 0 < p_i\f$ and 0 where \f$p_i = q_i = 0\f$.
/// \throws minimax::invalid_argument (empty, size mismatch, negative/NaN/infinite entry) or
/// minimax::domain_error (a vector not summing to 1), naming `minimax::pearson_chi2`.
template <class P, class Q>
  requires Pmf<P> && Pmf<Q>
auto pearson_chi2(const P& p, const Q& q) {
  return detail::f_divergence_of<f::pearson>("minimax::pearson_chi2", p, q);
}

/// \brief Neyman \f$\chi^2(P\|Q) = \sum_i (p_i - q_i)^2/p_i\f$ (f-divergence of f::neyman), with
/// \f$+\infty\f$ where \f$p_i = 0 < q_i\f$; it equals pearson_chi2(q, p).
/// \throws as pearson_chi2(), naming `minimax::neyman_chi2`.
template <class P, class Q>
  requires Pmf<P> && Pmf<Q>
auto neyman_chi2(const P& p, const Q& q) {
  return detail::f_divergence_of<f::neyman>("minimax::neyman_chi2", p, q);
}

}  // namespace minimax
