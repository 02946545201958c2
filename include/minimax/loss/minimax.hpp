#pragma once
/// \file
/// \brief The original (saturating) minimax GAN loss of Goodfellow et al. (2014).

#include "minimax/core/log1pexp.hpp"
#include "minimax/core/sigmoid.hpp"
#include "minimax/loss/adversarial.hpp"

namespace minimax::loss {

/// \brief The minimax game \f$\min_G\max_D\ \mathbb{E}\log D(x) + \mathbb{E}\log(1 - D(G(z)))\f$ with
/// \f$D = \sigma(v)\f$:
/// \f[ \ell^D_r(v) = -\log\sigma(v) = \operatorname{softplus}(-v),\quad
///     \ell^D_f(v) = -\log(1-\sigma(v)) = \operatorname{softplus}(v),\quad
///     \ell^G(v) = \log(1 - \sigma(v)) = -\operatorname{softplus}(v). \f]
/// \f$L_G = -\ell^D_f\f$: the zero-sum game. Its generator gradient vanishes where \f$D\f$ rejects the
/// samples confidently (saturation), which is why loss::non_saturating exists. For fixed \f$G\f$ the
/// optimal logit is \f$v^* = \log(p_\text{data}/p_g)\f$, where \f$L_D = \log 4 - 2\,\mathrm{JSD}\f$.
/// Written with softplus, so no output, however saturated, gives \f$\log 0\f$.
struct minimax {
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
  /// \f$-\operatorname{softplus}(v)\f$.
  template <class T>
  MINIMAX_HOST_DEVICE T generator(T v) const {
    return -::minimax::log1pexp(v);
  }
  /// \f$\frac{d}{dv}(-\log(1+e^{v})) = -\sigma(v)\f$.
  template <class T>
  MINIMAX_HOST_DEVICE T generator_slope(T v) const {
    return -::minimax::sigmoid(v);
  }
};

}  // namespace minimax::loss
