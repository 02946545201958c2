#pragma once
/// \file
/// \brief The squared MMD between two samples on Thrust, biased and unbiased, for the kernels of
/// minimax::kernels and a user's kernels declaring the same formulas: one thread per pair of points.
///
/// The samples are flat ranges of points, point after point (\f$n d\f$ and \f$m d\f$ values). The
/// estimates are those of minimax::mmd2_biased and minimax::mmd2_unbiased, with each kernel's own
/// formula (`of_squared_distance`, `of_l1_distance`, `of_inner_product`, shared by both backends);
/// the three pair sums are reduced as the pmf divergences are (see \ref
/// backend/thrust/f_divergence.hpp).

#include <cstddef>
#include <string>
#include <type_traits>

#include <thrust/find.h>
#include <thrust/iterator/counting_iterator.h>
#include <thrust/transform_reduce.h>

#include "minimax/backend/thrust/f_divergence.hpp"
#include "minimax/backend/thrust/policy.hpp"
#include "minimax/backend/thrust/wasserstein_1d.hpp"
#include "minimax/divergence/mmd.hpp"

namespace minimax {
namespace detail {

/// \brief \f$k(x, y)\f$ for two points given by pointers, through the formula the kernel declares:
/// `of_squared_distance` (\f$\lVert x - y\rVert_2^2\f$), `of_l1_distance` (\f$\lVert x - y\rVert_1\f$) or
/// `of_inner_product` (\f$\langle x, y\rangle\f$), looked for in that order. The library's kernels declare
/// theirs; a user's kernel with one of them, marked `MINIMAX_HOST_DEVICE`, runs here too.
template <class K, class T>
MINIMAX_HOST_DEVICE T kernel_between(const K& kernel, const T* x, const T* y, int d) {
  if constexpr (requires(const K& k, T t) { k.of_squared_distance(t); }) {
    return kernel.of_squared_distance(squared_distance(x, y, d));
  } else if constexpr (requires(const K& k, T t) { k.of_l1_distance(t); }) {
    T s(0);
    for (int c = 0; c < d; ++c) s += x[c] > y[c] ? x[c] - y[c] : y[c] - x[c];
    return kernel.of_l1_distance(s);
  } else {
    static_assert(requires(const K& k, T t) { k.of_inner_product(t); },
                  "minimax::mmd2 on Thrust: the kernel must declare of_squared_distance, of_l1_distance or "
                  "of_inner_product (a function of one scalar)");
    T s(0);
    for (int c = 0; c < d; ++c) s += x[c] * y[c];
    return kernel.of_inner_product(s);
  }
}

/// Pair (i, j) = (idx / m, idx % m) of two samples: k(x_i, y_j), or 0 on the diagonal when skipped.
template <class K, class T, class S>
struct kernel_pair {
  K kernel;
  const T* x;
  const T* y;
  long long m;
  int d;
  bool skip_diagonal;
  MINIMAX_HOST_DEVICE S operator()(long long idx) const {
    const long long i = idx / m, j = idx % m;
    S out;
    if (!(skip_diagonal && i == j)) out += kernel_between(kernel, x + i * d, y + j * d, d);
    return out;
  }
};

template <class S, class K, class Policy, class T>
T kernel_pair_sum(const Policy& policy, const K& kernel, const T* x, long long n, const T* y, long long m, int d,
                  bool skip_diagonal) {
  const S total = ::thrust::transform_reduce(policy, ::thrust::counting_iterator<long long>(0),
                                             ::thrust::counting_iterator<long long>(n * m),
                                             kernel_pair<K, T, S>{kernel, x, y, m, d, skip_diagonal}, S{},
                                             merge_sums<S>{});
  return total.value();
}

/// Validates the samples and returns the three pair sums (xx, yy, xy).
template <class Policy, class X, class Y, class K>
auto mmd_sums(const char* function, const Policy& policy, const X& x, const Y& y, int dimension, const K& kernel,
              bool unbiased) {
  using T = thrust_value_t<X>;
  static_assert(std::is_same_v<T, thrust_value_t<Y>>, "minimax::mmd2: both samples must have the same scalar type");
  kernel.validate(function);
  if (dimension < 1) raise_invalid_argument(function, "the dimension must be >= 1", dimension);
  const auto check = [&](const char* name, const auto& r) {
    if (r.size() % static_cast<std::size_t>(dimension) != 0) {
      raise_invalid_argument(function, std::string(name) + " must hold whole points (a multiple of the dimension); size",
                             r.size());
    }
    const std::size_t points = r.size() / static_cast<std::size_t>(dimension);
    if (points < (unbiased ? 2u : 1u)) {
      raise_invalid_argument(function, std::string(name) + (unbiased ? " must have at least 2 points" : " must not be empty"),
                             points);
    }
    require_finite_range(function, name, policy, r);
    return static_cast<long long>(points);
  };
  const long long n = check("x", x), m = check("y", y);
  using S = reduction_sum_t<Policy, T>;
  const T* px = ::thrust::raw_pointer_cast(&*x.begin());
  const T* py = ::thrust::raw_pointer_cast(&*y.begin());
  struct sums {
    T xx, yy, xy, n, m;
  };
  return sums{kernel_pair_sum<S>(policy, kernel, px, n, px, n, dimension, unbiased),
              kernel_pair_sum<S>(policy, kernel, py, m, py, m, dimension, unbiased),
              kernel_pair_sum<S>(policy, kernel, px, n, py, m, dimension, false), static_cast<T>(n),
              static_cast<T>(m)};
}

}  // namespace detail

/// \brief The biased estimate \f$\widehat{\mathrm{MMD}}^2_b\f$ (see minimax::mmd2_biased) on Thrust,
/// between samples given as contiguous ranges of points (\f$n d\f$ and \f$m d\f$ values).
/// \throws minimax::invalid_argument for an empty sample, a size that is not a whole number of
/// points, a non-finite coordinate or bad kernel parameters, naming `minimax::mmd2_biased`.
template <thrust_policy Policy, thrust_range X, thrust_range Y, class K>
auto mmd2_biased(const Policy& policy, const X& x, const Y& y, int dimension, const K& kernel) {
  const auto s = detail::mmd_sums("minimax::mmd2_biased", policy, x, y, dimension, kernel, false);
  return s.xx / (s.n * s.n) + s.yy / (s.m * s.m) - 2 * s.xy / (s.n * s.m);
}

/// \brief The unbiased estimate \f$\widehat{\mathrm{MMD}}^2_u\f$ (see minimax::mmd2_unbiased) on Thrust.
/// \throws as mmd2_biased() (and for fewer than 2 points per sample), naming `minimax::mmd2_unbiased`.
template <thrust_policy Policy, thrust_range X, thrust_range Y, class K>
auto mmd2_unbiased(const Policy& policy, const X& x, const Y& y, int dimension, const K& kernel) {
  const auto s = detail::mmd_sums("minimax::mmd2_unbiased", policy, x, y, dimension, kernel, true);
  return s.xx / (s.n * (s.n - 1)) + s.yy / (s.m * (s.m - 1)) - 2 * s.xy / (s.n * s.m);
}

}  // namespace minimax
