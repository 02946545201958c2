#pragma once
/// \file
/// \brief Kullback–Leibler divergence \f$\mathrm{KL}(P\|Q) = \sum_i p_i\log(p_i/q_i)\f$ between pmfs.
///
/// Conventions: natural logarithm (nats) unless a base is given; \f$0\log(0/q) = 0\f$ for every
/// \f$q\f$; \f$p\log(p/0) = +\infty\f$ for \f$p > 0\f$ (KL is \f$+\infty\f$, not NaN and not an
/// exception, when P is not absolutely continuous with respect to Q). Arguments are validated as
/// described in \ref f_divergence.hpp (nothing is normalised). The closed forms for normal
/// distributions are in \ref kl_normal.hpp; the sample estimator in \ref knn.hpp.

#include "minimax/divergence/f_divergence.hpp"

namespace minimax {

/// \brief \f$\mathrm{KL}(P\|Q) = \sum_i p_i\log(p_i/q_i)\f$ in nats; \f$\ge 0\f$ (Gibbs), \f$+\infty\f$
/// where \f$q_i = 0 < p_i\f$.
///
/// One vectorised pass over the non-negative terms \f$p_i\log(p_i/q_i) - p_i + q_i\f$
/// (detail::kl_term): the result is KL when \f$\sum p = \sum q\f$ (and \f$\sum p\log(p/q) + \sum q -
/// \sum p\f$, the KL of the pmfs the vectors round, when the stored masses differ by rounding), never
/// negative. No ratio \f$p_i/q_i\f$ is formed where it would over- or underflow, so a subnormal
/// \f$q_i\f$ gives a finite term (SciPy gh-20710). Each term is within \f$12\varepsilon\f$ relative,
/// also for \f$p_i \approx q_i\f$, and the blocked compensated sum of non-negative terms adds at most
/// \f$128\varepsilon\f$ relative: the result is within about \f$140\varepsilon\f$ relative of the
/// exact value however small it is (a few \f$\varepsilon\f$ typically; see \ref f_divergence.hpp).
/// \throws minimax::invalid_argument (empty, size mismatch, negative/NaN/infinite entry) or
/// minimax::domain_error (a vector not summing to 1), naming `minimax::kl`.
template <class P, class Q>
  requires Pmf<P> && Pmf<Q>
auto kl(const P& p, const Q& q) {
  return detail::f_divergence_of<f::kl>("minimax::kl", p, q);
}

/// \brief \f$\mathrm{KL}(P\|Q)\f$ in base `base` (e.g. 2 for bits): the value in nats divided by
/// \f$\log b\f$. \throws minimax::invalid_argument also when base is not positive, finite and \f$\ne 1\f$.
template <class P, class Q>
  requires Pmf<P> && Pmf<Q>
auto kl(const P& p, const Q& q, detail::pmf_scalar_t<P> base) {
  const auto log_b = detail::log_of_base("minimax::kl", base);
  return detail::f_divergence_of<f::kl>("minimax::kl", p, q) / log_b;
}

/// \brief Reverse KL \f$\mathrm{KL}(Q\|P) = \sum_i q_i\log(q_i/p_i)\f$ (the f-divergence of
/// f::reverse_kl), in nats; \f$+\infty\f$ where \f$p_i = 0 < q_i\f$. Computed as kl(q, p), with its
/// terms \f$q_i\log(q_i/p_i) - q_i + p_i \ge 0\f$ and its accuracy (about \f$140\varepsilon\f$ relative).
/// \throws as kl(), naming `minimax::reverse_kl`.
template <class P, class Q>
  requires Pmf<P> && Pmf<Q>
auto reverse_kl(const P& p, const Q& q) {
  return detail::f_divergence_of<f::reverse_kl>("minimax::reverse_kl", p, q);
}

}  // namespace minimax
