#pragma once
/// \file
/// \brief \f$\log(1+e^x)\f$ (softplus) and \f$\log(1-e^x)\f$, accurate for every argument.

#include <cmath>
#include <limits>

#include "minimax/core/config.hpp"

namespace minimax {

/// \brief \f$\log(1 + e^{x})\f$, accurate to a few ulps for every real \f$x\f$.
///
/// The naive formula overflows for \f$x \gtrsim 710\f$ and loses all digits for \f$x \lesssim -37\f$
/// (where \f$1 + e^x\f$ rounds to 1). Here
/// \f[ \log(1+e^{x}) = \begin{cases} \operatorname{log1p}(e^{x}) & x \le 0
///     \\ x + \operatorname{log1p}(e^{-x}) & x > 0, \end{cases} \f]
/// both branches free of cancellation. Limits: \f$-\infty \mapsto 0\f$, \f$+\infty \mapsto +\infty\f$.
template <class T>
MINIMAX_HOST_DEVICE constexpr T log1pexp(T x) noexcept {
  using std::exp;
  using std::log1p;
  if (x > T(0)) return x + log1p(exp(-x));
  return log1p(exp(x));
}

/// \brief The softplus activation \f$\operatorname{softplus}(x) = \log(1 + e^{x})\f$; the same
/// function as log1pexp(), under the name networks use.
template <class T>
MINIMAX_HOST_DEVICE constexpr T softplus(T x) noexcept {
  return log1pexp(x);
}

/// \brief \f$\log(1 - e^{x})\f$ for \f$x \le 0\f$, accurate for every such \f$x\f$.
///
/// Mächler's split (2012, "Accurately computing log(1 - exp(-|a|))"):
/// \f[ \log(1-e^{x}) = \begin{cases} \log(-\operatorname{expm1}(x)) & -\log 2 < x \le 0
///     \\ \operatorname{log1p}(-e^{x}) & x \le -\log 2. \end{cases} \f]
/// \f$x = 0\f$ gives \f$-\infty\f$; \f$x > 0\f$ (where \f$1 - e^x < 0\f$) and NaN give NaN.
template <class T>
MINIMAX_HOST_DEVICE constexpr T log1mexp(T x) noexcept {
  using std::exp;
  using std::expm1;
  using std::log;
  using std::log1p;
  constexpr T minus_log2 = T(-0.693147180559945309417232121458176568L);
  if (!(x <= T(0))) return std::numeric_limits<T>::quiet_NaN();
  if (x > minus_log2) return log(-expm1(x));
  return log1p(-exp(x));
}

}  // namespace minimax
