#pragma once
/// \file
/// \brief Local analysis of game dynamics: eigenvalues, the linearised update of a scheme, its
/// spectral radius, the largest stable step, and a verdict.

#include <algorithm>
#include <cmath>
#include <complex>
#include <limits>
#include <type_traits>

#include <Eigen/Core>
#include <Eigen/Eigenvalues>

#include "minimax/core/error.hpp"
#include "minimax/dynamics/jacobian.hpp"
#include "minimax/dynamics/schemes/state.hpp"

namespace minimax {

/// \brief The (complex) eigenvalues of a square real matrix, by Eigen's real Schur decomposition.
///
/// A template over Eigen's matrix expressions, so that only the units that ask for eigenvalues
/// instantiate Eigen's eigensolver (it is the costliest code to compile in Eigen's dense modules).
/// \throws minimax::invalid_argument for a non-square or non-finite matrix.
template <class Derived>
Eigen::VectorXcd eigenvalues(const Eigen::MatrixBase<Derived>& M) {
  static_assert(std::is_same_v<typename Derived::Scalar, double>,
                "minimax::eigenvalues: the matrix must hold doubles (use .cast<double>())");
  if (M.rows() != M.cols()) raise_invalid_argument("minimax::eigenvalues", "the matrix must be square; rows", M.rows());
  if (!M.allFinite()) raise_invalid_argument("minimax::eigenvalues", "the matrix must be finite", "a NaN or inf entry");
  if (M.size() == 0) return {};
  Eigen::EigenSolver<typename Derived::PlainObject> solver(M, false);
  return solver.eigenvalues();
}

/// \brief The spectral radius \f$\rho(M) = \max_k |\lambda_k(M)|\f$: the asymptotic factor by which a
/// linear iteration \f$e_{t+1} = M e_t\f$ shrinks (\f$\rho < 1\f$) or grows (\f$\rho > 1\f$) errors.
template <class Derived>
double spectral_radius(const Eigen::MatrixBase<Derived>& M) {
  const Eigen::VectorXcd lambda = eigenvalues(M);
  double rho = 0.0;
  for (Eigen::Index i = 0; i < lambda.size(); ++i) rho = std::max(rho, std::abs(lambda[i]));
  return rho;
}

/// \brief The largest step \f$h\f$ for which simultaneous gradient steps \f$I + hJ\f$ contract:
/// \f$h^* = \min_k 2|\operatorname{Re}\lambda_k| / |\lambda_k|^2\f$ over the eigenvalues of \f$J\f$
/// ("The Numerics of GANs", Mescheder et al. 2017, Lemma 4).
///
/// Every step \f$0 < h < h^*\f$ gives \f$\rho(I + hJ) < 1\f$. If some eigenvalue has
/// \f$\operatorname{Re}\lambda \ge 0\f$ no step contracts, and the result is 0.
template <class Derived>
double largest_stable_step(const Eigen::MatrixBase<Derived>& J) {
  const Eigen::VectorXcd lambda = eigenvalues(J);
  double h = std::numeric_limits<double>::infinity();
  for (Eigen::Index i = 0; i < lambda.size(); ++i) {
    if (!(lambda[i].real() < 0.0)) return 0.0;
    h = std::min(h, 2.0 * std::abs(lambda[i].real()) / std::norm(lambda[i]));
  }
  return h;
}

/// What a linearised iteration does near a stationary point.
enum class verdict {
  converges,  ///< \f$\rho(M) < 1\f$: errors shrink geometrically
  cycles,     ///< \f$\rho(M) = 1\f$ (within the tolerance): errors neither shrink nor grow
  diverges,   ///< \f$\rho(M) > 1\f$: errors grow geometrically
};

/// The name of a verdict: "converges", "cycles" or "diverges".
inline const char* to_string(verdict v) {
  switch (v) {
    case verdict::converges: return "converges";
    case verdict::cycles: return "cycles";
    case verdict::diverges: return "diverges";
  }
  return "?";
}

/// The local analysis of a scheme at a stationary point (see minimax::analyze).
struct stability {
  Eigen::MatrixXd jacobian;                ///< \f$J = \partial v / \partial z\f$ at the point
  Eigen::VectorXcd jacobian_eigenvalues;   ///< eigenvalues of \f$J\f$ (the flow's rates)
  Eigen::MatrixXd update;                  ///< the scheme's linearised update \f$M\f$
  Eigen::VectorXcd update_eigenvalues;     ///< eigenvalues of \f$M\f$
  double spectral_radius = 0.0;            ///< \f$\rho(M)\f$
  double largest_stable_step = 0.0;        ///< \f$h^*\f$ of simultaneous steps for this \f$J\f$
  minimax::verdict verdict = verdict::cycles;  ///< from \f$\rho(M)\f$ and the tolerance
};

/// \brief Linearises `scheme` on `game` at the stationary point `at` and classifies it:
/// converges if \f$\rho(M) < 1 - \tau\f$, diverges if \f$\rho(M) > 1 + \tau\f$, cycles otherwise.
///
/// The verdict is local: it describes iterations started close to `at`. minimax::simulate
/// confirms it (the measured contraction per step tends to \f$\rho(M)\f$).
/// \throws minimax::invalid_argument if `at` has the wrong size, is not finite, or \f$\tau < 0\f$.
template <Game G, LinearisedScheme S>
stability analyze(const G& game, const S& scheme, const Eigen::VectorXd& at, double tolerance = 1e-9) {
  require_non_negative("minimax::analyze", "tolerance", tolerance);
  stability s;
  s.jacobian = jacobian(game, at);
  s.jacobian_eigenvalues = eigenvalues(s.jacobian);
  s.update = scheme.linearised(s.jacobian, game.generator_dimension());
  s.update_eigenvalues = eigenvalues(s.update);
  s.spectral_radius = spectral_radius(s.update);
  s.largest_stable_step = largest_stable_step(s.jacobian);
  s.verdict = s.spectral_radius < 1.0 - tolerance   ? verdict::converges
              : s.spectral_radius > 1.0 + tolerance ? verdict::diverges
                                                    : verdict::cycles;
  return s;
}

}  // namespace minimax
