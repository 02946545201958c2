#pragma once
/// \file
/// \brief Heavy-ball momentum, simultaneous or alternating; negative momentum included.

#include <cmath>

#include <Eigen/Core>

#include "minimax/dynamics/schemes/state.hpp"

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
struct momentum {
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
  /// The state at \f$z_0\f$; the memory holds \f$z_{-1} = z_0\f$.
  template <Game G>
  scheme_state start(const G&, const Eigen::VectorXd& z0) const {
    return {z0, z0, 0};
  }
  /// One step with momentum (each partial step followed by the projection).
  template <Game G, class State = scheme_state>
  void advance(const G& game, State& s) const {
    const auto previous = s.z.eval();
    const Eigen::Index ng = game.generator_dimension();
    const Eigen::Index nd = s.z.size() - ng;
    if (!alternating) {
      const auto v = detail::field(game, s.z);
      s.z.head(ng) += generator_step * v.head(ng) + beta * (previous.head(ng) - s.memory.head(ng));
      s.z.tail(nd) += discriminator_step * v.tail(nd) + beta * (previous.tail(nd) - s.memory.tail(nd));
      detail::project(game, s.z);
    } else {
      s.z.head(ng) += generator_step * detail::field(game, s.z).head(ng) + beta * (previous.head(ng) - s.memory.head(ng));
      detail::project(game, s.z);
      s.z.tail(nd) += discriminator_step * detail::field(game, s.z).tail(nd) + beta * (previous.tail(nd) - s.memory.tail(nd));
      detail::project(game, s.z);
    }
    s.memory = previous;
    ++s.step;
  }
  /// The point form's start (minimax::PointScheme): the memory (the previous point) starts as \f$z_0\f$.
  template <class G>
  MINIMAX_HOST_DEVICE void point_start(const G&, const double* z, double* memory) const {
    for (int i = 0; i < G::dimension; ++i) memory[i] = z[i];
  }
  /// The point form of advance() (minimax::PointScheme), on arrays; `field2` receives
  /// \f$\|v(z)\|^2\f$ at the step's first point.
  template <class G>
  MINIMAX_HOST_DEVICE void point_advance(const G& g, double* z, double* memory, double& field2) const {
    constexpr int n = G::dimension, ng = G::generator_dimension;
    double v[n], previous[n];
    for (int i = 0; i < n; ++i) previous[i] = z[i];
    g.field(z, v);
    field2 = detail::squared_norm(v, n);
    if (!alternating) {
      for (int i = 0; i < n; ++i) {
        z[i] += detail::player_step(i, ng, generator_step, discriminator_step) * v[i] + beta * (z[i] - memory[i]);
      }
      g.project(z);
    } else {
      for (int i = 0; i < ng; ++i) z[i] += generator_step * v[i] + beta * (previous[i] - memory[i]);
      g.project(z);
      g.field(z, v);
      for (int i = ng; i < n; ++i) z[i] += discriminator_step * v[i] + beta * (previous[i] - memory[i]);
      g.project(z);
    }
    for (int i = 0; i < n; ++i) memory[i] = previous[i];
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
