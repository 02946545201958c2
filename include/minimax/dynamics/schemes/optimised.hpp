#pragma once
/// \file
/// \brief Game dynamics driven by the optimisers of minimax::nn (SGD, momentum, Adam, RMSProp), one
/// per player, simultaneous or alternating.

#include <utility>

#include <Eigen/Core>

#include "minimax/dynamics/schemes/state.hpp"
#include "minimax/nn/optimiser.hpp"

namespace minimax::schemes {

/// \brief Each player descends its own loss with its own optimiser: the generator's on
/// \f$g_\theta = \nabla_\theta L_G = -v_\theta\f$, the discriminator's on
/// \f$g_\psi = \nabla_\psi L_D = -v_\psi\f$.
///
/// `Optimiser` is any of minimax::nn::sgd, minimax::nn::momentum, minimax::nn::adam,
/// minimax::nn::rmsprop (a type with `step(parameters, gradient)`). Simultaneous by default; with
/// `alternating` the discriminator's gradient is taken at the generator's new point. These schemes
/// are nonlinear in the gradient (Adam, RMSProp) or carry state, so they have no `linearised()`;
/// compare them with the linear schemes by simulation.
template <class GeneratorOptimiser, class DiscriminatorOptimiser = GeneratorOptimiser>
struct optimised {
  GeneratorOptimiser generator_optimiser;          ///< the generator's optimiser (its settings; copied per run)
  DiscriminatorOptimiser discriminator_optimiser;  ///< the discriminator's optimiser (its settings; copied per run)
  bool alternating = false;                        ///< the discriminator steps at the generator's new point

  /// The state of a run: the point and a copy of each optimiser (with its moments).
  struct state {
    Eigen::VectorXd z;                 ///< the current point \f$(\theta, \psi)\f$
    GeneratorOptimiser generator;      ///< the generator's optimiser in this run
    DiscriminatorOptimiser discriminator;  ///< the discriminator's optimiser in this run
    long step = 0;                     ///< steps taken
  };

  /// Fresh optimisers (no moments yet) at \f$z_0\f$.
  template <Game G>
  state start(const G&, const Eigen::VectorXd& z0) const {
    return {z0, generator_optimiser, discriminator_optimiser, 0};
  }
  /// One step of each player's optimiser.
  template <Game G>
  void advance(const G& game, state& s) const {
    using Vector = deferred_t<Eigen::VectorXd, G>;  // compiled where this is called
    const Eigen::Index ng = game.generator_dimension();
    const Eigen::Index nd = s.z.size() - ng;
    Vector v = detail::field(game, s.z);
    s.generator.step(s.z.head(ng), Vector(-v.head(ng)));
    detail::project(game, s.z);
    if (alternating) v = detail::field(game, s.z);
    s.discriminator.step(s.z.tail(nd), Vector(-v.tail(nd)));
    detail::project(game, s.z);
    ++s.step;
  }
};

/// Adam for both players (learning rate \f$\eta\f$, \f$\beta_1\f$, \f$\beta_2\f$), simultaneous.
inline optimised<nn::adam<double>> adam(double learning_rate, double beta1 = 0.9, double beta2 = 0.999) {
  return {nn::adam<double>(learning_rate, beta1, beta2), nn::adam<double>(learning_rate, beta1, beta2), false};
}
/// RMSProp for both players (learning rate \f$\eta\f$, decay \f$\rho\f$), simultaneous.
inline optimised<nn::rmsprop<double>> rmsprop(double learning_rate, double rho = 0.99) {
  return {nn::rmsprop<double>(learning_rate, rho), nn::rmsprop<double>(learning_rate, rho), false};
}

}  // namespace minimax::schemes
