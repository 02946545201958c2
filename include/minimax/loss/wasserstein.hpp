#pragma once
/// \file
/// \brief The Wasserstein GAN loss (Arjovsky, Chintala, Bottou 2017) and its weight clipping.

#include <Eigen/Core>

#include "minimax/core/error.hpp"
#include "minimax/loss/adversarial.hpp"

namespace minimax::loss {

/// \brief The critic maximises \f$\mathbb{E}[f(x)] - \mathbb{E}[f(G(z))]\f$ over (approximately)
/// 1-Lipschitz \f$f\f$; as losses to minimise:
/// \f[ \ell^D_r(v) = -v,\quad \ell^D_f(v) = v,\quad \ell^G(v) = -v. \f]
/// The Lipschitz constraint is not in the loss: use clip_weights() after each critic step (the paper)
/// or the penalty loss::wgan_gp.
struct wasserstein {
  /// \f$-v\f$.
  template <class T>
  MINIMAX_HOST_DEVICE T discriminator_real(T v) const {
    return -v;
  }
  /// \f$-1\f$.
  template <class T>
  MINIMAX_HOST_DEVICE T discriminator_real_slope(T v) const {
    (void)v;
    return T(-1);
  }
  /// \f$v\f$.
  template <class T>
  MINIMAX_HOST_DEVICE T discriminator_fake(T v) const {
    return v;
  }
  /// \f$1\f$.
  template <class T>
  MINIMAX_HOST_DEVICE T discriminator_fake_slope(T v) const {
    (void)v;
    return T(1);
  }
  /// \f$-v\f$.
  template <class T>
  MINIMAX_HOST_DEVICE T generator(T v) const {
    return -v;
  }
  /// \f$-1\f$.
  template <class T>
  MINIMAX_HOST_DEVICE T generator_slope(T v) const {
    (void)v;
    return T(-1);
  }
};

/// \brief Weight clipping of the WGAN paper: every critic *parameter* (weights and biases, not their
/// gradients) is clamped into \f$[-c, c]\f$ in place. Pass the critic's block of the parameter vector.
///
/// Throws minimax::invalid_argument unless \f$c\f$ is positive and finite, or when a parameter is NaN.
template <class P>
void clip_weights(const Eigen::MatrixBase<P>& theta, double c) {
  using T = typename P::Scalar;
  constexpr const char* fn = "minimax::loss::clip_weights";
  require_positive(fn, "c", c);
  ::minimax::nn::detail::require_all_finite(fn, "theta", theta);
  auto& p = const_cast<Eigen::MatrixBase<P>&>(theta);  // Eigen's idiom for writable expression arguments
  p = p.cwiseMax(T(-c)).cwiseMin(T(c));
}

}  // namespace minimax::loss
