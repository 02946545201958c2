#pragma once
/// \file
/// \brief Consensus optimisation (Mescheder, Nowozin, Geiger 2017, "The Numerics of GANs").

#include <Eigen/Core>

#include "minimax/core/dual.hpp"
#include "minimax/dynamics/schemes/scheme_base.hpp"

namespace minimax::schemes {

/// \brief Consensus optimisation: simultaneous steps along
/// \f$v(z) - \gamma \nabla \tfrac12 \|v(z)\|^2 = v(z) - \gamma J(z)^\top v(z)\f$.
///
/// The added term pulls both players towards points where the field vanishes. \f$J^\top v\f$ is
/// computed exactly, with dual numbers through the field (one evaluation per coordinate, as minimax::jacobian).
/// Linearisation at a stationary point (where \f$v = 0\f$, so the derivative of \f$J^\top\f$ drops
/// out): \f$M = I + H(J - \gamma J^\top J)\f$, with \f$H = \operatorname{diag}(h_G I, h_D I)\f$ (one step
/// size \f$h\f$ for both players, or two: TTUR). For the Dirac-GAN with \f$a = f'(0)\f$ the
/// linearised field has eigenvalues \f$-\gamma a^2 \pm i a\f$.
struct consensus : scheme_base<consensus> {
  double generator_step;      ///< \f$h_G\f$
  double discriminator_step;  ///< \f$h_D\f$
  double gamma;               ///< \f$\gamma \ge 0\f$

  /// One step size \f$h > 0\f$ for both players and the weight \f$\gamma \ge 0\f$.
  consensus(double h, double weight) : consensus(h, h, weight) {}
  /// Separate step sizes (TTUR), each positive and finite, and the weight \f$\gamma \ge 0\f$.
  consensus(double h_generator, double h_discriminator, double weight)
      : generator_step(h_generator), discriminator_step(h_discriminator), gamma(weight) {
    detail::require_step_sizes("minimax::schemes::consensus", h_generator, h_discriminator);
    require_non_negative("minimax::schemes::consensus", "gamma", weight);
  }
  /// \f$z \leftarrow z + H(v - \gamma J^\top v)\f$, \f$J^\top v\f$ column by column with dual numbers
  /// through the game's field, then the projection, over either backend's view
  /// (schemes::scheme_base supplies `start`, `advance` and the point form).
  template <class View>
  MINIMAX_HOST_DEVICE void step(const View& g, double* z, double*, double& field2) const {
    const long n = g.dimension(), ng = g.generator_dimension();
    auto v = g.template buffer<double>();
    auto jtv = g.template buffer<double>();
    auto zd = g.template buffer<dual<double>>();
    auto vd = g.template buffer<dual<double>>();
    field2 = detail::field_and_squared_norm(g, z, v.data());
    for (long k = 0; k < n; ++k) {
      for (long i = 0; i < n; ++i) zd[i] = dual<double>(z[i], i == k ? 1.0 : 0.0);
      g.field(zd.data(), vd.data());
      double sum = 0.0;
      for (long i = 0; i < n; ++i) sum += vd[i].derivative * v[i];
      jtv[k] = sum;
    }
    for (long i = 0; i < n; ++i) {
      z[i] += detail::player_step(i, ng, generator_step, discriminator_step) * (v[i] - gamma * jtv[i]);
    }
    g.project(z);
  }
  /// \f$M = I + H(J - \gamma J^\top J)\f$ (valid at stationary points).
  template <class Derived>
  Eigen::MatrixXd linearised(const Eigen::MatrixBase<Derived>& J, Eigen::Index n_generator) const {
    using Vector = deferred_t<Eigen::VectorXd, Derived>;  // compiled where this is called
    using Matrix = deferred_t<Eigen::MatrixXd, Derived>;
    const Vector h = detail::step_sizes(J.rows(), n_generator, generator_step, discriminator_step);
    return Matrix::Identity(J.rows(), J.cols()) + h.asDiagonal() * (J - gamma * J.transpose() * J);
  }
};

}  // namespace minimax::schemes
