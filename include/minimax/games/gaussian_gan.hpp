#pragma once
/// \file
/// \brief The 1-D Gaussian GAN: a location–scale generator against a quadratic-logit discriminator,
/// whose optimal discriminator is known in closed form.

#include <cmath>
#include <cstddef>
#include <type_traits>

#include <Eigen/Core>

#include "minimax/core/error.hpp"
#include "minimax/games/concepts.hpp"
#include "minimax/games/detail/normal_expectation.hpp"
#include "minimax/games/detail/loss_slopes.hpp"
#include "minimax/games/detail/state_size.hpp"
#include "minimax/loss/adversarial.hpp"

namespace minimax::games {

namespace detail {
/// \brief The 1-D Gaussian GAN's field at z = (mu, s, psi_0, psi_1, psi_2) by a quadrature rule for
/// N(0, 1) (nodes, weights): shared by games::gaussian_gan (Eigen) and games::gaussian_gan
/// (ensembles). Generator: \f$-\mathbb{E}[\ell^{G\prime}(D(\mu + s e))\,D'(\mu + s e)\,(1, e)]\f$; discriminator:
/// \f$-\mathbb{E}[\ell^{D\prime}_r(D(x_r))\,x_r^k + \ell^{D\prime}_f(D(x_f))\,x_f^k]\f$.
template <class Loss, class T>
MINIMAX_HOST_DEVICE void gaussian_gan_field(const Loss& loss, double data_mean, double data_sigma, const double* nodes,
                                            const double* weights, std::size_t count, const T* z, T* v) {
  for (int k = 0; k < 5; ++k) v[k] = T(0.0);
  const auto logit = [&](const T& x) { return z[2] + x * (z[3] + x * z[4]); };
  for (std::size_t i = 0; i < count; ++i) {
    const T w = T(weights[i]);
    const T e = T(nodes[i]);
    const T fake = z[0] + z[1] * e;
    const T real = T(data_mean + data_sigma * nodes[i]);
    // generator: d/dmu and d/ds of l_G(D(mu + s e)) = l_G' * D'(x) * (1, e), D'(x) = psi_1 + 2 psi_2 x
    const T g = w * generator_slope(loss, logit(fake)) * (z[3] + T(2.0) * z[4] * fake);
    v[0] -= g;
    v[1] -= g * e;
    // discriminator: d/dpsi_k of l(D(x)) = l' * x^k
    const T sr = w * discriminator_real_slope(loss, logit(real));
    const T sf = w * discriminator_fake_slope(loss, logit(fake));
    v[2] -= sr + sf;
    v[3] -= sr * real + sf * fake;
    v[4] -= sr * real * real + sf * fake * fake;
  }
}

/// \brief The 1-D Gaussian GAN's losses at z = (mu, s, psi_0, psi_1, psi_2) by the same rule:
/// \f$L_G = \mathbb{E}\,\ell^G(D(\mu + s e))\f$, \f$L_D = \mathbb{E}[\ell^D_r(D(x_r)) + \ell^D_f(D(\mu + s e))]\f$;
/// shared by games::gaussian_gan and games::gaussian_gan.
template <class Loss, class T>
MINIMAX_HOST_DEVICE void gaussian_gan_losses(const Loss& loss, double data_mean, double data_sigma, const double* nodes,
                                             const double* weights, std::size_t count, const T* z, T& generator_loss,
                                             T& discriminator_loss) {
  const auto logit = [&](const T& x) { return z[2] + x * (z[3] + x * z[4]); };
  generator_loss = T(0.0);
  discriminator_loss = T(0.0);
  for (std::size_t i = 0; i < count; ++i) {
    const T real = T(data_mean + data_sigma * nodes[i]);
    const T fake = z[0] + z[1] * T(nodes[i]);
    generator_loss += T(weights[i]) * loss.generator(logit(fake));
    discriminator_loss += T(weights[i]) * (loss.discriminator_real(logit(real)) + loss.discriminator_fake(logit(fake)));
  }
}
}  // namespace detail

/// \brief The 1-D Gaussian GAN: data \f$N(m, \sigma^2)\f$; generator \f$G(z) = \mu + s z\f$,
/// \f$z \sim N(0, 1)\f$, so \f$p_g = N(\mu, s^2)\f$; discriminator logit
/// \f$D_\psi(x) = \psi_0 + \psi_1 x + \psi_2 x^2\f$; any adversarial loss of minimax::loss.
///
/// Parameters \f$z = (\mu, s, \psi_0, \psi_1, \psi_2)\f$. Losses, as expectations computed by a
/// fixed 800-point composite Gauss–Legendre rule (accurate to rounding here):
/// \f[ L_D = \mathbb{E}_{x\sim N(m,\sigma^2)}\,\ell^D_r(D_\psi(x)) + \mathbb{E}_{z}\,\ell^D_f(D_\psi(\mu + s z)),
///     \qquad L_G = \mathbb{E}_z\,\ell^G(D_\psi(\mu + s z)). \f]
/// The log density ratio of two normals is quadratic, so the optimal discriminator of the
/// cross-entropy losses lies in the family: \f$D^*_\psi(x) = \log p_\text{data}(x) - \log p_g(x)\f$ with
/// \f[ \psi_2^* = \frac{1}{2s^2} - \frac{1}{2\sigma^2},\quad \psi_1^* = \frac{m}{\sigma^2} - \frac{\mu}{s^2},\quad
///     \psi_0^* = \frac{\mu^2}{2s^2} - \frac{m^2}{2\sigma^2} + \log\frac{|s|}{\sigma} \f]
/// (optimal_discriminator()), where the minimax loss gives \f$L_D = \log 4 - 2\,\mathrm{JSD}(p_\text{data}\|p_g)\f$.
/// The equilibrium is \f$(m, \sigma, 0, 0, 0)\f$: \f$p_g = p_\text{data}\f$ and \f$D^* \equiv 1/2\f$.
template <loss::adversarial_loss Loss>
struct gaussian_gan : detail::inline_normal_rule {
  /// 5, \f$(\mu, s, \psi_0, \psi_1, \psi_2)\f$: a constant (`gaussian_gan<L>::dimension`, as
  /// minimax::PointGame asks) that is also called (`game.dimension()`, as minimax::Game asks).
  static constexpr std::integral_constant<int, 5> dimension{};
  /// 2, \f$(\mu, s)\f$: a constant that is also called, as dimension.
  static constexpr std::integral_constant<int, 2> generator_dimension{};

  Loss loss{};             ///< the adversarial loss
  double data_mean = 0.0;  ///< \f$m\f$
  double data_sigma = 1.0; ///< \f$\sigma > 0\f$

  /// The game against data \f$N(0, 1)\f$ with a default-constructed loss.
  gaussian_gan() : gaussian_gan(Loss{}, 0.0, 1.0) {}
  /// The game against data \f$N(m, \sigma^2)\f$; the 800-point rule for the expectations is
  /// computed here and held inline (`nodes`, `weights`).
  /// \throws minimax::invalid_argument unless \f$m\f$ is finite and \f$\sigma\f$ positive and finite.
  gaussian_gan(Loss l, double m, double sigma) : loss(l), data_mean(m), data_sigma(sigma) {
    require_finite("minimax::games::gaussian_gan", "the data mean", m);
    require_positive("minimax::games::gaussian_gan", "the data sigma", sigma);
    fill_rule();
  }

  // The game over arrays (minimax::PointGame: the Thrust ensembles, device code): the one
  // definition of the field and the losses, which the Eigen members below call.

  /// \f$v(z)\f$ (T: double or a dual number).
  template <class T>
  MINIMAX_HOST_DEVICE void field(const T* z, T* v) const {
    detail::gaussian_gan_field(loss, data_mean, data_sigma, nodes, weights, rule_size, z, v);
  }
  /// \f$L_G\f$ at the array z.
  template <class T>
  MINIMAX_HOST_DEVICE T generator_loss(const T* z) const {
    T lg, ld;
    detail::gaussian_gan_losses(loss, data_mean, data_sigma, nodes, weights, rule_size, z, lg, ld);
    return lg;
  }
  /// \f$L_D\f$ at the array z.
  template <class T>
  MINIMAX_HOST_DEVICE T discriminator_loss(const T* z) const {
    T lg, ld;
    detail::gaussian_gan_losses(loss, data_mean, data_sigma, nodes, weights, rule_size, z, lg, ld);
    return ld;
  }
  /// No projection.
  MINIMAX_HOST_DEVICE void project(double*) const {}
  /// The equilibrium \f$(m, \sigma, 0, 0, 0)\f$ written to z.
  MINIMAX_HOST_DEVICE void equilibrium(double* z) const {
    z[0] = data_mean;
    z[1] = data_sigma;
    z[2] = z[3] = z[4] = 0.0;
  }

  // The game over Eigen vectors (minimax::Game).

  /// \f$D_\psi(x) = \psi_0 + \psi_1 x + \psi_2 x^2\f$.
  template <class T>
  static T logit(const Eigen::VectorX<T>& z, const T& x) {
    return z[2] + x * (z[3] + x * z[4]);
  }
  /// \f$L_G\f$. This member, discriminator_loss() and vector_field() throw minimax::invalid_argument
  /// unless `z` has the 5 entries \f$(\mu, s, \psi_0, \psi_1, \psi_2)\f$.
  template <class T>
  T generator_loss(const Eigen::VectorX<T>& z) const {
    detail::require_state_size("minimax::games::gaussian_gan::generator_loss", z.size(), dimension());
    return generator_loss(z.data());
  }
  /// \f$L_D\f$.
  template <class T>
  T discriminator_loss(const Eigen::VectorX<T>& z) const {
    detail::require_state_size("minimax::games::gaussian_gan::discriminator_loss", z.size(), dimension());
    return discriminator_loss(z.data());
  }
  /// \f$v = -(\nabla_{\mu,s} L_G, \nabla_\psi L_D)\f$, by the chain rule through the losses' exact slopes.
  template <class T>
  Eigen::VectorX<T> vector_field(const Eigen::VectorX<T>& z) const {
    detail::require_state_size("minimax::games::gaussian_gan::vector_field", z.size(), dimension());
    Eigen::VectorX<T> v(5);
    field(z.data(), v.data());
    return v;
  }
  /// The equilibrium \f$(m, \sigma, 0, 0, 0)\f$.
  Eigen::VectorXd equilibrium() const {
    Eigen::VectorXd z(5);
    equilibrium(z.data());
    return z;
  }
  /// The point with generator \f$(\mu, s)\f$ and discriminator \f$\psi\f$.
  Eigen::VectorXd init(double mu, double s, const Eigen::Vector3d& psi = Eigen::Vector3d::Zero()) const {
    Eigen::VectorXd z(5);
    z << mu, s, psi;
    return z;
  }

  /// The closed-form optimal discriminator \f$(\psi_0^*, \psi_1^*, \psi_2^*)\f$ against \f$p_g = N(\mu, s^2)\f$.
  /// \throws minimax::invalid_argument unless \f$s \ne 0\f$ and both are finite.
  Eigen::Vector3d optimal_discriminator(double mu, double s) const {
    require_finite("minimax::games::gaussian_gan::optimal_discriminator", "mu", mu);
    if (!(std::abs(s) > 0.0) || !std::isfinite(s)) {
      raise_invalid_argument("minimax::games::gaussian_gan::optimal_discriminator", "s must be non-zero and finite", s);
    }
    const double m = data_mean, sigma2 = data_sigma * data_sigma, s2 = s * s;
    return {mu * mu / (2 * s2) - m * m / (2 * sigma2) + std::log(std::abs(s) / data_sigma), m / sigma2 - mu / s2,
            1 / (2 * s2) - 1 / (2 * sigma2)};
  }

  /// \deprecated The game is its own point game: the ensembles take it as it is. Returns a copy.
  [[deprecated("minimax::games::gaussian_gan is a point game itself: pass the game")]] gaussian_gan point() const {
    return *this;
  }
};

/// \deprecated games::gaussian_gan is itself a point game (minimax::PointGame): use it.
template <class Loss>
using gaussian_gan_point [[deprecated("use minimax::games::gaussian_gan, which is a point game itself")]] =
    gaussian_gan<Loss>;

}  // namespace minimax::games
