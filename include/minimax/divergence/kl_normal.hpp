#pragma once
/// \file
/// \brief Closed forms of f-divergences between normal distributions: KL between univariate and
/// multivariate normals, squared Hellinger (and the Bhattacharyya coefficient) between univariate
/// normals.
///
/// These are exact up to rounding; the quadrature of \ref f_divergence_density.hpp is checked
/// against them.

#include <Eigen/Cholesky>
#include <Eigen/Core>
#include <cmath>
#include <concepts>
#include <string>
#include <type_traits>

#include "minimax/core/error.hpp"
#include "minimax/prob/mvn.hpp"
#include "minimax/prob/normal.hpp"

namespace minimax {

/// \brief \f$\mathrm{KL}(\mathcal N(\mu_1,\sigma_1^2)\,\|\,\mathcal N(\mu_2,\sigma_2^2)) =
/// \log\frac{\sigma_2}{\sigma_1} + \frac{\sigma_1^2 + (\mu_1-\mu_2)^2}{2\sigma_2^2} - \frac12\f$ (nats).
///
/// Written as \f$\tfrac12\big(r - 1 - \log r\big) + \frac{(\mu_1-\mu_2)^2}{2\sigma_2^2}\f$ with
/// \f$r = \sigma_1^2/\sigma_2^2\f$, and \f$r - 1 - \log r\f$ evaluated as
/// \f$\operatorname{expm1}(s) - s\f$, \f$s = \log r\f$ (its Taylor series for \f$|s| < 0.1\f$), so
/// nearly equal normals keep their relative accuracy. Never throws (the distributions are valid by construction).
template <class T>
T kl(const normal_distribution<T>& p, const normal_distribution<T>& q) {
  using std::abs;
  using std::expm1;
  using std::log1p;
  using std::log;
  // s = log r = 2 log(sigma1/sigma2); for close sigmas as 2 log1p((sigma1 - sigma2)/sigma2), where the
  // difference is exact, so s keeps its relative accuracy.
  const T ds = p.sigma() - q.sigma();
  const T s = abs(ds) < q.sigma() / T(2) ? T(2) * log1p(ds / q.sigma()) : T(2) * log(p.sigma() / q.sigma());
  T g;  // e^s - 1 - s >= 0
  if (abs(s) < T(0.1)) {
    // sum_{k=2}^{13} s^k/k!: the first term left out is below 1e-19 of the sum.
    g = T(0);
    T term = s;
    for (int k = 2; k <= 13; ++k) {
      term *= s / T(k);
      g += term;
    }
    // the loop adds the small terms last; their relative contribution is below eps anyway
  } else {
    g = expm1(s) - s;  // cancellation at most a factor 2/|s| <= 20
  }
  const T dm = (p.mean() - q.mean()) / q.sigma();
  return g / T(2) + dm * dm / T(2);
}

/// \brief \f$\mathrm{KL}(\mathcal N(\mu_1,\Sigma_1)\,\|\,\mathcal N(\mu_2,\Sigma_2)) = \tfrac12\big(
/// \operatorname{tr}(\Sigma_2^{-1}\Sigma_1) + (\mu_2-\mu_1)^\top\Sigma_2^{-1}(\mu_2-\mu_1) - d
/// + \log\det\Sigma_2 - \log\det\Sigma_1\big)\f$ (nats).
///
/// Uses the Cholesky factors \f$L_i\f$ that minimax::mvn keeps:
/// \f$\operatorname{tr}(\Sigma_2^{-1}\Sigma_1) = \|L_2^{-1}L_1\|_F^2\f$ and the Mahalanobis term
/// \f$\|L_2^{-1}(\mu_2-\mu_1)\|^2\f$. A singular covariance cannot reach here: minimax::mvn rejects it
/// when it is built (KL against a degenerate normal is \f$+\infty\f$ or undefined); use kl_mvn() to
/// pass matrices directly.
/// \throws minimax::invalid_argument when the dimensions differ.
///
/// A template (over the distributions' type, which is always minimax::mvn) so that its triangular
/// solves are compiled only where it is called.
template <std::same_as<mvn> Mvn>
double kl(const Mvn& p, const Mvn& q) {
  require_same_size("minimax::kl", "the dimensions of p and q", static_cast<std::size_t>(p.dimension()),
                    static_cast<std::size_t>(q.dimension()));
  const auto l2 = q.cholesky_factor().template triangularView<Eigen::Lower>();
  const Eigen::MatrixXd a = l2.solve(p.cholesky_factor());
  const Eigen::VectorXd w = l2.solve(q.mean() - p.mean());
  const double d = static_cast<double>(p.dimension());
  return 0.5 * (a.squaredNorm() + w.squaredNorm() - d + q.log_determinant() - p.log_determinant());
}

/// \brief \f$\mathrm{KL}(\mathcal N(\mu_1,\Sigma_1)\,\|\,\mathcal N(\mu_2,\Sigma_2))\f$ from means and
/// covariance matrices, as kl(const mvn&, const mvn&).
/// \throws minimax::invalid_argument naming `minimax::kl_mvn` when a covariance is singular or not
///   positive definite (the message gives its smallest eigenvalue), not symmetric, not finite, or the
///   sizes disagree.
///
/// The arguments are any Eigen expressions (a template, so that the factorisations are compiled only
/// where it is called).
template <class MeanP, class CovP, class MeanQ, class CovQ>
double kl_mvn(const Eigen::MatrixBase<MeanP>& mean_p, const Eigen::MatrixBase<CovP>& cov_p_in,
              const Eigen::MatrixBase<MeanQ>& mean_q, const Eigen::MatrixBase<CovQ>& cov_q_in) {
  using matrix = Eigen::Matrix<typename CovP::Scalar, Eigen::Dynamic, Eigen::Dynamic>;
  static_assert(std::is_same_v<typename CovP::Scalar, double> && std::is_same_v<typename CovQ::Scalar, double>,
                "minimax::kl_mvn: the covariances must hold doubles");
  const matrix cov_p = cov_p_in, cov_q = cov_q_in;
  for (const matrix* cov : {&cov_p, &cov_q}) {
    if (cov->rows() == cov->cols() && cov->rows() > 0 && cov->allFinite()) {
      Eigen::LLT<matrix> llt(*cov);
      if (llt.info() != Eigen::Success) {
        const Eigen::SelfAdjointEigenSolver<matrix> eig(*cov, Eigen::EigenvaluesOnly);
        raise_invalid_argument("minimax::kl_mvn",
                               std::string(cov == &cov_p ? "cov_p" : "cov_q") +
                                   " must be positive definite (singular or indefinite; smallest eigenvalue shown)",
                               eig.eigenvalues()(0));
      }
    }
  }
  try {
    return kl(mvn(mean_p.eval(), cov_p), mvn(mean_q.eval(), cov_q));
  } catch (const minimax::invalid_argument& e) {
    throw minimax::invalid_argument(std::string("minimax::kl_mvn: ") + e.what());
  }
}

/// \brief The Bhattacharyya coefficient \f$\mathrm{BC} = \int\sqrt{pq} =
/// \sqrt{\frac{2\sigma_1\sigma_2}{\sigma_1^2+\sigma_2^2}}\exp\!\Big(-\frac{(\mu_1-\mu_2)^2}{4(\sigma_1^2+\sigma_2^2)}\Big)\f$
/// of two normals, in \f$(0, 1]\f$.
template <class T>
T bhattacharyya_coefficient(const normal_distribution<T>& p, const normal_distribution<T>& q) {
  using std::exp;
  using std::sqrt;
  const T v = p.sigma() * p.sigma() + q.sigma() * q.sigma();
  const T dm = p.mean() - q.mean();
  return sqrt(T(2) * p.sigma() * q.sigma() / v) * exp(-dm * dm / (T(4) * v));
}

/// \brief \f$\int(\sqrt p-\sqrt q)^2 = 2(1 - \mathrm{BC})\f$ between two normals (the f-divergence of
/// f::squared_hellinger, in \f$[0, 2)\f$), with \f$1 - \mathrm{BC}\f$ computed by `expm1` so close
/// normals keep their relative accuracy.
template <class T>
T squared_hellinger(const normal_distribution<T>& p, const normal_distribution<T>& q) {
  using std::expm1;
  using std::log;
  const T v = p.sigma() * p.sigma() + q.sigma() * q.sigma();
  const T dm = p.mean() - q.mean();
  // log BC = (1/2) log(2 s1 s2 / v) - dm^2/(4v); 2 s1 s2 / v = 1 - (s1 - s2)^2 / v.
  const T ds = p.sigma() - q.sigma();
  const T log_bc = std::log1p(-ds * ds / v) / T(2) - dm * dm / (T(4) * v);
  return -T(2) * expm1(log_bc);
}

}  // namespace minimax
