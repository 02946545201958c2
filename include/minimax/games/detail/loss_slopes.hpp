#pragma once
/// \file
/// \brief The derivatives of a per-sample adversarial loss, \f$\ell^{G\prime}\f$, \f$\ell^{D\prime}_r\f$,
/// \f$\ell^{D\prime}_f\f$, in host or device code: the loss's analytic slopes where it has them, dual
/// numbers otherwise. Shared by the games' fields (Dirac-GAN, Gaussian GAN, network point games).

#include "minimax/core/config.hpp"
#include "minimax/core/dual.hpp"

namespace minimax::games::detail {

/// \f$\ell'(x)\f$ by one evaluation on a dual number (works for nested duals too).
template <class T, class F>
MINIMAX_HOST_DEVICE T slope(const F& f, T x) {
  return f(dual<T>(x, T(1))).derivative;
}

/// \f$\ell^{G\prime}(v)\f$: the loss's own `generator_slope` where it has one (one exponential
/// instead of a dual-number pass through \f$\log(1 + e^{v})\f$), else by a dual number.
template <class Loss, class T>
MINIMAX_HOST_DEVICE T generator_slope(const Loss& loss, const T& v) {
  if constexpr (requires { loss.generator_slope(v); }) {
    return loss.generator_slope(v);
  } else {
    return slope([&](const auto& x) { return loss.generator(x); }, v);
  }
}

/// \f$\ell^{D\prime}_r(v)\f$, as generator_slope().
template <class Loss, class T>
MINIMAX_HOST_DEVICE T discriminator_real_slope(const Loss& loss, const T& v) {
  if constexpr (requires { loss.discriminator_real_slope(v); }) {
    return loss.discriminator_real_slope(v);
  } else {
    return slope([&](const auto& x) { return loss.discriminator_real(x); }, v);
  }
}

/// \f$\ell^{D\prime}_f(v)\f$, as generator_slope().
template <class Loss, class T>
MINIMAX_HOST_DEVICE T discriminator_fake_slope(const Loss& loss, const T& v) {
  if constexpr (requires { loss.discriminator_fake_slope(v); }) {
    return loss.discriminator_fake_slope(v);
  } else {
    return slope([&](const auto& x) { return loss.discriminator_fake(x); }, v);
  }
}

}  // namespace minimax::games::detail
