#pragma once
/// \file
/// \brief Simultaneous gradient steps, with one step size or two (TTUR).

#include <Eigen/Core>

#include "minimax/dynamics/schemes/state.hpp"

namespace minimax::schemes {

/// \brief Simultaneous gradient descent: both players step from the same point,
/// \f$z_{t+1} = z_t + H\,v(z_t)\f$, with \f$H = \operatorname{diag}(h_G I, h_D I)\f$.
///
/// With \f$h_G \ne h_D\f$ this is the two time-scale update rule (TTUR, Heusel et al. 2017).
/// Linearisation: \f$M = I + HJ\f$. For one step size, \f$\rho(M) < 1\f$ iff
/// \f$h < 2|\operatorname{Re}\lambda|/|\lambda|^2\f$ for every eigenvalue \f$\lambda\f$ of \f$J\f$
/// (see minimax::largest_stable_step). On the bilinear game \f$V = xy\f$ the norm grows by exactly
/// \f$\sqrt{1 + h^2}\f$ per step.
struct simultaneous {
  double generator_step;      ///< \f$h_G\f$
  double discriminator_step;  ///< \f$h_D\f$

  /// One step size \f$h\f$ for both players.
  explicit simultaneous(double h) : simultaneous(h, h) {}
  /// Separate step sizes (TTUR); each must be positive and finite.
  simultaneous(double h_generator, double h_discriminator)
      : generator_step(h_generator), discriminator_step(h_discriminator) {
    detail::require_step_sizes("minimax::schemes::simultaneous", h_generator, h_discriminator);
  }

  /// The state at \f$z_0\f$.
  template <Game G>
  scheme_state start(const G&, const Eigen::VectorXd& z0) const {
    return {z0, {}, 0};
  }
  /// \f$z \leftarrow z + H v(z)\f$, then the game's projection if it has one.
  template <Game G>
  void advance(const G& game, scheme_state& s) const {
    using Vector = deferred_t<Eigen::VectorXd, G>;  // compiled where this is called
    const Vector h = detail::step_sizes(s.z.size(), game.generator_dimension(), generator_step, discriminator_step);
    s.z += h.cwiseProduct(detail::field(game, s.z));
    detail::project(game, s.z);
    ++s.step;
  }
  /// The point form's start (minimax::PointScheme): no memory.
  template <class G>
  MINIMAX_HOST_DEVICE void point_start(const G&, const double*, double*) const {}
  /// The point form of advance() (minimax::PointScheme): \f$z \leftarrow z + H v(z)\f$ on arrays, then
  /// the projection; `field2` receives \f$\|v(z)\|^2\f$ at the step's first point.
  template <class G>
  MINIMAX_HOST_DEVICE void point_advance(const G& g, double* z, double*, double& field2) const {
    constexpr int n = G::dimension;
    double v[n];
    g.field(z, v);
    field2 = detail::squared_norm(v, n);
    for (int i = 0; i < n; ++i) z[i] += detail::player_step(i, G::generator_dimension, generator_step, discriminator_step) * v[i];
    g.project(z);
  }
  /// \f$M = I + HJ\f$.
  template <class Derived>
  Eigen::MatrixXd linearised(const Eigen::MatrixBase<Derived>& J, Eigen::Index n_generator) const {
    using Vector = deferred_t<Eigen::VectorXd, Derived>;  // compiled where this is called
    using Matrix = deferred_t<Eigen::MatrixXd, Derived>;
    const Vector h = detail::step_sizes(J.rows(), n_generator, generator_step, discriminator_step);
    return Matrix::Identity(J.rows(), J.cols()) + h.asDiagonal() * J;
  }
};

}  // namespace minimax::schemes
