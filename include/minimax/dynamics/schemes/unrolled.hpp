#pragma once
/// \file
/// \brief Unrolled GAN updates (Metz et al. 2016) with the exact gradient through the unrolled steps.

#include <concepts>
#include <cstddef>
#include <utility>
#include <vector>

#include <Eigen/Core>

#include "minimax/dynamics/jacobian.hpp"
#include "minimax/dynamics/schemes/state.hpp"

namespace minimax::detail {
// Games whose parameters enter the unrolled steps through a fixed intermediate (games::mixture_gan:
// the fake batch) compute the whole adjoint themselves; games with a projection use the general path.
template <class G>
concept has_unrolled_gradient = !GameWithProjection<G> && requires(const G& g, const Eigen::VectorXd& z, Eigen::VectorXd* v) {
  { g.unrolled_generator_gradient(z, 1.0, 1, v) } -> std::convertible_to<Eigen::VectorXd>;
};
}  // namespace minimax::detail

namespace minimax::schemes {

/// \brief Unrolled updates: the generator descends the surrogate loss
/// \f$L_G^{(k)}(\theta, \psi) = L_G(\theta, \psi_k(\theta))\f$, where
/// \f$\psi_0 = \psi,\; \psi_{j+1} = \psi_j + h_D\,v_\psi(\theta, \psi_j)\f$ are \f$k\f$ discriminator
/// steps looked ahead; the discriminator takes an ordinary step. Both move simultaneously.
///
/// The gradient \f$\frac{d}{d\theta} L_G(\theta, \psi_k(\theta))\f$ is exact, not a stop-gradient
/// approximation: by the adjoint (reverse) recursion through the unrolled steps,
/// \f[ \lambda_k = \nabla_\psi L_G(\theta, \psi_k),\quad g = \nabla_\theta L_G(\theta, \psi_k),\qquad
///     g \mathrel{+}= h_D J_{\psi\theta}(\theta,\psi_j)^\top \lambda_{j+1},\;
///     \lambda_j = \lambda_{j+1} + h_D J_{\psi\psi}(\theta,\psi_j)^\top \lambda_{j+1} \f]
/// for \f$j = k-1, \dots, 0\f$, with \f$J\f$ the exact Jacobian of the game's vector field (second
/// derivatives of the losses, from dual numbers). Games with many parameters (games::mixture_gan)
/// provide `discriminator_loss_hessian_vector(z, w)`; the products \f$J^\top\lambda\f$ are then
/// Hessian-vector products by forward-over-reverse (about two gradients each), since
/// \f$v_\psi = -\nabla_\psi L_D\f$ makes them blocks of \f$\nabla^2 L_D\,(0, \lambda)\f$. Small games
/// use the full Jacobian. Games that offer `unrolled_generator_gradient(z, h_D, k, v_psi)`
/// (games::mixture_gan, where \f$\theta\f$ reaches the discriminator only through the fake batch)
/// run the same recursion themselves, with the generator's forward and backward passes done once.
/// With \f$k = 0\f$ it is simultaneous descent.
struct unrolled {
  double generator_step;      ///< \f$h_G\f$
  double discriminator_step;  ///< \f$h_D\f$, also the step of the unrolled look-ahead
  int unrolled_steps;         ///< \f$k \ge 0\f$

  /// One step size \f$h\f$ for both players and \f$k\f$ unrolled steps.
  unrolled(double h, int k) : unrolled(h, h, k) {}
  /// Separate step sizes and \f$k \ge 0\f$ unrolled steps.
  unrolled(double h_generator, double h_discriminator, int k)
      : generator_step(h_generator), discriminator_step(h_discriminator), unrolled_steps(k) {
    detail::require_step_size("minimax::schemes::unrolled", "the generator's step size", h_generator);
    detail::require_step_size("minimax::schemes::unrolled", "the discriminator's step size", h_discriminator);
    if (k < 0) raise_invalid_argument("minimax::schemes::unrolled", "the number of unrolled steps must be >= 0", k);
  }

  /// \f$\frac{d}{d\theta} L_G(\theta, \psi_k(\theta))\f$ at \f$z = (\theta, \psi)\f$, by the adjoint recursion.
  template <Game G>
  Eigen::VectorXd generator_gradient(const G& game, const Eigen::VectorXd& z) const {
    if constexpr (detail::has_unrolled_gradient<G>) {
      return game.unrolled_generator_gradient(z, discriminator_step, unrolled_steps);
    }
    const Eigen::Index ng = game.generator_dimension();
    const Eigen::Index nd = z.size() - ng;
    std::vector<Eigen::VectorXd> path{z};  // (theta, psi_j), j = 0..k
    for (int j = 0; j < unrolled_steps; ++j) {
      Eigen::VectorXd next = path.back();
      next.tail(nd) += discriminator_step * detail::field(game, path.back()).tail(nd);
      detail::project(game, next);
      path.push_back(std::move(next));
    }
    const Eigen::VectorXd dL = generator_loss_gradient(game, path.back());
    Eigen::VectorXd g = dL.head(ng);
    Eigen::VectorXd lambda = dL.tail(nd);
    for (int j = unrolled_steps - 1; j >= 0; --j) {
      const Eigen::VectorXd& at = path[static_cast<std::size_t>(j)];
      if constexpr (requires { game.discriminator_loss_hessian_vector(at, at); }) {
        // v_psi = -grad_psi L_D, so J_{psi.}^T lambda = -(H (0, lambda)) with H the Hessian of L_D
        Eigen::VectorXd w = Eigen::VectorXd::Zero(at.size());
        w.tail(nd) = lambda;
        const Eigen::VectorXd hw = game.discriminator_loss_hessian_vector(at, w);
        g -= discriminator_step * hw.head(ng);
        lambda -= discriminator_step * hw.tail(nd);
      } else {
        const Eigen::MatrixXd J = jacobian(game, at);
        g += discriminator_step * J.bottomLeftCorner(nd, ng).transpose() * lambda;
        lambda += discriminator_step * J.bottomRightCorner(nd, nd).transpose() * lambda;
      }
    }
    return g;
  }

  /// The state at \f$z_0\f$.
  template <Game G>
  scheme_state start(const G&, const Eigen::VectorXd& z0) const {
    return {z0, {}, 0};
  }
  /// \f$\theta \leftarrow \theta - h_G \frac{d}{d\theta}L_G^{(k)}\f$ and \f$\psi \leftarrow \psi + h_D v_\psi\f$.
  template <Game G>
  void advance(const G& game, scheme_state& s) const {
    const Eigen::Index ng = game.generator_dimension();
    const Eigen::Index nd = s.z.size() - ng;
    if constexpr (detail::has_unrolled_gradient<G>) {
      // one pass gives both: the look-ahead's first step is the discriminator's own gradient
      Eigen::VectorXd v_psi;
      const Eigen::VectorXd g = game.unrolled_generator_gradient(s.z, discriminator_step, unrolled_steps, &v_psi);
      s.z.head(ng) -= generator_step * g;
      s.z.tail(nd) += discriminator_step * v_psi;
    } else {
      const Eigen::VectorXd g = generator_gradient(game, s.z);
      const Eigen::VectorXd v = detail::field(game, s.z);
      s.z.head(ng) -= generator_step * g;
      s.z.tail(nd) += discriminator_step * v.tail(nd);
    }
    detail::project(game, s.z);
    ++s.step;
  }
};

}  // namespace minimax::schemes
