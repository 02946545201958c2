#pragma once
/// \file
/// \brief The extragradient method (Korpelevich 1976): look ahead, then step with the field there.

#include <Eigen/Core>

#include "minimax/dynamics/schemes/state.hpp"

namespace minimax::schemes {

/// \brief Extragradient: \f$z_{t+1/2} = z_t + h v(z_t)\f$, \f$z_{t+1} = z_t + h v(z_{t+1/2})\f$.
///
/// Linearisation: \f$M = I + hJ + h^2 J^2\f$. On \f$V = xy\f$ the eigenvalues of \f$M\f$ are
/// \f$(1 - h^2) \pm i h\f$, of modulus \f$\sqrt{1 - h^2 + h^4} < 1\f$ for \f$0 < h < 1\f$: it converges
/// where simultaneous steps spiral out.
struct extragradient {
  double step;  ///< \f$h\f$

  /// Step size \f$h > 0\f$.
  explicit extragradient(double h) : step(h) {
    detail::require_step_size("minimax::schemes::extragradient", "the step size", h);
  }
  /// The state at \f$z_0\f$.
  template <Game G>
  scheme_state start(const G&, const Eigen::VectorXd& z0) const {
    return {z0, {}, 0};
  }
  /// The look-ahead step and the real step, each followed by the projection.
  template <Game G>
  void advance(const G& game, scheme_state& s) const {
    using Vector = deferred_t<Eigen::VectorXd, G>;  // compiled where this is called
    Vector ahead = s.z + step * detail::field(game, s.z);
    detail::project(game, ahead);
    s.z += step * detail::field(game, ahead);
    detail::project(game, s.z);
    ++s.step;
  }
  /// The point form's start (minimax::PointScheme): no memory.
  template <class G>
  MINIMAX_HOST_DEVICE void point_start(const G&, const double*, double*) const {}
  /// The point form of advance() (minimax::PointScheme), on arrays; `field2` receives
  /// \f$\|v(z)\|^2\f$ at the step's first point.
  template <class G>
  MINIMAX_HOST_DEVICE void point_advance(const G& g, double* z, double*, double& field2) const {
    constexpr int n = G::dimension;
    double v[n], ahead[n];
    g.field(z, v);
    field2 = detail::squared_norm(v, n);
    for (int i = 0; i < n; ++i) ahead[i] = z[i] + step * v[i];
    g.project(ahead);
    g.field(ahead, v);
    for (int i = 0; i < n; ++i) z[i] += step * v[i];
    g.project(z);
  }
  /// \f$M = I + hJ + h^2J^2\f$.
  template <class Derived>
  Eigen::MatrixXd linearised(const Eigen::MatrixBase<Derived>& J, Eigen::Index) const {
    using Matrix = deferred_t<Eigen::MatrixXd, Derived>;
    const Matrix hJ = step * J;
    return Matrix::Identity(J.rows(), J.cols()) + hJ + hJ * hJ;
  }
};

}  // namespace minimax::schemes
