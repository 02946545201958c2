#pragma once
/// \file
/// \brief The continuous uniform distribution on \f$[a, b]\f$.

#include <Eigen/Core>
#include <cmath>
#include <limits>
#include <vector>

#include "minimax/core/concepts.hpp"
#include "minimax/core/error.hpp"
#include "minimax/prob/detail/common.hpp"
#include "minimax/prob/random.hpp"
#include "minimax/quadrature/interval.hpp"

namespace minimax {

/// \brief The uniform distribution on \f$[a, b]\f$, \f$a < b\f$ finite: \f$p(x) = 1/(b-a)\f$ on \f$[a, b]\f$, 0 outside.
///
/// \throws minimax::invalid_argument when a or b is not finite or \f$a \ge b\f$,
/// e.g. "minimax::uniform: the bounds must satisfy a < b, got a = 1, b = 1".
template <Real T = double>
class uniform_distribution {
 public:
  /// The scalar type.
  using value_type = T;

  /// The uniform distribution on \f$[0, 1]\f$.
  uniform_distribution() = default;

  /// The uniform distribution on \f$[a, b]\f$, validated.
  uniform_distribution(T a, T b) : a_(a), b_(b) {
    require_finite("minimax::uniform", "a", a);
    require_finite("minimax::uniform", "b", b);
    if (!(a < b)) {
      raise_invalid_argument("minimax::uniform", "the bounds must satisfy a < b",
                             "a = " + detail::to_text(a) + ", b = " + detail::to_text(b));
    }
    if (!std::isfinite(b - a)) raise_invalid_argument("minimax::uniform", "the width b - a must be finite", b - a);
  }

  /// \f$a\f$.
  T lower() const noexcept { return a_; }
  /// \f$b\f$.
  T upper() const noexcept { return b_; }

 private:
  T a_ = 0;
  T b_ = 1;
};

/// The uniform distribution in double precision: `minimax::uniform{a, b}`.
using uniform = uniform_distribution<double>;

/// \brief \f$p(x) = 1/(b-a)\f$ for \f$a \le x \le b\f$, else 0 (the closed interval: \f$p(a) = p(b) = 1/(b-a)\f$).
/// \throws minimax::invalid_argument for NaN x.
template <class T>
T pdf(const uniform_distribution<T>& d, T x) {
  detail::require_not_nan("minimax::pdf(uniform)", x);
  return (x >= d.lower() && x <= d.upper()) ? 1 / (d.upper() - d.lower()) : T(0);
}

/// \brief \f$\log p(x) = -\log(b-a)\f$ on \f$[a, b]\f$, \f$-\infty\f$ outside. \throws as pdf().
template <class T>
T log_pdf(const uniform_distribution<T>& d, T x) {
  detail::require_not_nan("minimax::log_pdf(uniform)", x);
  return (x >= d.lower() && x <= d.upper()) ? -std::log(d.upper() - d.lower())
                                            : -std::numeric_limits<T>::infinity();
}

/// \brief \f$F(x) = \min(1, \max(0, (x-a)/(b-a)))\f$. \throws minimax::invalid_argument for NaN x.
template <class T>
T cdf(const uniform_distribution<T>& d, T x) {
  detail::require_not_nan("minimax::cdf(uniform)", x);
  if (x <= d.lower()) return T(0);
  if (x >= d.upper()) return T(1);
  return (x - d.lower()) / (d.upper() - d.lower());
}

/// \brief \f$F^{-1}(p) = a + p(b-a)\f$, exactly \f$a\f$ at \f$p = 0\f$ and \f$b\f$ at \f$p = 1\f$.
/// \throws minimax::domain_error for p outside [0, 1].
template <class T>
T quantile(const uniform_distribution<T>& d, T p) {
  detail::require_probability("minimax::quantile(uniform)", p);
  if (p == T(1)) return d.upper();
  return d.lower() + p * (d.upper() - d.lower());
}

/// \brief The support \f$[a, b]\f$.
template <class T>
interval<T> support(const uniform_distribution<T>& d) {
  return {d.lower(), d.upper()};
}

/// \brief Where the density is not smooth: its jumps at \f$a\f$ and \f$b\f$ (see HasBreakpoints).
template <class T>
std::vector<T> breakpoints(const uniform_distribution<T>& d) {
  return {d.lower(), d.upper()};
}

/// \brief \f$\mathbb{E}X = (a+b)/2\f$ (computed as \f$a/2 + b/2\f$, which cannot overflow).
template <class T>
T mean(const uniform_distribution<T>& d) {
  return d.lower() / 2 + d.upper() / 2;
}

/// \brief \f$\operatorname{Var}X = (b-a)^2/12\f$.
template <class T>
T variance(const uniform_distribution<T>& d) {
  const T w = d.upper() - d.lower();
  return w * w / 12;
}

/// \brief One draw \f$a + (b-a)u\f$ with \f$u\f$ from rng::uniform() (so \f$b\f$ itself is never drawn).
template <class T>
T sample(const uniform_distribution<T>& d, rng& g) {
  const T x = d.lower() + (d.upper() - d.lower()) * static_cast<T>(g.uniform());
  return x < d.upper() ? x : d.lower();  // rounding can land on b only with u = 1 - 2^-53; keep [a, b)
}

/// \brief n independent draws as a vector. \throws minimax::invalid_argument for n < 0.
template <class T>
Eigen::Matrix<T, Eigen::Dynamic, 1> sample(const uniform_distribution<T>& d, rng& g, Eigen::Index n) {
  return detail::sample_vector<T>("minimax::sample(uniform)", d, g, n);
}

}  // namespace minimax
