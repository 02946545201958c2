#pragma once
/// \file
/// \brief Ground costs for optimal transport between point clouds, and the cost matrix they build.
///
/// A point cloud is an \f$N \times d\f$ matrix, one point per row. Costs are named, never implied:
/// costs::euclidean is \f$c(x, y) = \|x - y\|_2\f$ (the cost of \f$W_1\f$), costs::sq_euclidean is
/// \f$c(x, y) = \|x - y\|_2^2\f$ (the cost whose optimal value is \f$W_2^2\f$).

#include <algorithm>
#include <cmath>
#include <limits>
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
  /// \f$c\f$ from the distance \f$r = \|x - y\|_2\f$ itself: \f$r\f$ (used by cost_matrix() when
  /// \f$r^2\f$ would overflow or underflow).
  template <class T>
  MINIMAX_HOST_DEVICE constexpr T of_distance(T distance) const {
    return distance;
  }
};

/// \brief The squared Euclidean distance \f$c(x, y) = \|x - y\|_2^2\f$; its optimal cost is \f$W_2^2\f$.
struct sq_euclidean {
  /// \f$\|x - y\|_2^2\f$, returned as it is.
  template <class T>
  MINIMAX_HOST_DEVICE constexpr T operator()(T squared_distance) const {
    return squared_distance;
  }
  /// \f$c\f$ from the distance \f$r\f$: \f$r^2\f$ (\f$+\infty\f$ when it overflows; cost_matrix() then says so).
  template <class T>
  MINIMAX_HOST_DEVICE constexpr T of_distance(T distance) const {
    return distance * distance;
  }
};

}  // namespace costs

/// \brief A ground cost as costs::euclidean and costs::sq_euclidean are: a callable mapping the
/// squared Euclidean distance \f$\|x - y\|_2^2\f$ to the cost \f$c(x, y)\f$. A cost may also have
/// `of_distance(r)`, the cost from the distance \f$r\f$ itself, which cost_matrix() uses where
/// \f$r^2\f$ is out of the floating-point range (costs without it get \f$c(r \cdot r)\f$ there).
template <class C>
concept GroundCost = std::is_class_v<C> && requires(const C& c, double s) {
  { c(s) } -> std::floating_point;
};

namespace detail {

// The cost between rows i of x and j of y: from the squared distance summed as it is when that is a
// normal number; else (a difference whose square overflows or underflows) from the distance
// r = s * sqrt(sum (diff / s)^2), s the largest |difference|, through cost.of_distance(r) where
// the cost has it. A cost that is still not finite is an error naming the points and the distance.
template <class Cost, class DX, class DY>
typename DX::Scalar pair_cost(const char* function, const Cost& cost, const Eigen::MatrixBase<DX>& x, Eigen::Index i,
                              const Eigen::MatrixBase<DY>& y, Eigen::Index j) {
  using T = typename DX::Scalar;
  using std::abs;
  using std::sqrt;
  T s = 0, widest = 0;
  for (Eigen::Index k = 0; k < x.cols(); ++k) {
    const T diff = x(i, k) - y(j, k);
    s += diff * diff;
    widest = std::max(widest, abs(diff));
  }
  T c, r = sqrt(s);
  if (widest == T(0) || (s >= std::numeric_limits<T>::min() && s <= std::numeric_limits<T>::max())) {
    c = cost(s);
  } else {
    // A difference that overflows (x and y near the largest double, of opposite signs) is taken halved.
    const bool halve = !(widest <= std::numeric_limits<T>::max());
    if (halve) {
      widest = 0;
      for (Eigen::Index k = 0; k < x.cols(); ++k) widest = std::max(widest, abs(x(i, k) / 2 - y(j, k) / 2));
    }
    T t = 0;
    for (Eigen::Index k = 0; k < x.cols(); ++k) {
      const T diff = (halve ? x(i, k) / 2 - y(j, k) / 2 : x(i, k) - y(j, k)) / widest;
      t += diff * diff;
    }
    r = widest * sqrt(t) * (halve ? T(2) : T(1));
    if constexpr (requires { cost.of_distance(r); }) {
      c = static_cast<T>(cost.of_distance(r));
    } else {
      c = cost(r * r);
    }
  }
  if (!(c - c == T(0))) {
    raise_invalid_argument(function,
                           "the cost between x.row(" + to_text(i) + ") and y.row(" + to_text(j) +
                               ") is not finite (the points are too far apart for the ground cost); their distance",
                           r);
  }
  return c;
}

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
/// \f$C_{ii} = 0\f$ exactly for identical points. Where \f$\|x_i - y_j\|^2\f$ overflows or underflows
/// (points near \f$\pm 10^{200}\f$, or closer than \f$10^{-160}\f$), the distance is computed with
/// the differences divided by the largest of them (as hypot does) and the cost taken from it by
/// `cost.of_distance` when the cost has that member: costs::euclidean gives \f$2\cdot 10^{200}\f$
/// for points at \f$\pm 10^{200}\f$; costs::sq_euclidean, whose value \f$4\cdot 10^{400}\f$ is not a
/// double, is an error that says so.
/// \throws minimax::invalid_argument for an empty cloud, clouds of different dimensions, a
/// non-finite coordinate, or a cost that is not finite for finite points (the message names the
/// two rows).
template <GroundCost Cost, class DX, class DY>
Eigen::Matrix<typename DX::Scalar, Eigen::Dynamic, Eigen::Dynamic> cost_matrix(const Eigen::MatrixBase<DX>& x,
                                                                               const Eigen::MatrixBase<DY>& y,
                                                                               Cost cost = Cost{}) {
  using T = typename DX::Scalar;
  detail::require_clouds("minimax::cost_matrix", x, y);
  const Eigen::Index n = x.rows(), m = y.rows();
  Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic> c(n, m);
  for (Eigen::Index j = 0; j < m; ++j) {
    for (Eigen::Index i = 0; i < n; ++i) {
      c(i, j) = detail::pair_cost("minimax::cost_matrix", cost, x, i, y, j);
    }
  }
  return c;
}

}  // namespace minimax
