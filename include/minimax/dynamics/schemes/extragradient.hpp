#pragma once
/// \file
/// \brief The extragradient method (Korpelevich 1976): look ahead, then step with the field there.

#include <Eigen/Core>

#include "minimax/dynamics/schemes/scheme_base.hpp"

namespace minimax::schemes {

/// \brief Extragradient: \f$z_{t+1/2} = z_t + H v(z_t)\f$, \f$z_{t+1} = z_t + H v(z_{t+1/2})\f$, with
/// \f$H = \operatorname{diag}(h_G I, h_D I)\f$ (one step size \f$h\f$ for both players, or two: TTUR).
///
/// Linearisation: \f$M = I + HJ + (HJ)^2\f$, with one step size \f$I + hJ + h^2 J^2\f$. On \f$V = xy\f$ the eigenvalues of \f$M\f$ are
/// \f$(1 - h^2) \pm i h\f$, of modulus \f$\sqrt{1 - h^2 + h^4} < 1\f$ for \f$0 < h < 1\f$: it converges
/// where simultaneous steps spiral out.
struct extragradient : scheme_base<extragradient> {
  double generator_step;      ///< \f$h_G\f$
  double discriminator_step;  ///< \f$h_D\f$

  /// One step size \f$h > 0\f$ for both players.
  explicit extragradient(double h) : extragradient(h, h) {}
  /// Separate step sizes (TTUR); each must be positive and finite.
  extragradient(double h_generator, double h_discriminator)
      : generator_step(h_generator), discriminator_step(h_discriminator) {
    detail::require_step_sizes("minimax::schemes::extragradient", h_generator, h_discriminator);
  }
  /// The look-ahead step and the real step, each followed by the projection, over either backend's
  /// view (schemes::scheme_base supplies `start`, `advance` and the point form).
  template <class View>
  MINIMAX_HOST_DEVICE void step(const View& g, double* z, double*, double& field2) const {
    const long n = g.dimension(), ng = g.generator_dimension();
    auto v = g.template buffer<double>();
    auto ahead = g.template buffer<double>();
    field2 = detail::field_and_squared_norm(g, z, v.data());
    for (long i = 0; i < n; ++i) {
      ahead[i] = z[i] + detail::player_step(i, ng, generator_step, discriminator_step) * v[i];
    }
    g.project(ahead.data());
    g.field(ahead.data(), v.data());
    for (long i = 0; i < n; ++i) z[i] += detail::player_step(i, ng, generator_step, discriminator_step) * v[i];
    g.project(z);
  }
  /// \f$M = I + HJ + (HJ)^2\f$.
  template <class Derived>
  Eigen::MatrixXd linearised(const Eigen::MatrixBase<Derived>& J, Eigen::Index n_generator) const {
    using Vector = deferred_t<Eigen::VectorXd, Derived>;  // compiled where this is called
    using Matrix = deferred_t<Eigen::MatrixXd, Derived>;
    const Vector h = detail::step_sizes(J.rows(), n_generator, generator_step, discriminator_step);
    const Matrix hJ = h.asDiagonal() * J;
    return Matrix::Identity(J.rows(), J.cols()) + hJ + hJ * hJ;
  }
};

}  // namespace minimax::schemes
