#pragma once
/// \file
/// \brief Optimistic gradient descent (Daskalakis et al. 2018).

#include <Eigen/Core>

#include "minimax/dynamics/schemes/scheme_base.hpp"

namespace minimax::schemes {

/// \brief Optimistic gradient descent: \f$z_{t+1} = z_t + 2H\,v(z_t) - H\,v(z_{t-1})\f$, with
/// \f$H = \operatorname{diag}(h_G I, h_D I)\f$ (one step size \f$h\f$ for both players, or two: TTUR).
///
/// The first step uses \f$v(z_{-1}) = v(z_0)\f$, i.e. it is a plain gradient step. The scheme
/// has two steps of memory, so its linearisation acts on \f$(z_t, z_{t-1})\f$:
/// \f[ M = \begin{pmatrix} I + 2HJ & -HJ \\ I & 0 \end{pmatrix}, \f]
/// whose eigenvalues are the roots of the companion polynomial; on \f$V = xy\f$ it converges for
/// small \f$h\f$.
struct optimistic : scheme_base<optimistic> {
  double generator_step;      ///< \f$h_G\f$
  double discriminator_step;  ///< \f$h_D\f$

  /// One step size \f$h > 0\f$ for both players.
  explicit optimistic(double h) : optimistic(h, h) {}
  /// Separate step sizes (TTUR); each must be positive and finite.
  optimistic(double h_generator, double h_discriminator)
      : generator_step(h_generator), discriminator_step(h_discriminator) {
    detail::require_step_sizes("minimax::schemes::optimistic", h_generator, h_discriminator);
  }
  /// The memory: the field at \f$z_0\f$ (so the first step is a plain simultaneous step).
  static constexpr bool uses_memory = true;
  /// Fills the memory with \f$v(z_0)\f$.
  template <class View>
  MINIMAX_HOST_DEVICE void start_memory(const View& g, const double* z0, double* memory) const {
    g.field(z0, memory);
  }
  /// \f$z \leftarrow z + H(2v(z) - v_\text{prev})\f$, the memory taking \f$v(z)\f$, then the projection,
  /// over either backend's view (schemes::scheme_base supplies `start`, `advance` and the point form).
  template <class View>
  MINIMAX_HOST_DEVICE void step(const View& g, double* z, double* memory, double& field2) const {
    const long n = g.dimension(), ng = g.generator_dimension();
    auto v = g.template buffer<double>();
    field2 = detail::field_and_squared_norm(g, z, v.data());
    for (long i = 0; i < n; ++i) {
      z[i] += detail::player_step(i, ng, generator_step, discriminator_step) * (2.0 * v[i] - memory[i]);
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
