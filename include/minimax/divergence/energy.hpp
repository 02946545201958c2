#pragma once
/// \file
/// \brief The energy distance between two samples in any dimension.
///
/// \f[ D^2(P, Q) = 2\,\mathbb E\|X - Y\| - \mathbb E\|X - X'\| - \mathbb E\|Y - Y'\|, \f]
/// with the Euclidean norm; in one dimension \f$D^2 = 2\int (F - G)^2\,dx\f$.

#include <algorithm>
#include <cmath>

#include <Eigen/Core>

#include "minimax/core/summation.hpp"
#include "minimax/divergence/cost.hpp"

namespace minimax {

/// \brief The energy distance \f$D\f$ (not \f$D^2\f$) between the empirical distributions of `x`
/// (\f$n \times d\f$) and `y` (\f$m \times d\f$), one point per row:
/// \f$D^2 = \frac{2}{nm}\sum_{i,j}\|x_i - y_j\| - \frac{1}{n^2}\sum_{i,j}\|x_i - x_j\| -
/// \frac{1}{m^2}\sum_{i,j}\|y_i - y_j\|\f$ (the V-statistic: all pairs, so that in 1-D
/// \f$D^2 = 2\int(F_n - G_m)^2\f$ exactly). \f$D^2\f$ is \f$\ge 0\f$ in exact arithmetic; a
/// rounding-size negative value is clamped to 0 before the square root. Cost \f$O((n+m)^2 d)\f$.
/// Scales: \f$D(cx, cy) = \sqrt c\,D(x, y)\f$, so samples whose largest entry is outside
/// \f$[2^{-250}, 2^{250}]\f$ are divided by a power \f$4^k\f$ bringing it near 1 (exact) and the
/// result is multiplied by \f$2^k\f$: points at \f$\pm 10^{200}\f$ give their distance, not
/// \f$\infty\f$ or NaN.
/// \throws minimax::invalid_argument for an empty sample, samples of different dimensions or
/// non-finite entries.
template <class DX, class DY>
typename DX::Scalar energy_distance(const Eigen::MatrixBase<DX>& x, const Eigen::MatrixBase<DY>& y) {
  using T = typename DX::Scalar;
  using std::sqrt;
  detail::require_clouds("minimax::energy_distance", x, y);
  const T largest = std::max(x.cwiseAbs().maxCoeff(), y.cwiseAbs().maxCoeff());
  if (largest > T(0) && (largest > std::ldexp(T(1), 250) || largest < std::ldexp(T(1), -250))) {
    const int k = std::ilogb(largest) / 2;
    using M = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;
    const M xs = x.derived().unaryExpr([k](T v) { return std::scalbn(v, -2 * k); });
    const M ys = y.derived().unaryExpr([k](T v) { return std::scalbn(v, -2 * k); });
    return std::scalbn(energy_distance(xs, ys), k);
  }
  auto pair_sum = [](const auto& p, const auto& q, bool same) {
    neumaier_sum<T> s;
    for (Eigen::Index i = 0; i < p.rows(); ++i) {
      if (same) {
        for (Eigen::Index j = 0; j < i; ++j) s += 2 * (p.row(i) - q.row(j)).norm();
      } else {
        for (Eigen::Index j = 0; j < q.rows(); ++j) s += (p.row(i) - q.row(j)).norm();
      }
    }
    return s.value();
  };
  const T n = static_cast<T>(x.rows()), m = static_cast<T>(y.rows());
  const T d2 = 2 * pair_sum(x, y, false) / (n * m) - pair_sum(x, x, true) / (n * n) - pair_sum(y, y, true) / (m * m);
  return sqrt(std::max(d2, T(0)));
}

}  // namespace minimax
