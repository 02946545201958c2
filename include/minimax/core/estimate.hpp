#pragma once
/// \file
/// \brief The library's two result types for a number that is not exact: minimax::estimate (a value
/// with an estimate of its absolute error, from summation or quadrature) and minimax::mean_estimate
/// (a Monte Carlo mean with its standard error).

#include "minimax/core/concepts.hpp"

namespace minimax {

/// \brief A value computed by summation or quadrature, with an estimate of its absolute error.
///
/// For pmfs the error is the rounding bound \f$4\varepsilon\sum_i|t_i|\f$ of the compensated sum
/// of the terms \f$t_i\f$; for densities it is the quadrature's estimate (the difference of the last
/// two refinement levels, summed over the pieces the real line is split into) plus a rounding floor
/// of \f$8\varepsilon\int|f|\f$ per piece. It converts to `T` so that
/// `double c = virtual_training_criterion(p, q);` reads like the mathematics. minimax::quadrature_result
/// is one too, with the quadrature's diagnostics beside it; the theory and the proofs compute with
/// minimax::estimate.
template <Real T = double>
struct basic_estimate {
  T value = 0;           ///< the computed value
  T error_estimate = 0;  ///< its estimated absolute error (\f$\ge 0\f$)
  /// The value.
  constexpr operator T() const noexcept { return value; }
};

/// A value in double precision with its estimated absolute error.
using estimate = basic_estimate<double>;

/// \brief A Monte Carlo estimate: the mean of \f$m\f$ independent values \f$x_j\f$ with its
/// standard error \f$s/\sqrt{m}\f$ (\f$s\f$ the sample standard deviation; 0 for a single value).
///
/// Unlike minimax::estimate, whose error bounds a deterministic computation's error, the standard
/// error is a statistical spread: the mean is within \f$\pm 1.96\f$ standard errors of the expectation
/// about 95% of the time. The metrics (minimax::metrics::parzen_log_likelihood, the kernel
/// inception distance, the perceptual path length) report it.
struct mean_estimate {
  double mean = 0;            ///< the mean
  double standard_error = 0;  ///< \f$s/\sqrt{m}\f$; 0 for a single value
};

}  // namespace minimax
