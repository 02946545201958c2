#pragma once
/// \file
/// \brief The Parzen-window log-likelihood of Goodfellow et al. (2014), with the window chosen on
/// validation samples.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

#include <Eigen/Core>

#include "minimax/core/error.hpp"
#include "minimax/core/estimate.hpp"
#include "minimax/core/logsumexp.hpp"
#include "minimax/core/summation.hpp"

namespace minimax::metrics {

/// The former name of minimax::mean_estimate (a mean with its standard error).
using estimate [[deprecated("minimax::metrics::estimate is minimax::mean_estimate")]] = mean_estimate;

/// \brief The mean log-likelihood of `test` points under a Parzen window (isotropic Gaussian kernel,
/// bandwidth \f$\sigma\f$) on `generated` points, with its standard error:
/// \f[ \log \hat p(x) = \log\frac1n\sum_{i=1}^{n} \mathcal{N}(x;\, g_i, \sigma^2 I_d)
///     = \operatorname{logsumexp}_i\Big(-\frac{\|x - g_i\|^2}{2\sigma^2}\Big) - \log n - \frac d2\log(2\pi\sigma^2). \f]
///
/// Computed in log space (a test point far from every generated point gets a large negative but
/// finite value, not \f$\log 0\f$). Rows are points. Any positive finite \f$\sigma\f$ works: where
/// \f$2\sigma^2\f$ or a squared distance is out of the floating-point range (\f$\sigma = 10^{-200}\f$,
/// points at \f$10^{200}\f$), the exponents are formed from the differences in units of \f$\sigma\f$
/// and the constant as \f$-\log n - \frac d2\log 2\pi - d\log\sigma\f$.
/// \throws minimax::invalid_argument for empty inputs, dimensions that differ, non-finite values or
/// \f$\sigma \le 0\f$.
template <class = void>  // compiled only where called: see docs/building.md
mean_estimate parzen_log_likelihood(const Eigen::MatrixXd& generated, const Eigen::MatrixXd& test, double sigma) {
  constexpr const char* fn = "minimax::metrics::parzen_log_likelihood";
  require_non_empty(fn, "generated", static_cast<std::size_t>(generated.rows()));
  require_non_empty(fn, "test", static_cast<std::size_t>(test.rows()));
  require_same_size(fn, "the dimensions of generated and test (columns)", static_cast<std::size_t>(generated.cols()),
                    static_cast<std::size_t>(test.cols()));
  require_positive(fn, "sigma", sigma);
  if (!generated.allFinite() || !test.allFinite()) raise_invalid_argument(fn, "points must be finite", "a NaN or inf entry");
  const double n = static_cast<double>(generated.rows()), d = static_cast<double>(generated.cols());
  // Out of range: 2 sigma^2 not a normal number, or a point so large that squared distances may overflow.
  const double two_var = 2 * sigma * sigma;
  const double largest = std::max(generated.cwiseAbs().maxCoeff(), test.cwiseAbs().maxCoeff());
  const bool scaled = !(two_var >= std::numeric_limits<double>::min() && two_var <= std::numeric_limits<double>::max()) ||
                      largest > 1e150;
  const double constant = scaled ? -std::log(n) - 0.5 * d * std::log(2 * M_PI) - d * std::log(sigma)
                                 : -std::log(n) - 0.5 * d * std::log(2 * M_PI * sigma * sigma);
  std::vector<double> exponents(static_cast<std::size_t>(generated.rows()));
  std::vector<double> values(static_cast<std::size_t>(test.rows()));
  for (Eigen::Index j = 0; j < test.rows(); ++j) {
    for (Eigen::Index i = 0; i < generated.rows(); ++i) {
      exponents[static_cast<std::size_t>(i)] =
          scaled ? -((generated.row(i) - test.row(j)) / sigma).squaredNorm() / 2
                 : -(generated.row(i) - test.row(j)).squaredNorm() / two_var;
    }
    values[static_cast<std::size_t>(j)] = logsumexp(exponents) + constant;
  }
  mean_estimate e;
  const double m = static_cast<double>(values.size());
  e.mean = compensated_sum(values) / m;
  if (values.size() > 1) {
    neumaier_sum<double> squares;
    for (double v : values) squares += (v - e.mean) * (v - e.mean);
    e.standard_error = std::sqrt(squares.value() / (m - 1) / m);
  }
  return e;
}

/// \brief The bandwidth among `candidates` that maximises the mean Parzen log-likelihood of the
/// `validation` points (Goodfellow et al. choose \f$\sigma\f$ this way, then report the test value).
/// \throws minimax::invalid_argument for no candidates, or as parzen_log_likelihood().
template <class = void>  // compiled only where called: see docs/building.md
double parzen_select_sigma(const Eigen::MatrixXd& generated, const Eigen::MatrixXd& validation,
                                  const std::vector<double>& candidates) {
  require_non_empty("minimax::metrics::parzen_select_sigma", "candidates", candidates.size());
  double best = candidates.front(), best_value = -std::numeric_limits<double>::infinity();
  for (double sigma : candidates) {
    const double value = parzen_log_likelihood(generated, validation, sigma).mean;
    if (value > best_value) {
      best_value = value;
      best = sigma;
    }
  }
  return best;
}

}  // namespace minimax::metrics
