#pragma once
/// \file
/// \brief \f$\log\sum_i e^{x_i}\f$ without overflow or underflow.

#include <cmath>
#include <iterator>
#include <limits>
#include <type_traits>

#include "minimax/core/config.hpp"
#include "minimax/core/log1pexp.hpp"
#include "minimax/core/summation.hpp"

namespace minimax {

/// \brief \f$\log(e^{a} + e^{b}) = \max(a,b) + \log(1 + e^{-|a-b|})\f$.
///
/// \f$-\infty\f$ is the identity (\f$\log 0\f$); \f$+\infty\f$ absorbs; NaN propagates.
template <class T>
MINIMAX_HOST_DEVICE constexpr T logsumexp(T a, T b) noexcept {
  if (a != a || b != b) return a + b;  // NaN
  if (a < b) {
    const T t = a;
    a = b;
    b = t;
  }
  if (a == -std::numeric_limits<T>::infinity()) return a;  // both are -inf: the log of 0
  if (a == std::numeric_limits<T>::infinity()) return a;
  return a + log1pexp(b - a);
}

/// \brief \f$\log\sum_i e^{x_i}\f$ of any range (std containers, Eigen vectors, arrays).
///
/// With \f$m = \max_i x_i\f$ attained at \f$i^*\f$, it returns
/// \f$m + \operatorname{log1p}\big(\sum_{i \ne i^*} e^{x_i - m}\big)\f$ with a compensated sum, so
/// every exponential lies in \f$[0, 1]\f$ and terms far below the maximum keep their contribution.
/// Conventions: an empty range or one of only \f$-\infty\f$ gives \f$-\infty\f$ (\f$\log 0\f$);
/// any \f$+\infty\f$ gives \f$+\infty\f$; any NaN gives NaN.
template <class Range>
constexpr auto logsumexp(const Range& range) {
  using T = std::remove_cvref_t<decltype(*std::begin(range))>;
  using std::exp;
  using std::log1p;
  constexpr T inf = std::numeric_limits<T>::infinity();
  T m = -inf;
  auto arg = std::begin(range);
  for (auto it = std::begin(range); it != std::end(range); ++it) {
    const T x = *it;
    if (x != x) return x;
    if (x > m) {
      m = x;
      arg = it;
    }
  }
  if (m == -inf || m == inf) return m;
  neumaier_sum<T> rest;
  for (auto it = std::begin(range); it != std::end(range); ++it) {
    if (it != arg) rest += exp(*it - m);
  }
  return m + log1p(rest.value());
}

}  // namespace minimax
