#pragma once
/// \file
/// \brief Shannon entropy \f$H(P) = -\sum_i p_i\log p_i\f$ and cross entropy
/// \f$H(P,Q) = -\sum_i p_i\log q_i\f$ of pmfs.
///
/// Nats unless a base is given; \f$0\log 0 = 0\f$; the cross entropy is \f$+\infty\f$ where
/// \f$q_i = 0 < p_i\f$. \f$H(P,Q) = H(P) + \mathrm{KL}(P\|Q)\f$. Arguments are validated as in
/// \ref f_divergence.hpp. The differential entropy of samples is in \ref knn.hpp.

#include "minimax/divergence/f_divergence.hpp"

namespace minimax {

/// \brief \f$H(P) = -\sum_i p_i\log p_i\f$ in nats, in \f$[0, \log n]\f$.
/// \throws minimax::invalid_argument (empty, negative/NaN/infinite entry) or minimax::domain_error
/// (not summing to 1), naming `minimax::entropy`.
template <class P>
  requires Pmf<P>
auto entropy(const P& p) {
  static_assert(std::is_floating_point_v<detail::pmf_scalar_t<P>>,
                "minimax::entropy: probability vectors must hold float, double or long double");
  using T = detail::pmf_scalar_t<P>;
  detail::contiguous_vector<T> pv;
  detail::view_pmf("minimax::entropy", "p", p, pv);
  const T h = detail::cross_entropy_kernel<T>("minimax::entropy", pv, nullptr);
  return h > T(0) ? h : T(0);  // each term -p log p >= 0 for p <= 1; -0.0 becomes 0
}

/// \brief \f$H(P)\f$ in base `base` (bits for 2).
/// \throws as entropy(), and minimax::invalid_argument for a base that is not positive, finite, \f$\ne 1\f$.
template <class P>
  requires Pmf<P>
auto entropy(const P& p, detail::pmf_scalar_t<P> base) {
  const auto log_b = detail::log_of_base("minimax::entropy", base);
  return entropy(p) / log_b;
}

/// \brief \f$H(P,Q) = -\sum_i p_i\log q_i\f$ in nats; \f$+\infty\f$ where \f$q_i = 0 < p_i\f$.
/// \throws minimax::invalid_argument (empty, size mismatch, negative/NaN/infinite entry) or
/// minimax::domain_error (a vector not summing to 1), naming `minimax::cross_entropy`.
template <class P, class Q>
  requires Pmf<P> && Pmf<Q>
auto cross_entropy(const P& p, const Q& q) {
  detail::check_same_scalar<P, Q>();
  using T = detail::pmf_scalar_t<P>;
  detail::contiguous_vector<T> pv, qv;
  detail::view_pmf("minimax::cross_entropy", "p", p, pv);
  detail::view_pmf("minimax::cross_entropy", "q", q, qv);
  return detail::cross_entropy_kernel<T>("minimax::cross_entropy", pv, &qv);
}

/// \brief \f$H(P,Q)\f$ in base `base`.
/// \throws as cross_entropy(), and minimax::invalid_argument for a bad base.
template <class P, class Q>
  requires Pmf<P> && Pmf<Q>
auto cross_entropy(const P& p, const Q& q, detail::pmf_scalar_t<P> base) {
  const auto log_b = detail::log_of_base("minimax::cross_entropy", base);
  return cross_entropy(p, q) / log_b;
}

}  // namespace minimax
