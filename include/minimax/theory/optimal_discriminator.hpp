#pragma once
/// \file
/// \brief The optimal discriminator \f$D^*_G(x) = p_{data}(x)/(p_{data}(x) + p_g(x))\f$
/// (Goodfellow et al. 2014, Proposition 1), evaluated in log space.

#include <Eigen/Core>
#include <cmath>
#include <limits>
#include <string>
#include <type_traits>

#include "minimax/core/error.hpp"
#include "minimax/core/sigmoid.hpp"
#include "minimax/prob/concepts.hpp"
#include "minimax/theory/detail/pair.hpp"

namespace minimax {

namespace detail {
/// Multivariate densities are accepted by the optimal discriminator (a pointwise formula).
template <class P, class Q>
concept discriminator_pair = theory_pair<P, Q> || (MultivariateDensity<P> && MultivariateDensity<Q>);

template <class P, class Q>
struct discriminator_point {
  using type = point_t<P>;
};
template <class P, class Q>
  requires(MultivariateDensity<P> && !theory_measure<P>)
struct discriminator_point<P, Q> {
  using type = Eigen::VectorXd;
};
}  // namespace detail

/// \brief The optimal discriminator of the original GAN game for a fixed generator,
/// \f[ D^*(x) = \frac{p_{data}(x)}{p_{data}(x) + p_g(x)} = \sigma\big(\log p_{data}(x) - \log p_g(x)\big), \f]
/// a callable object: `d(x)` for a real x (1-D densities), an outcome index (pmfs) or an
/// `Eigen::VectorXd` (multivariate densities).
///
/// It works with the logit \f$\log p_{data} - \log p_g\f$, never with the ratio, so far tails where
/// both densities underflow to 0 still give the right value (for two normals the logit is a
/// quadratic in x and stays finite). Conventions:
/// - \f$p_{data}(x) > 0 = p_g(x)\f$: \f$D^* = 1\f$; \f$p_{data}(x) = 0 < p_g(x)\f$: \f$D^* = 0\f$;
/// - where both vanish (\f$\log p_{data} = \log p_g = -\infty\f$): \f$D^* = 1/2\f$, logit 0. Any value
///   there leaves \f$V(D, G)\f$ unchanged (the point carries no mass); 1/2 is the value where the two
///   densities agree, so \f$D^* \equiv 1/2\f$ exactly when \f$p_g = p_{data}\f$.
///
/// The object keeps copies of the two distributions.
template <class P, class Q>
class optimal_discriminator_t {
 public:
  /// The argument type of `operator()`.
  using point_type = typename detail::discriminator_point<P, Q>::type;

  /// The discriminator of (p_data, p_g). \throws as optimal_discriminator().
  optimal_discriminator_t(P p_data, Q p_g) : p_(std::move(p_data)), q_(std::move(p_g)) {
    constexpr const char* function = "minimax::optimal_discriminator";
    if constexpr (detail::theory_pmf<P>) {
      detail::check_pair(function, p_, q_);
    } else if constexpr (!detail::theory_density<P>) {
      if (dimension(p_) != dimension(q_)) {
        raise_invalid_argument(function, "p_data and p_g must have the same dimension",
                               detail::to_text(dimension(p_)) + " and " + detail::to_text(dimension(q_)));
      }
    }
  }

  /// \f$\sigma^{-1}(D^*(x)) = \log p_{data}(x) - \log p_g(x)\f$: \f$\pm\infty\f$ where one density
  /// vanishes, 0 where both do. \throws minimax::invalid_argument for an index outside the pmfs'
  /// outcomes or a point of the wrong dimension.
  double logit(const point_type& x) const {
    const double lp = log_at(p_, x), lq = log_at(q_, x);
    constexpr double ninf = -std::numeric_limits<double>::infinity();
    if (lp == ninf && lq == ninf) return 0.0;
    return lp - lq;
  }
  /// \f$D^*(x) \in [0, 1]\f$. \throws as logit().
  double operator()(const point_type& x) const { return sigmoid(logit(x)); }
  /// \f$\log D^*(x) = \log\sigma(\text{logit})\f$, accurate where \f$D^*\f$ underflows. \throws as logit().
  double log_value(const point_type& x) const { return log_sigmoid(logit(x)); }
  /// \f$\log(1 - D^*(x)) = \log\sigma(-\text{logit})\f$. \throws as logit().
  double log_complement(const point_type& x) const { return log_sigmoid(-logit(x)); }

  /// \f$p_{data}\f$.
  const P& p_data() const noexcept { return p_; }
  /// \f$p_g\f$.
  const Q& p_g() const noexcept { return q_; }

 private:
  template <class D>
  static double log_at(const D& d, const point_type& x) {
    if constexpr (detail::theory_pmf<D>) {
      if (x < 0 || x >= d.size()) {
        raise_invalid_argument("minimax::optimal_discriminator",
                               "the outcome must lie in {0, ..., " + std::to_string(d.size() - 1) + "}", x);
      }
      return std::log(d[x]);
    } else if constexpr (detail::theory_density<D>) {
      return log_pdf(d, x);
    } else {
      if (x.size() != dimension(d)) {
        raise_invalid_argument("minimax::optimal_discriminator",
                               "the point must have the distributions' dimension " + detail::to_text(dimension(d)),
                               x.size());
      }
      return log_pdf(d, x);
    }
  }

  P p_;
  Q q_;
};

/// \brief \f$D^*_G = p_{data}/(p_{data} + p_g)\f$ as a callable (see optimal_discriminator_t for the
/// log-space evaluation and the conventions at the edges).
///
/// Accepts two pmfs (on the same outcomes), two 1-D densities (minimax::normal, uniform, mixture, or
/// any UnivariateDensity) or two multivariate densities (mvn, ring, grid).
/// \throws minimax::invalid_argument for pmfs of different sizes or multivariate densities of
/// different dimensions. Mixing a pmf with a density does not compile.
template <class P, class Q>
optimal_discriminator_t<P, Q> optimal_discriminator(const P& p_data, const Q& p_g) {
  static_assert(detail::discriminator_pair<P, Q>,
                "minimax::optimal_discriminator: p_data and p_g must be two pmfs, two 1-D densities or two "
                "multivariate densities (a pmf and a density have no common reference measure)");
  return optimal_discriminator_t<P, Q>(p_data, p_g);
}

}  // namespace minimax
