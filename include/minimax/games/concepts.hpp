#pragma once
/// \file
/// \brief The `Game` concept: what a two-player differentiable game gives the dynamics.
///
/// A game has a joint parameter vector \f$z = (\theta, \psi)\f$: the generator's \f$\theta\f$
/// first (generator_dimension() entries), the discriminator's \f$\psi\f$ after it. Each player
/// minimises its own loss, \f$L_G(\theta, \psi)\f$ and \f$L_D(\theta, \psi)\f$ (a zero-sum game
/// has \f$L_D = -L_G\f$).
///
/// **Sign convention (Mescheder et al. 2017, 2018).** The game's vector field is the direction in
/// which gradient descent moves each player,
/// \f[ v(z) = -\begin{pmatrix} \nabla_\theta L_G(\theta, \psi) \\ \nabla_\psi L_D(\theta, \psi) \end{pmatrix}, \f]
/// so the continuous-time dynamics are \f$\dot z = v(z)\f$ and a simultaneous gradient step is
/// \f$z \leftarrow z + h\,v(z)\f$. At a stationary point \f$z^*\f$ (\f$v(z^*) = 0\f$) the flow is
/// locally convergent when every eigenvalue of the Jacobian \f$\partial v/\partial z\f$ has a
/// negative real part.
///
/// To satisfy `Game`, a type provides:
/// - `dimension()` and `generator_dimension()` (an `Eigen::Index`);
/// - `vector_field(z)`, a template over the scalar type, so that minimax::jacobian() can run it on
///   dual numbers: `template <class T> Eigen::VectorX<T> vector_field(const Eigen::VectorX<T>& z) const`;
/// - `generator_loss(z)` and `discriminator_loss(z)`, also templates over the scalar type.
///
/// Optional members the dynamics use when present: `equilibrium()` (a known stationary point) and
/// `project(z)` (a projection applied after every step, e.g. WGAN's weight clipping).

#include <concepts>
#include <type_traits>

#include <Eigen/Core>

namespace minimax {

/// A two-player differentiable game; see the file's documentation for the contract.
template <class G>
concept Game = requires(const G& game, const Eigen::VectorXd& z) {
  { game.dimension() } -> std::convertible_to<Eigen::Index>;
  { game.generator_dimension() } -> std::convertible_to<Eigen::Index>;
  { game.template vector_field<double>(z) } -> std::convertible_to<Eigen::VectorXd>;
  { game.template generator_loss<double>(z) } -> std::convertible_to<double>;
  { game.template discriminator_loss<double>(z) } -> std::convertible_to<double>;
};

/// A game that knows one of its stationary points (\f$v(z^*) = 0\f$).
template <class G>
concept GameWithEquilibrium = Game<G> && requires(const G& game) {
  { game.equilibrium() } -> std::convertible_to<Eigen::VectorXd>;
};

/// A game whose parameters are projected after every step (e.g. WGAN's weight clipping).
template <class G>
concept GameWithProjection = Game<G> && requires(const G& game, Eigen::VectorXd& z) { game.project(z); };

/// \brief A point game for the Thrust ensembles (minimax::simulate_ensemble): a trivially copyable
/// type with `static constexpr int dimension` and `generator_dimension` (\f$0 <\f$ generator_dimension
/// \f$<\f$ dimension), `field(z, v)` writing \f$v(z)\f$ from arrays of doubles (a template, so that
/// consensus can run it on minimax::dual numbers) and `project(z)` (a no-op for most games), all
/// `MINIMAX_HOST_DEVICE`; optionally `equilibrium(z)`, which writes a known stationary point.
///
/// games::scalar_bilinear, games::dirac_gan, games::gaussian_gan and games::mlp_gan_point
/// model it (the first three are Games too: a game of fixed size is one type on both backends, its
/// sizes `std::integral_constant`s, constants that are also called); a Game of run-time size offers
/// its fixed-size form as `point()` (games::bilinear, games::mixture_gan). With its losses too
/// (minimax::PointGameWithLosses), games::as_game makes a point game a Game for the Eigen backend.
template <class G>
concept PointGame = std::is_trivially_copyable_v<G> && requires(const G& game, const double* z, double* v) {
  { G::dimension } -> std::convertible_to<int>;
  { G::generator_dimension } -> std::convertible_to<int>;
  game.field(z, v);
  game.project(v);
} && (G::generator_dimension > 0) && (G::generator_dimension < G::dimension);

/// \brief A point game with losses: a minimax::PointGame that also declares
/// `generator_loss(z)` and `discriminator_loss(z)` over an array of `dimension` scalars, templates
/// over the scalar type like its `field` (the Eigen backend differentiates them with
/// minimax::dual numbers, e.g. for minimax::generator_loss_gradient and schemes::unrolled).
template <class P>
concept PointGameWithLosses = PointGame<P> && requires(const P& game, const double* z) {
  { game.generator_loss(z) } -> std::convertible_to<double>;
  { game.discriminator_loss(z) } -> std::convertible_to<double>;
};

}  // namespace minimax
