#pragma once
/// \file
/// \brief Mode coverage of samples on a mixture with known modes (VEEGAN, Srivastava et al. 2017;
/// PacGAN, Lin et al. 2018).

#include <cmath>
#include <cstddef>
#include <limits>
#include <string>

#include <Eigen/Core>

#include "minimax/core/deferred.hpp"
#include "minimax/core/error.hpp"
#include "minimax/core/xlogy.hpp"
#include "minimax/prob/isotropic_mixture.hpp"

namespace minimax::metrics {

/// The result of mode_coverage().
struct mode_coverage_result {
  Eigen::VectorXi counts;             ///< high-quality samples assigned to each mode
  long modes_captured = 0;            ///< modes with at least one high-quality sample
  double high_quality_fraction = 0;   ///< high-quality samples / all samples
  double reverse_kl = 0;              ///< \f$\mathrm{KL}(q \,\|\, u)\f$, nats; \f$+\infty\f$ when no sample is high quality
};

/// \brief Mode coverage of `samples` (\f$n \times d\f$, one per row) on a mixture whose modes are
/// the rows of `modes` (\f$K \times d\f$), each with standard deviation \f$\sigma\f$.
///
/// Definitions of VEEGAN and PacGAN: a sample is *high quality* if its nearest mode is within
/// `threshold` \f$\cdot\,\sigma\f$ (3 by default) in Euclidean distance; a mode is *captured* if at
/// least one high-quality sample is assigned to it; the *reverse KL* is
/// \f$\mathrm{KL}(q\,\|\,u) = \sum_k q_k \log(K q_k)\f$, with \f$q\f$ the histogram of the
/// high-quality samples over the modes and \f$u\f$ the uniform distribution on the \f$K\f$ modes
/// (0 for perfect balance, \f$\log K\f$ when one mode takes everything; \f$+\infty\f$ by convention when
/// no sample is high quality, since \f$q\f$ is then undefined).
/// \throws minimax::invalid_argument for empty samples or modes, dimensions that differ, non-finite
/// values, \f$\sigma \le 0\f$ or a threshold \f$\le 0\f$.
template <class Unused = void>  // compiled only where called: see docs/building.md
mode_coverage_result mode_coverage(const Eigen::MatrixXd& samples, const Eigen::MatrixXd& modes, double sigma,
                                          double threshold = 3.0) {
  // The data as references of a dependent type: the Eigen expressions below are compiled where
  // mode_coverage is called.
  const auto& points = late<Unused>(samples);
  const auto& centres = late<Unused>(modes);
  constexpr const char* fn = "minimax::metrics::mode_coverage";
  require_non_empty(fn, "samples", static_cast<std::size_t>(points.rows()));
  require_non_empty(fn, "modes", static_cast<std::size_t>(centres.rows()));
  require_same_size(fn, "the dimensions of samples and modes (columns)", static_cast<std::size_t>(points.cols()),
                    static_cast<std::size_t>(centres.cols()));
  require_positive(fn, "sigma", sigma);
  require_positive(fn, "threshold", threshold);
  if (!points.allFinite()) raise_invalid_argument(fn, "samples must be finite", "a NaN or inf entry");
  if (!centres.allFinite()) raise_invalid_argument(fn, "modes must be finite", "a NaN or inf entry");

  mode_coverage_result r;
  r.counts = Eigen::VectorXi::Zero(centres.rows());
  const double radius2 = threshold * threshold * sigma * sigma;
  long good = 0;
  for (Eigen::Index i = 0; i < points.rows(); ++i) {
    Eigen::Index nearest = 0;
    const double d2 = (centres.rowwise() - points.row(i)).rowwise().squaredNorm().minCoeff(&nearest);
    if (d2 <= radius2) {
      ++r.counts[nearest];
      ++good;
    }
  }
  r.high_quality_fraction = static_cast<double>(good) / static_cast<double>(points.rows());
  r.modes_captured = (r.counts.array() > 0).count();
  if (good == 0) {
    r.reverse_kl = std::numeric_limits<double>::infinity();
  } else {
    const double K = static_cast<double>(centres.rows());
    double kl = 0;
    for (Eigen::Index k = 0; k < r.counts.size(); ++k) {
      const double q = r.counts[k] / static_cast<double>(good);
      kl += xlogy(q, K * q);
    }
    r.reverse_kl = kl > 0 ? kl : 0.0;  // KL >= 0; a rounding residue below 0 is not a value
  }
  return r;
}

/// \brief mode_coverage() on a Gaussian mixture of minimax::prob (ring, grid): its modes and \f$\sigma\f$.
template <class = void>  // compiled only where called: see docs/building.md
mode_coverage_result mode_coverage(const Eigen::MatrixXd& samples, const isotropic_mixture& mixture,
                                          double threshold = 3.0) {
  return mode_coverage(samples, mixture.modes(), mixture.sigma(), threshold);
}

}  // namespace minimax::metrics
