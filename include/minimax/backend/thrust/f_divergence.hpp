#pragma once
/// \file
/// \brief The pmf divergences on Thrust: KL, reverse KL, JSD, total variation, squared Hellinger and
/// every f-divergence, data-parallel (CUDA, OMP or CPP).
///
/// `minimax::kl(thrust::device, p, q)` computes what `minimax::kl(p, q)` computes, with the same
/// conventions, the same per-pair terms (the generators' own `perspective` functions of
/// \ref f_generators.hpp, shared by both backends) and the same validation: one pass reduces the
/// terms and both masses (a negative, NaN or infinite entry makes its mass NaN); only then, on the
/// error path, a second pass finds the first bad entry, and the host throws exactly the Eigen
/// backend's errors (naming the function, the entry and its
/// value). Nothing is normalised.
///
/// On the host systems (CPP, OMP) each thread's run is summed with Neumaier's compensation and the
/// runs' sums are merged compensated; on a CUDA device the reduction is a tree, whose error grows
/// only as \f$\log_2 n\f$, so it adds plain numbers (and reads memory at close to the copy
/// bandwidth: bench/results/thrust.md). Either way the result agrees with the Eigen backend within
/// about \f$(4 + \log_2 n)\,\varepsilon\sum_i|t_i|\f$ plus the terms' own rounding (a few ulps of
/// each term, since the Eigen path evaluates logarithms its own vectorised way).

#include <cstddef>
#include <limits>
#include <string>

#include <thrust/find.h>
#include <thrust/iterator/zip_iterator.h>
#include <thrust/transform_reduce.h>
#include <thrust/tuple.h>

#include "minimax/backend/thrust/policy.hpp"
#include "minimax/core/summation.hpp"
#include "minimax/divergence/f_divergence.hpp"
#include "minimax/divergence/f_generators.hpp"

namespace minimax {
namespace detail {

/// A plain running sum, for reductions whose order already bounds the rounding (a GPU's tree).
template <class T>
struct plain_sum {
  T sum{0};  ///< the running sum
  /// Adds one term.
  MINIMAX_HOST_DEVICE plain_sum& operator+=(T x) noexcept {
    sum += x;
    return *this;
  }
  /// Merges another running sum.
  MINIMAX_HOST_DEVICE plain_sum& operator+=(const plain_sum& other) noexcept {
    sum += other.sum;
    return *this;
  }
  /// The sum.
  MINIMAX_HOST_DEVICE T value() const noexcept { return sum; }
};

/// \brief Whether a policy reduces on a CUDA device: there the reduction is a tree (pairwise, error
/// \f$O(\varepsilon\log n)\f$) and a compensated accumulator would only cost bandwidth; the host
/// systems reduce long runs in order, so they compensate.
template <class Policy>
inline constexpr bool reduces_as_tree =
#if THRUST_DEVICE_SYSTEM == THRUST_DEVICE_SYSTEM_CUDA
    std::is_same_v<std::remove_cvref_t<Policy>, std::remove_cvref_t<decltype(::thrust::device)>>;
#else
    false;
#endif

/// A sum that holds nothing (the lone mass of divergences other than the JSD): one less number
/// for every step of a reduction to carry.
struct no_sum {
  /// Ignores a term.
  template <class X>
  MINIMAX_HOST_DEVICE no_sum& operator+=(const X&) noexcept {
    return *this;
  }
  /// 0.
  MINIMAX_HOST_DEVICE double value() const noexcept { return 0.0; }
};

/// What one pass over a pair of pmfs gathers (S: neumaier_sum or plain_sum; L: S for the JSD's
/// lone mass, no_sum otherwise). A negative, NaN or infinite entry adds NaN to its mass, so the
/// pass stays small; the host then looks for it.
template <class S, class L = S>
struct pmf_totals {
  S terms;   ///< the divergence's terms
  L lone;    ///< mass of the pairs with exactly one zero (JSD only)
  S mass_p;  ///< \f$\sum p\f$ (NaN if an entry is bad)
  S mass_q;  ///< \f$\sum q\f$ (NaN if an entry is bad)
};

/// Merges two partial totals.
template <class S, class L>
struct merge_pmf_totals {
  MINIMAX_HOST_DEVICE pmf_totals<S, L> operator()(pmf_totals<S, L> a, const pmf_totals<S, L>& b) const {
    a.terms += b.terms;
    a.lone += b.lone;
    a.mass_p += b.mass_p;
    a.mass_q += b.mass_q;
    return a;
  }
};

/// Whether a value is NaN or infinite.
struct not_finite {
  template <class T>
  MINIMAX_HOST_DEVICE bool operator()(T x) const {
    return !(x - x == T(0));
  }
};

/// Whether an entry is negative, NaN or infinite.
struct bad_entry {
  template <class T>
  MINIMAX_HOST_DEVICE bool operator()(T x) const {
    return !(x >= T(0) && x - x == T(0));
  }
};

/// The term of an f-divergence: the generator's perspective \f$q f(p/q)\f$ with its limits.
template <class F>
struct perspective_term {
  static constexpr bool has_lone_mass = false;
  template <class T, class S, class L>
  MINIMAX_HOST_DEVICE void operator()(T p, T q, pmf_totals<S, L>& out) const {
    out.terms += F::perspective(p, q);
  }
};

/// \f$2\,\mathrm{JSD}\f$'s term, as the Eigen kernel forms it: pairs with one zero are collected as a
/// mass (so disjoint supports give exactly \f$2\log 2\f$), the others give their clamped perspective.
struct two_jsd_term {
  static constexpr bool has_lone_mass = true;
  template <class T, class S, class L>
  MINIMAX_HOST_DEVICE void operator()(T p, T q, pmf_totals<S, L>& out) const {
    if (p > T(0) && q > T(0)) {
      out.terms += f::jensen_shannon::perspective(p, q);
    } else {
      out.lone += p + q;
    }
  }
};

/// Maps (p_i, q_i) to the totals of one pair.
template <class T, class S, class L, class Term>
struct pmf_pair {
  Term term;
  template <class Tuple>
  MINIMAX_HOST_DEVICE pmf_totals<S, L> operator()(const Tuple& t) const {
    const T p = ::thrust::get<0>(t), q = ::thrust::get<1>(t);
    pmf_totals<S, L> out;
    const bool good_p = p >= T(0) && p - p == T(0);
    const bool good_q = q >= T(0) && q - q == T(0);
    const T nan = std::numeric_limits<T>::quiet_NaN();
    out.mass_p += good_p ? p : nan;
    out.mass_q += good_q ? q : nan;
    if (good_p && good_q) term(p, q, out);
    return out;
  }
};

/// Throws the Eigen backend's error for the first bad entry of x (a second pass, on the error path only).
template <class Policy, class R>
void report_bad_range(const char* function, const char* name, const Policy& policy, const R& x) {
  const auto it = ::thrust::find_if(policy, x.begin(), x.end(), bad_entry{});
  if (it == x.end()) return;
  const auto i = static_cast<long long>(it - x.begin());
  const thrust_value_t<R> value = *it;
  raise_invalid_argument(function, std::string(name) + "[" + std::to_string(i) + "] must be non-negative and finite",
                         value);
}

/// One validated pass over p and q; returns the totals or throws the Eigen backend's errors.
template <class Term, class Policy, class P, class Q>
auto thrust_pmf_pass(const char* function, const Policy& policy, const P& p, const Q& q) {
  using T = thrust_value_t<P>;
  static_assert(std::is_same_v<T, thrust_value_t<Q>>,
                "minimax: both distributions of a divergence must have the same scalar type (float or double)");
  static_assert(std::is_floating_point_v<T>, "minimax: probability vectors must hold float or double");
  using S = std::conditional_t<reduces_as_tree<Policy>, plain_sum<T>, neumaier_sum<T>>;
  require_non_empty(function, "p", static_cast<std::size_t>(p.size()));
  require_same_size(function, "p and q", static_cast<std::size_t>(p.size()), static_cast<std::size_t>(q.size()));
  const auto n = static_cast<long long>(p.size());
  const auto first = ::thrust::make_zip_iterator(::thrust::make_tuple(p.begin(), q.begin()));
  using L = std::conditional_t<Term::has_lone_mass, S, no_sum>;
  const pmf_totals<S, L> totals = ::thrust::transform_reduce(policy, first, first + n, pmf_pair<T, S, L, Term>{Term{}},
                                                             pmf_totals<S, L>{}, merge_pmf_totals<S, L>{});
  const T mass_p = totals.mass_p.value(), mass_q = totals.mass_q.value();
  if (!(mass_p - mass_p == T(0))) report_bad_range(function, "p", policy, p);
  if (!(mass_q - mass_q == T(0))) report_bad_range(function, "q", policy, q);
  if (!(mass_p - mass_p == T(0)) || !(mass_q - mass_q == T(0))) {
    // Every entry is finite and non-negative yet a sum overflowed.
    raise_invalid_argument(function, "p and q must have finite sums", "+inf");
  }
  check_mass(function, "p", mass_p);
  check_mass(function, "q", mass_q);
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
