#pragma once
/// \file
/// \brief The squared maximum mean discrepancy \f$\mathrm{MMD}^2\f$ between two samples, biased
/// (V-statistic) and unbiased (U-statistic), for the kernels in minimax::kernels.
///
/// \f[ \mathrm{MMD}^2(P, Q) = \mathbb E\,k(X, X') + \mathbb E\,k(Y, Y') - 2\,\mathbb E\,k(X, Y). \f]
/// Samples are \f$N \times d\f$ matrices, one point per row.

#include <cmath>
#include <cstddef>
#include <limits>
#include <type_traits>
#include <string>

#include <Eigen/Core>

#include "minimax/core/config.hpp"
#include "minimax/core/error.hpp"
#include "minimax/core/summation.hpp"
#include "minimax/divergence/cost.hpp"

namespace minimax {

/// Kernels for mmd2_biased() and mmd2_unbiased(): small types holding their parameters.
namespace kernels {

/// \brief The Gaussian kernel \f$k(x, y) = \exp\big(-\|x - y\|_2^2 / (2\sigma^2)\big)\f$, bandwidth \f$\sigma > 0\f$.
///
/// Any positive finite \f$\sigma\f$ works: where \f$2\sigma^2\f$ is not a normal number
/// (\f$\sigma < 10^{-154}\f$ or \f$> 10^{154}\f$) the exponent is formed as
/// \f$(\|x - y\|^2/\sigma)/\sigma/2\f$, so that \f$k(x, x) = 1\f$ and not \f$\exp(-0/0)\f$; where
/// \f$\|x - y\|^2\f$ overflows or underflows (points at \f$10^{\pm 200}\f$), the two-point form takes the
/// differences in units of \f$\sigma\f$, \f$\exp(-\|(x - y)/\sigma\|^2/2)\f$.
struct gaussian {
  double sigma = 1;  ///< bandwidth \f$\sigma\f$
  /// \f$k(x, y)\f$ for two points (rows).
  template <class A, class B>
  auto operator()(const A& x, const B& y) const {
    using T = std::remove_cvref_t<decltype((x - y).squaredNorm())>;
    const T d2 = (x - y).squaredNorm();
    if (d2 >= std::numeric_limits<T>::min() && d2 <= std::numeric_limits<T>::max()) return of_squared_distance(d2);
    using std::exp;
    return exp(-((x - y) / static_cast<T>(sigma)).squaredNorm() / 2);
  }
  /// \f$k\f$ as a function of \f$\|x - y\|_2^2\f$ (shared with the Thrust backend).
  template <class T>
  MINIMAX_HOST_DEVICE T of_squared_distance(T squared_distance) const {
    using std::exp;
    const T s = static_cast<T>(sigma);
    const T denominator = 2 * s * s;
    if (denominator >= std::numeric_limits<T>::min() && denominator <= std::numeric_limits<T>::max()) {
      return exp(-squared_distance / denominator);
    }
    return exp(-(squared_distance / s) / s / 2);
  }
  /// Throws minimax::invalid_argument naming `function` unless \f$\sigma\f$ is positive and finite.
  void validate(const char* function) const { require_positive(function, "sigma", sigma); }
};

/// \brief The Laplacian kernel \f$k(x, y) = \exp(-\|x - y\|_1 / \sigma)\f$ (the \f$\ell_1\f$ distance,
/// as is usual for this kernel), \f$\sigma > 0\f$.
struct laplacian {
  double sigma = 1;  ///< bandwidth \f$\sigma\f$
  /// \f$k(x, y)\f$ for two points (rows).
  template <class A, class B>
  auto operator()(const A& x, const B& y) const {
    return of_l1_distance((x - y).cwiseAbs().sum());
  }
  /// \f$k\f$ as a function of \f$\|x - y\|_1\f$ (shared with the Thrust backend).
  template <class T>
  MINIMAX_HOST_DEVICE T of_l1_distance(T distance) const {
    using std::exp;
    return exp(-distance / static_cast<T>(sigma));
  }
  /// Throws minimax::invalid_argument naming `function` unless \f$\sigma\f$ is positive and finite.
  void validate(const char* function) const { require_positive(function, "sigma", sigma); }
};

/// \brief The polynomial kernel \f$k(x, y) = (\gamma\,\langle x, y\rangle + c_0)^{\text{degree}}\f$.
struct polynomial {
  int degree = 2;     ///< the degree, \f$\ge 1\f$
  double gamma = 1;   ///< the scale \f$\gamma > 0\f$ of the inner product
  double coef0 = 1;   ///< the offset \f$c_0 \ge 0\f$
  /// \f$k(x, y)\f$ for two points (rows).
  template <class A, class B>
  auto operator()(const A& x, const B& y) const {
    return of_inner_product(x.dot(y));
  }
  /// \f$k\f$ as a function of \f$\langle x, y\rangle\f$ (shared with the Thrust backend).
  template <class T>
  MINIMAX_HOST_DEVICE T of_inner_product(T inner) const {
    const T base = static_cast<T>(gamma) * inner + static_cast<T>(coef0);
    T r = 1;
    for (int k = 0; k < degree; ++k) r *= base;
    return r;
  }
  /// Throws minimax::invalid_argument naming `function` for degree < 1, \f$\gamma \le 0\f$ or \f$c_0 < 0\f$.
  void validate(const char* function) const {
    if (degree < 1) raise_invalid_argument(function, "degree must be >= 1", degree);
    require_positive(function, "gamma", gamma);
    require_non_negative(function, "coef0", coef0);
  }
};

}  // namespace kernels

namespace detail {

// Sum of k over all pairs (i, j) of rows, with or without the diagonal i = j (for x == y).
template <class K, class DX, class DY>
typename DX::Scalar kernel_sum(const K& k, const Eigen::MatrixBase<DX>& x, const Eigen::MatrixBase<DY>& y,
                               bool same, bool diagonal) {
  using T = typename DX::Scalar;
  neumaier_sum<T> s;
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    if (same) {
      // k is symmetric: the pairs j < i count twice.
      for (Eigen::Index j = 0; j < i; ++j) s += 2 * k(x.row(i), y.row(j));
      if (diagonal) s += k(x.row(i), y.row(i));
    } else {
      for (Eigen::Index j = 0; j < y.rows(); ++j) s += k(x.row(i), y.row(j));
    }
  }
  return s.value();
}

}  // namespace detail

/// \brief The biased (V-statistic) estimate
/// \f$\widehat{\mathrm{MMD}}^2_b = \frac{1}{n^2}\sum_{i,j} k(x_i, x_j) + \frac{1}{m^2}\sum_{i,j} k(y_i, y_j)
/// - \frac{2}{nm}\sum_{i,j} k(x_i, y_j)\f$, the squared MMD between the two empirical
/// distributions: always \f$\ge 0\f$ (for a positive-definite kernel), but biased upwards.
/// \throws minimax::invalid_argument for an empty sample, samples of different dimensions,
/// non-finite entries, or bad kernel parameters.
template <class K, class DX, class DY>
typename DX::Scalar mmd2_biased(const Eigen::MatrixBase<DX>& x, const Eigen::MatrixBase<DY>& y, const K& kernel) {
  using T = typename DX::Scalar;
  constexpr const char* fn = "minimax::mmd2_biased";
  kernel.validate(fn);
  detail::require_clouds(fn, x, y);
  const T n = static_cast<T>(x.rows()), m = static_cast<T>(y.rows());
  return detail::kernel_sum(kernel, x, x, true, true) / (n * n) + detail::kernel_sum(kernel, y, y, true, true) / (m * m) -
         2 * detail::kernel_sum(kernel, x, y, false, false) / (n * m);
}

/// \brief The unbiased (U-statistic) estimate
/// \f$\widehat{\mathrm{MMD}}^2_u = \frac{1}{n(n-1)}\sum_{i \ne j} k(x_i, x_j) + \frac{1}{m(m-1)}\sum_{i \ne j}
/// k(y_i, y_j) - \frac{2}{nm}\sum_{i,j} k(x_i, y_j)\f$: its expectation is exactly
/// \f$\mathrm{MMD}^2(P, Q)\f$, so for \f$P = Q\f$ it is centred on 0 and is negative about half the time.
/// \throws minimax::invalid_argument for a sample of fewer than 2 points, samples of different
/// dimensions, non-finite entries, or bad kernel parameters.
template <class K, class DX, class DY>
typename DX::Scalar mmd2_unbiased(const Eigen::MatrixBase<DX>& x, const Eigen::MatrixBase<DY>& y, const K& kernel) {
  using T = typename DX::Scalar;
  constexpr const char* fn = "minimax::mmd2_unbiased";
  kernel.validate(fn);
  if (x.rows() < 2) raise_invalid_argument(fn, "x must have at least 2 rows (points)", x.rows());
  if (y.rows() < 2) raise_invalid_argument(fn, "y must have at least 2 rows (points)", y.rows());
  detail::require_clouds(fn, x, y);
  const T n = static_cast<T>(x.rows()), m = static_cast<T>(y.rows());
  return detail::kernel_sum(kernel, x, x, true, false) / (n * (n - 1)) +
         detail::kernel_sum(kernel, y, y, true, false) / (m * (m - 1)) -
         2 * detail::kernel_sum(kernel, x, y, false, false) / (n * m);
}

}  // namespace minimax
