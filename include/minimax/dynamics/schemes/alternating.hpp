#pragma once
/// \file
/// \brief Alternating gradient steps: the generator moves, then the discriminator answers.

#include <Eigen/Core>

#include "minimax/dynamics/schemes/scheme_base.hpp"

namespace minimax::schemes {

/// \brief Alternating gradient descent: a generator step, then \f$n_D\f$ discriminator steps,
/// each at the newest point:
/// \f[ \theta_{t+1} = \theta_t + h_G v_\theta(\theta_t, \psi_t), \qquad
///     \psi \leftarrow \psi + h_D v_\psi(\theta_{t+1}, \psi) \;\; (n_D \text{ times}). \f]
///
/// Goodfellow et al.'s Algorithm 1 is the same sequence seen from the discriminator's side
/// (\f$k = n_D\f$ discriminator steps between generator steps). On \f$V = xy\f$ with one step size
/// \f$h < 2\f$ the quantity \f$x^2 + y^2 - h\,xy\f$ is conserved exactly: bounded, but no convergence.
/// Linearisation: \f$M = (I + h_D P_D J)^{n_D} (I + h_G P_G J)\f$, with \f$P_G, P_D\f$ the
/// projections on each player's coordinates.
struct alternating : scheme_base<alternating> {
  double generator_step;        ///< \f$h_G\f$
  double discriminator_step;    ///< \f$h_D\f$
  int discriminator_steps = 1;  ///< \f$n_D\f$, discriminator steps per generator step

  /// One step size for both players, one discriminator step per generator step.
  explicit alternating(double h) : alternating(h, h, 1) {}
  /// Separate step sizes and \f$n_D \ge 1\f$ discriminator steps per generator step.
  alternating(double h_generator, double h_discriminator, int n_discriminator = 1)
      : generator_step(h_generator), discriminator_step(h_discriminator), discriminator_steps(n_discriminator) {
    detail::require_step_sizes("minimax::schemes::alternating", h_generator, h_discriminator);
    if (n_discriminator < 1) {
      raise_invalid_argument("minimax::schemes::alternating", "the number of discriminator steps must be >= 1",
                             n_discriminator);
    }
  }

  /// The generator's step, then \f$n_D\f$ discriminator steps, each at the newest point and each
  /// followed by the projection, over either backend's view (schemes::scheme_base supplies `start`,
  /// `advance` and the point form).
  template <class View>
  MINIMAX_HOST_DEVICE void step(const View& g, double* z, double*, double& field2) const {
    const long n = g.dimension(), ng = g.generator_dimension();
    auto v = g.template buffer<double>();
    field2 = detail::field_and_squared_norm(g, z, v.data());
    for (long i = 0; i < ng; ++i) z[i] += generator_step * v[i];
    g.project(z);
    for (int k = 0; k < discriminator_steps; ++k) {
      g.field(z, v.data());
      for (long i = ng; i < n; ++i) z[i] += discriminator_step * v[i];
      g.project(z);
    }
  }
  /// \f$M = (I + h_D P_D J)^{n_D} (I + h_G P_G J)\f$.
  template <class Derived>
  Eigen::MatrixXd linearised(const Eigen::MatrixBase<Derived>& J, Eigen::Index n_generator) const {
    using Matrix = deferred_t<Eigen::MatrixXd, Derived>;  // compiled where linearised() is called
    const Eigen::Index n = J.rows();
    const Matrix I = Matrix::Identity(n, n);
    Matrix G = I, D = I;
    G.topRows(n_generator) += generator_step * J.topRows(n_generator);
    D.bottomRows(n - n_generator) += discriminator_step * J.bottomRows(n - n_generator);
    Matrix M = G;
    for (int k = 0; k < discriminator_steps; ++k) M = D * M;
    return M;
  }
};

}  // namespace minimax::schemes
