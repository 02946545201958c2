#pragma once
/// \file
/// \brief The inception score (Salimans et al. 2016) from a classifier's class probabilities.

#include <cmath>
#include <cstddef>
#include <string>

#include <Eigen/Core>

#include "minimax/core/error.hpp"
#include "minimax/core/summation.hpp"
#include "minimax/core/xlogy.hpp"

namespace minimax::metrics {

/// \brief \f$\mathrm{IS} = \exp\big(\mathbb{E}_x\,\mathrm{KL}(p(y\mid x)\,\|\,p(y))\big)\f$ from the rows of
/// `probabilities` (\f$n \times C\f$, row \f$i\f$ is \f$p(y \mid x_i)\f$), with
/// \f$p(y) = \frac1n\sum_i p(y \mid x_i)\f$.
///
/// \f$1 \le \mathrm{IS} \le C\f$: 1 when every row is the same distribution, \f$C\f$ when the rows are
/// one-hot and the classes equally frequent. \f$0 \log 0 = 0\f$. No row is renormalised: each must
/// be a probability vector (entries in \f$[0, 1]\f$ summing to 1 within `tolerance`).
/// \throws minimax::invalid_argument for a tolerance that is NaN, negative or not below 1, an empty
/// matrix, or a row that is not a probability vector.
inline double inception_score(const Eigen::MatrixXd& probabilities, double tolerance = 1e-9) {
  constexpr const char* fn = "minimax::metrics::inception_score";
  // checked first, so that a bad tolerance is never reported as bad data
  if (!(tolerance >= 0.0 && tolerance < 1.0)) raise_invalid_argument(fn, "tolerance must lie in [0, 1)", tolerance);
  require_non_empty(fn, "probabilities", static_cast<std::size_t>(probabilities.size()));
  for (Eigen::Index i = 0; i < probabilities.rows(); ++i) {
    for (Eigen::Index c = 0; c < probabilities.cols(); ++c) {
      const double p = probabilities(i, c);
      if (!(p >= 0.0 && p <= 1.0)) {
        raise_invalid_argument(fn, "entry (" + detail::to_text(i) + ", " + detail::to_text(c) + ") must lie in [0, 1]", p);
      }
    }
    const double sum = compensated_sum(probabilities.row(i));
    if (!(std::abs(sum - 1.0) <= tolerance)) {
      raise_invalid_argument(fn, "row " + detail::to_text(i) + " must sum to 1", sum);
    }
  }
  const Eigen::RowVectorXd marginal = probabilities.colwise().mean();
  neumaier_sum<double> kl;
  for (Eigen::Index i = 0; i < probabilities.rows(); ++i) {
    for (Eigen::Index c = 0; c < probabilities.cols(); ++c) {
      const double p = probabilities(i, c);
      kl += xlogy(p, p) - xlogy(p, marginal[c]);
    }
  }
  const double mean_kl = kl.value() / static_cast<double>(probabilities.rows());
  return std::exp(mean_kl > 0 ? mean_kl : 0.0);  // the mean KL is >= 0; rounding must not push IS below 1
}

}  // namespace minimax::metrics
