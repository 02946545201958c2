#pragma once
/// \file
/// \brief Unrolled GAN updates (Metz et al. 2016) with the exact gradient through the unrolled steps.

#include <concepts>
#include <cstddef>
#include <utility>
#include <vector>

#include <Eigen/Core>

#include "minimax/dynamics/jacobian.hpp"
#include "minimax/dynamics/schemes/look_ahead.hpp"
#include "minimax/dynamics/schemes/state.hpp"

namespace minimax::detail {
// Games whose parameters enter the unrolled steps through a fixed intermediate (games::mixture_gan:
// the fake batch) compute the whole adjoint themselves; games with a projection use the general path.
template <class G>
concept has_unrolled_gradient = !GameWithProjection<G> && requires(const G& g, const Eigen::VectorXd& z, Eigen::VectorXd* v) {
  { g.unrolled_generator_gradient(z, 1.0, 1, v) } -> std::convertible_to<Eigen::VectorXd>;
};
// The same, unrolled through a look-ahead optimiser L.
template <class G, class L>
concept has_look_ahead_gradient =
    !GameWithProjection<G> && requires(const G& g, const Eigen::VectorXd& z, const L& o, const typename L::state& s,
                                       Eigen::VectorXd* v) {
      { g.unrolled_generator_gradient(z, o, s, 1, v) } -> std::convertible_to<Eigen::VectorXd>;
    };

// A game's own buffers for unrolled_generator_gradient (games::mixture_gan::unrolled_workspace),
// kept in the scheme's state so that every step reuses them; an empty struct for other games.
struct no_unrolled_workspace {};
template <class G>
struct unrolled_workspace_of {
  using type = no_unrolled_workspace;
};
template <class G>
  requires requires { typename G::unrolled_workspace; }
struct unrolled_workspace_of<G> {
  using type = typename G::unrolled_workspace;
};
template <class G>
using unrolled_workspace_t = typename unrolled_workspace_of<G>::type;
template <class G>
concept has_unrolled_workspace =
    requires(const G& g, const Eigen::VectorXd& z, Eigen::VectorXd* v, unrolled_workspace_t<G>& ws) {
      { g.unrolled_generator_gradient(z, 1.0, 1, v, ws) } -> std::convertible_to<Eigen::VectorXd>;
    };
template <class G, class L>
concept has_look_ahead_workspace = requires(const G& g, const Eigen::VectorXd& z, const L& o, const typename L::state& s,
                                            Eigen::VectorXd* v, unrolled_workspace_t<G>& ws) {
  { g.unrolled_generator_gradient(z, o, s, 1, v, ws) } -> std::convertible_to<Eigen::VectorXd>;
};
}  // namespace minimax::detail

namespace minimax::schemes {

template <look_ahead::optimiser L>
struct unrolled_through;

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
/// With \f$k = 0\f$ it is simultaneous descent. To take the look-ahead with the discriminator's own
/// optimiser (momentum, Adam with its moments; Metz et al. 2017), use unrolled::through() /
/// minimax::schemes::unrolled_through.
struct unrolled {
  double generator_step;      ///< \f$h_G\f$
  double discriminator_step;  ///< \f$h_D\f$, also the step of the unrolled look-ahead
  int unrolled_steps;         ///< \f$k \ge 0\f$

  /// One step size \f$h\f$ for both players and \f$k\f$ unrolled steps.
  unrolled(double h, int k) : unrolled(h, h, k) {}
  /// Separate step sizes and \f$k \ge 0\f$ unrolled steps.
  unrolled(double h_generator, double h_discriminator, int k)
      : generator_step(h_generator), discriminator_step(h_discriminator), unrolled_steps(k) {
    detail::require_step_sizes("minimax::schemes::unrolled", h_generator, h_discriminator);
    if (k < 0) raise_invalid_argument("minimax::schemes::unrolled", "the number of unrolled steps must be >= 0", k);
  }

  /// \brief The option of unrolling through the discriminator's own optimiser: the scheme
  /// minimax::schemes::unrolled_through with generator step \f$h_G\f$, look-ahead optimiser `o`
  /// (look_ahead::sgd, look_ahead::momentum, look_ahead::adam) and \f$k\f$ unrolled steps.
  /// `unrolled::through(h, look_ahead::sgd{h_D}, k)` gives the same numbers as `unrolled{h, h_D, k}`.
  template <look_ahead::optimiser L>
  static unrolled_through<L> through(double h_generator, L o, int k) {
    return unrolled_through<L>(h_generator, std::move(o), k);
  }

  /// \f$\frac{d}{d\theta} L_G(\theta, \psi_k(\theta))\f$ at \f$z = (\theta, \psi)\f$, by the adjoint recursion.
  template <Game G>
  Eigen::VectorXd generator_gradient(const G& game, const Eigen::VectorXd& z) const {
    using Vector = deferred_t<Eigen::VectorXd, G>;  // compiled where this is called
    using Matrix = deferred_t<Eigen::MatrixXd, G>;
    if constexpr (detail::has_unrolled_gradient<G>) {
      return game.unrolled_generator_gradient(z, discriminator_step, unrolled_steps);
    }
    const Eigen::Index ng = game.generator_dimension();
    const Eigen::Index nd = z.size() - ng;
    std::vector<Vector> path{z};  // (theta, psi_j), j = 0..k
    for (int j = 0; j < unrolled_steps; ++j) {
      Vector next = path.back();
      next.tail(nd) += discriminator_step * detail::field(game, path.back()).tail(nd);
      detail::project(game, next);
      path.push_back(std::move(next));
    }
    const Vector dL = generator_loss_gradient(game, path.back());
    Vector g = dL.head(ng);
    Vector lambda = dL.tail(nd);
    for (int j = unrolled_steps - 1; j >= 0; --j) {
      const Vector& at = path[static_cast<std::size_t>(j)];
      if constexpr (requires { game.discriminator_loss_hessian_vector(at, at); }) {
        // v_psi = -grad_psi L_D, so J_{psi.}^T lambda = -(H (0, lambda)) with H the Hessian of L_D
        Vector w = Vector::Zero(at.size());
        w.tail(nd) = lambda;
        const Vector hw = game.discriminator_loss_hessian_vector(at, w);
        g -= discriminator_step * hw.head(ng);
        lambda -= discriminator_step * hw.tail(nd);
      } else {
        const Matrix J = jacobian(game, at);
        g += discriminator_step * J.bottomLeftCorner(nd, ng).transpose() * lambda;
        lambda += discriminator_step * J.bottomRightCorner(nd, nd).transpose() * lambda;
      }
    }
    return g;
  }

  /// \brief The state of a run on game `G`: minimax::scheme_state, and the game's buffers for its own
  /// unrolled gradient where it has them (games::mixture_gan::unrolled_workspace), reused by every step.
  template <class G>
  struct state : scheme_state {
    detail::unrolled_workspace_t<G> workspace;  ///< the game's buffers (an empty struct for most games)
  };

  /// The state at \f$z_0\f$.
  template <Game G>
  state<G> start(const G&, const Eigen::VectorXd& z0) const {
    return {{z0, {}, 0}, {}};
  }
  /// \f$\theta \leftarrow \theta - h_G \frac{d}{d\theta}L_G^{(k)}\f$ and \f$\psi \leftarrow \psi + h_D v_\psi\f$.
  template <Game G>
  void advance(const G& game, state<G>& s) const {
    using Vector = deferred_t<Eigen::VectorXd, G>;  // compiled where this is called
    const Eigen::Index ng = game.generator_dimension();
    const Eigen::Index nd = s.z.size() - ng;
    if constexpr (detail::has_unrolled_gradient<G>) {
      // one pass gives both: the look-ahead's first step is the discriminator's own gradient
      Vector v_psi;
      const Vector g = [&] {
        if constexpr (detail::has_unrolled_workspace<G>) {
          return game.unrolled_generator_gradient(s.z, discriminator_step, unrolled_steps, &v_psi, s.workspace);
        } else {
          return game.unrolled_generator_gradient(s.z, discriminator_step, unrolled_steps, &v_psi);
        }
      }();
      s.z.head(ng) -= generator_step * g;
      s.z.tail(nd) += discriminator_step * v_psi;
    } else {
      const Vector g = generator_gradient(game, s.z);
      const Vector v = detail::field(game, s.z);
      s.z.head(ng) -= generator_step * g;
      s.z.tail(nd) += discriminator_step * v.tail(nd);
    }
    detail::project(game, s.z);
    ++s.step;
  }
};

/// \brief Unrolled updates through the discriminator's own optimiser (Metz et al. 2017): the
/// look-ahead \f$\psi_{j+1} = \Phi(\psi_j, s_j, \nabla_\psi L_D(\theta, \psi_j))\f$ is taken by the
/// optimiser `L` (look_ahead::sgd, look_ahead::momentum, look_ahead::adam) from its current state
/// \f$s_0\f$ (velocity, moments, step count), and the generator descends
/// \f$L_G(\theta, \psi_k(\theta))\f$ with the exact gradient, the dependence of the optimiser's state
/// \f$s_j\f$ on \f$\theta\f$ (momentum's velocity; Adam's moments, through \f$\sqrt{s}+\epsilon\f$ and the
/// bias correction) included. The discriminator takes one step of the same optimiser, which updates the
/// state the next look-ahead starts from; the generator an ordinary step \f$-h_G\f$ times that gradient.
///
/// The gradient is the adjoint recursion of schemes::unrolled with the optimiser's reverse product in
/// place of the plain step's: with \f$g_j = \nabla_\psi L_D(\theta,\psi_j)\f$, \f$\bar\psi_k =
/// \nabla_\psi L_G(\theta, \psi_k)\f$, \f$\bar s_k = 0\f$, \f$d = \nabla_\theta L_G(\theta, \psi_k)\f$, for
/// \f$j = k-1, \dots, 0\f$: \f$(\bar\psi_j, \bar s_j, \bar g_j)\f$ = `L::adjoint` of step \f$j\f$, then
/// \f[ \bar\psi_j \mathrel{+}= \nabla^2_{\psi\psi} L_D\,\bar g_j,\qquad d \mathrel{+}= \nabla^2_{\theta\psi} L_D\,\bar g_j \f]
/// at \f$(\theta, \psi_j)\f$: one Hessian-vector product of \f$L_D\f$ per step
/// (`discriminator_loss_hessian_vector`), or blocks of the game's exact Jacobian for small games
/// (\f$\nabla_\psi L_D = -v_\psi\f$). Games with `unrolled_generator_gradient(z, o, s, k, v_psi)`
/// (games::mixture_gan) run it themselves. With look_ahead::sgd it is schemes::unrolled (the same
/// code, the same numbers); with \f$k = 0\f$ the generator's step is simultaneous descent. Projections
/// (weight clipping) are applied to the look-ahead and to the step, and not differentiated.
template <look_ahead::optimiser L>
struct unrolled_through {
  double generator_step;  ///< \f$h_G\f$
  L look_ahead;           ///< the discriminator's optimiser (its settings), which also takes the look-ahead
  int unrolled_steps;     ///< \f$k \ge 0\f$

  /// \throws minimax::invalid_argument unless \f$h_G\f$ is positive and finite and \f$k \ge 0\f$.
  unrolled_through(double h_generator, L o, int k) : generator_step(h_generator), look_ahead(std::move(o)), unrolled_steps(k) {
    detail::require_step_size("minimax::schemes::unrolled_through", "the generator's step size", h_generator);
    if (k < 0) raise_invalid_argument("minimax::schemes::unrolled_through", "the number of unrolled steps must be >= 0", k);
  }

  /// \brief The state of a run on game `G`: the point, the discriminator optimiser's state, the step
  /// count, and the game's buffers for its own unrolled gradient where it has them.
  template <class G = void>
  struct state {
    Eigen::VectorXd z;                          ///< the current point \f$(\theta, \psi)\f$
    typename L::state discriminator;            ///< the discriminator optimiser's state (velocity, moments)
    long step = 0;                              ///< steps taken
    detail::unrolled_workspace_t<G> workspace;  ///< the game's buffers (an empty struct for most games)
  };

  /// \f$\frac{d}{d\theta} L_G(\theta, \psi_k(\theta))\f$ at \f$z = (\theta, \psi)\f$, the look-ahead
  /// starting from the optimiser's state `s0`.
  template <Game G>
  Eigen::VectorXd generator_gradient(const G& game, const Eigen::VectorXd& z, const typename L::state& s0) const {
    using Vector = deferred_t<Eigen::VectorXd, G>;  // compiled where this is called
    using Matrix = deferred_t<Eigen::MatrixXd, G>;
    const Eigen::Index ng = game.generator_dimension();
    const Eigen::Index nd = z.size() - ng;
    look_ahead.check(s0, nd);
    if constexpr (std::same_as<L, look_ahead::sgd>) {
      return unrolled(generator_step, look_ahead.learning_rate, unrolled_steps).generator_gradient(game, z);
    } else if constexpr (detail::has_look_ahead_gradient<G, L>) {
      return game.unrolled_generator_gradient(z, look_ahead, s0, unrolled_steps);
    } else {
      std::vector<Vector> path{z};  // (theta, psi_j), j = 0..k
      std::vector<typename L::state> states{s0};
      std::vector<Vector> grads;
      for (int j = 0; j < unrolled_steps; ++j) {
        Vector next = path.back();
        grads.push_back(-detail::field(game, path.back()).tail(nd));
        typename L::state s = states.back();
        look_ahead.step(next.tail(nd), s, grads.back());
        detail::project(game, next);
        path.push_back(std::move(next));
        states.push_back(std::move(s));
      }
      const Vector dL = generator_loss_gradient(game, path.back());
      Vector g = dL.head(ng);
      Vector lambda = dL.tail(nd);
      typename L::state lambda_s = look_ahead.start(nd);
      Vector lambda_g(nd);
      for (int j = unrolled_steps - 1; j >= 0; --j) {
        const auto i = static_cast<std::size_t>(j);
        const Vector& at = path[i];
        look_ahead.adjoint(states[i], grads[i], lambda, lambda_s, lambda_g);
        if constexpr (requires { game.discriminator_loss_hessian_vector(at, at); }) {
          // grad_psi L_D has Jacobian rows psi of H = Hessian of L_D (symmetric): J^T lambda_g = H (0, lambda_g)
          Vector w = Vector::Zero(at.size());
          w.tail(nd) = lambda_g;
          const Vector hw = game.discriminator_loss_hessian_vector(at, w);
          g += hw.head(ng);
          lambda += hw.tail(nd);
        } else {
          // grad_psi L_D = -v_psi
          const Matrix J = jacobian(game, at);
          g -= J.bottomLeftCorner(nd, ng).transpose() * lambda_g;
          lambda -= J.bottomRightCorner(nd, nd).transpose() * lambda_g;
        }
      }
      return g;
    }
  }

  /// A fresh optimiser (zero velocity or moments) at \f$z_0\f$.
  template <Game G>
  state<G> start(const G& game, const Eigen::VectorXd& z0) const {
    return {z0, look_ahead.start(z0.size() - game.generator_dimension()), 0, {}};
  }
  /// \f$\theta \leftarrow \theta - h_G \frac{d}{d\theta}L_G^{(k)}\f$ and one optimiser step of \f$\psi\f$ on
  /// \f$\nabla_\psi L_D = -v_\psi\f$, both at the current point.
  template <Game G>
  void advance(const G& game, state<G>& s) const {
    using Vector = deferred_t<Eigen::VectorXd, G>;  // compiled where this is called
    const Eigen::Index ng = game.generator_dimension();
    const Eigen::Index nd = s.z.size() - ng;
    Vector g, v_psi;
    if constexpr (std::same_as<L, look_ahead::sgd> && detail::has_unrolled_workspace<G> &&
                  detail::has_unrolled_gradient<G>) {
      g = game.unrolled_generator_gradient(s.z, look_ahead.learning_rate, unrolled_steps, &v_psi, s.workspace);
    } else if constexpr (std::same_as<L, look_ahead::sgd> && detail::has_unrolled_gradient<G>) {
      g = game.unrolled_generator_gradient(s.z, look_ahead.learning_rate, unrolled_steps, &v_psi);
    } else if constexpr (detail::has_look_ahead_workspace<G, L> && detail::has_look_ahead_gradient<G, L>) {
      g = game.unrolled_generator_gradient(s.z, look_ahead, s.discriminator, unrolled_steps, &v_psi, s.workspace);
    } else if constexpr (detail::has_look_ahead_gradient<G, L>) {
      g = game.unrolled_generator_gradient(s.z, look_ahead, s.discriminator, unrolled_steps, &v_psi);
    } else {
      g = generator_gradient(game, s.z, s.discriminator);
      v_psi = detail::field(game, s.z).tail(nd);
    }
    s.z.head(ng) -= generator_step * g;
    look_ahead.step(s.z.tail(nd), s.discriminator, Vector(-v_psi));
    detail::project(game, s.z);
    ++s.step;
  }
};

}  // namespace minimax::schemes
