#pragma once
/// \file
/// \brief The optimum of the least-squares GAN (Mao et al. 2017): \f$D^* = (b\,p_{data} + a\,p_g)/(p_{data}+p_g)\f$
/// and the generator's criterion at \f$D^*\f$, a Pearson \f$\chi^2\f$ divergence.

#include <cmath>
#include <limits>

#include "minimax/core/error.hpp"
#include "minimax/core/sigmoid.hpp"
#include "minimax/theory/detail/pair.hpp"
#include "minimax/theory/estimate.hpp"

namespace minimax {

/// \brief The LSGAN discriminator's optimum for targets a (fake) and b (real):
/// \f[ D^*(x) = \frac{b\,p_{data}(x) + a\,p_g(x)}{p_{data}(x) + p_g(x)} = b\,\sigma(\ell) + a\,\sigma(-\ell),
///     \quad \ell = \log p_{data} - \log p_g, \f]
/// the minimiser of \f$\tfrac12\mathbb{E}_{p_{data}}[(D-b)^2] + \tfrac12\mathbb{E}_{p_g}[(D-a)^2]\f$.
/// Evaluated in log space; where both densities vanish \f$\ell = 0\f$ and \f$D^* = (a+b)/2\f$.
template <class P, class Q>
class least_squares_discriminator_t {
 public:
  /// The argument type.
  using point_type = detail::point_t<P>;
  /// \throws minimax::invalid_argument for non-finite a or b, or pmfs of different sizes.
  least_squares_discriminator_t(P p, Q q, double a, double b) : p_(std::move(p)), q_(std::move(q)), a_(a), b_(b) {
    constexpr const char* function = "minimax::least_squares_discriminator";
    require_finite(function, "a", a);
    require_finite(function, "b", b);
    detail::check_pair(function, p_, q_);
  }
  /// \f$D^*(x)\f$.
  double operator()(const point_type& x) const {
    const double lp = detail::log_density(p_, x), lq = detail::log_density(q_, x);
    constexpr double ninf = -std::numeric_limits<double>::infinity();
    const double l = (lp == ninf && lq == ninf) ? 0.0 : lp - lq;
    return b_ * sigmoid(l) + a_ * sigmoid(-l);
  }
  /// The target for generated samples.
  double a() const noexcept { return a_; }
  /// The target for real samples.
  double b() const noexcept { return b_; }

 private:
  P p_;
  Q q_;
  double a_, b_;
};

/// \brief \f$D^* = (b\,p_{data} + a\,p_g)/(p_{data}+p_g)\f$ as a callable (see least_squares_discriminator_t).
/// \throws as least_squares_discriminator_t.
template <class P, class Q>
least_squares_discriminator_t<P, Q> least_squares_discriminator(const P& p_data, const Q& p_g, double a, double b) {
  static_assert(detail::theory_pair<P, Q>,
                "minimax::least_squares_discriminator: p_data and p_g must be two pmfs or two 1-D densities");
  return least_squares_discriminator_t<P, Q>(p_data, p_g, a, b);
}

/// \brief The LSGAN generator's criterion at the optimal discriminator, with target c:
/// \f[ C_{LS}(G) = \tfrac12\mathbb{E}_{p_{data}}[(D^* - c)^2] + \tfrac12\mathbb{E}_{p_g}[(D^* - c)^2] \f]
/// (the \f$p_{data}\f$ term, constant in G, is added as in Mao et al. 2017, section 3.2). With
/// \f$b - c = 1\f$ and \f$b - a = 2\f$ it equals
/// \f$\tfrac12\chi^2_{\mathrm{Pearson}}(p_{data}+p_g\,\|\,2p_g) = \tfrac12\int\frac{(p_{data}-p_g)^2}{p_{data}+p_g}dx\f$.
/// \throws minimax::invalid_argument for non-finite a, b, c or pmfs of different sizes.
template <class P, class Q>
estimate least_squares_criterion(const P& p_data, const Q& p_g, double a, double b, double c) {
  static_assert(detail::theory_pair<P, Q>,
                "minimax::least_squares_criterion: p_data and p_g must be two pmfs or two 1-D densities");
  require_finite("minimax::least_squares_criterion", "c", c);
  const auto d = least_squares_discriminator(p_data, p_g, a, b);
  using X = detail::point_t<P>;
  const minimax::estimate r = detail::pair_integral(p_data, p_g, [&](double lp, double lq, X x) {
    const double e = d(x) - c;
    return 0.5 * (detail::weighted(lp, e * e) + detail::weighted(lq, e * e));
  });
  return {r.value, r.error_estimate};
}

}  // namespace minimax
