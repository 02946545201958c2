#pragma once
/// \file
/// \brief Heavy-ball momentum, simultaneous or alternating; negative momentum included.

#include <cmath>

#include <Eigen/Core>

#include "minimax/dynamics/schemes/scheme_base.hpp"

namespace minimax::schemes {

/// \brief Gradient steps with heavy-ball momentum \f$\beta\f$ (Polyak), simultaneous or alternating:
/// \f[ z_{t+1} = z_t + H\,v(z_t) + \beta\,(z_t - z_{t-1}), \f]
/// with \f$H = \operatorname{diag}(h_G I, h_D I)\f$ (one step size \f$h\f$ for both players, or two: TTUR).
///
/// In the alternating form (Gidel et al. 2019, "Negative momentum for improved game dynamics") the
/// generator steps first and the discriminator then uses the new \f$\theta_{t+1}\f$. On
/// \f$V = xy\f$ alternating steps with \f$\beta < 0\f$ converge and \f$\beta \ge 0\f$ do not.
/// \f$\beta\f$ may be negative; \f$|\beta| < 1\f$ is required. The first step has no history
/// (\f$z_{-1} = z_0\f$). Linearisation on \f$(z_t, z_{t-1})\f$, simultaneous form:
/// \f$M = \begin{pmatrix} (1+\beta) I + HJ & -\beta I \\ I & 0 \end{pmatrix}\f$; the alternating form
/// is the product of the generator's and then the discriminator's partial updates.
struct momentum : scheme_base<momentum> {
  double generator_step;      ///< \f$h_G\f$
  double discriminator_step;  ///< \f$h_D\f$
  double beta;                ///< \f$\beta\f$, in \f$(-1, 1)\f$
  bool alternating = false;   ///< generator first, then the discriminator at the new point

  /// One step size \f$h > 0\f$ for both players, momentum \f$\beta \in (-1, 1)\f$, simultaneous
  /// unless `alternate`.
  momentum(double h, double momentum_beta, bool alternate = false) : momentum(h, h, momentum_beta, alternate) {}
  /// Separate step sizes (TTUR), each positive and finite; \f$\beta\f$ and `alternate` as above.
  momentum(double h_generator, double h_discriminator, double momentum_beta, bool alternate)
      : generator_step(h_generator), discriminator_step(h_discriminator), beta(momentum_beta), alternating(alternate) {
    detail::require_step_sizes("minimax::schemes::momentum", h_generator, h_discriminator);
    if (!(std::abs(momentum_beta) < 1.0)) {
      raise_invalid_argument("minimax::schemes::momentum", "the momentum beta must lie in (-1, 1)", momentum_beta);
    }
  }
  /// The memory: the previous point, \f$z_0\f$ at the start (so the first step has no momentum).
  static constexpr bool uses_memory = true;
  /// Fills the memory with \f$z_0\f$.
  template <class View>
  MINIMAX_HOST_DEVICE void start_memory(const View& g, const double* z0, double* memory) const {
    for (long i = 0; i < g.dimension(); ++i) memory[i] = z0[i];
  }
  /// \f$z \leftarrow z + H v + \beta(z - z_\text{prev})\f$ (simultaneous, or the generator's coordinates
  /// first and the discriminator's at the new point), the memory taking the point before the step,
  /// over either backend's view (schemes::scheme_base supplies `start`, `advance` and the point form).
  template <class View>
  MINIMAX_HOST_DEVICE void step(const View& g, double* z, double* memory, double& field2) const {
    const long n = g.dimension(), ng = g.generator_dimension();
    auto v = g.template buffer<double>();
    auto previous = g.template buffer<double>();
    for (long i = 0; i < n; ++i) previous[i] = z[i];
    field2 = detail::field_and_squared_norm(g, z, v.data());
    if (!alternating) {
      for (long i = 0; i < n; ++i) {
        const double h = detail::player_step(i, ng, generator_step, discriminator_step);
        z[i] += h * v[i] + beta * (previous[i] - memory[i]);
      }
      g.project(z);
    } else {
      for (long i = 0; i < ng; ++i) z[i] += generator_step * v[i] + beta * (previous[i] - memory[i]);
      g.project(z);
      g.field(z, v.data());
      for (long i = ng; i < n; ++i) z[i] += discriminator_step * v[i] + beta * (previous[i] - memory[i]);
      g.project(z);
    }
    for (long i = 0; i < n; ++i) memory[i] = previous[i];
  }
  /// The linearised update on \f$(z_t, z_{t-1})\f$.
  template <class Derived>
  Eigen::MatrixXd linearised(const Eigen::MatrixBase<Derived>& J, Eigen::Index n_generator) const {
    using Matrix = deferred_t<Eigen::MatrixXd, Derived>;  // compiled where linearised() is called
    const Eigen::Index n = J.rows();
    const Matrix I = Matrix::Identity(n, n);
    if (!alternating) {
      using Vector = deferred_t<Eigen::VectorXd, Derived>;
      const Vector h = detail::step_sizes(n, n_generator, generator_step, discriminator_step);
      Matrix M = Matrix::Zero(2 * n, 2 * n);
      M.topLeftCorner(n, n) = (1.0 + beta) * I + h.asDiagonal() * J;
      M.topRightCorner(n, n) = -beta * I;
      M.bottomLeftCorner(n, n) = I;
      return M;
    }
    // Partial update of the coordinates in [first, first + count): z_new = (1+beta) z + h (J z) - beta z_prev
    // on those rows (h that player's step size), z_prev takes the old z on those rows; other rows are unchanged.
    auto partial = [&](Eigen::Index first, Eigen::Index count, double h) {
      Matrix P = Matrix::Identity(2 * n, 2 * n);
      P.block(first, 0, count, n) = (1.0 + beta) * I.middleRows(first, count) + h * J.middleRows(first, count);
      P.block(first, n, count, n) = -beta * I.middleRows(first, count);
      P.block(n + first, 0, count, 2 * n).setZero();
      P.block(n + first, 0, count, n) = I.middleRows(first, count);
      return P;
    };
    return partial(n_generator, n - n_generator, discriminator_step) * partial(0, n_generator, generator_step);
  }
};

}  // namespace minimax::schemes
