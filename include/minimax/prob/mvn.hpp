#pragma once
/// \file
/// \brief The multivariate normal distribution \f$\mathcal{N}(\mu, \Sigma)\f$ on \f$\mathbb{R}^d\f$.

#include <Eigen/Cholesky>
#include <Eigen/Core>
#include <Eigen/Eigenvalues>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <limits>
#include <numbers>
#include <string>
#include <utility>

#include "minimax/core/deferred.hpp"
#include "minimax/core/error.hpp"
#include "minimax/prob/detail/common.hpp"
#include "minimax/prob/random.hpp"

namespace minimax {

/// \brief The multivariate normal \f$\mathcal{N}(\mu, \Sigma)\f$, any dimension \f$d \ge 1\f$:
/// \f[ \log p(x) = -\tfrac12\big(d\log 2\pi + \log\det\Sigma + (x-\mu)^\top\Sigma^{-1}(x-\mu)\big). \f]
///
/// The covariance is factored once, \f$\Sigma = LL^\top\f$ (Cholesky); the log-density is then
/// \f$-\tfrac12(d\log 2\pi + 2\sum_i\log L_{ii} + \|L^{-1}(x-\mu)\|^2)\f$, which never forms
/// \f$\Sigma^{-1}\f$ nor \f$\det\Sigma\f$ (either can overflow or underflow in high dimension).
///
/// \throws minimax::invalid_argument for an empty mean, sizes that disagree, a non-finite entry, a
/// covariance that is not symmetric (an entry differs from its transpose by more than
/// \f$100\varepsilon\max_{ij}|\Sigma_{ij}|\f$; only the lower triangle is used), or one that is not
/// positive definite (the message gives its smallest eigenvalue).
class mvn {
 public:
  /// \f$\mathcal{N}(\mu, \Sigma)\f$, validated and factored; `mean` and `covariance` are any Eigen
  /// expressions that convert to a vector and a matrix of doubles.
  ///
  /// A template so that the Cholesky factorisation (and the eigensolver that reports an indefinite
  /// covariance) are compiled only in the units that build an mvn.
  template <class Mean, class Covariance>
    requires std::constructible_from<Eigen::VectorXd, Mean> && std::constructible_from<Eigen::MatrixXd, Covariance>
  mvn(Mean&& mean, Covariance&& covariance)
      : mean_(std::forward<Mean>(mean)), covariance_(std::forward<Covariance>(covariance)) {
    constexpr const char* function = "minimax::mvn";
    require_non_empty(function, "mean", static_cast<std::size_t>(mean_.size()));
    require_same_size(function, "covariance rows and columns", static_cast<std::size_t>(covariance_.rows()),
                      static_cast<std::size_t>(covariance_.cols()));
    require_same_size(function, "mean and covariance", static_cast<std::size_t>(mean_.size()),
                      static_cast<std::size_t>(covariance_.rows()));
    for (Eigen::Index i = 0; i < mean_.size(); ++i) {
      require_finite(function, "mean[" + std::to_string(i) + "]", mean_[i]);
    }
    const Eigen::Index d = mean_.size();
    for (Eigen::Index j = 0; j < d; ++j) {
      for (Eigen::Index i = 0; i < d; ++i) {
        require_finite(function, "covariance(" + std::to_string(i) + ", " + std::to_string(j) + ")",
                       covariance_(i, j));
      }
    }
    const double scale = covariance_.cwiseAbs().maxCoeff();
    for (Eigen::Index j = 0; j < d; ++j) {
      for (Eigen::Index i = j + 1; i < d; ++i) {
        const double gap = covariance_(i, j) - covariance_(j, i);
        if (std::abs(gap) > 100 * std::numeric_limits<double>::epsilon() * scale) {
          raise_invalid_argument(function,
                                 "covariance must be symmetric (C(" + std::to_string(i) + ", " + std::to_string(j) +
                                     ") - C(" + std::to_string(j) + ", " + std::to_string(i) + ") shown)",
                                 gap);
        }
      }
    }
    // Named late (core/deferred.hpp): the factorisations are compiled only where an mvn is built.
    using matrix = deferred_t<Eigen::MatrixXd, Covariance>;
    Eigen::LLT<matrix> llt(covariance_);
    bool ok = llt.info() == Eigen::Success;
    if (ok) {
      lower_ = llt.matrixL();
      for (Eigen::Index i = 0; i < d; ++i) ok = ok && lower_(i, i) > 0 && std::isfinite(lower_(i, i));
    }
    if (!ok) {
      const Eigen::SelfAdjointEigenSolver<matrix> eigen(covariance_, Eigen::EigenvaluesOnly);
      raise_invalid_argument(function, "covariance must be positive definite (smallest eigenvalue shown)",
                             eigen.eigenvalues().minCoeff());
    }
    log_det_ = 2 * lower_.diagonal().array().log().sum();
  }

  /// \f$\mu\f$.
  const Eigen::VectorXd& mean() const noexcept { return mean_; }
  /// \f$\Sigma\f$ as given.
  const Eigen::MatrixXd& covariance() const noexcept { return covariance_; }
  /// The lower-triangular Cholesky factor \f$L\f$, \f$\Sigma = LL^\top\f$.
  const Eigen::MatrixXd& cholesky_factor() const noexcept { return lower_; }
  /// \f$\log\det\Sigma = 2\sum_i \log L_{ii}\f$.
  double log_determinant() const noexcept { return log_det_; }
  /// The dimension d.
  Eigen::Index dimension() const noexcept { return mean_.size(); }

 private:
  Eigen::VectorXd mean_;
  Eigen::MatrixXd covariance_;
  Eigen::MatrixXd lower_;
  double log_det_ = 0;
};

/// \brief The dimension d of \f$\mathcal{N}(\mu, \Sigma)\f$.
inline Eigen::Index dimension(const mvn& d) { return d.dimension(); }

/// \brief \f$\log p(x) = -\tfrac12(d\log 2\pi + \log\det\Sigma + \|L^{-1}(x-\mu)\|^2)\f$, finite for every
/// finite x. \throws minimax::invalid_argument when x has the wrong size or a NaN entry.
template <class Unused = void>  // compiled only where called: see docs/building.md
double log_pdf(const mvn& d, const Eigen::Ref<const Eigen::VectorXd>& x) {
  detail::require_point("minimax::log_pdf(mvn)", d.dimension(), x);
  const auto& lower = late<Unused>(d.cholesky_factor());
  const Eigen::VectorXd w = lower.template triangularView<Eigen::Lower>().solve(x - d.mean());
  constexpr double log_2pi = 1.837877066409345483560659472811235279722;
  return -0.5 * (static_cast<double>(d.dimension()) * log_2pi + d.log_determinant() + w.squaredNorm());
}

/// \brief \f$p(x) = \exp(\log p(x))\f$. \throws as log_pdf(const mvn&, x).
template <class = void>  // compiled only where called: see docs/building.md
double pdf(const mvn& d, const Eigen::Ref<const Eigen::VectorXd>& x) {
  detail::require_point("minimax::pdf(mvn)", d.dimension(), x);
  return std::exp(log_pdf(d, x));
}

/// \brief \f$\mathbb{E}X = \mu\f$.
inline const Eigen::VectorXd& mean(const mvn& d) { return d.mean(); }

/// \brief \f$\operatorname{Cov}X = \Sigma\f$.
inline const Eigen::MatrixXd& covariance(const mvn& d) { return d.covariance(); }

/// \brief One draw \f$\mu + Lz\f$ with \f$z\f$ of d standard normal draws (rng::normal()).
template <class Unused = void>  // compiled only where called: see docs/building.md
Eigen::VectorXd sample(const mvn& d, rng& g) {
  Eigen::VectorXd z(d.dimension());
  for (Eigen::Index i = 0; i < z.size(); ++i) z[i] = g.normal();
  const auto& lower = late<Unused>(d.cholesky_factor());
  return d.mean() + lower.template triangularView<Eigen::Lower>() * z;
}

/// \brief n independent draws, one per row of an n×d matrix. \throws minimax::invalid_argument for n < 0.
template <class = void>  // compiled only where called: see docs/building.md
Eigen::MatrixXd sample(const mvn& d, rng& g, Eigen::Index n) {
  return detail::sample_rows("minimax::sample(mvn)", d, g, n);
}

}  // namespace minimax
