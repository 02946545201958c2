#pragma once
/// \file
/// \brief Ground costs for optimal transport between point clouds, and the cost matrix they build.
///
/// A point cloud is an \f$N \times d\f$ matrix, one point per row. Costs are named, never implied:
/// costs::euclidean is \f$c(x, y) = \|x - y\|_2\f$ (the cost of \f$W_1\f$), costs::sq_euclidean is
/// \f$c(x, y) = \|x - y\|_2^2\f$ (the cost whose optimal value is \f$W_2^2\f$).

#include <cmath>
#include <concepts>
#include <cstddef>
#include <type_traits>
#include <string>

#include <Eigen/Core>

#include "minimax/core/config.hpp"
#include "minimax/core/error.hpp"

namespace minimax {

/// Named ground costs \f$c(x, y)\f$ for the transport functions.
namespace costs {

/// \brief The Euclidean distance \f$c(x, y) = \|x - y\|_2\f$; optimal transport with it gives \f$W_1\f$.
struct euclidean {
  /// \f$\|x - y\|_2\f$ from the squared distance.
  template <class T>
  MINIMAX_HOST_DEVICE T operator()(T squared_distance) const {
    using std::sqrt;
    return sqrt(squared_distance);
  }
};

/// \brief The squared Euclidean distance \f$c(x, y) = \|x - y\|_2^2\f$; its optimal cost is \f$W_2^2\f$.
struct sq_euclidean {
  /// \f$\|x - y\|_2^2\f$, returned as it is.
  template <class T>
  MINIMAX_HOST_DEVICE constexpr T operator()(T squared_distance) const {
    return squared_distance;
  }
};

}  // namespace costs

/// \brief A ground cost as costs::euclidean and costs::sq_euclidean are: a callable mapping the
/// squared Euclidean distance \f$\|x - y\|_2^2\f$ to the cost \f$c(x, y)\f$.
template <class C>
concept GroundCost = std::is_class_v<C> && requires(const C& c, double s) {
  { c(s) } -> std::floating_point;
};

namespace detail {
template <class DX, class DY>
void require_clouds(const char* function, const Eigen::MatrixBase<DX>& x, const Eigen::MatrixBase<DY>& y) {
  require_non_empty(function, "x (rows)", static_cast<std::size_t>(x.rows()));
  require_non_empty(function, "y (rows)", static_cast<std::size_t>(y.rows()));
  require_non_empty(function, "x (columns: the dimension)", static_cast<std::size_t>(x.cols()));
  require_same_size(function, "the dimensions of x and y (columns)", static_cast<std::size_t>(x.cols()),
                    static_cast<std::size_t>(y.cols()));
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    const auto v = x.derived().coeff(i % x.rows(), i / x.rows());
    if (!(v - v == 0)) raise_invalid_argument(function, "x must be finite", v);
  }
  for (Eigen::Index i = 0; i < y.size(); ++i) {
    const auto v = y.derived().coeff(i % y.rows(), i / y.rows());
    if (!(v - v == 0)) raise_invalid_argument(function, "y must be finite", v);
  }
}
}  // namespace detail

/// \brief The \f$N \times M\f$ matrix \f$C_{ij} = c(x_i, y_j)\f$ between the rows of `x`
/// (\f$N \times d\f$) and of `y` (\f$M \times d\f$).
///
/// The squared distances are summed coordinate by coordinate (never as
/// \f$\|x\|^2 + \|y\|^2 - 2x\cdot y\f$, which cancels catastrophically for close points), so
/// \f$C_{ii} = 0\f$ exactly for identical points.
/// \throws minimax::invalid_argument for an empty cloud, clouds of different dimensions, or a
/// non-finite coordinate.
template <GroundCost Cost, class DX, class DY>
Eigen::Matrix<typename DX::Scalar, Eigen::Dynamic, Eigen::Dynamic> cost_matrix(const Eigen::MatrixBase<DX>& x,
                                                                               const Eigen::MatrixBase<DY>& y,
                                                                               Cost cost = Cost{}) {
  using T = typename DX::Scalar;
  detail::require_clouds("minimax::cost_matrix", x, y);
  const Eigen::Index n = x.rows(), m = y.rows(), d = x.cols();
  Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic> c(n, m);
  for (Eigen::Index j = 0; j < m; ++j) {
    for (Eigen::Index i = 0; i < n; ++i) {
      T s = 0;
      for (Eigen::Index k = 0; k < d; ++k) {
        const T diff = x(i, k) - y(j, k);
        s += diff * diff;
      }
      c(i, j) = cost(s);
    }
  }
  return c;
}

}  // namespace minimax
