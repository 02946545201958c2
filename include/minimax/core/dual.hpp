#pragma once
/// \file
/// \brief Forward-mode dual numbers \f$a + b\,\varepsilon\f$ with \f$\varepsilon^2 = 0\f$, usable as an
/// Eigen scalar, for second derivatives by forward-over-reverse.
///
/// For a differentiable \f$f\f$, \f$f(a + b\varepsilon) = f(a) + f'(a)\,b\,\varepsilon\f$: the
/// \f$\varepsilon\f$ part carries a directional derivative through any code written for a generic
/// scalar. Running a hand-written gradient (a backward pass) on duals whose \f$\varepsilon\f$ parts
/// hold a direction \f$v\f$ gives \f$\nabla f(\theta) + \varepsilon\,H(\theta)\,v\f$: a
/// Hessian-vector product at the cost of about two gradients, without ever forming \f$H\f$.
///
/// Comparisons look at the value part only (so `relu` and `max` branch on values; at a kink the
/// one-sided derivative of the branch taken is propagated, as every framework does).

#include <cmath>
#include <limits>
#include <ostream>
#include <type_traits>

#include <Eigen/Core>

#include "minimax/core/config.hpp"

namespace minimax {

/// \brief A dual number \f$v + d\,\varepsilon\f$, \f$\varepsilon^2 = 0\f$, over the real type `T`.
///
/// `value` is the ordinary value, `derivative` the derivative along the seeded direction.
template <class T>
struct dual {
  T value{};       ///< The real part \f$v\f$.
  T derivative{};  ///< The infinitesimal part \f$d\f$ (a directional derivative).

  /// Zero.
  constexpr dual() = default;
  /// A constant \f$v + 0\,\varepsilon\f$ (implicit, so literals mix with duals).
  MINIMAX_HOST_DEVICE constexpr dual(T v) : value(v), derivative(0) {}  // NOLINT(google-explicit-constructor)
  /// \f$v + d\,\varepsilon\f$.
  MINIMAX_HOST_DEVICE constexpr dual(T v, T d) : value(v), derivative(d) {}
  /// A constant from any arithmetic type (so `T(2)` and `T(0.5)` work for `T = dual<float>`).
  template <class U>
    requires(std::is_arithmetic_v<U> && !std::is_same_v<U, T>)
  MINIMAX_HOST_DEVICE constexpr explicit dual(U v) : value(static_cast<T>(v)), derivative(0) {}

  /// \f$(a + b\varepsilon) + (c + d\varepsilon) = (a + c) + (b + d)\varepsilon\f$.
  MINIMAX_HOST_DEVICE constexpr dual& operator+=(const dual& o) {
    value += o.value;
    derivative += o.derivative;
    return *this;
  }
  /// \f$(a + b\varepsilon) - (c + d\varepsilon) = (a - c) + (b - d)\varepsilon\f$.
  MINIMAX_HOST_DEVICE constexpr dual& operator-=(const dual& o) {
    value -= o.value;
    derivative -= o.derivative;
    return *this;
  }
  /// \f$(a + b\varepsilon)(c + d\varepsilon) = ac + (ad + bc)\varepsilon\f$.
  MINIMAX_HOST_DEVICE constexpr dual& operator*=(const dual& o) {
    derivative = derivative * o.value + value * o.derivative;
    value *= o.value;
    return *this;
  }
  /// \f$(a + b\varepsilon)/(c + d\varepsilon) = a/c + (bc - ad)/c^2\,\varepsilon\f$.
  MINIMAX_HOST_DEVICE constexpr dual& operator/=(const dual& o) {
    const T q = value / o.value;
    derivative = (derivative - q * o.derivative) / o.value;
    value = q;
    return *this;
  }
};

/// Unary plus.
template <class T>
MINIMAX_HOST_DEVICE constexpr dual<T> operator+(const dual<T>& a) {
  return a;
}
/// Negation \f$-(a + b\varepsilon)\f$.
template <class T>
MINIMAX_HOST_DEVICE constexpr dual<T> operator-(const dual<T>& a) {
  return {-a.value, -a.derivative};
}
/// Sum.
template <class T>
MINIMAX_HOST_DEVICE constexpr dual<T> operator+(dual<T> a, const dual<T>& b) {
  return a += b;
}
/// Difference.
template <class T>
MINIMAX_HOST_DEVICE constexpr dual<T> operator-(dual<T> a, const dual<T>& b) {
  return a -= b;
}
/// Product.
template <class T>
MINIMAX_HOST_DEVICE constexpr dual<T> operator*(dual<T> a, const dual<T>& b) {
  return a *= b;
}
/// Quotient (the divisor's value must not be 0, as for reals).
template <class T>
MINIMAX_HOST_DEVICE constexpr dual<T> operator/(dual<T> a, const dual<T>& b) {
  return a /= b;
}
/// Sum with a real constant.
template <class T>
MINIMAX_HOST_DEVICE constexpr dual<T> operator+(const dual<T>& a, T b) {
  return {a.value + b, a.derivative};
}
/// \overload
template <class T>
MINIMAX_HOST_DEVICE constexpr dual<T> operator+(T a, const dual<T>& b) {
  return {a + b.value, b.derivative};
}
/// Difference with a real constant.
template <class T>
MINIMAX_HOST_DEVICE constexpr dual<T> operator-(const dual<T>& a, T b) {
  return {a.value - b, a.derivative};
}
/// \overload
template <class T>
MINIMAX_HOST_DEVICE constexpr dual<T> operator-(T a, const dual<T>& b) {
  return {a - b.value, -b.derivative};
}
/// Product with a real constant.
template <class T>
MINIMAX_HOST_DEVICE constexpr dual<T> operator*(const dual<T>& a, T b) {
  return {a.value * b, a.derivative * b};
}
/// \overload
template <class T>
MINIMAX_HOST_DEVICE constexpr dual<T> operator*(T a, const dual<T>& b) {
  return {a * b.value, a * b.derivative};
}
/// Quotient by a real constant.
template <class T>
MINIMAX_HOST_DEVICE constexpr dual<T> operator/(const dual<T>& a, T b) {
  return {a.value / b, a.derivative / b};
}
/// Quotient of a real constant by a dual.
template <class T>
MINIMAX_HOST_DEVICE constexpr dual<T> operator/(T a, const dual<T>& b) {
  return dual<T>(a) / b;
}

/// Equality of values (the derivative parts are not compared, as for every comparison here).
template <class T>
MINIMAX_HOST_DEVICE constexpr bool operator==(const dual<T>& a, const dual<T>& b) {
  return a.value == b.value;
}
/// Ordering of values.
template <class T>
MINIMAX_HOST_DEVICE constexpr bool operator<(const dual<T>& a, const dual<T>& b) {
  return a.value < b.value;
}
/// Ordering of values.
template <class T>
MINIMAX_HOST_DEVICE constexpr bool operator>(const dual<T>& a, const dual<T>& b) {
  return a.value > b.value;
}
/// Ordering of values.
template <class T>
MINIMAX_HOST_DEVICE constexpr bool operator<=(const dual<T>& a, const dual<T>& b) {
  return a.value <= b.value;
}
/// Ordering of values.
template <class T>
MINIMAX_HOST_DEVICE constexpr bool operator>=(const dual<T>& a, const dual<T>& b) {
  return a.value >= b.value;
}

/// Prints `value+derivative e`.
template <class T>
std::ostream& operator<<(std::ostream& os, const dual<T>& a) {
  return os << a.value << (a.derivative < 0 ? "" : "+") << a.derivative << "e";
}

/// \f$e^{a + b\varepsilon} = e^a + e^a b\,\varepsilon\f$.
template <class T>
MINIMAX_HOST_DEVICE dual<T> exp(const dual<T>& a) {
  using std::exp;
  const T e = exp(a.value);
  return {e, e * a.derivative};
}
/// \f$e^{x} - 1\f$, derivative \f$e^x\f$.
template <class T>
MINIMAX_HOST_DEVICE dual<T> expm1(const dual<T>& a) {
  using std::exp;
  using std::expm1;
  return {expm1(a.value), exp(a.value) * a.derivative};
}
/// \f$\log x\f$, derivative \f$1/x\f$.
template <class T>
MINIMAX_HOST_DEVICE dual<T> log(const dual<T>& a) {
  using std::log;
  return {log(a.value), a.derivative / a.value};
}
/// \f$\log(1 + x)\f$, derivative \f$1/(1 + x)\f$.
template <class T>
MINIMAX_HOST_DEVICE dual<T> log1p(const dual<T>& a) {
  using std::log1p;
  return {log1p(a.value), a.derivative / (T(1) + a.value)};
}
/// \f$\sqrt{x}\f$, derivative \f$1/(2\sqrt{x})\f$ (infinite at 0, as the mathematics says).
template <class T>
MINIMAX_HOST_DEVICE dual<T> sqrt(const dual<T>& a) {
  using std::sqrt;
  const T s = sqrt(a.value);
  return {s, a.derivative / (T(2) * s)};
}
/// \f$\tanh x\f$, derivative \f$1 - \tanh^2 x\f$.
template <class T>
MINIMAX_HOST_DEVICE dual<T> tanh(const dual<T>& a) {
  using std::tanh;
  const T t = tanh(a.value);
  return {t, (T(1) - t * t) * a.derivative};
}
/// \f$\operatorname{atanh} x\f$, derivative \f$1/(1 - x^2)\f$.
template <class T>
MINIMAX_HOST_DEVICE dual<T> atanh(const dual<T>& a) {
  using std::atanh;
  return {atanh(a.value), a.derivative / (T(1) - a.value * a.value)};
}
/// \f$|x|\f$, derivative \f$\operatorname{sign} x\f$ (0 at 0).
template <class T>
MINIMAX_HOST_DEVICE dual<T> abs(const dual<T>& a) {
  if (a.value > T(0)) return a;
  if (a.value < T(0)) return -a;
  return {T(0), T(0)};
}
/// \f$x^p\f$ for a real exponent, derivative \f$p x^{p-1}\f$.
template <class T>
MINIMAX_HOST_DEVICE dual<T> pow(const dual<T>& a, T p) {
  using std::pow;
  return {pow(a.value, p), p * pow(a.value, p - T(1)) * a.derivative};
}
/// True when the value part is finite (the derivative part is not inspected).
template <class T>
MINIMAX_HOST_DEVICE bool isfinite(const dual<T>& a) {
  using std::isfinite;
  return isfinite(a.value);
}
/// True when the value part is NaN.
template <class T>
MINIMAX_HOST_DEVICE bool isnan(const dual<T>& a) {
  using std::isnan;
  return isnan(a.value);
}

/// The real part of a real number: the number itself (so generic code can read values).
template <class T>
  requires std::is_arithmetic_v<T>
MINIMAX_HOST_DEVICE constexpr T value_of(T x) {
  return x;
}
/// The real part of a dual number.
template <class T>
MINIMAX_HOST_DEVICE constexpr T value_of(const dual<T>& x) {
  return x.value;
}

/// The real type under a scalar: `T` itself for reals, `U` for `dual<U>`.
template <class T>
struct real_type {
  using type = T;  ///< The real type.
};
/// \overload
template <class T>
struct real_type<dual<T>> {
  using type = T;  ///< The real type.
};
/// Shorthand for `real_type<T>::type`.
template <class T>
using real_type_t = typename real_type<T>::type;

}  // namespace minimax

namespace std {
/// Limits of minimax::dual: those of the real part, with a zero derivative, so generic code that asks
/// for `numeric_limits<T>::infinity()` behaves the same on duals as on reals.
template <class T>
struct numeric_limits<minimax::dual<T>> : numeric_limits<T> {
  /// \f$+\infty\f$.
  static constexpr minimax::dual<T> infinity() noexcept { return minimax::dual<T>(numeric_limits<T>::infinity()); }
  /// A quiet NaN.
  static constexpr minimax::dual<T> quiet_NaN() noexcept { return minimax::dual<T>(numeric_limits<T>::quiet_NaN()); }
  /// A signalling NaN.
  static constexpr minimax::dual<T> signaling_NaN() noexcept {
    return minimax::dual<T>(numeric_limits<T>::signaling_NaN());
  }
  /// Machine epsilon.
  static constexpr minimax::dual<T> epsilon() noexcept { return minimax::dual<T>(numeric_limits<T>::epsilon()); }
  /// Maximum rounding error.
  static constexpr minimax::dual<T> round_error() noexcept { return minimax::dual<T>(numeric_limits<T>::round_error()); }
  /// Smallest positive normal value.
  static constexpr minimax::dual<T> min() noexcept { return minimax::dual<T>((numeric_limits<T>::min)()); }
  /// Largest finite value.
  static constexpr minimax::dual<T> max() noexcept { return minimax::dual<T>((numeric_limits<T>::max)()); }
  /// Most negative finite value.
  static constexpr minimax::dual<T> lowest() noexcept { return minimax::dual<T>(numeric_limits<T>::lowest()); }
  /// Smallest positive subnormal value.
  static constexpr minimax::dual<T> denorm_min() noexcept { return minimax::dual<T>(numeric_limits<T>::denorm_min()); }
};
}  // namespace std

namespace Eigen {
/// Eigen's numeric traits for minimax::dual, so `Eigen::Matrix<minimax::dual<double>, ...>` works.
template <class T>
struct NumTraits<minimax::dual<T>> : NumTraits<T> {
  using Real = minimax::dual<T>;        ///< The type itself is real.
  using NonInteger = minimax::dual<T>;  ///< Duals are not integers.
  using Literal = minimax::dual<T>;     ///< Literals are duals.
  using Nested = minimax::dual<T>;      ///< Held by value.
  enum {
    IsComplex = 0,
    IsInteger = 0,
    IsSigned = 1,
    RequireInitialization = 1,
    ReadCost = 2 * NumTraits<T>::ReadCost,
    AddCost = 2 * NumTraits<T>::AddCost,
    MulCost = 3 * NumTraits<T>::MulCost + NumTraits<T>::AddCost
  };
  /// Machine epsilon of the real part.
  static inline Real epsilon() { return Real(NumTraits<T>::epsilon()); }
  /// Default precision of fuzzy comparisons.
  static inline Real dummy_precision() { return Real(NumTraits<T>::dummy_precision()); }
  /// Largest finite value.
  static inline Real highest() { return Real(NumTraits<T>::highest()); }
  /// Most negative finite value.
  static inline Real lowest() { return Real(NumTraits<T>::lowest()); }
  /// Decimal digits of the real part.
  static inline int digits10() { return NumTraits<T>::digits10(); }
};
}  // namespace Eigen
