#pragma once
/// \file
/// \brief Equal-weight mixtures of isotropic Gaussians on \f$\mathbb{R}^d\f$: the base of ring and grid.

#include <Eigen/Core>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <numbers>
#include <string>

#include "minimax/core/deferred.hpp"
#include "minimax/core/error.hpp"
#include "minimax/core/logsumexp.hpp"
#include "minimax/prob/detail/common.hpp"
#include "minimax/prob/random.hpp"

namespace minimax {

/// \brief \f$p(x) = \frac1K\sum_{k=1}^{K}\mathcal{N}(x;\, m_k, \sigma^2 I_d)\f$: K modes \f$m_k\f$ (the rows of
/// modes()), equal weights, one \f$\sigma\f$.
///
/// \throws minimax::invalid_argument for no modes, a non-finite mode coordinate, or \f$\sigma\f$ not
/// positive and finite.
class isotropic_mixture {
 public:
  /// The mixture with the given K×d modes and standard deviation \f$\sigma\f$, validated.
  isotropic_mixture(Eigen::MatrixXd modes, double sigma) : modes_(std::move(modes)), sigma_(sigma) {
    constexpr const char* function = "minimax::isotropic_mixture";
    require_non_empty(function, "modes", static_cast<std::size_t>(modes_.rows()));
    require_non_empty(function, "the dimension", static_cast<std::size_t>(modes_.cols()));
    for (Eigen::Index i = 0; i < modes_.rows(); ++i) {
      for (Eigen::Index j = 0; j < modes_.cols(); ++j) {
        require_finite(function, "modes(" + std::to_string(i) + ", " + std::to_string(j) + ")", modes_(i, j));
      }
    }
    require_positive(function, "sigma", sigma);
  }

  /// The modes \f$m_k\f$, one per row (K×d).
  const Eigen::MatrixXd& modes() const noexcept { return modes_; }
  /// The common standard deviation \f$\sigma\f$ of every component.
  double sigma() const noexcept { return sigma_; }
  /// The number of modes K.
  Eigen::Index size() const noexcept { return modes_.rows(); }
  /// The dimension d.
  Eigen::Index dimension() const noexcept { return modes_.cols(); }

 private:
  Eigen::MatrixXd modes_;
  double sigma_ = 1;
};

/// \brief The dimension d.
inline Eigen::Index dimension(const isotropic_mixture& d) { return d.dimension(); }

/// \brief \f$\log p(x) = \log\sum_k e^{-\|x - m_k\|^2/(2\sigma^2)} - \log K - \tfrac d2\log(2\pi\sigma^2)\f$ by
/// logsumexp: finite wherever x is finite, even far from every mode.
/// \throws minimax::invalid_argument when x has the wrong size or a NaN entry.
template <class Unused = void>  // compiled only where called: see docs/building.md
double log_pdf(const isotropic_mixture& d, const Eigen::Ref<const Eigen::VectorXd>& x) {
  detail::require_point("minimax::log_pdf(isotropic_mixture)", d.dimension(), x);
  const auto& point = late<Unused>(x);  // the expressions below are compiled where log_pdf is called
  Eigen::VectorXd exponents(d.size());
  const double two_var = 2 * d.sigma() * d.sigma();
  for (Eigen::Index k = 0; k < d.size(); ++k) {
    exponents[k] = -(point.transpose() - d.modes().row(k)).squaredNorm() / two_var;
  }
  return logsumexp(exponents) - std::log(static_cast<double>(d.size())) -
         0.5 * static_cast<double>(d.dimension()) * std::log(2 * std::numbers::pi * d.sigma() * d.sigma());
}

/// \brief \f$p(x) = \exp\log p(x)\f$. \throws as log_pdf(const isotropic_mixture&, x).
template <class = void>  // compiled only where called: see docs/building.md
double pdf(const isotropic_mixture& d, const Eigen::Ref<const Eigen::VectorXd>& x) {
  return std::exp(log_pdf(d, x));
}

/// \brief \f$\mathbb{E}X = \frac1K\sum_k m_k\f$.
template <class Unused = void>  // compiled only where called: see docs/building.md
Eigen::VectorXd mean(const isotropic_mixture& d) {
  return late<Unused>(d.modes()).colwise().mean().transpose();
}

/// \brief One draw: a mode \f$m_k\f$ uniformly (rng::index()), plus \f$\sigma z\f$ with d normal draws.
template <class Unused = void>  // compiled only where called: see docs/building.md
Eigen::VectorXd sample(const isotropic_mixture& d, rng& g) {
  const auto k = static_cast<Eigen::Index>(g.index(static_cast<std::uint64_t>(d.size())));
  Eigen::VectorXd x = late<Unused>(d.modes()).row(k).transpose();
  for (Eigen::Index j = 0; j < x.size(); ++j) x[j] += d.sigma() * g.normal();
  return x;
}

/// \brief n independent draws, one per row (n×d). \throws minimax::invalid_argument for n < 0.
template <class = void>  // compiled only where called: see docs/building.md
Eigen::MatrixXd sample(const isotropic_mixture& d, rng& g, Eigen::Index n) {
  return detail::sample_rows("minimax::sample(isotropic_mixture)", d, g, n);
}

}  // namespace minimax
