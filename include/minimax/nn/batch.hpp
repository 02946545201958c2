#pragma once
/// \file
/// \brief The matrix types networks work on (one column per sample) and their input checks.
///
/// A batch of \f$n\f$ samples of dimension \f$d\f$ is a \f$d \times n\f$ matrix with the row count
/// fixed at compile time and the column count (the batch size) chosen at run time: columns are
/// contiguous, so each sample is read in one sweep, and a layer of any width never puts a large
/// fixed-size matrix on the stack.

#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>

#include <Eigen/Core>

#include "minimax/core/dual.hpp"
#include "minimax/core/error.hpp"

namespace minimax::nn {

/// A batch: `Rows` features (fixed) by a run-time number of samples, one per column.
template <class T, int Rows>
using batch = Eigen::Matrix<T, Rows, Eigen::Dynamic>;

/// A column vector of run-time size (parameter vectors, gradients).
template <class T>
using vector = Eigen::Matrix<T, Eigen::Dynamic, 1>;

/// The input size of a layer whose output has the size of its input (activations).
inline constexpr int inherit_size = 0;

namespace detail {

/// Whether every entry of `m` is finite (the value part, for dual numbers).
template <class Derived>
bool all_finite(const Eigen::DenseBase<Derived>& m) {
  using std::isfinite;
  if constexpr (std::is_floating_point_v<typename Derived::Scalar>) {
    // x * 0 is 0 for every finite x and NaN otherwise: one vectorised sum decides
    return (m.derived().array() * typename Derived::Scalar(0)).sum() == typename Derived::Scalar(0);
  } else {
    for (Eigen::Index j = 0; j < m.cols(); ++j) {
      for (Eigen::Index i = 0; i < m.rows(); ++i) {
        if (!isfinite(value_of(m(i, j)))) return false;
      }
    }
    return true;
  }
}

/// Throws minimax::invalid_argument naming the first non-finite entry of `m` (value part for duals).
template <class Derived>
void require_all_finite(std::string_view function, std::string_view name, const Eigen::DenseBase<Derived>& m) {
  using std::isfinite;
  if (all_finite(m)) return;  // the loop below runs only to name the bad entry
  for (Eigen::Index j = 0; j < m.cols(); ++j) {
    for (Eigen::Index i = 0; i < m.rows(); ++i) {
      const auto v = value_of(m(i, j));
      if (!isfinite(v)) {
        std::string where(name);
        if (m.cols() == 1) {
          where += "[" + minimax::detail::to_text(i) + "]";
        } else if (m.rows() == 1) {
          where += "[" + minimax::detail::to_text(j) + "]";
        } else {
          where += "(" + minimax::detail::to_text(i) + ", " + minimax::detail::to_text(j) + ")";
        }
        raise_invalid_argument(function, where + " must be finite", v);
      }
    }
  }
}

/// Throws unless `x` has `rows` rows and at least one column.
template <class Derived>
void require_batch_shape(std::string_view function, std::string_view name, const Eigen::DenseBase<Derived>& x,
                         Eigen::Index rows) {
  if (x.rows() != rows) {
    raise_invalid_argument(function,
                           std::string(name) + " must have " + minimax::detail::to_text(rows) + " rows (one column per sample)",
                           x.rows());
  }
  if (x.cols() == 0) raise_invalid_argument(function, std::string(name) + " must hold at least one sample", x.cols());
}

}  // namespace detail
}  // namespace minimax::nn
