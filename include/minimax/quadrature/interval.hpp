#pragma once
/// \file
/// \brief A closed interval \f$[a, b]\f$ of the extended real line: supports and integration domains.

#include <cmath>
#include <limits>
#include <type_traits>

#include "minimax/core/concepts.hpp"

namespace minimax {

/// \brief The interval \f$[\mathrm{lower}, \mathrm{upper}]\f$; either end may be infinite.
///
/// It is what support() returns for a distribution (\f$(-\infty, \infty)\f$ for a normal,
/// \f$[a, b]\f$ for a uniform, \f$[x_0, x_0]\f$ for a point mass) and what integrate() accepts as a
/// domain. It is a plain aggregate: it does not validate itself; the functions taking one do.
template <Real T = double>
struct interval {
  T lower;  ///< \f$a\f$, possibly \f$-\infty\f$
  T upper;  ///< \f$b\f$, possibly \f$+\infty\f$

  /// \f$x \in [a, b]\f$ (false for NaN).
  constexpr bool contains(T x) const noexcept { return lower <= x && x <= upper; }
  /// \f$b - a\f$ (\f$+\infty\f$ when an end is infinite).
  constexpr T length() const noexcept { return upper - lower; }
  /// Both ends finite.
  bool is_bounded() const noexcept { return std::isfinite(lower) && std::isfinite(upper); }
  /// Memberwise equality.
  friend constexpr bool operator==(const interval&, const interval&) = default;
};

namespace detail {
/// The floating type a pair of constructor arguments deduces: integers count as double.
template <class A, class B>
using deduced_real_t = std::common_type_t<std::conditional_t<std::is_integral_v<A>, double, A>,
                                          std::conditional_t<std::is_integral_v<B>, double, B>>;
}  // namespace detail

/// Deduces `interval<double>` from `interval{0, 1}` or `interval{0, 1.5}`, `interval<float>` from floats.
template <class A, class B>
interval(A, B) -> interval<detail::deduced_real_t<A, B>>;

/// \brief The whole real line \f$(-\infty, \infty)\f$.
template <Real T = double>
constexpr interval<T> real_line() noexcept {
  return {-std::numeric_limits<T>::infinity(), std::numeric_limits<T>::infinity()};
}

}  // namespace minimax
