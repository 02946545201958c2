#pragma once
/// \file
/// \brief The exact Wasserstein distance \f$W_p\f$ between one-dimensional distributions: samples
/// (weighted or not) by merging their quantile functions.
///
/// In one dimension the optimal coupling is the monotone one, so
/// \f[ W_p(P, Q) = \Big(\int_0^1 |F^{-1}(t) - G^{-1}(t)|^p \, dt\Big)^{1/p}, \f]
/// with \f$F^{-1}, G^{-1}\f$ the quantile functions. For samples the integral is a finite sum
/// (exact); for distributions (minimax::normal, minimax::uniform, ... : anything with `cdf`,
/// `quantile` and `support`) it is computed by quadrature. Every function here returns \f$W_p\f$ itself,
/// never \f$W_p^p\f$.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>
#include <utility>
#include <limits>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "minimax/core/config.hpp"
#include "minimax/core/error.hpp"
#include "minimax/core/summation.hpp"
#include "minimax/divergence/masses.hpp"
#include "minimax/prob/concepts.hpp"
#include "minimax/quadrature/integrate.hpp"

namespace minimax {

namespace detail {

template <class T>
void require_order(const char* function, T p) {
  if (!(p >= T(1)) || !(p - p == T(0))) raise_invalid_argument(function, "p must be finite and >= 1", p);
}

template <class T>
MINIMAX_HOST_DEVICE T abs_pow(T x, T p) {
  using std::abs;
  using std::pow;
  if (p == T(1)) return abs(x);
  if (p == T(2)) return x * x;
  return pow(abs(x), p);
}

template <class T>
T root_p(T s, T p) {
  using std::pow;
  using std::sqrt;
  if (p == T(1)) return s;
  if (p == T(2)) return sqrt(s);
  return pow(s, T(1) / p);
}

// Sorts floats or doubles by LSD radix sort on their order-preserving integer images (11-bit
// digits; passes in which every key has the same digit are skipped): O(n), several times faster
// than a comparison sort on large samples. Other types, and small inputs, use std::sort. The
// values must not be NaN.
template <class T>
void sort_values(std::vector<T>& v) {
  constexpr bool radix = std::is_same_v<T, double> || std::is_same_v<T, float>;
  if constexpr (!radix) {
    std::sort(v.begin(), v.end());
  } else {
    if (v.size() < 4096) {
      std::sort(v.begin(), v.end());
      return;
    }
    using U = std::conditional_t<sizeof(T) == 8, std::uint64_t, std::uint32_t>;
    constexpr int bits = 8 * sizeof(U), digit = 11, passes = (bits + digit - 1) / digit;
    constexpr U top = U(1) << (bits - 1), mask = (U(1) << digit) - 1;
    const std::size_t n = v.size();
    std::vector<U> a(n), b(n);
    std::vector<std::size_t> counts(static_cast<std::size_t>(passes) << digit, 0);
    for (std::size_t i = 0; i < n; ++i) {
      U k;
      std::memcpy(&k, &v[i], sizeof k);
      k = (k & top) ? static_cast<U>(~k) : static_cast<U>(k | top);  // negatives reversed, below positives
      a[i] = k;
      for (int p = 0; p < passes; ++p) ++counts[(static_cast<std::size_t>(p) << digit) + ((k >> (p * digit)) & mask)];
    }
    for (int p = 0; p < passes; ++p) {
      std::size_t* c = counts.data() + (static_cast<std::size_t>(p) << digit);
      if (c[(a[0] >> (p * digit)) & mask] == n) continue;  // one digit for all keys: nothing to do
      std::size_t sum = 0;
      for (std::size_t d = 0; d <= mask; ++d) {
        const std::size_t t = c[d];
        c[d] = sum;
        sum += t;
      }
      for (std::size_t i = 0; i < n; ++i) b[c[(a[i] >> (p * digit)) & mask]++] = a[i];
      a.swap(b);
    }
    for (std::size_t i = 0; i < n; ++i) {
      U k = a[i];
      k = (k & top) ? static_cast<U>(k & ~top) : static_cast<U>(~k);
      std::memcpy(&v[i], &k, sizeof k);
    }
  }
}

template <class Derived>
std::vector<typename Derived::Scalar> sorted_samples(const char* function, const char* name,
                                                     const Eigen::MatrixBase<Derived>& u) {
  using T = typename Derived::Scalar;
  require_non_empty(function, name, static_cast<std::size_t>(u.size()));
  std::vector<T> s(static_cast<std::size_t>(u.size()));
  for (Eigen::Index i = 0; i < u.size(); ++i) {
    const T x = u(i);
    if (!(x - x == T(0))) raise_invalid_argument(function, std::string(name) + "[" + to_text(i) + "] must be finite", x);
    s[static_cast<std::size_t>(i)] = x;
  }
  sort_values(s);
  return s;
}

// Calls f(length, i, j) for each interval on which the quantile functions of the uniform empirical
// measures on sorted x (n points) and sorted y (m points) are x[i] and y[j]; lengths are in units
// of 1/n when n == m, else 1/(n m). Returns that unit's denominator.
template <class T, class F>
T for_each_quantile_pair(const std::vector<T>& x, const std::vector<T>& y, F&& f) {
  const std::size_t n = x.size(), m = y.size();
  if (n == m) {
    for (std::size_t i = 0; i < n; ++i) f(T(1), i, i);
    return static_cast<T>(n);
  }
  // Breakpoints (i+1)/n and (j+1)/m, compared as (i+1) m against (j+1) n; lengths in units 1/(n m).
  std::size_t i = 0, j = 0;
  std::uint64_t previous = 0;
  while (i < n && j < m) {
    const std::uint64_t bx = static_cast<std::uint64_t>(i + 1) * m, by = static_cast<std::uint64_t>(j + 1) * n;
    const std::uint64_t next = std::min(bx, by);
    f(static_cast<T>(next - previous), i, j);
    previous = next;
    if (bx == next) ++i;
    if (by == next) ++j;
  }
  return static_cast<T>(n) * static_cast<T>(m);
}

template <class T>
T sorted_wp_pow(const std::vector<T>& x, const std::vector<T>& y, T p) {
  // W_p^p between uniform empirical measures on sorted x (n points) and sorted y (m points).
  neumaier_sum<T> s;
  const T denominator =
      for_each_quantile_pair(x, y, [&](T length, std::size_t i, std::size_t j) { s += length * abs_pow(x[i] - y[j], p); });
  return s.value() / denominator;
}

// W_p (not W_p^p) between uniform empirical measures on sorted x and y, free of overflow and
// underflow in the intermediate values: the differences are taken at a quarter of the values when
// these are within a factor 4 of the largest double, and each is divided by 2^e, e the binary
// exponent of the largest difference met, before its p-th power is taken; 2^e (and the 4) are
// multiplied back at the end. Scaling by powers of 2 is exact, so for p = 1 and p = 2 the result
// is the one of sorted_wp_pow's formula whenever that one neither overflows nor underflows.
template <class T>
T sorted_wp(const std::vector<T>& x, const std::vector<T>& y, T p) {
  using std::abs;
  using std::ilogb;
  using std::scalbn;
  const T largest = std::max(std::max(abs(x.front()), abs(x.back())), std::max(abs(y.front()), abs(y.back())));
  const T pre = largest > std::numeric_limits<T>::max() / 4 ? T(0.25) : T(1);
  T widest = 0;
  for_each_quantile_pair(x, y, [&](T, std::size_t i, std::size_t j) { widest = std::max(widest, abs(x[i] * pre - y[j] * pre)); });
  if (!(widest > T(0))) return T(0);
  const int e = ilogb(widest);
  neumaier_sum<T> s;
  const T denominator = for_each_quantile_pair(
      x, y, [&](T length, std::size_t i, std::size_t j) { s += length * abs_pow(scalbn(x[i] * pre - y[j] * pre, -e), p); });
  return scalbn(root_p(s.value() / denominator, p), e) / pre;
}

}  // namespace detail

/// \brief \f$W_p\f$ between the empirical distributions of two samples, each point of mass
/// \f$1/n\f$ and \f$1/m\f$.
///
/// Both samples are sorted and their quantile functions merged:
/// \f$W_p^p = \sum_k \ell_k |x_{(i_k)} - y_{(j_k)}|^p\f$ over the intervals \f$\ell_k\f$ on which
/// both quantile functions are constant. The breakpoints \f$i/n\f$ and \f$j/m\f$ are compared in
/// integers (\f$i m\f$ against \f$j n\f$), so the merge is exact; with \f$n = m\f$ it is the
/// sorted matching \f$\frac1n\sum_i |x_{(i)} - y_{(i)}|^p\f$. Cost \f$O((n+m)\log(n+m))\f$.
///
/// Finite at any finite scale: the differences are rescaled by a power of 2 before their
/// \f$p\f$-th powers are taken and summed (\f$W_p(cu, cv) = c\,W_p(u, v)\f$), so samples at
/// \f$\pm 10^{300}\f$ or at \f$10^{-300}\f$ give their distance, not \f$\infty\f$ or 0; the result
/// overflows only when \f$W_p\f$ itself exceeds the largest value of the type.
/// \param u, v the samples: Eigen vectors (one column or one row). A matrix is rejected, never
///   flattened; for a batch of samples in the columns of a matrix use wasserstein_1d_columns().
/// \param p the order, \f$p \ge 1\f$.
/// \returns \f$W_p\f$ (not \f$W_p^p\f$).
/// \throws minimax::invalid_argument for a matrix argument, an empty sample, a non-finite sample
/// point, or \f$p < 1\f$ / non-finite \f$p\f$.
template <class DU, class DV>
typename DU::Scalar wasserstein_1d(const Eigen::MatrixBase<DU>& u, const Eigen::MatrixBase<DV>& v,
                                   typename DU::Scalar p = 1) {
  constexpr const char* fn = "minimax::wasserstein_1d";
  detail::require_order(fn, p);
  require_vector(fn, "u (for a batch of columns, see wasserstein_1d_columns)", u.rows(), u.cols());
  require_vector(fn, "v (for a batch of columns, see wasserstein_1d_columns)", v.rows(), v.cols());
  const auto x = detail::sorted_samples(fn, "u", u);
  const auto y = detail::sorted_samples(fn, "v", v);
  return detail::sorted_wp(x, y, p);
}

/// \brief \f$W_p\f$ between two weighted samples \f$P = \sum_i w_i \delta_{u_i}\f$ and
/// \f$Q = \sum_j z_j \delta_{v_j}\f$.
///
/// The quantile functions are merged at the cumulative weights (the last one of each set to 1
/// exactly, so the two ends meet). Weights must be finite, non-negative and sum to 1 within
/// minimax::mass_tolerance(); they are never normalised silently. Zero weights are allowed. All
/// four arguments are vectors (one column or one row; a matrix is rejected, never flattened). As
/// for the unweighted form, the differences are rescaled by a power of 2 before their powers are
/// summed, so the result is finite whenever \f$W_p\f$ is.
/// \returns \f$W_p\f$ (not \f$W_p^p\f$).
/// \throws minimax::invalid_argument for a matrix argument, empty input, sizes that differ between
/// a sample and its weights, a non-finite point, a negative or non-finite weight, weights that do
/// not sum to 1, or \f$p < 1\f$.
template <class DU, class DV, class DWU, class DWV>
typename DU::Scalar wasserstein_1d(const Eigen::MatrixBase<DU>& u, const Eigen::MatrixBase<DV>& v,
                                   const Eigen::MatrixBase<DWU>& u_weights, const Eigen::MatrixBase<DWV>& v_weights,
                                   typename DU::Scalar p = 1) {
  using T = typename DU::Scalar;
  constexpr const char* fn = "minimax::wasserstein_1d";
  detail::require_order(fn, p);
  require_vector(fn, "u (for a batch of columns, see wasserstein_1d_columns)", u.rows(), u.cols());
  require_vector(fn, "v (for a batch of columns, see wasserstein_1d_columns)", v.rows(), v.cols());
  require_vector(fn, "u_weights", u_weights.rows(), u_weights.cols());
  require_vector(fn, "v_weights", v_weights.rows(), v_weights.cols());
  require_non_empty(fn, "u", static_cast<std::size_t>(u.size()));
  require_non_empty(fn, "v", static_cast<std::size_t>(v.size()));
  require_same_size(fn, "u and u_weights", static_cast<std::size_t>(u.size()), static_cast<std::size_t>(u_weights.size()));
  require_same_size(fn, "v and v_weights", static_cast<std::size_t>(v.size()), static_cast<std::size_t>(v_weights.size()));
  detail::require_probability(fn, "u_weights", u_weights);
  detail::require_probability(fn, "v_weights", v_weights);
  auto order = [&](const auto& s, const char* name) {
    std::vector<Eigen::Index> idx(static_cast<std::size_t>(s.size()));
    for (Eigen::Index i = 0; i < s.size(); ++i) {
      if (!(s(i) - s(i) == T(0))) raise_invalid_argument(fn, std::string(name) + "[" + detail::to_text(i) + "] must be finite", s(i));
      idx[static_cast<std::size_t>(i)] = i;
    }
    std::sort(idx.begin(), idx.end(), [&](Eigen::Index a, Eigen::Index b) { return s(a) < s(b); });
    return idx;
  };
  const auto iu = order(u, "u");
  const auto iv = order(v, "v");
  const std::size_t n = iu.size(), m = iv.size();
  // Cumulative weights, compensated; the last is 1 by definition of a probability vector.
  auto cumulative = [](const auto& w, const std::vector<Eigen::Index>& idx) {
    std::vector<T> c(idx.size());
    neumaier_sum<T> s;
    for (std::size_t k = 0; k < idx.size(); ++k) {
      s += w(idx[k]);
      c[k] = std::min(s.value(), T(1));
    }
    c.back() = T(1);
    return c;
  };
  const auto cu = cumulative(u_weights, iu);
  const auto cv = cumulative(v_weights, iv);
  // The differences at a quarter of the values when these are near the largest double, then
  // divided by 2^e (e the exponent of the largest difference) before their powers are taken.
  using std::abs;
  T largest = 0;
  for (Eigen::Index k = 0; k < u.size(); ++k) largest = std::max(largest, abs(u(k)));
  for (Eigen::Index k = 0; k < v.size(); ++k) largest = std::max(largest, abs(v(k)));
  const T pre = largest > std::numeric_limits<T>::max() / 4 ? T(0.25) : T(1);
  auto merge = [&](auto&& f) {
    std::size_t i = 0, j = 0;
    T previous = 0;
    while (i < n && j < m) {
      const T next = std::min(cu[i], cv[j]);
      if (next > previous) f(next - previous, u(iu[i]) * pre - v(iv[j]) * pre);
      previous = std::max(previous, next);
      if (cu[i] == next) ++i;
      if (cv[j] == next) ++j;
    }
  };
  T widest = 0;
  merge([&](T, T d) { widest = std::max(widest, abs(d)); });
  if (!(widest > T(0))) return T(0);
  const int e = std::ilogb(widest);
  neumaier_sum<T> s;
  merge([&](T length, T d) { s += length * detail::abs_pow(std::scalbn(d, -e), p); });
  return std::scalbn(detail::root_p(s.value(), p), e) / pre;
}

/// \brief \f$W_p\f$ column by column: entry \f$k\f$ is wasserstein_1d(u.col(k), v.col(k), p), for
/// `u` (\f$n \times K\f$) and `v` (\f$m \times K\f$) holding \f$K\f$ pairs of one-dimensional samples
/// (the batch of POT's `wasserstein_1d` on 2-D arrays; note that minimax returns \f$W_p\f$, POT
/// \f$W_p^p\f$).
/// \throws minimax::invalid_argument when the column counts differ, or as wasserstein_1d().
template <class DU, class DV>
Eigen::Matrix<typename DU::Scalar, Eigen::Dynamic, 1> wasserstein_1d_columns(const Eigen::MatrixBase<DU>& u,
                                                                              const Eigen::MatrixBase<DV>& v,
                                                                              typename DU::Scalar p = 1) {
  require_same_size("minimax::wasserstein_1d_columns", "the columns of u and v", static_cast<std::size_t>(u.cols()),
                    static_cast<std::size_t>(v.cols()));
  Eigen::Matrix<typename DU::Scalar, Eigen::Dynamic, 1> out(u.cols());
  for (Eigen::Index k = 0; k < u.cols(); ++k) out(k) = wasserstein_1d(u.col(k), v.col(k), p);
  return out;
}

/// \brief Weighted \f$W_p\f$ column by column: entry \f$k\f$ is
/// wasserstein_1d(u.col(k), v.col(k), u_weights, v_weights, p), the same weight vectors for every
/// column (as POT's `wasserstein_1d` on 2-D arrays with 1-D weights).
/// \throws minimax::invalid_argument when the column counts differ, or as wasserstein_1d().
template <class DU, class DV, class DWU, class DWV>
Eigen::Matrix<typename DU::Scalar, Eigen::Dynamic, 1> wasserstein_1d_columns(
    const Eigen::MatrixBase<DU>& u, const Eigen::MatrixBase<DV>& v, const Eigen::MatrixBase<DWU>& u_weights,
    const Eigen::MatrixBase<DWV>& v_weights, typename DU::Scalar p = 1) {
  require_same_size("minimax::wasserstein_1d_columns", "the columns of u and v", static_cast<std::size_t>(u.cols()),
                    static_cast<std::size_t>(v.cols()));
  Eigen::Matrix<typename DU::Scalar, Eigen::Dynamic, 1> out(u.cols());
  for (Eigen::Index k = 0; k < u.cols(); ++k) out(k) = wasserstein_1d(u.col(k), v.col(k), u_weights, v_weights, p);
  return out;
}

/// \brief \f$W_p\f$ between two one-dimensional distributions (anything satisfying
/// UnivariateDistribution: `cdf`, `quantile`, `support`), by quadrature of the quantile integral
/// \f$W_p^p = \int_0^1 |F^{-1}(t) - G^{-1}(t)|^p\,dt\f$.
///
/// The integrand has kinks where the quantile functions cross; they are located (sign changes on a
/// grid of 128 points, then bisection to rounding; so are the ends of a stretch where they agree
/// exactly, a crossing on the grid itself included) and \f$[0, 1]\f$ is split there, so that each
/// piece is smooth and double-exponential quadrature (minimax::integrate(), default options) keeps
/// its near-machine accuracy, including the quantiles' blow-up at \f$t \to 0, 1\f$ for unbounded
/// supports. Crossings closer together than the grid step may be missed (costing accuracy, not
/// correctness of the formula). Points where a quantile rounds to \f$\pm\infty\f$ (\f$t\f$ within
/// rounding of 0 or 1) are a null set and contribute 0.
/// \returns \f$W_p\f$ (not \f$W_p^p\f$). The distributions must have finite \f$p\f$-th moments.
/// \throws minimax::invalid_argument for \f$p < 1\f$ or non-finite; minimax::domain_error when the
/// quadrature fails (a NaN integrand).
template <UnivariateDistribution P, UnivariateDistribution Q>
typename P::value_type wasserstein_1d(const P& first, const Q& second, typename P::value_type p = 1) {
  using T = typename P::value_type;
  detail::require_order("minimax::wasserstein_1d", p);
  auto difference = [&](T t) -> T {
    if (!(t > T(0) && t < T(1))) return T(0);
    const T d = static_cast<T>(quantile(first, t)) - static_cast<T>(quantile(second, t));
    return d - d == T(0) ? d : T(0);
  };
  // The pieces: [0, r_1], [r_1, r_2], ..., [r_k, 1] at the crossings r_i of the quantile functions.
  // bisect narrows [lo, hi] to rounding around where `on_lo_side` stops holding (true at lo, false at hi).
  const auto bisect = [](T lo, T hi, const auto& on_lo_side) {
    for (int it = 0; it < 200 && hi - lo > std::numeric_limits<T>::epsilon() * hi; ++it) {
      const T mid = (lo + hi) / 2;
      (on_lo_side(mid) ? lo : hi) = mid;
    }
    return std::pair<T, T>{lo, hi};
  };
  constexpr int grid = 128;
  std::vector<T> cuts{T(0)};
  T t_prev = T(1) / grid, d_prev = difference(t_prev);
  for (int k = 2; k < grid; ++k) {
    const T t = T(k) / grid, d = difference(t);
    if ((d == T(0)) != (d_prev == T(0))) {
      // The quantiles meet at t (a crossing on the grid itself) or agree on a stretch that starts or
      // ends between t_prev and t: |difference|^p has a kink at the stretch's end, which no sign change
      // brackets. Bisect to it on whether the difference is 0.
      const bool zero_at_lo = d_prev == T(0);
      const auto [lo, hi] = bisect(t_prev, t, [&](T x) { return (difference(x) == T(0)) == zero_at_lo; });
      const T end = zero_at_lo ? lo : hi;
      if (end > cuts.back()) cuts.push_back(end);  // a crossing on the grid is found from both sides
    } else if ((d_prev < T(0) && d > T(0)) || (d_prev > T(0) && d < T(0))) {
      const bool rising = d_prev < T(0);
      const auto [lo, hi] = bisect(t_prev, t, [&](T x) { return (difference(x) < T(0)) == rising; });
      cuts.push_back((lo + hi) / 2);
    }
    t_prev = t;
    d_prev = d;
  }
  cuts.push_back(T(1));
  auto integrand = [&](T t) -> T { return detail::abs_pow(difference(t), p); };
  neumaier_sum<T> total;
  for (std::size_t k = 0; k + 1 < cuts.size(); ++k) total += integrate(integrand, cuts[k], cuts[k + 1]).value;
  return detail::root_p(total.value(), p);
}

}  // namespace minimax
