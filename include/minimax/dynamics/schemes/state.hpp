#pragma once
/// \file
/// \brief What every update scheme shares: its state, the step-size validation, the projection.
///
/// A scheme is a small value type with
/// - `start(game, z0)` returning its state: a minimax::scheme_state (the point and the scheme's
///   memory) or a type of its own with the point in `.z`,
/// - `advance(game, state)`, one step of the discrete dynamics,
/// - for schemes with a linearisation, `linearised(J, generator_dimension)`: the matrix \f$M\f$ of
///   the update linearised at a stationary point, acting on the scheme's whole state (the point,
///   and for two-step schemes the previous point too), so that errors evolve as
///   \f$e_{t+1} = M e_t\f$ and the spectral radius \f$\rho(M)\f$ is the asymptotic contraction.

#include <cmath>
#include <concepts>
#include <string_view>
#include <utility>

#include <Eigen/Core>

#include "minimax/core/deferred.hpp"
#include "minimax/core/error.hpp"
#include "minimax/games/concepts.hpp"

namespace minimax {

namespace detail {
/// The state type a scheme's `start` returns (a plain alias, not a nested requirement: nvcc's
/// front end cannot take the latter).
template <class S, class G>
using scheme_state_of = decltype(std::declval<const S&>().start(std::declval<const G&>(),
                                                                 std::declval<const Eigen::VectorXd&>()));
}  // namespace detail

/// \brief The state of a discrete scheme: the current point and the scheme's memory.
struct scheme_state {
  Eigen::VectorXd z;       ///< the current point \f$(\theta, \psi)\f$
  Eigen::VectorXd memory;  ///< the previous point or previous field, for two-step schemes (else empty)
  long step = 0;           ///< the number of steps taken
};

/// \brief A scheme that can be run by minimax::simulate on game `G`: `start(game, z0)` returns a
/// state with the current point in `.z` (minimax::scheme_state, or a type of the scheme's own when
/// it carries more, such as an optimiser's moments), and `advance(game, state)` takes one step.
template <class S, class G>
concept Scheme = Game<G> && requires(const S& scheme, const G& game, const Eigen::VectorXd& z0,
                                     detail::scheme_state_of<S, G>& s) {
  { scheme.start(game, z0).z } -> std::convertible_to<Eigen::VectorXd>;
  scheme.advance(game, s);
};

/// A scheme whose update has a known linearisation at a stationary point.
template <class S>
concept LinearisedScheme = requires(const S& scheme, const Eigen::MatrixXd& J, Eigen::Index n_generator) {
  { scheme.linearised(J, n_generator) } -> std::convertible_to<Eigen::MatrixXd>;
};

namespace detail {

inline void require_step_size(std::string_view function, std::string_view name, double h) {
  if (!(h > 0.0) || !std::isfinite(h)) {
    raise_invalid_argument(function, std::string(name) + " must be positive and finite", h);
  }
}

/// The diagonal of step sizes: the generator's h_g on its block, the discriminator's h_d on the rest.
inline Eigen::VectorXd step_sizes(Eigen::Index n, Eigen::Index n_generator, double h_generator,
                                  double h_discriminator) {
  Eigen::VectorXd h(n);
  h.head(n_generator).setConstant(h_generator);
  h.tail(n - n_generator).setConstant(h_discriminator);
  return h;
}

template <class G>
void project(const G& game, Eigen::VectorXd& z) {
  if constexpr (GameWithProjection<G>) game.project(z);
}

template <class G>
Eigen::VectorXd field(const G& game, const Eigen::VectorXd& z) {
  return game.template vector_field<double>(z);
}

}  // namespace detail
}  // namespace minimax
