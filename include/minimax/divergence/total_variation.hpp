#pragma once
/// \file
/// \brief Total variation distance \f$\mathrm{TV}(P,Q) = \tfrac12\sum_i|p_i - q_i| = \sup_A|P(A) - Q(A)|\f$.

#include "minimax/divergence/f_divergence.hpp"

namespace minimax {

/// \brief \f$\mathrm{TV}(P,Q) = \tfrac12\sum_i|p_i-q_i|\f$, in \f$[0,1]\f$; the f-divergence of
/// f::total_variation. Disjoint supports give 1.
/// \throws minimax::invalid_argument (empty, size mismatch, negative/NaN/infinite entry) or
/// minimax::domain_error (a vector not summing to 1), naming `minimax::total_variation`.
template <class P, class Q>
  requires Pmf<P> && Pmf<Q>
auto total_variation(const P& p, const Q& q) {
  return detail::f_divergence_of<f::total_variation>("minimax::total_variation", p, q);
}

}  // namespace minimax
