#pragma once
/// \file
/// \brief The point mass \f$\delta_{x_0}\f$.

#include <Eigen/Core>
#include <concepts>

#include "minimax/core/concepts.hpp"
#include "minimax/core/error.hpp"
#include "minimax/prob/detail/common.hpp"
#include "minimax/prob/random.hpp"
#include "minimax/quadrature/interval.hpp"

namespace minimax {

/// \brief The point mass at \f$x_0\f$: \f$P(X = x_0) = 1\f$.
///
/// It has a cdf, a quantile, a mean and draws, but no density with respect to Lebesgue measure, so
/// **pdf() and log_pdf() are deleted**: calling them does not compile, and dirac satisfies
/// UnivariateDistribution but not UnivariateDensity. Code that needs the mass at a point asks for
/// mass(d, x). (A formula written for densities, such as \f$\int p\log(p/q)\f$, does not apply to a
/// point mass; the divergences between point masses have their own closed forms.)
///
/// \throws minimax::invalid_argument when \f$x_0\f$ is not finite.
template <Real T = double>
class dirac_distribution {
 public:
  /// The scalar type.
  using value_type = T;

  /// The point mass at 0.
  dirac_distribution() = default;

  /// The point mass at \f$x_0\f$, validated.
  explicit dirac_distribution(T x0) : x0_(x0) { require_finite("minimax::dirac", "x0", x0); }

  /// \f$x_0\f$.
  T location() const noexcept { return x0_; }

 private:
  T x0_ = 0;
};

/// The point mass in double precision: `minimax::dirac{x0}`.
using dirac = dirac_distribution<double>;

/// \brief A point mass has no density: pdf() does not compile (use mass()).
template <class T, class X>
T pdf(const dirac_distribution<T>& d, X x) = delete;

/// \brief A point mass has no density: log_pdf() does not compile (use mass()).
template <class T, class X>
T log_pdf(const dirac_distribution<T>& d, X x) = delete;

/// \brief \f$P(X = x)\f$: 1 at \f$x_0\f$, 0 elsewhere. \throws minimax::invalid_argument for NaN x.
template <class T>
T mass(const dirac_distribution<T>& d, T x) {
  detail::require_not_nan("minimax::mass(dirac)", x);
  return x == d.location() ? T(1) : T(0);
}

/// \brief \f$F(x) = \mathbb{1}[x \ge x_0]\f$ (right-continuous). \throws minimax::invalid_argument for NaN x.
template <class T>
T cdf(const dirac_distribution<T>& d, T x) {
  detail::require_not_nan("minimax::cdf(dirac)", x);
  return x >= d.location() ? T(1) : T(0);
}

/// \brief \f$x_0\f$ for every \f$p \in [0, 1]\f$: the generalised inverse \f$\inf\{x : F(x) \ge p\}\f$ on
/// \f$(0, 1]\f$, extended to \f$p = 0\f$ by the lowest point of the support (as for a pmf).
/// \throws minimax::domain_error for p outside [0, 1].
template <class T>
T quantile(const dirac_distribution<T>& d, T p) {
  detail::require_probability("minimax::quantile(dirac)", p);
  return d.location();
}

/// \brief The support \f$[x_0, x_0]\f$.
template <class T>
interval<T> support(const dirac_distribution<T>& d) {
  return {d.location(), d.location()};
}

/// \brief \f$\mathbb{E}X = x_0\f$.
template <class T>
T mean(const dirac_distribution<T>& d) {
  return d.location();
}

/// \brief \f$\operatorname{Var}X = 0\f$.
template <class T>
T variance(const dirac_distribution<T>&) {
  return T(0);
}

/// \brief One draw: \f$x_0\f$ (the generator is not advanced).
template <class T>
T sample(const dirac_distribution<T>& d, rng&) {
  return d.location();
}

/// \brief n draws: n copies of \f$x_0\f$. \throws minimax::invalid_argument for n < 0.
template <class T>
Eigen::Matrix<T, Eigen::Dynamic, 1> sample(const dirac_distribution<T>& d, rng& g, Eigen::Index n) {
  return detail::sample_vector<T>("minimax::sample(dirac)", d, g, n);
}

}  // namespace minimax
