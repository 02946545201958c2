#pragma once
/// \file
/// \brief The Fréchet distance between Gaussians (the squared 2-Wasserstein distance
/// \f$W_2^2\f$), from parameters or from samples, with rank deficiency reported.
///
/// \f[ d_F^2 = \|\mu_1 - \mu_2\|^2 + \operatorname{Tr}\big(\Sigma_1 + \Sigma_2
///     - 2(\Sigma_1^{1/2}\Sigma_2\Sigma_1^{1/2})^{1/2}\big) = W_2^2\big(\mathcal N(\mu_1, \Sigma_1),
///     \mathcal N(\mu_2, \Sigma_2)\big). \f]
/// Note the naming: frechet_distance() returns this squared quantity (as FID does), while
/// gaussian_w2() returns its square root \f$W_2\f$.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <string>

#include <Eigen/Core>
#include <Eigen/Eigenvalues>

#include "minimax/core/error.hpp"

namespace minimax {

/// \brief What frechet_distance() found about its covariances (optional out-parameter).
struct frechet_info {
  Eigen::Index rank1 = 0;       ///< numerical rank of \f$\Sigma_1\f$ (eigenvalues above \f$d\,\varepsilon\,\lambda_{\max}\f$)
  Eigen::Index rank2 = 0;       ///< numerical rank of \f$\Sigma_2\f$
  bool rank_deficient = false;  ///< either covariance is singular (or, from samples, \f$n \le d\f$)
};

namespace detail {

template <class T>
using dense = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;

// Eigen-decomposes a covariance, checking it is symmetric and positive semi-definite up to rounding;
// returns the eigen-solver and writes the numerical rank.
template <class T>
Eigen::SelfAdjointEigenSolver<dense<T>> psd_eigen(const char* function, const char* name, const dense<T>& s,
                                                  Eigen::Index& rank) {
  const T scale = s.cwiseAbs().maxCoeff();
  const T tol = static_cast<T>(s.rows()) * std::numeric_limits<T>::epsilon() * 8 * std::max(scale, T(1e-300));
  const T asym = (s - s.transpose()).cwiseAbs().maxCoeff();
  if (asym > tol) raise_invalid_argument(function, std::string(name) + " must be symmetric (max |S - S^T|)", asym);
  Eigen::SelfAdjointEigenSolver<dense<T>> es(s);
  const auto& ev = es.eigenvalues();
  if (ev.minCoeff() < -tol) {
    raise_domain_error(function, std::string(name) + " must be positive semi-definite (smallest eigenvalue)",
                       ev.minCoeff());
  }
  rank = 0;
  for (Eigen::Index i = 0; i < ev.size(); ++i) rank += ev(i) > tol ? 1 : 0;
  return es;
}

template <class DM, class DS>
void require_gaussian(const char* function, const char* mu_name, const char* cov_name, const Eigen::MatrixBase<DM>& mu,
                      const Eigen::MatrixBase<DS>& cov) {
  require_vector(function, mu_name, mu.rows(), mu.cols());
  require_non_empty(function, mu_name, static_cast<std::size_t>(mu.size()));
  if (cov.rows() != mu.size() || cov.cols() != mu.size()) {
    raise_invalid_argument(function,
                           std::string(cov_name) + " must be " + to_text(mu.size()) + " x " + to_text(mu.size()),
                           to_text(cov.rows()) + " x " + to_text(cov.cols()));
  }
  for (Eigen::Index i = 0; i < mu.size(); ++i) require_finite(function, mu_name, mu(i));
  for (Eigen::Index j = 0; j < cov.cols(); ++j)
    for (Eigen::Index i = 0; i < cov.rows(); ++i) require_finite(function, cov_name, cov(i, j));
}

}  // namespace detail

/// \brief \f$d_F^2 = \|\mu_1-\mu_2\|^2 + \operatorname{Tr}(\Sigma_1 + \Sigma_2 -
/// 2(\Sigma_1^{1/2}\Sigma_2\Sigma_1^{1/2})^{1/2})\f$, which is \f$W_2^2\f$ between the Gaussians.
///
/// Square roots are symmetric, by eigendecomposition (SelfAdjointEigenSolver); eigenvalues that
/// rounding made slightly negative are clamped to 0, so singular (rank-deficient) covariances are
/// fine: the formula holds for them too. The ranks are written to `info` when given. The result is
/// clamped at 0 from below (it can round to a tiny negative number for equal Gaussians).
///
/// Shapes: `mu1`, `mu2` are vectors of size \f$d\f$ (one column or one row; a matrix is rejected),
/// `cov1`, `cov2` are \f$d \times d\f$. Scales: the covariance term is homogeneous,
/// \f$\operatorname{Tr}(\ldots)(c\Sigma_1, c\Sigma_2) = c\operatorname{Tr}(\ldots)(\Sigma_1, \Sigma_2)\f$,
/// so when the largest covariance entry is outside \f$[2^{-100}, 2^{100}]\f$ both covariances are
/// divided by a power \f$4^k\f$ that brings it near 1 (exactly: powers of 2) and the term is
/// multiplied back; \f$\Sigma_1 = \Sigma_2 = 10^{155} I\f$ gives 0, not NaN (the product
/// \f$\Sigma_1^{1/2}\Sigma_2\Sigma_1^{1/2}\f$ would overflow).
/// \throws minimax::invalid_argument for a matrix mean, empty or non-finite input, a covariance that is not
/// \f$d \times d\f$ or not symmetric; minimax::domain_error for a covariance with a clearly negative
/// eigenvalue (below \f$-8 d\,\varepsilon \max|\Sigma_{ij}|\f$).
template <class DM1, class DS1, class DM2, class DS2>
typename DM1::Scalar frechet_distance(const Eigen::MatrixBase<DM1>& mu1, const Eigen::MatrixBase<DS1>& cov1,
                                      const Eigen::MatrixBase<DM2>& mu2, const Eigen::MatrixBase<DS2>& cov2,
                                      frechet_info* info = nullptr) {
  using T = typename DM1::Scalar;
  constexpr const char* fn = "minimax::frechet_distance";
  detail::require_gaussian(fn, "mu1", "cov1", mu1, cov1);
  detail::require_gaussian(fn, "mu2", "cov2", mu2, cov2);
  require_same_size(fn, "mu1 and mu2", static_cast<std::size_t>(mu1.size()), static_cast<std::size_t>(mu2.size()));
  detail::dense<T> s1 = cov1, s2 = cov2;
  // Covariances far from 1 are divided by 4^k (exact), the covariance term multiplied back by 4^k.
  int k = 0;
  {
    const T largest = std::max(s1.cwiseAbs().maxCoeff(), s2.cwiseAbs().maxCoeff());
    if (largest > T(0) && (largest > std::ldexp(T(1), 100) || largest < std::ldexp(T(1), -100))) {
      k = std::ilogb(largest) / 2;
      s1 = s1.unaryExpr([k](T x) { return std::scalbn(x, -2 * k); });
      s2 = s2.unaryExpr([k](T x) { return std::scalbn(x, -2 * k); });
    }
  }
  frechet_info local;
  const auto e1 = detail::psd_eigen<T>(fn, "cov1", s1, local.rank1);
  detail::psd_eigen<T>(fn, "cov2", s2, local.rank2);
  local.rank_deficient = local.rank1 < s1.rows() || local.rank2 < s2.rows();
  if (info != nullptr) *info = local;
  const auto root_values = e1.eigenvalues().cwiseMax(T(0)).cwiseSqrt();
  const detail::dense<T> r1 = e1.eigenvectors() * root_values.asDiagonal() * e1.eigenvectors().transpose();
  detail::dense<T> m = r1 * s2 * r1;
  m = (m + m.transpose()) / 2;  // symmetric to rounding: make it exactly so for the solver
  Eigen::SelfAdjointEigenSolver<detail::dense<T>> em(m, Eigen::EigenvaluesOnly);
  const T trace_root = em.eigenvalues().cwiseMax(T(0)).cwiseSqrt().sum();
  const Eigen::Matrix<T, Eigen::Dynamic, 1> m1 = mu1, m2 = mu2;
  if (k == 0) return std::max((m1 - m2).squaredNorm() + s1.trace() + s2.trace() - 2 * trace_root, T(0));
  const T covariance_term = std::max(s1.trace() + s2.trace() - 2 * trace_root, T(0));
  return (m1 - m2).squaredNorm() + std::scalbn(covariance_term, 2 * k);
}

/// \brief \f$W_2\f$ between \f$\mathcal N(\mu_1, \Sigma_1)\f$ and \f$\mathcal N(\mu_2, \Sigma_2)\f$:
/// the square root of frechet_distance(). In 1-D it is \f$\sqrt{(m_1 - m_2)^2 + (s_1 - s_2)^2}\f$.
/// \throws as frechet_distance().
template <class DM1, class DS1, class DM2, class DS2>
typename DM1::Scalar gaussian_w2(const Eigen::MatrixBase<DM1>& mu1, const Eigen::MatrixBase<DS1>& cov1,
                                 const Eigen::MatrixBase<DM2>& mu2, const Eigen::MatrixBase<DS2>& cov2,
                                 frechet_info* info = nullptr) {
  using std::sqrt;
  return sqrt(frechet_distance(mu1, cov1, mu2, cov2, info));
}

/// \brief frechet_distance() between Gaussians fitted to two samples: `x` (\f$n \times d\f$) and
/// `y` (\f$m \times d\f$), one point per row, with the sample means and the unbiased sample
/// covariances \f$\frac{1}{n-1}\sum_i (x_i - \bar x)(x_i - \bar x)^\top\f$ (the FID convention).
///
/// A sample of \f$n \le d\f$ points has a singular covariance: `info->rank_deficient` is then true
/// (and the value is still the formula's, for the singular fit). Samples whose largest entry is
/// outside \f$[2^{-100}, 2^{100}]\f$ are divided by a power of 2 (exact) before the fit and the
/// value multiplied back by its square (\f$d_F^2\f$ is homogeneous of degree 2), so that the
/// covariances neither overflow nor underflow.
/// \throws minimax::invalid_argument for fewer than 2 points in a sample, samples of different
/// dimensions, or non-finite entries.
template <class DX, class DY>
typename DX::Scalar frechet_distance_from_samples(const Eigen::MatrixBase<DX>& x, const Eigen::MatrixBase<DY>& y,
                                                  frechet_info* info = nullptr) {
  using T = typename DX::Scalar;
  constexpr const char* fn = "minimax::frechet_distance_from_samples";
  if (x.rows() < 2) raise_invalid_argument(fn, "x must have at least 2 rows (points)", x.rows());
  if (y.rows() < 2) raise_invalid_argument(fn, "y must have at least 2 rows (points)", y.rows());
  require_same_size(fn, "the dimensions of x and y (columns)", static_cast<std::size_t>(x.cols()),
                    static_cast<std::size_t>(y.cols()));
  require_non_empty(fn, "x (columns: the dimension)", static_cast<std::size_t>(x.cols()));
  auto fit = [&](const auto& s, const char* name, Eigen::Matrix<T, Eigen::Dynamic, 1>& mu, detail::dense<T>& cov) {
    for (Eigen::Index j = 0; j < s.cols(); ++j)
      for (Eigen::Index i = 0; i < s.rows(); ++i) require_finite(fn, name, s(i, j));
    mu = s.colwise().mean().transpose();
    const detail::dense<T> centred = s.rowwise() - mu.transpose();
    cov = centred.transpose() * centred / static_cast<T>(s.rows() - 1);
  };
  Eigen::Matrix<T, Eigen::Dynamic, 1> mx, my;
  detail::dense<T> cx, cy;
  fit(x, "x", mx, cx);
  fit(y, "y", my, cy);
  int k = 0;
  const T largest = std::max(x.cwiseAbs().maxCoeff(), y.cwiseAbs().maxCoeff());
  if (largest > T(0) && (largest > std::ldexp(T(1), 100) || largest < std::ldexp(T(1), -100))) {
    k = std::ilogb(largest);
    const detail::dense<T> xs = x.derived().unaryExpr([k](T v) { return std::scalbn(v, -k); });
    const detail::dense<T> ys = y.derived().unaryExpr([k](T v) { return std::scalbn(v, -k); });
    fit(xs, "x", mx, cx);
    fit(ys, "y", my, cy);
  }
  frechet_info local;
  const T value = std::scalbn(frechet_distance(mx, cx, my, cy, &local), 2 * k);
  if (x.rows() <= x.cols() || y.rows() <= y.cols()) local.rank_deficient = true;
  if (info != nullptr) *info = local;
  return value;
}

}  // namespace minimax
