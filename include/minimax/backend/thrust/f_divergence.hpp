#pragma once
/// \file
/// \brief The pmf divergences on Thrust: KL, reverse KL, JSD, total variation, squared Hellinger and
/// every f-divergence, data-parallel (CUDA, OMP or CPP).
///
/// `minimax::kl(thrust::device, p, q)` computes what `minimax::kl(p, q)` computes, with the same
/// conventions, the same per-pair terms (the generators' own `perspective` functions of
/// \ref f_generators.hpp, and KL's non-negative term detail::kl_term, shared by both backends) and
/// the same validation: one pass reduces the
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
#include <thrust/iterator/counting_iterator.h>
#include <thrust/system/cpp/execution_policy.h>
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

/// \brief Whether a policy runs on the host (`thrust::host`, `thrust::cpp::par`, `thrust::omp::par`,
/// and `thrust::device` when the device system is CPP or OMP): every host system's policies derive
/// from the sequential CPP system's.
template <class Policy>
inline constexpr bool runs_on_host =
    std::is_base_of_v<::thrust::system::cpp::detail::execution_policy<std::remove_cvref_t<Policy>>,
                      std::remove_cvref_t<Policy>>;

/// \brief Whether a policy reduces on a GPU: there the reduction is a tree (pairwise, error
/// \f$O(\varepsilon\log n)\f$) and a compensated accumulator would only cost bandwidth; the host
/// systems reduce long runs in order, so they compensate.
template <class Policy>
inline constexpr bool reduces_as_tree = !runs_on_host<Policy>;

/// The running sum a reduction under `Policy` carries: compensated on the host, plain on a GPU's tree.
template <class Policy, class T>
using reduction_sum_t = std::conditional_t<reduces_as_tree<Policy>, plain_sum<T>, neumaier_sum<T>>;

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

/// The generator's own `pmf_term` (see "Optional members" in \ref f_generators.hpp), as the Eigen
/// backend sums it: KL's \f$p\log(p/q) - p + q \ge 0\f$ (detail::kl_term), for instance. With
/// `pmf_lone_mass` (Jensen–Shannon), pairs with one zero are collected as a mass (so disjoint supports
/// give exactly \f$2f(0^+)\f$), the others give their term.
template <class F>
struct generator_pmf_term {
  static constexpr bool has_lone_mass = pmf_lone_mass<F>();
  template <class T, class S, class L>
  MINIMAX_HOST_DEVICE void operator()(T p, T q, pmf_totals<S, L>& out) const {
    if constexpr (has_lone_mass) {
      if (p > T(0) && q > T(0)) {
        out.terms += F::pmf_term(p, q);
      } else {
        out.lone += p + q;
      }
    } else {
      out.terms += F::pmf_term(p, q);
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

/// Throws "`name`[i] must be finite, got v" for the first NaN or infinite entry of x (samples).
template <class Policy, class R>
void require_finite_range(const char* function, const char* name, const Policy& policy, const R& x) {
  const auto end = x.begin() + static_cast<std::ptrdiff_t>(x.size());
  const auto it = ::thrust::find_if(policy, x.begin(), end, not_finite{});
  if (it == end) return;
  const thrust_value_t<R> value = *it;
  raise_invalid_argument(function,
                         std::string(name) + "[" + std::to_string(static_cast<long long>(it - x.begin())) +
                             "] must be finite",
                         value);
}

/// Throws the Eigen backend's error for the first bad entry of x (a second pass, on the error path only).
template <class Policy, class R>
void report_bad_range(const char* function, const char* name, const Policy& policy, const R& x) {
  const auto it = ::thrust::find_if(policy, x.begin(), x.begin() + static_cast<std::ptrdiff_t>(x.size()), bad_entry{});
  if (it == x.begin() + static_cast<std::ptrdiff_t>(x.size())) return;
  const auto i = static_cast<long long>(it - x.begin());
  const thrust_value_t<R> value = *it;
  raise_invalid_argument(function, std::string(name) + "[" + std::to_string(i) + "] must be non-negative and finite",
                         value);
}

/// Elements per chunk on the host systems: enough for the vectorised kernels to run at full speed,
/// few enough that every thread gets many chunks.
inline constexpr long long host_chunk = 1 << 15;

/// What a chunk of a pmf pair gives on a host system.
template <class T>
struct chunk_totals {
  neumaier_sum<T> terms;   ///< the divergence's terms
  neumaier_sum<T> lone;    ///< mass of the pairs with one zero (JSD)
  neumaier_sum<T> mass_p;  ///< \f$\sum p\f$
  neumaier_sum<T> mass_q;  ///< \f$\sum q\f$
  bool bad = false;        ///< a chunk held a bad entry (found again, and reported, by a second pass)
};

/// Merges two chunks' totals.
template <class T>
struct merge_chunk_totals {
  chunk_totals<T> operator()(chunk_totals<T> a, const chunk_totals<T>& b) const {
    a.terms += b.terms;
    a.lone += b.lone;
    a.mass_p += b.mass_p;
    a.mass_q += b.mass_q;
    a.bad = a.bad || b.bad;
    return a;
  }
};

/// \brief Chunk c of a pmf pair on a host system, through the Eigen backend's own kernels (vectorised
/// within the chunk, SIMD logarithms included); the threads share out the chunks. Nothing throws
/// out of a worker thread: a bad entry marks the chunk.
template <class F, class T>
struct eigen_chunk {
  const T* p;
  const T* q;
  long long n;
  chunk_totals<T> operator()(long long c) const {
    const long long start = c * host_chunk, length = n - start < host_chunk ? n - start : host_chunk;
    contiguous_vector<T> pv, qv;
    pv.data = p + start;
    pv.size = static_cast<Eigen::Index>(length);
    qv.data = q + start;
    qv.size = static_cast<Eigen::Index>(length);
    chunk_totals<T> out;
    chunk_masses<T> m;
    try {
      T lone(0), value;
      if constexpr (has_pmf_divergence_with_lone_mass<F, T>) {
        value = F::pmf_divergence("", pv, qv, &m, &lone);
      } else if constexpr (has_pmf_divergence<F, T>) {
        value = F::pmf_divergence("", pv, qv, &m);
      } else if constexpr (has_pmf_term<F, T>) {
        value = pmf_term_kernel<F>("", pv, qv, &m, &lone);
      } else {
        value = f_divergence_generic<F>("", pv, qv, &m);
      }
      out.terms += value;
      out.lone += lone;
      out.mass_p += m.p;
      out.mass_q += m.q;
    } catch (...) {
      out.bad = true;
    }
    return out;
  }
};

/// Whether a range's elements are contiguous in host memory that a raw pointer can read.
template <class R>
concept raw_contiguous = requires(const R& r) { ::thrust::raw_pointer_cast(&*r.begin()); };

/// The sums a pass returns: the terms and the JSD's lone mass.
template <class T>
struct pass_result {
  T terms;  ///< the divergence's terms
  T lone;   ///< the lone mass (JSD; else 0)
};

/// \brief One validated pass over p and q (generator F, per-element term Term); returns the sums or
/// throws the Eigen backend's errors. Host systems run the Eigen kernels chunk by chunk; GPUs one
/// thread per element.
template <class F, class Term, class Policy, class P, class Q>
auto thrust_pmf_pass(const char* function, const Policy& policy, const P& p, const Q& q) {
  using T = thrust_value_t<P>;
  static_assert(std::is_same_v<T, thrust_value_t<Q>>,
                "minimax: both distributions of a divergence must have the same scalar type (float or double)");
  static_assert(std::is_floating_point_v<T>, "minimax: probability vectors must hold float or double");
  using S = reduction_sum_t<Policy, T>;
  require_non_empty(function, "p", static_cast<std::size_t>(p.size()));
  require_same_size(function, "p and q", static_cast<std::size_t>(p.size()), static_cast<std::size_t>(q.size()));
  const auto n = static_cast<long long>(p.size());
  if constexpr (runs_on_host<Policy> && raw_contiguous<P> && raw_contiguous<Q>) {
    const T* pp = ::thrust::raw_pointer_cast(&*p.begin());
    const T* qq = ::thrust::raw_pointer_cast(&*q.begin());
    const long long chunks = (n + host_chunk - 1) / host_chunk;
    const chunk_totals<T> totals = ::thrust::transform_reduce(
        policy, ::thrust::counting_iterator<long long>(0), ::thrust::counting_iterator<long long>(chunks),
        eigen_chunk<F, T>{pp, qq, n}, chunk_totals<T>{}, merge_chunk_totals<T>{});
    if (totals.bad) {
      report_bad_range(function, "p", policy, p);
      report_bad_range(function, "q", policy, q);
      raise_invalid_argument(function, "p and q must have finite sums", "+inf");
    }
    check_mass(function, "p", totals.mass_p.value());
    check_mass(function, "q", totals.mass_q.value());
    return pass_result<T>{totals.terms.value(), totals.lone.value()};
  }
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
  return pass_result<T>{totals.terms.value(), static_cast<T>(totals.lone.value())};
}

/// \f$D_f\f$ on Thrust, dispatched as the Eigen backend dispatches it: the generator's own kernel on the
/// host systems (its `pmf_divergence`, else its `pmf_term`s, else the perspective), its `pmf_term`
/// element by element on a GPU (else the perspective).
template <class F, class Policy, class P, class Q>
auto thrust_f_divergence(const char* function, const Policy& policy, const P& p, const Q& q) {
  using T = thrust_value_t<P>;
  if constexpr (has_pmf_term<F, T>) {
    const auto t = thrust_pmf_pass<F, generator_pmf_term<F>>(function, policy, p, q);
    if constexpr (pmf_lone_mass<F>()) {
      const T v = F::template at_zero<T>() * t.lone + t.terms;
      const T hi = F::template at_zero<T>() + F::template slope_at_infinity<T>();
      return v < hi ? v : hi;
    } else {
      return t.terms;
    }
  } else {
    return thrust_pmf_pass<F, perspective_term<F>>(function, policy, p, q).terms;
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
