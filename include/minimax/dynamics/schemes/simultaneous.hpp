#pragma once
/// \file
/// \brief Simultaneous gradient steps, with one step size or two (TTUR).

#include <Eigen/Core>

#include "minimax/dynamics/schemes/scheme_base.hpp"

namespace minimax::schemes {

/// \brief Simultaneous gradient descent: both players step from the same point,
/// \f$z_{t+1} = z_t + H\,v(z_t)\f$, with \f$H = \operatorname{diag}(h_G I, h_D I)\f$.
///
/// With \f$h_G \ne h_D\f$ this is the two time-scale update rule (TTUR, Heusel et al. 2017).
/// Linearisation: \f$M = I + HJ\f$. For one step size, \f$\rho(M) < 1\f$ iff
/// \f$h < 2|\operatorname{Re}\lambda|/|\lambda|^2\f$ for every eigenvalue \f$\lambda\f$ of \f$J\f$
/// (see minimax::largest_stable_step). On the bilinear game \f$V = xy\f$ the norm grows by exactly
/// \f$\sqrt{1 + h^2}\f$ per step.
struct simultaneous : scheme_base<simultaneous> {
  double generator_step;      ///< \f$h_G\f$
  double discriminator_step;  ///< \f$h_D\f$

  /// One step size \f$h\f$ for both players.
  explicit simultaneous(double h) : simultaneous(h, h) {}
  /// Separate step sizes (TTUR); each must be positive and finite.
  simultaneous(double h_generator, double h_discriminator)
      : generator_step(h_generator), discriminator_step(h_discriminator) {
    detail::require_step_sizes("minimax::schemes::simultaneous", h_generator, h_discriminator);
  }

  /// One step \f$z \leftarrow z + H v(z)\f$, then the projection, over either backend's view
  /// (schemes::scheme_base supplies `start`, `advance` and the point form).
  template <class View>
  MINIMAX_HOST_DEVICE void step(const View& g, double* z, double*, double& field2) const {
    const long n = g.dimension(), ng = g.generator_dimension();
    auto v = g.template buffer<double>();
    field2 = detail::field_and_squared_norm(g, z, v.data());
    for (long i = 0; i < n; ++i) z[i] += detail::player_step(i, ng, generator_step, discriminator_step) * v[i];
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
