#pragma once
/// \file
/// \brief The optimum of the f-GAN game (Nowozin et al. 2016): the critic \f$T^* = f'(p/q)\f$ and the
/// variational bound \f$\mathbb{E}_P[T] - \mathbb{E}_Q[f^*(T)] \le D_f(P\|Q)\f$, tight at \f$T^*\f$.

#include <algorithm>
#include <cmath>
#include <limits>
#include <type_traits>

#include "minimax/core/log1pexp.hpp"
#include "minimax/core/sigmoid.hpp"
#include "minimax/divergence/f_divergence.hpp"
#include "minimax/divergence/f_generators.hpp"
#include "minimax/theory/detail/pair.hpp"
#include "minimax/theory/estimate.hpp"

namespace minimax {

/// \brief The optimal f-GAN critic \f$T^*(x) = f'\big(p(x)/q(x)\big)\f$ for the generator F, a callable
/// on a real x (1-D densities) or an outcome index (pmfs).
///
/// The ratio is formed as \f$e^{\log p - \log q}\f$, so tails where both densities underflow keep
/// their ratio. Conventions: where \f$q = 0 < p\f$, \f$T^* = \lim_{u\to\infty} f'(u)\f$ =
/// `F::slope_at_infinity()` (\f$+\infty\f$ for KL and Pearson; \f$\log 2\f$ for Jensen–Shannon, 0 for
/// GAN, 1/2 for total variation); where \f$p = 0 < q\f$, \f$T^* = f'(0^+)\f$; where both vanish,
/// \f$T^* = f'(1)\f$ (no mass there: any value will do). For f::gan, \f$T^* = \log D^*\f$.
template <class F, class P, class Q>
class optimal_critic_t {
 public:
  /// The argument type.
  using point_type = detail::point_t<P>;
  /// The critic of (p, q). \throws minimax::invalid_argument for pmfs of different sizes.
  optimal_critic_t(P p, Q q) : p_(std::move(p)), q_(std::move(q)) { detail::check_pair("minimax::optimal_critic", p_, q_); }
  /// \f$T^*(x) = f'(p(x)/q(x))\f$ with the conventions above.
  double operator()(const point_type& x) const {
    return value_at(detail::log_density(p_, x), detail::log_density(q_, x));
  }
  /// \f$f^*(T^*(x))\f$, evaluated from \f$\ell = \log p - \log q\f$ without forming \f$T^*\f$ where that
  /// loses digits, by the generator's optional `conjugate_of_derivative_at_log_ratio(l)`:
  /// \f$e^{\ell}\f$ (KL), \f$e^{\ell/2} - 1\f$ (squared Hellinger, where \f$T^* = 1 - e^{-\ell/2}\f$ rounds to
  /// 1 for \f$\ell > 74\f$), \f$2 - 2e^{-\ell}\f$ (Neyman), \f$\log(1 + e^\ell)\f$ (GAN; minus \f$\log 2\f$
  /// for JS); for a generator without it, `F::conjugate(T*(x))`.
  double conjugate_value(const point_type& x) const {
    return conjugate_at(detail::log_density(p_, x), detail::log_density(q_, x));
  }
  /// \f$T^*\f$ from the two log densities (the conventions above; in \f$\ell\f$ directly by the
  /// generator's optional `derivative_at_log_ratio(l)` where it declares one: \f$1 + \ell\f$ for KL,
  /// \f$\log\sigma(\ell)\f$ for GAN, \f$\log 2 + \log\sigma(\ell)\f$ for JS).
  static double value_at(double lp, double lq) {
    constexpr double ninf = -std::numeric_limits<double>::infinity();
    if (lp == ninf && lq == ninf) return F::derivative(1.0);
    if (lq == ninf) return F::template slope_at_infinity<double>();
    if (lp == ninf) return F::derivative(0.0);
    if constexpr (detail::has_derivative_at_log_ratio<F, double>) return F::derivative_at_log_ratio(lp - lq);
    const double u = std::exp(lp - lq);
    if (std::isinf(u)) return F::template slope_at_infinity<double>();
    return F::derivative(u);
  }
  /// \f$f^*(T^*)\f$ from the two log densities (see conjugate_value()).
  static double conjugate_at(double lp, double lq) {
    constexpr double ninf = -std::numeric_limits<double>::infinity();
    const bool finite_ratio = lp != ninf && lq != ninf;
    if (finite_ratio) {
      if constexpr (detail::has_conjugate_of_derivative_at_log_ratio<F, double>) {
        return F::conjugate_of_derivative_at_log_ratio(lp - lq);
      }
    }
    const double t = value_at(lp, lq);
    double c = F::conjugate(t);
    if (c != c && std::isinf(t)) c = F::conjugate(std::copysign(std::numeric_limits<double>::max(), t));
    return c;
  }

 private:
  P p_;
  Q q_;
};

/// \brief \f$T^* = f'(p/q)\f$ for the generator F (f::kl, f::gan, ...), as a callable; see
/// optimal_critic_t. Two pmfs or two 1-D densities.
/// \throws minimax::invalid_argument for pmfs of different sizes.
template <class F, class P, class Q>
optimal_critic_t<F, P, Q> optimal_critic(const P& p, const Q& q) {
  static_assert(FGenerator<F>, "minimax::optimal_critic<F>: F must be a generator type such as minimax::f::kl");
  static_assert(detail::theory_pair<P, Q>, "minimax::optimal_critic: p and q must be two pmfs or two 1-D densities");
  return optimal_critic_t<F, P, Q>(p, q);
}

/// \brief The f-GAN objective of a critic T: \f$\mathbb{E}_{P}[T] - \mathbb{E}_{Q}[f^*(T)]\f$, in nats,
/// with its error estimate. By Fenchel's inequality \f$f(u) \ge uT - f^*(T)\f$ it is at most
/// \f$D_f(P\|Q)\f$ for every T, with equality at \f$T^* = f'(p/q)\f$.
///
/// Conventions: \f$0 \cdot (\pm\infty) = 0\f$ (a point outside a support contributes nothing), and
/// densities below the smallest normal double (\f$2.2\times10^{-308}\f$) count as 0 (there the
/// ratio p/q of the optimal critic has over- or underflowed);
/// \f$T(x) \notin \operatorname{dom} f^*\f$ on a set of positive Q-mass gives \f$-\infty\f$;
/// \f$T = +\infty\f$ on positive P-mass (the optimal KL critic where \f$q = 0\f$) gives \f$+\infty\f$;
/// at \f$T = \pm\infty\f$, \f$f^*\f$ is taken as its limit. A critic with a member
/// `conjugate_value(x)` (optimal_critic_t) supplies \f$f^*(T(x))\f$ itself.
/// \throws minimax::invalid_argument when T returns NaN where P or Q has mass, or for pmfs of
/// different sizes; minimax::domain_error when the quadrature fails.
template <class F, class T, class P, class Q>
estimate variational_bound(const T& critic, const P& p, const Q& q) {
  static_assert(FGenerator<F>, "minimax::variational_bound<F>: F must be a generator type such as minimax::f::kl");
  static_assert(detail::theory_pair<P, Q>, "minimax::variational_bound: p and q must be two pmfs or two 1-D densities");
  constexpr const char* function = "minimax::variational_bound";
  detail::check_pair(function, p, q);
  using X = detail::point_t<P>;
  constexpr double ninf = -std::numeric_limits<double>::infinity();
  bool plus_infinity = false, minus_infinity = false;
  const minimax::estimate r = detail::pair_integral(p, q, [&](double lp, double lq, X x) {
    if (lp == ninf && lq == ninf) return 0.0;
    const double t = static_cast<double>(critic(x));
    if (t != t) raise_invalid_argument(function, "the critic returned NaN", "x = " + detail::to_text(x));
    // A weight that is 0 or below the smallest normal double ignores its term: there the ratio
    // p/q has over- or underflowed and the critic's value is a limit, while the mass is < 1e-308.
    constexpr double tiny = std::numeric_limits<double>::min();
    const double wp = std::exp(lp), wq = std::exp(lq);
    double out = 0;
    if (wp >= tiny) {
      if (std::isinf(t)) {
        (t > 0 ? plus_infinity : minus_infinity) = true;
      } else {
        out += wp * t;
      }
    }
    if (wq >= tiny) {
      double c;
      if constexpr (requires { critic.conjugate_value(x); }) {
        c = critic.conjugate_value(x);  // the optimal critic knows f*(T*) more accurately
      } else {
        c = F::conjugate(t);
        // f* at an infinite argument: its limit, read off at the largest finite number of that sign
        // (t/(1-t) of the Hellinger generator is NaN at -inf, its limit is -1).
        if (c != c && std::isinf(t)) c = F::conjugate(std::copysign(std::numeric_limits<double>::max(), t));
      }
      if (std::isinf(c)) {
        (c > 0 ? minus_infinity : plus_infinity) = true;
      } else {
        // q f*(T) in log space when f* is large: it may overflow while the product does not.
        out -= std::abs(c) > 1 ? std::copysign(std::exp(lq + std::log(std::abs(c))), c) : wq * c;
      }
    }
    return out;
  });
  if (minus_infinity) return {ninf, 0.0};
  if (plus_infinity) return {std::numeric_limits<double>::infinity(), 0.0};
  return {r.value, r.error_estimate};
}

namespace detail {

/// \f$D_f(P\|Q) = \int q f(p/q)\f$ by the generator's perspective, scaled by \f$e^{-\max(\log p, \log q)}\f$
/// (homogeneity) so subnormal densities keep their ratio; \f$+\infty\f$ when the perspective is.
template <class F, class P, class Q>
estimate f_divergence_integral(const P& p, const Q& q) {
  if constexpr (theory_pmf<P>) {
    const double v = f_divergence<F>(p.probabilities(), q.probabilities());
    const minimax::estimate r = pair_integral(p, q, [](double lp, double lq, Eigen::Index) {
      const double t = F::perspective(std::exp(lp), std::exp(lq));
      return std::isfinite(t) ? t : 0.0;
    });
    return {v, std::isfinite(v) ? r.error_estimate : 0.0};
  } else {
    bool infinite = false;
    const minimax::estimate r = pair_integral(p, q, [&](double lp, double lq, double) {
      const double top = std::max(lp, lq);
      if (top == -std::numeric_limits<double>::infinity()) return 0.0;
      const double scale = std::exp(top);
      if (scale < std::numeric_limits<double>::min()) return 0.0;  // as in variational_bound()
      const double t = scale * F::perspective(std::exp(lp - top), std::exp(lq - top));
      if (std::isinf(t)) {
        infinite = true;
        return 0.0;
      }
      return t;
    });
    if (infinite) return {std::numeric_limits<double>::infinity(), 0.0};
    return {r.value, r.error_estimate};
  }
}

}  // namespace detail

}  // namespace minimax
