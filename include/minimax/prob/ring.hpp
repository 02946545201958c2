#pragma once
/// \file
/// \brief The ring of Gaussians: K isotropic 2-D Gaussians equally spaced on a circle.

#include <Eigen/Core>
#include <cmath>
#include <numbers>

#include "minimax/core/error.hpp"
#include "minimax/prob/isotropic_mixture.hpp"

namespace minimax {

/// \brief K isotropic Gaussians in the plane with modes \f$m_j = r(\cos\tfrac{2\pi j}{K}, \sin\tfrac{2\pi j}{K})\f$,
/// \f$j = 0, \dots, K-1\f$, standard deviation \f$\sigma\f$, equal weights \f$1/K\f$: the standard
/// mode-collapse benchmark (e.g. `ring(8, 2.0, 0.02)`).
///
/// pdf, log_pdf, sample, dimension and modes() come from isotropic_mixture.
/// \throws minimax::invalid_argument for K < 1, or a radius or \f$\sigma\f$ that is not positive and finite.
class ring : public isotropic_mixture {
 public:
  /// The ring of `k` modes on the circle of the given `radius`, each with standard deviation `sigma`.
  ring(Eigen::Index k, double radius, double sigma) : isotropic_mixture(make_modes(k, radius), sigma), radius_(radius) {}

  /// The radius r of the circle of modes.
  double radius() const noexcept { return radius_; }

 private:
  static Eigen::MatrixXd make_modes(Eigen::Index k, double radius) {
    if (k < 1) raise_invalid_argument("minimax::ring", "the number of modes k must be positive", k);
    require_positive("minimax::ring", "radius", radius);
    Eigen::MatrixXd modes(k, 2);
    for (Eigen::Index j = 0; j < k; ++j) {
      const double angle = 2 * std::numbers::pi * static_cast<double>(j) / static_cast<double>(k);
      modes(j, 0) = radius * std::cos(angle);
      modes(j, 1) = radius * std::sin(angle);
    }
    return modes;
  }

  double radius_;
};

}  // namespace minimax
