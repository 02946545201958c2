#pragma once
/// \file
/// \brief The schemes' concepts: what minimax::simulate runs (`Scheme`), what the local analysis
/// reads (`LinearisedScheme`) and what the Thrust ensembles run (`PointScheme`).
///
/// A scheme is a small value type with
/// - `start(game, z0)` returning its state: a minimax::scheme_state (the point and the scheme's
///   memory) or a type of its own with the point in `.z`,
/// - `advance(game, state)`, one step of the discrete dynamics,
/// - for schemes with a linearisation, `linearised(J, generator_dimension)`: the matrix \f$M\f$ of
///   the update linearised at a stationary point, acting on the scheme's whole state (the point,
///   and for two-step schemes the previous point too), so that errors evolve as
///   \f$e_{t+1} = M e_t\f$ and the spectral radius \f$\rho(M)\f$ is the asymptotic contraction,
/// - for the Thrust ensembles, its point form: `point_start(game, z0, memory)` and
///   `point_advance(game, z, memory, field2)` over arrays of doubles (see minimax::PointScheme).
///
/// A scheme derived from schemes::scheme_base gets both forms from one `step` written over a view of
/// the game (schemes::eigen_view, schemes::point_view), as the discrete schemes of minimax::schemes
/// do, so a user's scheme written the same way runs under minimax::simulate and
/// minimax::simulate_ensemble alike, by one code path.

#include <concepts>
#include <type_traits>
#include <utility>

#include <Eigen/Core>

#include "minimax/games/concepts.hpp"

namespace minimax {

namespace detail {
/// The state type a scheme's `start` returns (a plain alias, not a nested requirement: nvcc's
/// front end cannot take the latter).
template <class S, class G>
using scheme_state_of = decltype(std::declval<const S&>().start(std::declval<const G&>(),
                                                                 std::declval<const Eigen::VectorXd&>()));
}  // namespace detail

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

/// \brief A scheme that runs on a point game `G` in a Thrust ensemble (minimax::simulate_ensemble):
/// a trivially copyable type with two `MINIMAX_HOST_DEVICE` member templates over the game,
/// - `point_start(game, z0, memory)`: fills the scheme's memory (G::dimension doubles) at the start
///   \f$z_0\f$ (the previous point, the previous field, or nothing),
/// - `point_advance(game, z, memory, field2)`: one step of the update in place on the point `z`
///   (G::dimension doubles), with `field2` set to \f$\|v(z)\|^2\f$ at the step's first point (the
///   ensembles judge stationarity by it, at no extra cost).
///
/// The point form must be the same sequence of operations as the scheme's `advance`, so that a
/// member's trajectory matches minimax::simulate's to rounding: schemes::scheme_base makes both from
/// one step. Every scheme of minimax::schemes with a fixed-size state models it;
/// tests/support/heun_scheme.hpp shows a user's scheme.
template <class S, class G>
concept PointScheme = PointGame<G> && std::is_trivially_copyable_v<S> &&
                      requires(const S& scheme, const G& game, const double* z0, double* z, double* memory,
                               double& field2) {
                        scheme.point_start(game, z0, memory);
                        scheme.point_advance(game, z, memory, field2);
                      };

}  // namespace minimax
