#pragma once
/// \file
/// \brief Optimistic gradient descent (Daskalakis et al. 2018).

#include <Eigen/Core>

#include "minimax/dynamics/schemes/state.hpp"

namespace minimax::schemes {

/// \brief Optimistic gradient descent: \f$z_{t+1} = z_t + 2H\,v(z_t) - H\,v(z_{t-1})\f$, with
/// \f$H = \operatorname{diag}(h_G I, h_D I)\f$ (one step size \f$h\f$ for both players, or two: TTUR).
///
/// The first step uses \f$v(z_{-1}) = v(z_0)\f$, i.e. it is a plain gradient step. The scheme
/// has two steps of memory, so its linearisation acts on \f$(z_t, z_{t-1})\f$:
/// \f[ M = \begin{pmatrix} I + 2HJ & -HJ \\ I & 0 \end{pmatrix}, \f]
/// whose eigenvalues are the roots of the companion polynomial; on \f$V = xy\f$ it converges for
/// small \f$h\f$.
struct optimistic {
  double generator_step;      ///< \f$h_G\f$
  double discriminator_step;  ///< \f$h_D\f$

  /// One step size \f$h > 0\f$ for both players.
  explicit optimistic(double h) : optimistic(h, h) {}
  /// Separate step sizes (TTUR); each must be positive and finite.
  optimistic(double h_generator, double h_discriminator)
      : generator_step(h_generator), discriminator_step(h_discriminator) {
    detail::require_step_sizes("minimax::schemes::optimistic", h_generator, h_discriminator);
  }
  /// The state at \f$z_0\f$; the memory holds \f$v(z_0)\f$.
  template <Game G>
  scheme_state start(const G& game, const Eigen::VectorXd& z0) const {
    return {z0, detail::field(game, z0), 0};
  }
  /// \f$z \leftarrow z + 2H v(z) - H v_{\text{previous}}\f$.
  template <Game G>
  void advance(const G& game, scheme_state& s) const {
    using Vector = deferred_t<Eigen::VectorXd, G>;  // compiled where this is called
    const Vector v = detail::field(game, s.z);
    const Vector h = detail::step_sizes(s.z.size(), game.generator_dimension(), generator_step, discriminator_step);
    s.z += h.cwiseProduct(2.0 * v - s.memory);
    s.memory = v;
    detail::project(game, s.z);
    ++s.step;
  }
  /// The point form's start (minimax::PointScheme): the memory (the previous field) starts as
  /// \f$v(z_0)\f$.
  template <class G>
  MINIMAX_HOST_DEVICE void point_start(const G& g, const double* z, double* memory) const {
    g.field(z, memory);
  }
  /// The point form of advance() (minimax::PointScheme), on arrays; `field2` receives
  /// \f$\|v(z)\|^2\f$ at the step's first point.
  template <class G>
  MINIMAX_HOST_DEVICE void point_advance(const G& g, double* z, double* memory, double& field2) const {
    constexpr int n = G::dimension;
    double v[n];
    g.field(z, v);
    field2 = detail::squared_norm(v, n);
    for (int i = 0; i < n; ++i) {
      z[i] += detail::player_step(i, G::generator_dimension, generator_step, discriminator_step) * (2.0 * v[i] - memory[i]);
      memory[i] = v[i];
    }
    g.project(z);
  }
  /// The companion matrix on \f$(z_t, z_{t-1})\f$.
  template <class Derived>
  Eigen::MatrixXd linearised(const Eigen::MatrixBase<Derived>& J, Eigen::Index n_generator) const {
    using Vector = deferred_t<Eigen::VectorXd, Derived>;  // compiled where this is called
    using Matrix = deferred_t<Eigen::MatrixXd, Derived>;
    const Eigen::Index n = J.rows();
    const Vector h = detail::step_sizes(n, n_generator, generator_step, discriminator_step);
    const Matrix hJ = h.asDiagonal() * J;
    Matrix M = Matrix::Zero(2 * n, 2 * n);
    M.topLeftCorner(n, n) = Matrix::Identity(n, n) + 2.0 * hJ;
    M.topRightCorner(n, n) = -hJ;
    M.bottomLeftCorner(n, n).setIdentity();
    return M;
  }
};

}  // namespace minimax::schemes
