#pragma once
/// \file
/// \brief The GAN value function \f$V(D, G)\f$ and the virtual training criterion
/// \f$C(G) = \max_D V(D, G)\f$ (Goodfellow et al. 2014).

#include <cmath>
#include <limits>
#include <string>
#include <type_traits>

#include "minimax/core/error.hpp"
#include "minimax/theory/detail/pair.hpp"
#include "minimax/theory/estimate.hpp"
#include "minimax/theory/optimal_discriminator.hpp"

namespace minimax {

namespace detail {

/// A discriminator that knows \f$\log D\f$ and \f$\log(1-D)\f$ itself (the optimal one does).
template <class D, class X>
concept log_space_discriminator = requires(const D& d, const X& x) {
  { d.log_value(x) } -> std::convertible_to<double>;
  { d.log_complement(x) } -> std::convertible_to<double>;
};

/// Validates one value D(x) of a user's discriminator.
template <class X>
double checked_discriminator_value(const char* function, double d, const X& x) {
  if (!(d >= 0 && d <= 1)) {
    raise_invalid_argument(function, "the discriminator must return values in [0, 1]",
                           detail::to_text(d) + " at x = " + detail::to_text(x));
  }
  return d;
}

/// \f$\int p\,a(x) + q\,b(x)\f$ with \f$a = \log D\f$, \f$b = \log(1-D)\f$ and \f$0 \cdot \log 0 = 0\f$;
/// \f$-\infty\f$ when D is 0 where \f$p > 0\f$ or 1 where \f$q > 0\f$.
template <class D, class P, class Q>
estimate value_function_of(const char* function, const D& d, const P& p, const Q& q) {
  check_pair(function, p, q);
  using X = point_t<P>;
  bool minus_infinity = false;
  constexpr double ninf = -std::numeric_limits<double>::infinity();
  auto term = [&](double log_weight, double log_d) {
    if (log_weight == ninf) return 0.0;
    if (log_d == ninf) {
      minus_infinity = true;
      return 0.0;
    }
    return std::exp(log_weight) * log_d;
  };
  const minimax::estimate r = pair_integral(p, q, [&](double lp, double lq, X x) {
    double a, b;
    if constexpr (log_space_discriminator<D, X>) {
      a = d.log_value(x);
      b = d.log_complement(x);
    } else {
      const double y = checked_discriminator_value(function, static_cast<double>(d(x)), x);
      a = std::log(y);
      b = std::log1p(-y);
    }
    return term(lp, a) + term(lq, b);
  });
  if (minus_infinity) return {ninf, 0.0};
  return {r.value, r.error_estimate};
}

}  // namespace detail

/// \brief The value of the two-player game for a discriminator D and the generator's distribution:
/// \f[ V(D, G) = \mathbb{E}_{x\sim p_{data}}[\log D(x)] + \mathbb{E}_{x\sim p_g}[\log(1 - D(x))]
///   = \int p_{data}\log D + p_g \log(1-D)\,dx \f]
/// (a sum over outcomes for pmfs), in nats, with its numerical error estimate.
///
/// D is any callable `double(double)` (1-D densities) or `double(Eigen::Index)` (pmfs) returning
/// values in \f$[0, 1]\f$; an optimal_discriminator_t is evaluated in log space. Conventions:
/// \f$0\cdot\log 0 = 0\f$ (a point outside a support contributes nothing whatever D is there);
/// \f$D = 0\f$ on a set of positive \f$p_{data}\f$-mass, or \f$D = 1\f$ on one of positive
/// \f$p_g\f$-mass, gives \f$-\infty\f$ (error estimate 0).
/// \throws minimax::invalid_argument when D returns a value outside \f$[0, 1]\f$ or NaN (the message
/// gives the value and the x), or for pmfs of different sizes; minimax::domain_error when the
/// quadrature fails.
template <class D, class P, class Q>
estimate value_function(const D& discriminator, const P& p_data, const Q& p_g) {
  static_assert(detail::theory_pair<P, Q>,
                "minimax::value_function: p_data and p_g must be two pmfs or two 1-D densities");
  static_assert(std::is_invocable_v<const D&, detail::point_t<P>>,
                "minimax::value_function: the discriminator must be callable on a point (a double for 1-D "
                "densities, an Eigen::Index for pmfs)");
  return detail::value_function_of("minimax::value_function", discriminator, p_data, p_g);
}

/// \brief The virtual training criterion \f$C(G) = \max_D V(D, G) = V(D^*_G, G)\f$:
/// \f[ C(G) = \mathbb{E}_{p_{data}}\Big[\log\frac{p_{data}}{p_{data}+p_g}\Big]
///   + \mathbb{E}_{p_g}\Big[\log\frac{p_g}{p_{data}+p_g}\Big] = -\log 4 + 2\,\mathrm{JSD}(p_{data}\|p_g), \f]
/// in \f$[-\log 4, 0]\f$; \f$-\log 4\f$ exactly when \f$p_g = p_{data}\f$, 0 for disjoint supports.
/// Evaluated in log space with \f$\log\sigma\f$ (no 0/0 in the tails).
/// \throws as value_function().
template <class P, class Q>
estimate virtual_training_criterion(const P& p_data, const Q& p_g) {
  static_assert(detail::theory_pair<P, Q>,
                "minimax::virtual_training_criterion: p_data and p_g must be two pmfs or two 1-D densities");
  detail::check_pair("minimax::virtual_training_criterion", p_data, p_g);
  return detail::value_function_of("minimax::virtual_training_criterion", optimal_discriminator(p_data, p_g), p_data,
                                   p_g);
}

/// \brief The non-saturating generator loss \f$L_G(D) = -\mathbb{E}_{x\sim p_g}[\log D(x)]\f$
/// (Goodfellow et al. 2014, section 3), in nats, with its error estimate.
///
/// The generator minimises it instead of \f$\mathbb{E}_{p_g}\log(1 - D)\f$, whose gradient vanishes
/// when D rejects the samples confidently. \f$D = 0\f$ on a set of positive \f$p_g\f$-mass gives
/// \f$+\infty\f$. An optimal_discriminator_t is evaluated in log space.
/// \throws as value_function(); p_data is only used to check the pair.
template <class D, class P, class Q>
estimate non_saturating_generator_loss(const D& discriminator, const P& p_data, const Q& p_g) {
  static_assert(detail::theory_pair<P, Q>,
                "minimax::non_saturating_generator_loss: p_data and p_g must be two pmfs or two 1-D densities");
  constexpr const char* function = "minimax::non_saturating_generator_loss";
  detail::check_pair(function, p_data, p_g);
  using X = detail::point_t<P>;
  bool infinite = false;
  const minimax::estimate r = detail::pair_integral(p_data, p_g, [&](double, double lq, X x) {
    if (lq == -std::numeric_limits<double>::infinity()) return 0.0;
    double a;
    if constexpr (detail::log_space_discriminator<D, X>) {
      a = discriminator.log_value(x);
    } else {
      a = std::log(detail::checked_discriminator_value(function, static_cast<double>(discriminator(x)), x));
    }
    if (a == -std::numeric_limits<double>::infinity()) {
      infinite = true;
      return 0.0;
    }
    return -std::exp(lq) * a;
  });
  if (infinite) return {std::numeric_limits<double>::infinity(), 0.0};
  return {r.value, r.error_estimate};
}

}  // namespace minimax
