#pragma once
/// \file
/// \brief minimax::estimate: a computed quantity with its numerical error estimate.

namespace minimax {

/// \brief A value computed by summation or quadrature, with an estimate of its absolute error.
///
/// For pmfs the error is the rounding bound \f$4\varepsilon\sum_i|t_i|\f$ of the compensated sum
/// of the terms \f$t_i\f$; for densities it is the quadrature's estimate (the difference of the last
/// two refinement levels, summed over the pieces the real line is split into) plus a rounding floor
/// of \f$8\varepsilon\int|f|\f$ per piece. It converts to `double` so that
/// `double c = virtual_training_criterion(p, q);` reads like the mathematics.
struct estimate {
  double value = 0;           ///< the computed value
  double error_estimate = 0;  ///< its estimated absolute error (\f$\ge 0\f$)
  /// The value.
  constexpr operator double() const noexcept { return value; }
};

}  // namespace minimax
