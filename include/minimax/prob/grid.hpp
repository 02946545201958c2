#pragma once
/// \file
/// \brief The grid of Gaussians: K×K isotropic 2-D Gaussians on a square lattice centred at 0.

#include <Eigen/Core>

#include "minimax/core/error.hpp"
#include "minimax/prob/isotropic_mixture.hpp"

namespace minimax {

/// \brief \f$K^2\f$ isotropic Gaussians in the plane with modes \f$(c_i, c_j)\f$,
/// \f$c_i = (i - \tfrac{K-1}{2})\,s\f$ for \f$i, j = 0, \dots, K-1\f$ (spacing s, symmetric about 0),
/// standard deviation \f$\sigma\f$, equal weights \f$1/K^2\f$. `grid(5, 2.0, 0.05)` has its modes at
/// \f$\{-4, -2, 0, 2, 4\}^2\f$. Mode \f$(c_i, c_j)\f$ is row \f$iK + j\f$ of modes().
///
/// pdf, log_pdf, sample, dimension and modes() come from isotropic_mixture.
/// \throws minimax::invalid_argument for K < 1, or a spacing or \f$\sigma\f$ that is not positive and finite.
class grid : public isotropic_mixture {
 public:
  /// The `k`×`k` grid with the given `spacing`, each mode with standard deviation `sigma`.
  grid(Eigen::Index k, double spacing, double sigma) : isotropic_mixture(make_modes(k, spacing), sigma), spacing_(spacing) {}

  /// The spacing s between neighbouring modes.
  double spacing() const noexcept { return spacing_; }

 private:
  static Eigen::MatrixXd make_modes(Eigen::Index k, double spacing) {
    if (k < 1) raise_invalid_argument("minimax::grid", "the number of modes per side k must be positive", k);
    require_positive("minimax::grid", "spacing", spacing);
    Eigen::MatrixXd modes(k * k, 2);
    for (Eigen::Index i = 0; i < k; ++i) {
      for (Eigen::Index j = 0; j < k; ++j) {
        // (2i - (k - 1)) / 2 is exact in binary: the grid is symmetric about 0 to the last bit
        modes(i * k + j, 0) = static_cast<double>(2 * i - (k - 1)) / 2 * spacing;
        modes(i * k + j, 1) = static_cast<double>(2 * j - (k - 1)) / 2 * spacing;
      }
    }
    return modes;
  }

  double spacing_;
};

}  // namespace minimax
