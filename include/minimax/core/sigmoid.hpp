#pragma once
/// \file
/// \brief The logistic sigmoid \f$\sigma\f$, its logarithm, and its inverse, the logit.

#include <cmath>
#include <limits>

#include "minimax/core/config.hpp"
#include "minimax/core/log1pexp.hpp"

namespace minimax {

/// \brief The logistic sigmoid \f$\sigma(x) = 1/(1+e^{-x})\f$, without overflow for any \f$x\f$.
///
/// For \f$x < 0\f$ it evaluates \f$e^{x}/(1+e^{x})\f$, so \f$e^{-x}\f$ never overflows and tiny
/// results keep their relative accuracy down to the subnormals. \f$\sigma(-\infty) = 0\f$,
/// \f$\sigma(+\infty) = 1\f$. In a GAN, \f$D(x) = \sigma(\text{logit})\f$.
template <class T>
MINIMAX_HOST_DEVICE constexpr T sigmoid(T x) noexcept {
  using std::exp;
  // One exponential and one division whatever the sign, chosen by selects rather than branches:
  // on a GPU the threads of a warp then never take different paths.
  const bool positive = x >= T(0);
  const T e = exp(positive ? T(-x) : x);  // e^{-|x|} (NaN stays NaN)
  const T s = T(1) / (T(1) + e);
  return positive ? s : T(e * s);
}

/// \brief \f$\log \sigma(x) = -\log(1 + e^{-x})\f$, finite for every finite \f$x\f$.
///
/// The GAN losses \f$\log D\f$ and \f$\log(1-D) = \log\sigma(-x)\f$ are written with it, so a
/// saturated discriminator gives a large finite loss, never \f$\log 0\f$.
template <class T>
MINIMAX_HOST_DEVICE constexpr T log_sigmoid(T x) noexcept {
  return -log1pexp(-x);
}

/// \brief The logit \f$\sigma^{-1}(p) = \log\frac{p}{1-p}\f$ for \f$p \in [0, 1]\f$.
///
/// Near \f$p = 1/2\f$ it uses \f$2\operatorname{atanh}(2p - 1)\f$ (where \f$2p - 1\f$ is exact), and
/// \f$\log p - \operatorname{log1p}(-p)\f$ elsewhere, so the result has full relative accuracy
/// everywhere, including \f$p\f$ close to \f$1/2\f$ where the answer is close to 0.
/// \f$p = 0 \mapsto -\infty\f$, \f$p = 1 \mapsto +\infty\f$; \f$p\f$ outside \f$[0,1]\f$ or NaN gives NaN.
template <class T>
MINIMAX_HOST_DEVICE constexpr T logit(T p) noexcept {
  using std::atanh;
  using std::log;
  using std::log1p;
  if (!(p >= T(0) && p <= T(1))) return std::numeric_limits<T>::quiet_NaN();
  if (p >= T(0.25) && p <= T(0.75)) return T(2) * atanh(T(2) * p - T(1));
  return log(p) - log1p(-p);
}

}  // namespace minimax
