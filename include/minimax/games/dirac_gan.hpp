#pragma once
/// \file
/// \brief The Dirac-GAN (Mescheder, Geiger, Nowozin 2018, "Which training methods for GANs do actually
/// converge?"): the smallest GAN, with every loss and regulariser.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <type_traits>
#include <vector>

#include <Eigen/Core>

#include "minimax/core/dual.hpp"
#include "minimax/core/error.hpp"
#include "minimax/games/concepts.hpp"
#include "minimax/games/detail/loss_slopes.hpp"
#include "minimax/games/detail/normal_expectation.hpp"
#include "minimax/games/detail/state_size.hpp"
#include "minimax/games/regulariser.hpp"
#include "minimax/loss/adversarial.hpp"
#include "minimax/loss/gradient_penalty.hpp"

namespace minimax::games {

/// \brief Instance noise (Sønderby et al. 2016; Arjovsky & Bottou 2017): Gaussian noise of standard
/// deviation \f$\sigma\f$ added to real and generated samples alike.
///
/// In the Dirac-GAN the expectations over the noise are computed by a fixed 800-point composite
/// Gauss–Legendre rule (accurate to rounding for the smooth losses here).
struct instance_noise {
  double sigma = 1.0;  ///< \f$\sigma > 0\f$
  /// \f$\sigma = 1\f$.
  instance_noise() = default;
  /// \throws minimax::invalid_argument unless \f$\sigma\f$ is positive and finite.
  explicit instance_noise(double s) : sigma(s) { require_positive("minimax::games::instance_noise", "sigma", s); }
  /// \f$\sigma\f$ (the games::SampleNoise role).
  MINIMAX_HOST_DEVICE double noise_standard_deviation() const { return sigma; }
};

/// \brief WGAN's weight clipping (Arjovsky et al. 2017): after every step the discriminator's
/// parameters are clamped into \f$[-c, c]\f$ (the weights, not their gradients).
struct weight_clipping {
  double c = 0.01;  ///< \f$c > 0\f$
  /// \f$c = 0.01\f$ (Arjovsky et al.'s value).
  weight_clipping() = default;
  /// \throws minimax::invalid_argument unless \f$c\f$ is positive and finite.
  explicit weight_clipping(double bound) : c(bound) { require_positive("minimax::games::weight_clipping", "c", bound); }
  /// \f$\operatorname{clamp}(w, -c, c)\f$ (the games::DiscriminatorProjection role).
  MINIMAX_HOST_DEVICE double projected_discriminator_parameter(double w) const { return w < -c ? -c : (w > c ? c : w); }
};

namespace detail {
/// \brief \f$R(\psi) = \varphi(-\psi)\f$: the Dirac-GAN's discriminator \f$x \mapsto -\psi x\f$ has the input
/// gradient \f$-\psi\f$ at every \f$x\f$, so a gradient penalty \f$\varphi\f$ is the same on real, generated
/// and interpolated samples (0 without a games::GradientPenalty).
template <class Regulariser, class T>
MINIMAX_HOST_DEVICE T dirac_penalty(const Regulariser& regulariser, const T& psi) {
  if constexpr (GradientPenalty<Regulariser>) {
    return regulariser.penalty_at_gradient(T(-psi));
  } else {
    return T(0.0);
  }
}
/// \f$R'(\psi) = -\varphi'(-\psi)\f$ (for WGAN-GP, the subgradient 0 at \f$\psi = 0\f$).
template <class Regulariser, class T>
MINIMAX_HOST_DEVICE T dirac_penalty_slope(const Regulariser& regulariser, const T& psi) {
  if constexpr (GradientPenalty<Regulariser>) {
    return -regulariser.penalty_slope_at_gradient(T(-psi));
  } else {
    return T(0.0);
  }
}
/// \f$\psi\f$ after the regulariser's games::DiscriminatorProjection (unchanged without one).
template <class Regulariser>
MINIMAX_HOST_DEVICE double dirac_projected_psi(const Regulariser& regulariser, double psi) {
  if constexpr (DiscriminatorProjection<Regulariser>) {
    return regulariser.projected_discriminator_parameter(psi);
  } else {
    return psi;
  }
}

/// \brief The Dirac-GAN's field at \f$(\theta, \psi)\f$ without instance noise:
/// \f$v = (\psi\,\ell^{G\prime}(-\psi\theta),\ \theta\,\ell^{D\prime}_f(-\psi\theta) - R'(\psi))\f$. Shared by
/// games::dirac_gan's array and Eigen members.
template <class Loss, class Regulariser, class T>
MINIMAX_HOST_DEVICE void dirac_gan_field(const Loss& loss, const Regulariser& regulariser, const T& theta, const T& psi,
                                         T& v_theta, T& v_psi) {
  const T t = -psi * theta;
  v_theta = psi * generator_slope(loss, t);
  v_psi = theta * discriminator_fake_slope(loss, t) - dirac_penalty_slope(regulariser, psi);
}
/// \brief The Dirac-GAN's field with sample noise of standard deviation \f$\sigma\f$ (the regulariser's
/// games::SampleNoise), the expectations over the noise by a quadrature rule for N(0, 1) (nodes,
/// weights), less \f$R'(\psi)\f$ where the regulariser also has a penalty: shared by games::dirac_gan's
/// array and Eigen members.
template <class Loss, class Regulariser, class T>
MINIMAX_HOST_DEVICE void dirac_gan_noise_field(const Loss& loss, const Regulariser& regulariser, const double* nodes,
                                               const double* weights, std::size_t count, const T& theta, const T& psi,
                                               T& v_theta, T& v_psi) {
  const double sigma = regulariser.noise_standard_deviation();
  v_theta = T(0.0);
  v_psi = T(0.0);
  for (std::size_t i = 0; i < count; ++i) {
    const T e = T(sigma * nodes[i]);
    const T x_fake = theta + e;
    v_theta += T(weights[i]) * (psi * generator_slope(loss, T(-psi * x_fake)));
    v_psi += T(weights[i]) *
             (x_fake * discriminator_fake_slope(loss, T(-psi * x_fake)) + e * discriminator_real_slope(loss, T(-psi * e)));
  }
  if constexpr (GradientPenalty<Regulariser>) v_psi -= dirac_penalty_slope(regulariser, psi);
}

/// \brief The Dirac-GAN's losses \f$L_G = \ell^G(-\psi\theta)\f$ and
/// \f$L_D = \ell^D_r(0) + \ell^D_f(-\psi\theta) + R(\psi)\f$, or with sample noise (count > 0: the
/// regulariser's games::SampleNoise, expectations by the rule nodes, weights) their expectations.
template <class Loss, class Regulariser, class T>
MINIMAX_HOST_DEVICE void dirac_gan_losses(const Loss& loss, const Regulariser& regulariser, const double* nodes,
                                          const double* weights, std::size_t count, const T& theta, const T& psi,
                                          T& generator_loss, T& discriminator_loss) {
  if constexpr (SampleNoise<Regulariser>) {
    const double sigma = regulariser.noise_standard_deviation();
    generator_loss = T(0.0);
    discriminator_loss = T(0.0);
    for (std::size_t i = 0; i < count; ++i) {
      const T e = T(sigma * nodes[i]);
      generator_loss += T(weights[i]) * loss.generator(-psi * (theta + e));
      discriminator_loss +=
          T(weights[i]) * (loss.discriminator_real(-psi * e) + loss.discriminator_fake(-psi * (theta + e)));
    }
  } else {
    generator_loss = loss.generator(-psi * theta);
    discriminator_loss = loss.discriminator_real(T(0.0)) + loss.discriminator_fake(-psi * theta);
  }
  discriminator_loss += dirac_penalty(regulariser, psi);
}
}  // namespace detail

/// \brief The Dirac-GAN: data \f$p_\text{data} = \delta_0\f$, generator \f$p_\theta = \delta_\theta\f$,
/// linear discriminator, any adversarial loss of minimax::loss and one regulariser.
///
/// The discriminator's raw output on \f$x\f$ is \f$-\psi x\f$, so that \f$\psi\f$ is the \f$\psi\f$ of
/// Mescheder et al. (whose \f$D_\psi(x) = \psi x\f$ enters their losses as \f$f(-D)\f$ on real data)
/// and the fields below are theirs. With per-sample losses \f$\ell^D_r, \ell^D_f, \ell^G\f$:
/// \f[ L_D(\theta, \psi) = \ell^D_r(0) + \ell^D_f(-\psi\theta) + R(\psi), \qquad
///     L_G(\theta, \psi) = \ell^G(-\psi\theta). \f]
/// For the standard GAN (loss::minimax) this is \f$L = f(\psi\theta) + f(0)\f$ with
/// \f$f(t) = -\log(1 + e^{-t})\f$, and the field is \f$v = (-\psi f'(\psi\theta), \theta f'(\psi\theta))\f$;
/// loss::non_saturating changes \f$v_\theta\f$ to \f$-\psi f'(-\psi\theta)\f$; loss::wasserstein has
/// \f$f(t) = t\f$.
///
/// The regulariser is any games::Regulariser; each role it declares (see games/regulariser.hpp)
/// applies, alone or together. A games::GradientPenalty \f$\varphi\f$ adds \f$R(\psi) = \varphi(-\psi)\f$ to
/// \f$L_D\f$, the discriminator's input gradient being \f$-\psi\f$ at every \f$x\f$: loss::r1 and loss::r2
/// give \f$\frac{\gamma}{2}\psi^2\f$, loss::wgan_gp gives \f$\lambda(|\psi| - 1)^2\f$ (Mescheder et al.'s
/// \f$\gamma = 2\lambda\f$, \f$g_0 = 1\f$). A games::SampleNoise of standard deviation \f$\sigma\f$
/// (instance_noise) replaces the samples by \f$\varepsilon_1\f$ and \f$\theta + \varepsilon_2\f$,
/// \f$\varepsilon_i \sim N(0, \sigma^2)\f$. A games::DiscriminatorProjection (weight_clipping: into
/// \f$[-c, c]\f$) is applied to \f$\psi\f$ by project().
///
/// Known answers: the unique equilibrium is \f$(0, 0)\f$; the Jacobian there has eigenvalues
/// \f$\pm i f'(0)\f$ unregularised, \f$-\gamma/2 \pm \sqrt{\gamma^2/4 - f'(0)^2}\f$ with R1, and
/// \f$f''(0)\sigma^2 \pm \sqrt{f''(0)^2\sigma^4 - f'(0)^2}\f$ with instance noise; simultaneous
/// steps of the unregularised game multiply \f$\theta^2 + \psi^2\f$ by \f$1 + h^2 f'(\theta\psi)^2\f$.
template <loss::adversarial_loss Loss, class Regulariser = unregularised>
struct dirac_gan : std::conditional_t<SampleNoise<Regulariser>, detail::inline_normal_rule, detail::no_normal_rule> {
  static_assert(games::Regulariser<Regulariser>,
                "minimax::games::dirac_gan: the regulariser must declare a gradient penalty "
                "(penalty_at_gradient and penalty_slope_at_gradient), a projection "
                "(projected_discriminator_parameter) or sample noise (noise_standard_deviation), "
                "or be games::unregularised");
  static constexpr bool noisy = SampleNoise<Regulariser>;  ///< whether the samples carry noise

  /// 2, \f$(\theta, \psi)\f$: a constant (`dirac_gan<L>::dimension`, as minimax::PointGame asks) that
  /// is also called (`game.dimension()`, as minimax::Game asks).
  static constexpr std::integral_constant<int, 2> dimension{};
  /// 1, \f$\theta\f$: a constant that is also called, as dimension.
  static constexpr std::integral_constant<int, 1> generator_dimension{};

  Loss loss{};                ///< the adversarial loss
  Regulariser regulariser{};  ///< the regulariser

  /// The game with default-constructed loss and regulariser.
  dirac_gan() : dirac_gan(Loss{}, Regulariser{}) {}
  /// The game with a loss and no regulariser.
  explicit dirac_gan(Loss l)
    requires std::is_same_v<Regulariser, unregularised>
      : dirac_gan(l, Regulariser{}) {}
  /// The game with a loss and a regulariser (with sample noise, the 800-point rule for the noise is
  /// computed here and held inline: `nodes`, `weights`).
  dirac_gan(Loss l, Regulariser r) : loss(l), regulariser(r) { this->fill_rule(); }

  // The game over arrays (minimax::PointGame: the Thrust ensembles, device code): the one
  // definition of the field and the losses, which the Eigen members below call.

  /// \f$v(z)\f$ for \f$z = (\theta, \psi)\f$ (T: double, float or a dual number).
  template <class T>
  MINIMAX_HOST_DEVICE void field(const T* z, T* v) const {
    if constexpr (noisy) {
      detail::dirac_gan_noise_field(loss, regulariser, this->nodes, this->weights, this->rule_size, z[0], z[1], v[0],
                                    v[1]);
    } else {
      detail::dirac_gan_field(loss, regulariser, z[0], z[1], v[0], v[1]);
    }
  }
  /// \f$L_G(\theta, \psi)\f$ at the array z.
  template <class T>
  MINIMAX_HOST_DEVICE T generator_loss(const T* z) const {
    T lg, ld;
    losses(z, lg, ld);
    return lg;
  }
  /// \f$L_D(\theta, \psi)\f$ at the array z, regulariser included.
  template <class T>
  MINIMAX_HOST_DEVICE T discriminator_loss(const T* z) const {
    T lg, ld;
    losses(z, lg, ld);
    return ld;
  }
  /// The regulariser's games::DiscriminatorProjection of \f$\psi\f$ (a no-op without one).
  MINIMAX_HOST_DEVICE void project(double* z) const { z[1] = detail::dirac_projected_psi(regulariser, z[1]); }
  /// The equilibrium \f$(0, 0)\f$ written to z.
  MINIMAX_HOST_DEVICE void equilibrium(double* z) const { z[0] = z[1] = 0.0; }

  // The game over Eigen vectors (minimax::Game).

  /// \f$L_G(\theta, \psi)\f$. This member, discriminator_loss() and vector_field() throw
  /// minimax::invalid_argument unless `z` has the 2 entries \f$(\theta, \psi)\f$.
  template <class T>
  T generator_loss(const Eigen::VectorX<T>& z) const {
    detail::require_state_size("minimax::games::dirac_gan::generator_loss", z.size(), dimension());
    return generator_loss(z.data());
  }

  /// \f$L_D(\theta, \psi)\f$, regulariser included.
  template <class T>
  T discriminator_loss(const Eigen::VectorX<T>& z) const {
    detail::require_state_size("minimax::games::dirac_gan::discriminator_loss", z.size(), dimension());
    return discriminator_loss(z.data());
  }

  /// \f$v = -(\partial_\theta L_G, \partial_\psi L_D)\f$, from the losses' exact derivatives.
  template <class T>
  Eigen::VectorX<T> vector_field(const Eigen::VectorX<T>& z) const {
    detail::require_state_size("minimax::games::dirac_gan::vector_field", z.size(), dimension());
    Eigen::VectorX<T> v(2);
    field(z.data(), v.data());
    return v;
  }

  /// \brief The regulariser's games::DiscriminatorProjection of \f$\psi\f$ (weight_clipping:
  /// \f$\psi \leftarrow \operatorname{clamp}(\psi, -c, c)\f$); a no-op without one.
  void project(Eigen::VectorXd& z) const {
    detail::require_state_size("minimax::games::dirac_gan::project", z.size(), dimension());
    project(z.data());
  }

  /// The equilibrium \f$(\theta, \psi) = (0, 0)\f$.
  Eigen::VectorXd equilibrium() const { return Eigen::VectorXd::Zero(2); }

  /// The point \f$(\theta, \psi)\f$.
  Eigen::VectorXd init(double theta, double psi) const { return Eigen::Vector2d(theta, psi); }

  /// \f$R(\psi) = \varphi(-\psi)\f$ (0 without a games::GradientPenalty).
  template <class T>
  T penalty(const T& psi) const {
    return detail::dirac_penalty(regulariser, psi);
  }
  /// \f$R'(\psi)\f$ (for WGAN-GP, the subgradient 0 at \f$\psi = 0\f$).
  template <class T>
  T penalty_slope(const T& psi) const {
    return detail::dirac_penalty_slope(regulariser, psi);
  }

  /// \deprecated The game is its own point game: the ensembles take it as it is. Returns a copy.
  [[deprecated("minimax::games::dirac_gan is a point game itself: pass the game")]] dirac_gan point() const {
    return *this;
  }

 private:
  template <class T>
  MINIMAX_HOST_DEVICE void losses(const T* z, T& lg, T& ld) const {
    if constexpr (noisy) {
      detail::dirac_gan_losses(loss, regulariser, this->nodes, this->weights, this->rule_size, z[0], z[1], lg, ld);
    } else {
      detail::dirac_gan_losses(loss, regulariser, nullptr, nullptr, 0, z[0], z[1], lg, ld);
    }
  }
};

/// \deprecated games::dirac_gan is itself a point game (minimax::PointGame): use it.
template <class Loss, class Regulariser = unregularised>
using dirac_gan_point [[deprecated("use minimax::games::dirac_gan, which is a point game itself")]] =
    dirac_gan<Loss, Regulariser>;

/// \cond MINIMAX_INTERNAL
template <class Loss>
dirac_gan(Loss) -> dirac_gan<Loss, unregularised>;
template <class Loss, class Regulariser>
dirac_gan(Loss, Regulariser) -> dirac_gan<Loss, Regulariser>;
/// \endcond

}  // namespace minimax::games
