#pragma once
/// \file
/// \brief The normal distribution \f$\mathcal{N}(\mu, \sigma^2)\f$.

#include <Eigen/Core>
#include <boost/math/special_functions/erf.hpp>
#include <cmath>
#include <limits>
#include <numbers>
#include <type_traits>

#include "minimax/core/concepts.hpp"
#include "minimax/core/error.hpp"
#include "minimax/prob/detail/common.hpp"
#include "minimax/prob/random.hpp"
#include "minimax/quadrature/interval.hpp"

namespace minimax {

/// \brief The normal distribution with mean \f$\mu\f$ and standard deviation \f$\sigma > 0\f$:
/// \f[ p(x) = \frac{1}{\sigma\sqrt{2\pi}} \exp\Big(-\frac{(x-\mu)^2}{2\sigma^2}\Big). \f]
///
/// \throws minimax::invalid_argument when \f$\mu\f$ is not finite or \f$\sigma\f$ is not positive
/// and finite, e.g. "minimax::normal: sigma must be positive and finite, got -1".
template <Real T = double>
class normal_distribution {
 public:
  /// The scalar type.
  using value_type = T;

  /// The standard normal \f$\mathcal{N}(0, 1)\f$.
  normal_distribution() = default;

  /// \f$\mathcal{N}(\mu, \sigma^2)\f$, validated.
  normal_distribution(T mean, T sigma) : mean_(mean), sigma_(sigma) {
    require_finite("minimax::normal", "mean", mean);
    require_positive("minimax::normal", "sigma", sigma);
  }

  /// \f$\mu\f$.
  T mean() const noexcept { return mean_; }
  /// \f$\sigma\f$ (the standard deviation, not the variance).
  T sigma() const noexcept { return sigma_; }

 private:
  T mean_ = 0;
  T sigma_ = 1;
};

/// The normal distribution in double precision: `minimax::normal{mean, sigma}`.
using normal = normal_distribution<double>;

namespace detail {
/// \f$1/\sqrt 2\f$ as a sum of two doubles (high part and the rest), for an exact-ish \f$z/\sqrt 2\f$.
inline constexpr double inv_sqrt2_hi = 0.70710678118654757;
inline constexpr double inv_sqrt2_lo = -4.8336466567264567e-17;

/// \f$\Phi(z) = \tfrac12\operatorname{erfc}(-z/\sqrt2)\f$. In the lower tail the condition number of
/// \f$\Phi\f$ is about \f$z^2\f$, so the rounding of \f$z/\sqrt 2\f$ is corrected to first order.
template <class T>
T standard_normal_cdf(T z) {
  using std::exp;
  if constexpr (std::is_same_v<T, double>) {
    if (z < -3) {
      const double t = -z * inv_sqrt2_hi;
      const double t_lo = std::fma(-z, inv_sqrt2_hi, -t) - z * inv_sqrt2_lo;
      // erfc(t + t_lo) = erfc(t) - (2/sqrt(pi)) exp(-t^2) t_lo + O(t_lo^2)
      return 0.5 * (boost::math::erfc(t) - std::numbers::inv_sqrtpi_v<double> * 2 * exp(-t * t) * t_lo);
    }
  }
  return boost::math::erfc(-z * T(0.707106781186547524400844362104849039L)) / 2;
}
}  // namespace detail

/// \brief \f$p(x) = \exp(-z^2/2) / (\sigma\sqrt{2\pi})\f$ with \f$z = (x-\mu)/\sigma\f$; 0 at \f$\pm\infty\f$.
/// \throws minimax::invalid_argument for NaN x.
template <class T>
T pdf(const normal_distribution<T>& d, T x) {
  detail::require_not_nan("minimax::pdf(normal)", x);
  const T z = (x - d.mean()) / d.sigma();
  return std::exp(-z * z / 2) * std::numbers::inv_sqrtpi_v<T> * T(0.707106781186547524400844362104849039L) / d.sigma();
}

/// \brief \f$\log p(x) = -z^2/2 - \log\sigma - \tfrac12\log(2\pi)\f$, computed directly, so it stays
/// finite where \f$p(x)\f$ underflows (\f$-\infty\f$ only at \f$x = \pm\infty\f$).
/// \throws minimax::invalid_argument for NaN x.
template <class T>
T log_pdf(const normal_distribution<T>& d, T x) {
  detail::require_not_nan("minimax::log_pdf(normal)", x);
  const T z = (x - d.mean()) / d.sigma();
  constexpr T half_log_2pi = T(0.918938533204672741780329736405617639861L);
  return -z * z / 2 - std::log(d.sigma()) - half_log_2pi;
}

/// \brief \f$F(x) = \Phi(z) = \tfrac12\operatorname{erfc}(-z/\sqrt2)\f$, accurate to a few ulps relative
/// in the lower tail (down to underflow near \f$z = -38.4\f$).
/// \throws minimax::invalid_argument for NaN x.
template <class T>
T cdf(const normal_distribution<T>& d, T x) {
  detail::require_not_nan("minimax::cdf(normal)", x);
  if (x == -std::numeric_limits<T>::infinity()) return T(0);
  if (x == std::numeric_limits<T>::infinity()) return T(1);
  return detail::standard_normal_cdf((x - d.mean()) / d.sigma());
}

/// \brief \f$\log F(x)\f$, finite far beyond the underflow of \f$F\f$.
///
/// Below \f$z = -37\f$ it uses the asymptotic expansion
/// \f$\log\Phi(z) = -\tfrac{z^2}{2} - \log(-z) - \tfrac12\log 2\pi + \log\big(1 + \sum_{k\ge1}(-1)^k
/// \tfrac{(2k-1)!!}{z^{2k}}\big)\f$ (eight terms: the remainder is below \f$10^{-18}\f$ there); above 0
/// it is \f$\operatorname{log1p}(-\Phi(-z))\f$, which keeps tiny upper tails.
/// \throws minimax::invalid_argument for NaN x.
template <class T>
T log_cdf(const normal_distribution<T>& d, T x) {
  detail::require_not_nan("minimax::log_cdf(normal)", x);
  if (x == -std::numeric_limits<T>::infinity()) return -std::numeric_limits<T>::infinity();
  if (x == std::numeric_limits<T>::infinity()) return T(0);
  const T z = (x - d.mean()) / d.sigma();
  if (z > T(0)) return std::log1p(-detail::standard_normal_cdf(-z));
  if (z > T(-37)) return std::log(detail::standard_normal_cdf(z));
  const T w = 1 / (z * z);
  T term = 1, series = 1;
  for (int k = 1; k <= 8; ++k) {
    term *= -T(2 * k - 1) * w;
    series += term;
  }
  constexpr T half_log_2pi = T(0.918938533204672741780329736405617639861L);
  return -z * z / 2 - std::log(-z) - half_log_2pi + std::log(series);
}

/// \brief \f$F^{-1}(p) = \mu + \sigma\,\Phi^{-1}(p)\f$ with \f$\Phi^{-1}(p) = -\sqrt2\operatorname{erfc}^{-1}(2p)\f$
/// for \f$p < 1/2\f$ and \f$\sqrt2\operatorname{erfc}^{-1}(2(1-p))\f$ otherwise; \f$\mp\infty\f$ at
/// \f$p = 0, 1\f$.
/// \throws minimax::domain_error for p outside [0, 1] or NaN.
template <class T>
T quantile(const normal_distribution<T>& d, T p) {
  detail::require_probability("minimax::quantile(normal)", p);
  if (p == T(0)) return -std::numeric_limits<T>::infinity();
  if (p == T(1)) return std::numeric_limits<T>::infinity();
  const T z = p < T(0.5) ? -std::numbers::sqrt2_v<T> * boost::math::erfc_inv(2 * p)
                         : std::numbers::sqrt2_v<T> * boost::math::erfc_inv(2 * (1 - p));
  return d.mean() + d.sigma() * z;
}

/// \brief The support, \f$(-\infty, \infty)\f$.
template <class T>
interval<T> support(const normal_distribution<T>&) {
  return real_line<T>();
}

/// \brief \f$\mathbb{E}X = \mu\f$.
template <class T>
T mean(const normal_distribution<T>& d) {
  return d.mean();
}

/// \brief \f$\operatorname{Var}X = \sigma^2\f$.
template <class T>
T variance(const normal_distribution<T>& d) {
  return d.sigma() * d.sigma();
}

/// \brief One draw, \f$\mu + \sigma Z\f$ with \f$Z\f$ from rng::normal().
template <class T>
T sample(const normal_distribution<T>& d, rng& g) {
  return d.mean() + d.sigma() * static_cast<T>(g.normal());
}

/// \brief n independent draws as a vector. \throws minimax::invalid_argument for n < 0.
template <class T>
Eigen::Matrix<T, Eigen::Dynamic, 1> sample(const normal_distribution<T>& d, rng& g, Eigen::Index n) {
  return detail::sample_vector<T>("minimax::sample(normal)", d, g, n);
}

}  // namespace minimax
