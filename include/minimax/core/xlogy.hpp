#pragma once
/// \file
/// \brief x·log(y) and x·log(1+y) with the convention 0·log 0 = 0.

#include <cmath>

#include "minimax/core/config.hpp"

namespace minimax {

/// \brief \f$x \log y\f$, with \f$0 \cdot \log y = 0\f$ for every \f$y\f$ that is not NaN.
///
/// The convention \f$0 \log 0 = 0\f$ is the limit \f$\lim_{x\to 0^+} x \log x = 0\f$ that makes
/// entropies and KL divergences of distributions with zeros well defined. Other cases follow IEEE
/// arithmetic: \f$x > 0, y = 0\f$ gives \f$-\infty\f$; \f$y < 0\f$ gives NaN; NaN in, NaN out.
/// Never throws (usable in device code).
template <class T>
MINIMAX_HOST_DEVICE constexpr T xlogy(T x, T y) noexcept {
  using std::log;
  if (x == T(0) && !(y != y)) return T(0);
  return x * log(y);
}

/// \brief \f$x \log(1 + y)\f$, with \f$0 \cdot \log(1+y) = 0\f$ for every \f$y\f$ that is not NaN.
///
/// Uses `log1p`, so \f$y\f$ much smaller than 1 keeps full relative accuracy.
template <class T>
MINIMAX_HOST_DEVICE constexpr T xlog1py(T x, T y) noexcept {
  using std::log1p;
  if (x == T(0) && !(y != y)) return T(0);
  return x * log1p(y);
}

}  // namespace minimax
