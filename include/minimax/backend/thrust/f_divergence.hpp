#pragma once
/// \file
/// \brief The pmf divergences on Thrust: KL, reverse KL, JSD, total variation, squared Hellinger and
/// every f-divergence, data-parallel (CUDA, OMP or CPP).
///
/// `minimax::kl(thrust::device, p, q)` computes what `minimax::kl(p, q)` computes, with the same
/// conventions, the same per-pair terms (the generators' own `perspective` functions of
/// \ref f_generators.hpp, shared by both backends) and the same validation: one pass reduces the
/// terms, both masses and the index of the first entry that is negative, NaN or infinite; the
/// host then throws exactly the Eigen backend's errors (naming the function, the entry and its
/// value). Nothing is normalised.
///
/// Every reduction is compensated (Neumaier's running sums merged pairwise), so the rounding error
/// of the sum does not grow with the number of bins whatever order the parallel reduction takes:
/// the result agrees with the Eigen backend within a few \f$\varepsilon\sum_i|t_i|\f$ plus the
/// terms' own rounding (a few ulps of each term, since the Eigen path evaluates logarithms its own
/// vectorised way).

#include <cstddef>
#include <limits>
#include <string>

#include <thrust/iterator/counting_iterator.h>
#include <thrust/iterator/zip_iterator.h>
#include <thrust/transform_reduce.h>
#include <thrust/tuple.h>

#include "minimax/backend/thrust/policy.hpp"
#include "minimax/core/summation.hpp"
#include "minimax/divergence/f_divergence.hpp"
#include "minimax/divergence/f_generators.hpp"

namespace minimax {
namespace detail {

/// What one pass over a pair of pmfs gathers.
template <class T>
struct pmf_totals {
  neumaier_sum<T> terms;   ///< the divergence's terms
  neumaier_sum<T> lone;    ///< mass of the pairs with exactly one zero (JSD only)
  neumaier_sum<T> mass_p;  ///< \f$\sum p\f$
  neumaier_sum<T> mass_q;  ///< \f$\sum q\f$
  long long bad_p = std::numeric_limits<long long>::max();  ///< first index of a bad entry of p
  long long bad_q = std::numeric_limits<long long>::max();  ///< first index of a bad entry of q
};

/// Merges two partial totals.
template <class T>
struct merge_pmf_totals {
  MINIMAX_HOST_DEVICE pmf_totals<T> operator()(pmf_totals<T> a, const pmf_totals<T>& b) const {
    a.terms += b.terms;
    a.lone += b.lone;
    a.mass_p += b.mass_p;
    a.mass_q += b.mass_q;
    a.bad_p = a.bad_p < b.bad_p ? a.bad_p : b.bad_p;
    a.bad_q = a.bad_q < b.bad_q ? a.bad_q : b.bad_q;
    return a;
  }
};

/// The term of an f-divergence: the generator's perspective \f$q f(p/q)\f$ with its limits.
template <class F>
struct perspective_term {
  template <class T>
  MINIMAX_HOST_DEVICE void operator()(T p, T q, pmf_totals<T>& out) const {
    out.terms += F::perspective(p, q);
  }
};

/// \f$2\,\mathrm{JSD}\f$'s term, as the Eigen kernel forms it: pairs with one zero are collected as a
/// mass (so disjoint supports give exactly \f$2\log 2\f$), the others give their clamped perspective.
struct two_jsd_term {
  template <class T>
  MINIMAX_HOST_DEVICE void operator()(T p, T q, pmf_totals<T>& out) const {
    if (p > T(0) && q > T(0)) {
      out.terms += f::jensen_shannon::perspective(p, q);
    } else {
      out.lone += p + q;
    }
  }
};

/// Maps (i, p_i, q_i) to the totals of one pair.
template <class T, class Term>
struct pmf_pair {
  Term term;
  template <class Tuple>
  MINIMAX_HOST_DEVICE pmf_totals<T> operator()(const Tuple& t) const {
    const long long i = ::thrust::get<0>(t);
    const T p = ::thrust::get<1>(t), q = ::thrust::get<2>(t);
    pmf_totals<T> out;
    const bool good_p = p >= T(0) && p - p == T(0);
    const bool good_q = q >= T(0) && q - q == T(0);
    if (!good_p) out.bad_p = i;
    if (!good_q) out.bad_q = i;
    out.mass_p += good_p ? p : T(0);
    out.mass_q += good_q ? q : T(0);
    if (good_p && good_q) term(p, q, out);
    return out;
  }
};

/// One validated pass over p and q; returns the totals or throws the Eigen backend's errors.
template <class Term, class Policy, class P, class Q>
auto thrust_pmf_pass(const char* function, const Policy& policy, const P& p, const Q& q) {
  using T = thrust_value_t<P>;
  static_assert(std::is_same_v<T, thrust_value_t<Q>>,
                "minimax: both distributions of a divergence must have the same scalar type (float or double)");
  static_assert(std::is_floating_point_v<T>, "minimax: probability vectors must hold float or double");
  require_non_empty(function, "p", static_cast<std::size_t>(p.size()));
  require_same_size(function, "p and q", static_cast<std::size_t>(p.size()), static_cast<std::size_t>(q.size()));
  const auto n = static_cast<long long>(p.size());
  const auto first = ::thrust::make_zip_iterator(::thrust::make_tuple(::thrust::counting_iterator<long long>(0),
                                                                      p.begin(), q.begin()));
  const pmf_totals<T> totals =
      ::thrust::transform_reduce(policy, first, first + n, pmf_pair<T, Term>{Term{}}, pmf_totals<T>{},
                                 merge_pmf_totals<T>{});
  if (totals.bad_p != std::numeric_limits<long long>::max()) {
    const T value = p.begin()[totals.bad_p];
    raise_invalid_argument(function, "p[" + std::to_string(totals.bad_p) + "] must be non-negative and finite", value);
  }
  if (totals.bad_q != std::numeric_limits<long long>::max()) {
    const T value = q.begin()[totals.bad_q];
    raise_invalid_argument(function, "q[" + std::to_string(totals.bad_q) + "] must be non-negative and finite", value);
  }
  if (!(totals.mass_p.value() - totals.mass_p.value() == T(0)) ||
      !(totals.mass_q.value() - totals.mass_q.value() == T(0))) {
    raise_invalid_argument(function, "p and q must have finite sums", "+inf");
  }
  check_mass(function, "p", totals.mass_p.value());
  check_mass(function, "q", totals.mass_q.value());
  return totals;
}

/// \f$D_f\f$ on Thrust, dispatched as the Eigen backend dispatches it.
template <class F, class Policy, class P, class Q>
auto thrust_f_divergence(const char* function, const Policy& policy, const P& p, const Q& q) {
  using T = thrust_value_t<P>;
  if constexpr (std::is_same_v<F, f::jensen_shannon>) {
    const auto t = thrust_pmf_pass<two_jsd_term>(function, policy, p, q);
    const T v = ln2<T>() * t.lone.value() + t.terms.value();
    const T hi = T(2) * ln2<T>();
    return v < hi ? v : hi;
  } else {
    return thrust_pmf_pass<perspective_term<F>>(function, policy, p, q).terms.value();
  }
}

}  // namespace detail

/// \brief \f$D_f(P\|Q) = \sum_i q_i f(p_i/q_i)\f$ on Thrust: as minimax::f_divergence(p, q), run by
/// `policy` over ranges living where it runs (e.g. `thrust::device` and `thrust::device_vector`).
/// \throws as minimax::f_divergence, naming `minimax::f_divergence`.
template <class F, thrust_policy Policy, thrust_range P, thrust_range Q>
auto f_divergence(const Policy& policy, const P& p, const Q& q) {
  static_assert(FGenerator<F>, "minimax::f_divergence<F>: F must be a generator type such as minimax::f::kl");
  return detail::thrust_f_divergence<F>("minimax::f_divergence", policy, p, q);
}

/// \brief \f$\mathrm{KL}(P\|Q) = \sum_i p_i\log(p_i/q_i)\f$ in nats on Thrust (see minimax::kl(p, q)).
/// \throws as minimax::kl, naming `minimax::kl`.
template <thrust_policy Policy, thrust_range P, thrust_range Q>
auto kl(const Policy& policy, const P& p, const Q& q) {
  return detail::thrust_f_divergence<f::kl>("minimax::kl", policy, p, q);
}

/// \brief \f$\mathrm{KL}(Q\|P)\f$ in nats on Thrust (see minimax::reverse_kl(p, q)).
/// \throws as minimax::reverse_kl, naming `minimax::reverse_kl`.
template <thrust_policy Policy, thrust_range P, thrust_range Q>
auto reverse_kl(const Policy& policy, const P& p, const Q& q) {
  return detail::thrust_f_divergence<f::reverse_kl>("minimax::reverse_kl", policy, p, q);
}

/// \brief \f$\mathrm{JSD}(P,Q)\f$ in nats, in \f$[0, \log 2]\f$, on Thrust (see minimax::jsd(p, q)):
/// disjoint supports give exactly \f$\log 2\f$, equal pmfs exactly 0.
/// \throws as minimax::jsd, naming `minimax::jsd`.
template <thrust_policy Policy, thrust_range P, thrust_range Q>
auto jsd(const Policy& policy, const P& p, const Q& q) {
  return detail::thrust_f_divergence<f::jensen_shannon>("minimax::jsd", policy, p, q) / 2;
}

/// \brief \f$\tfrac12\sum_i|p_i - q_i|\f$ on Thrust (see minimax::total_variation(p, q)).
/// \throws as minimax::total_variation, naming `minimax::total_variation`.
template <thrust_policy Policy, thrust_range P, thrust_range Q>
auto total_variation(const Policy& policy, const P& p, const Q& q) {
  return detail::thrust_f_divergence<f::total_variation>("minimax::total_variation", policy, p, q);
}

/// \brief \f$\sum_i(\sqrt{p_i} - \sqrt{q_i})^2\f$ on Thrust (see minimax::squared_hellinger(p, q)).
/// \throws as minimax::squared_hellinger, naming `minimax::squared_hellinger`.
template <thrust_policy Policy, thrust_range P, thrust_range Q>
auto squared_hellinger(const Policy& policy, const P& p, const Q& q) {
  return detail::thrust_f_divergence<f::squared_hellinger>("minimax::squared_hellinger", policy, p, q);
}

}  // namespace minimax
