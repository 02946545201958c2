#pragma once
/// \file
/// \brief \f$W_p\f$ between one-dimensional samples on Thrust: parallel sorts, an exact merge of the
/// quantile functions' breakpoints, and one reduction.
///
/// The same construction as minimax::wasserstein_1d(u, v, p): with both samples sorted,
/// \f$W_p^p = \sum_k \ell_k\,|u_{(i_k)} - v_{(j_k)}|^p\f$ over the intervals on which both quantile
/// functions are constant. The breakpoints \f$i/n\f$ and \f$j/m\f$ are merged as the integers
/// \f$i m\f$ and \f$j n\f$ (exact), and interval \f$k\f$ ending at \f$e_k\f$ pairs
/// \f$u_{(\lceil e_k/m\rceil)}\f$ with \f$v_{(\lceil e_k/n\rceil)}\f$; the terms use the Eigen
/// backend's own \f$|x|^p\f$ and are summed as the pmf divergences are (see \ref
/// backend/thrust/f_divergence.hpp).

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <type_traits>

#include <thrust/device_vector.h>
#include <thrust/find.h>
#include <thrust/iterator/counting_iterator.h>
#include <thrust/iterator/transform_iterator.h>
#include <thrust/merge.h>
#include <thrust/sort.h>
#include <thrust/transform_reduce.h>

#include "minimax/backend/thrust/f_divergence.hpp"
#include "minimax/backend/thrust/policy.hpp"
#include "minimax/divergence/wasserstein_1d.hpp"

namespace minimax {
namespace detail {

/// i -> (i + 1) * scale: the breakpoints of one quantile function, in units of 1/(n m).
struct scaled_breakpoint {
  long long scale;
  MINIMAX_HOST_DEVICE long long operator()(long long i) const { return (i + 1) * scale; }
};

/// The term of interval k: (e_k - e_{k-1}) |2^-e (pre u_(ceil(e_k/m)) - pre v_(ceil(e_k/n)))|^p, the
/// difference rescaled (exactly, by powers of 2) so that its power neither overflows nor underflows.
template <class T, class S>
struct quantile_term {
  const long long* ends;
  const T* u;
  const T* v;
  long long n, m;
  T p;
  T pre = 1;          // 1/4 when the samples are within a factor 4 of the largest value, else 1
  int exponent = 0;   // e: the binary exponent of the largest difference
  MINIMAX_HOST_DEVICE S operator()(long long k) const {
    using std::scalbn;
    const long long end = ends[k], start = k > 0 ? ends[k - 1] : 0;
    S out;
    if (end > start) {
      const long long i = (end + m - 1) / m - 1, j = (end + n - 1) / n - 1;
      out += static_cast<T>(end - start) * abs_pow(scalbn(u[i] * pre - v[j] * pre, -exponent), p);
    }
    return out;
  }
};

/// |pre u_(i) - pre v_(j)| on interval k (0 on an empty interval): the largest sets the rescaling.
template <class T>
struct quantile_gap {
  const long long* ends;
  const T* u;
  const T* v;
  long long n, m;
  T pre;
  MINIMAX_HOST_DEVICE T operator()(long long k) const {
    const long long end = ends[k], start = k > 0 ? ends[k - 1] : 0;
    if (!(end > start)) return T(0);
    const long long i = (end + m - 1) / m - 1, j = (end + n - 1) / n - 1;
    const T d = u[i] * pre - v[j] * pre;
    return d < T(0) ? -d : d;
  }
};

/// The larger of two values.
template <class T>
struct larger {
  MINIMAX_HOST_DEVICE T operator()(T a, T b) const { return a < b ? b : a; }
};

/// Merges two running sums.
template <class S>
struct merge_sums {
  MINIMAX_HOST_DEVICE S operator()(S a, const S& b) const {
    a += b;
    return a;
  }
};

/// A sorted copy of a sample in the policy's memory, validated (finite, non-empty).
template <class T, class Policy, class R>
::thrust::device_vector<T> sorted_sample(const char* function, const char* name, const Policy& policy, const R& x) {
  require_non_empty(function, name, static_cast<std::size_t>(x.size()));
  require_finite_range(function, name, policy, x);
  ::thrust::device_vector<T> sorted(x.begin(), x.begin() + static_cast<std::ptrdiff_t>(x.size()));
  ::thrust::sort(policy, sorted.begin(), sorted.end());
  return sorted;
}

}  // namespace detail

/// \brief \f$W_p\f$ between the empirical distributions of two samples (masses \f$1/n\f$, \f$1/m\f$) on
/// Thrust: as minimax::wasserstein_1d(u, v, p), run by `policy` (which must reach
/// `thrust::device_vector` memory, where the sorted copies live).
/// As there, the differences are divided by a power of 2 near the largest of them before their
/// powers are summed (one more reduction), so samples at \f$\pm 10^{300}\f$ give their distance.
/// \returns \f$W_p\f$ (not \f$W_p^p\f$).
/// \throws minimax::invalid_argument for an empty sample, a non-finite point (naming it), or
/// \f$p < 1\f$, naming `minimax::wasserstein_1d`.
template <thrust_policy Policy, thrust_range U, thrust_range V>
auto wasserstein_1d(const Policy& policy, const U& u, const V& v, detail::thrust_value_t<U> p = 1) {
  using T = detail::thrust_value_t<U>;
  static_assert(std::is_same_v<T, detail::thrust_value_t<V>>, "minimax::wasserstein_1d: both samples must have the same scalar type");
  constexpr const char* fn = "minimax::wasserstein_1d";
  detail::require_order(fn, p);
  const auto su = detail::sorted_sample<T>(fn, "u", policy, u);
  const auto sv = detail::sorted_sample<T>(fn, "v", policy, v);
  const auto n = static_cast<long long>(su.size()), m = static_cast<long long>(sv.size());
  ::thrust::device_vector<long long> ends(static_cast<std::size_t>(n + m));
  const auto bu = ::thrust::make_transform_iterator(::thrust::counting_iterator<long long>(0), detail::scaled_breakpoint{m});
  const auto bv = ::thrust::make_transform_iterator(::thrust::counting_iterator<long long>(0), detail::scaled_breakpoint{n});
  ::thrust::merge(policy, bu, bu + n, bv, bv + m, ends.begin());
  using S = detail::reduction_sum_t<Policy, T>;
  using std::abs;
  const T u0 = su.front(), u1 = su.back(), v0 = sv.front(), v1 = sv.back();
  const T largest = std::max(std::max(abs(u0), abs(u1)), std::max(abs(v0), abs(v1)));
  const T pre = largest > std::numeric_limits<T>::max() / 4 ? T(0.25) : T(1);
  const long long* pe = ::thrust::raw_pointer_cast(ends.data());
  const T* pu = ::thrust::raw_pointer_cast(su.data());
  const T* pv = ::thrust::raw_pointer_cast(sv.data());
  const T widest = ::thrust::transform_reduce(policy, ::thrust::counting_iterator<long long>(0),
                                              ::thrust::counting_iterator<long long>(n + m),
                                              detail::quantile_gap<T>{pe, pu, pv, n, m, pre}, T(0), detail::larger<T>{});
  if (!(widest > T(0))) return T(0);
  const int e = std::ilogb(widest);
  const detail::quantile_term<T, S> term{pe, pu, pv, n, m, p, pre, e};
  const S total = ::thrust::transform_reduce(policy, ::thrust::counting_iterator<long long>(0),
                                             ::thrust::counting_iterator<long long>(n + m), term, S{},
                                             detail::merge_sums<S>{});
  return std::scalbn(detail::root_p(total.value() / (static_cast<T>(n) * static_cast<T>(m)), p), e) / pre;
}

}  // namespace minimax
