#pragma once
/// \file
/// \brief Hellinger divergences between pmfs.
///
/// Convention: squared_hellinger() is the f-divergence of f::squared_hellinger,
/// \f$\sum_i(\sqrt{p_i}-\sqrt{q_i})^2 = 2(1 - \mathrm{BC})\f$ with the Bhattacharyya coefficient
/// \f$\mathrm{BC} = \sum_i\sqrt{p_iq_i}\f$; it lies in \f$[0, 2]\f$. The Hellinger *distance*
/// hellinger_distance() uses the other common normalisation,
/// \f$H = \sqrt{\tfrac12\sum_i(\sqrt{p_i}-\sqrt{q_i})^2} \in [0,1]\f$.

#include <cmath>

#include "minimax/divergence/f_divergence.hpp"

namespace minimax {

/// \brief \f$\sum_i(\sqrt{p_i}-\sqrt{q_i})^2\f$ in \f$[0,2]\f$ (2 for disjoint supports).
///
/// Each term is formed as \f$\big((p_i-q_i)/(\sqrt{p_i}+\sqrt{q_i})\big)^2\f$ (within \f$4\varepsilon\f$
/// relative; the difference of square roots cancels where \f$p_i \approx q_i\f$), so the result is
/// within about \f$130\varepsilon\f$ relative of the exact value however small it is.
/// \throws minimax::invalid_argument (empty, size mismatch, negative/NaN/infinite entry) or
/// minimax::domain_error (a vector not summing to 1), naming `minimax::squared_hellinger`.
template <class P, class Q>
  requires Pmf<P> && Pmf<Q>
auto squared_hellinger(const P& p, const Q& q) {
  return detail::f_divergence_of<f::squared_hellinger>("minimax::squared_hellinger", p, q);
}

/// \brief The Hellinger distance \f$H(P,Q) = \sqrt{\tfrac12\sum_i(\sqrt{p_i}-\sqrt{q_i})^2}\f$, a
/// metric with values in \f$[0,1]\f$ (clamped there against rounding).
/// \throws as squared_hellinger(), naming `minimax::hellinger_distance`.
template <class P, class Q>
  requires Pmf<P> && Pmf<Q>
auto hellinger_distance(const P& p, const Q& q) {
  using std::sqrt;
  using T = detail::pmf_scalar_t<P>;
  const T h2 = detail::f_divergence_of<f::squared_hellinger>("minimax::hellinger_distance", p, q) / 2;
  return h2 < T(1) ? sqrt(h2) : T(1);
}

}  // namespace minimax
