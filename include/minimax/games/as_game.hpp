#pragma once
/// \file
/// \brief games::as_game: a point game (minimax::PointGame) as a minimax::Game, so that a game
/// written once, over arrays, runs under minimax::simulate and minimax::simulate_ensemble alike.

#include <concepts>
#include <type_traits>

#include <Eigen/Core>

#include "minimax/games/concepts.hpp"
#include "minimax/games/detail/state_size.hpp"

namespace minimax::games {

/// \brief A point game seen as a minimax::Game: its field and losses, written once over arrays
/// (and `MINIMAX_HOST_DEVICE`, so the Thrust ensembles run them too), called on Eigen vectors.
///
/// \f$v(z)\f$, \f$L_G(z)\f$ and \f$L_D(z)\f$ are the point game's own, evaluated on `z.data()`; `project`
/// and `equilibrium` are the point game's where it has them. So a user's game is one type: run it
/// under minimax::simulate, minimax::analyze or minimax::jacobian as `games::as_game{game}`, and in
/// an ensemble as itself; the trajectories agree to rounding (they are the same operations). The
/// library's own point games (games::scalar_bilinear, games::dirac_gan,
/// games::gaussian_gan, games::mlp_gan_point) satisfy it too: `as_game{g}` is the game `g` step for
/// step (the first three are Games already, their sizes `std::integral_constant`s).
/// \code
/// struct rotation {  // V(x, y) = xy, written once
///   static constexpr int dimension = 2, generator_dimension = 1;
///   template <class T> MINIMAX_HOST_DEVICE void field(const T* z, T* v) const { v[0] = -z[1]; v[1] = z[0]; }
///   template <class T> MINIMAX_HOST_DEVICE T generator_loss(const T* z) const { return z[0] * z[1]; }
///   template <class T> MINIMAX_HOST_DEVICE T discriminator_loss(const T* z) const { return -(z[0] * z[1]); }
///   MINIMAX_HOST_DEVICE void project(double*) const {}
/// };
/// auto run = mm::simulate(mm::games::as_game{rotation{}}, mm::schemes::simultaneous{0.1}, z0, 100);
/// \endcode
template <class P>
struct as_game {
  static_assert(PointGame<P>,
                "minimax::games::as_game: the point game must be trivially copyable, with static constexpr int "
                "dimension and generator_dimension (0 < generator_dimension < dimension), field(z, v) and project(z) "
                "over arrays of doubles");
  static_assert(PointGameWithLosses<P>,
                "minimax::games::as_game: the point game must declare generator_loss(z) and discriminator_loss(z) "
                "over an array of its dimension (templates over the scalar type, like its field)");

  P game{};  ///< the point game

  /// \f$|z|\f$ = P::dimension.
  Eigen::Index dimension() const { return P::dimension; }
  /// \f$|\theta|\f$ = P::generator_dimension.
  Eigen::Index generator_dimension() const { return P::generator_dimension; }

  /// \f$v(z)\f$ by the point game's `field`. This member and the losses throw minimax::invalid_argument
  /// unless `z` has dimension() entries.
  template <class T>
  Eigen::VectorX<T> vector_field(const Eigen::VectorX<T>& z) const {
    detail::require_state_size("minimax::games::as_game::vector_field", z.size(), dimension());
    Eigen::VectorX<T> v(static_cast<Eigen::Index>(P::dimension));
    game.field(z.data(), v.data());
    return v;
  }
  /// \f$L_G(z)\f$ by the point game's `generator_loss`.
  template <class T>
  T generator_loss(const Eigen::VectorX<T>& z) const {
    detail::require_state_size("minimax::games::as_game::generator_loss", z.size(), dimension());
    return game.generator_loss(z.data());
  }
  /// \f$L_D(z)\f$ by the point game's `discriminator_loss`.
  template <class T>
  T discriminator_loss(const Eigen::VectorX<T>& z) const {
    detail::require_state_size("minimax::games::as_game::discriminator_loss", z.size(), dimension());
    return game.discriminator_loss(z.data());
  }
  /// The point game's projection, applied after every step.
  void project(Eigen::VectorXd& z) const {
    detail::require_state_size("minimax::games::as_game::project", z.size(), dimension());
    game.project(z.data());
  }
  /// The point game's known stationary point, where it declares `equilibrium(z)`.
  Eigen::VectorXd equilibrium() const
    requires requires(const P& g, double* z) { g.equilibrium(z); }
  {
    Eigen::VectorXd z = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(P::dimension));
    game.equilibrium(z.data());
    return z;
  }
  /// The point game itself, for minimax::simulate_ensemble (as the library's games' `point()`).
  const P& point() const { return game; }
};

/// \cond MINIMAX_INTERNAL
template <class P>
as_game(P) -> as_game<P>;
/// \endcond

}  // namespace minimax::games
