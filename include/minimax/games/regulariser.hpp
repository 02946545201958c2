#pragma once
/// \file
/// \brief What a regulariser of a game declares: a penalty on the discriminator's input gradient,
/// a projection of its parameters, noise on the samples, or several of them.
///
/// A game detects each role by the members a regulariser has (the library's own regularisers,
/// loss::r1, loss::r2, loss::wgan_gp, games::instance_noise and games::weight_clipping, declare theirs
/// the same way), so a user's regulariser with the same members gets the same treatment. Every
/// member used on the Thrust ensembles must be callable on the device: mark it `MINIMAX_HOST_DEVICE`.
///
/// | role | members | the library's |
/// | --- | --- | --- |
/// | penalty \f$\varphi(g)\f$ on one input gradient \f$g = \nabla_x D(x)\f$ | `T penalty_at_gradient(const T& g) const`, `T penalty_slope_at_gradient(const T& g) const` (\f$\varphi'(g)\f$) | loss::r1, loss::r2 (\f$\frac{\gamma}{2}g^2\f$), loss::wgan_gp (\f$\lambda(\lvert g\rvert - 1)^2\f$) |
/// | projection of each discriminator parameter after a step | `double projected_discriminator_parameter(double w) const` | games::weight_clipping |
/// | Gaussian noise \f$N(0, \sigma^2)\f$ on real and generated samples | `double noise_standard_deviation() const` | games::instance_noise |
///
/// Each member is a function of one scalar so that it applies to any discriminator; a game
/// documents how it uses them (see games::dirac_gan).

#include <concepts>

#include "minimax/core/dual.hpp"

namespace minimax::games {

/// No regulariser: the plain game (it declares none of the roles).
struct unregularised {};

/// \brief A penalty \f$\varphi(g)\f$ on the discriminator's gradient with respect to one scalar input,
/// with its derivative \f$\varphi'(g)\f$, both for doubles and minimax::dual numbers.
template <class R>
concept GradientPenalty = requires(const R& r, double g, dual<double> d) {
  { r.penalty_at_gradient(g) } -> std::convertible_to<double>;
  { r.penalty_slope_at_gradient(g) } -> std::convertible_to<double>;
  { r.penalty_at_gradient(d) } -> std::convertible_to<dual<double>>;
  { r.penalty_slope_at_gradient(d) } -> std::convertible_to<dual<double>>;
};

/// A projection applied to each of the discriminator's parameters after every step.
template <class R>
concept DiscriminatorProjection = requires(const R& r, double w) {
  { r.projected_discriminator_parameter(w) } -> std::convertible_to<double>;
};

/// Gaussian noise \f$N(0, \sigma^2)\f$ added to real and generated samples alike.
template <class R>
concept SampleNoise = requires(const R& r) {
  { r.noise_standard_deviation() } -> std::convertible_to<double>;
};

/// \brief A regulariser a game accepts: games::unregularised, or a type declaring at least one of the
/// roles above.
template <class R>
concept Regulariser =
    std::same_as<R, unregularised> || GradientPenalty<R> || DiscriminatorProjection<R> || SampleNoise<R>;

}  // namespace minimax::games
