#pragma once
/// \file
/// \brief The non-saturating GAN loss (Goodfellow et al. 2014, section 3).

#include "minimax/core/log1pexp.hpp"
#include "minimax/core/sigmoid.hpp"
#include "minimax/loss/adversarial.hpp"

namespace minimax::loss {

/// \brief The discriminator of loss::minimax, with the generator maximising \f$\log D(G(z))\f$:
/// \f[ \ell^D_r(v) = \operatorname{softplus}(-v),\quad \ell^D_f(v) = \operatorname{softplus}(v),\quad
///     \ell^G(v) = -\log\sigma(v) = \operatorname{softplus}(-v). \f]
/// Same fixed points as the minimax game, but strong generator gradients early in training.
struct non_saturating {
  /// \f$\operatorname{softplus}(-v)\f$.
  template <class T>
  MINIMAX_HOST_DEVICE T discriminator_real(T v) const {
    return ::minimax::log1pexp(-v);
  }
  /// \f$\frac{d}{dv}\log(1+e^{-v}) = -\sigma(-v)\f$ (what dual numbers give, with one exponential).
  template <class T>
  MINIMAX_HOST_DEVICE T discriminator_real_slope(T v) const {
    return -::minimax::sigmoid(-v);
  }
  /// \f$\operatorname{softplus}(v)\f$.
  template <class T>
  MINIMAX_HOST_DEVICE T discriminator_fake(T v) const {
    return ::minimax::log1pexp(v);
  }
  /// \f$\frac{d}{dv}\log(1+e^{v}) = \sigma(v)\f$.
  template <class T>
  MINIMAX_HOST_DEVICE T discriminator_fake_slope(T v) const {
    return ::minimax::sigmoid(v);
  }
  /// \f$\operatorname{softplus}(-v)\f$.
  template <class T>
  MINIMAX_HOST_DEVICE T generator(T v) const {
    return ::minimax::log1pexp(-v);
  }
  /// \f$\frac{d}{dv}\log(1+e^{-v}) = -\sigma(-v)\f$.
  template <class T>
  MINIMAX_HOST_DEVICE T generator_slope(T v) const {
    return -::minimax::sigmoid(-v);
  }
};

}  // namespace minimax::loss
