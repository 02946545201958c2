#pragma once
/// \file
/// \brief Validation of the mass vectors (histograms, sample weights) that the transport
/// functions take: finite, non-negative, and summing to what the caller says. Nothing is ever
/// normalised here: a vector that does not meet the contract is rejected with a message.

#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <string_view>

#include <Eigen/Core>

#include "minimax/core/error.hpp"
#include "minimax/core/summation.hpp"

namespace minimax {

/// \brief The tolerance on a total mass: \f$|\sum_i w_i - 1| \le \sqrt{\varepsilon_T}\f$
/// (about \f$1.5\cdot 10^{-8}\f$ for double, \f$3.5\cdot 10^{-4}\f$ for float).
template <class T>
T mass_tolerance() {
  using std::sqrt;
  return sqrt(std::numeric_limits<T>::epsilon());
}

namespace detail {

/// Throws unless `w` is a vector (one row or one column: a matrix is never flattened), every entry
/// is finite and non-negative and `w` is not empty; returns the compensated total.
template <class Derived>
typename Derived::Scalar checked_total(std::string_view function, std::string_view name,
                                       const Eigen::MatrixBase<Derived>& w) {
  using T = typename Derived::Scalar;
  require_vector(function, name, w.rows(), w.cols());
  require_non_empty(function, name, static_cast<std::size_t>(w.size()));
  neumaier_sum<T> total;
  for (Eigen::Index i = 0; i < w.size(); ++i) {
    const T x = w(i);
    if (!(x >= T(0)) || !(x - x == T(0))) {
      raise_invalid_argument(function, std::string(name) + "[" + to_text(i) + "] must be non-negative and finite", x);
    }
    total += x;
  }
  return total.value();
}

/// Throws unless `w` is a probability vector: finite, non-negative, \f$|\sum w - 1| \le \sqrt\varepsilon\f$.
template <class Derived>
void require_probability(std::string_view function, std::string_view name, const Eigen::MatrixBase<Derived>& w) {
  using T = typename Derived::Scalar;
  const T total = checked_total(function, name, w);
  if (!(std::abs(total - T(1)) <= mass_tolerance<T>())) {
    raise_invalid_argument(function, std::string(name) + " must sum to 1 (weights are never normalised silently)",
                           total);
  }
}

/// Throws unless `a` and `b` are valid mass vectors with equal totals (relative tolerance
/// \f$\sqrt\varepsilon\f$) and a positive total; returns the total of `a`.
template <class DA, class DB>
typename DA::Scalar require_balanced(std::string_view function, const Eigen::MatrixBase<DA>& a,
                                     const Eigen::MatrixBase<DB>& b) {
  using T = typename DA::Scalar;
  const T ta = checked_total(function, "a", a);
  const T tb = checked_total(function, "b", b);
  if (!(ta > T(0))) raise_invalid_argument(function, "the total mass of a must be positive", ta);
  if (!(std::abs(ta - tb) <= mass_tolerance<T>() * ta)) {
    raise_invalid_argument(function, "a and b must have the same total mass (they are never rescaled)",
                           to_text(ta) + " and " + to_text(tb));
  }
  return ta;
}

}  // namespace detail
}  // namespace minimax
