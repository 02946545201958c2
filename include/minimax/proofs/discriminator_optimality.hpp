#pragma once
/// \file
/// \brief Proposition 1 of Goodfellow et al. (2014), executable: for a fixed generator,
/// \f$D^* = p_{data}/(p_{data}+p_g)\f$ maximises \f$V(D, G)\f$, pointwise and as a whole.

#include <boost/math/tools/minima.hpp>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include "minimax/core/sigmoid.hpp"
#include "minimax/proofs/detail/describe.hpp"
#include "minimax/proofs/proof.hpp"
#include "minimax/theory/optimal_discriminator.hpp"
#include "minimax/theory/value_function.hpp"

namespace minimax::proofs {

namespace detail {

/// \f$D_\delta = \sigma(\sigma^{-1}(D^*) + \delta h)\f$: a perturbation of \f$D^*\f$ that stays in
/// \f$[0, 1]\f$; to first order \f$D^* + \delta\,D^*(1-D^*)\,h\f$.
template <class P, class Q>
struct perturbed_discriminator {
  const optimal_discriminator_t<P, Q>* d;
  double delta;
  double h(double x) const { return std::tanh(x); }
  double h(Eigen::Index i) const { return i % 2 == 0 ? 1.0 : -1.0; }
  template <class X>
  double logit(const X& x) const {
    return d->logit(x) + delta * h(x);
  }
  template <class X>
  double log_value(const X& x) const {
    return log_sigmoid(logit(x));
  }
  template <class X>
  double log_complement(const X& x) const {
    return log_sigmoid(-logit(x));
  }
  template <class X>
  double operator()(const X& x) const {
    return sigmoid(logit(x));
  }
};

}  // namespace detail

/// \brief Proposition 1 (Goodfellow et al. 2014) for concrete \f$p_{data}, p_g\f$:
/// \f[ D^*_G = \arg\max_D V(D, G) = \frac{p_{data}}{p_{data} + p_g}, \f]
/// because for \f$a, b \ge 0\f$ not both 0, \f$y \mapsto a\log y + b\log(1-y)\f$ is strictly concave
/// on \f$(0, 1)\f$ with its maximum at \f$y = a/(a+b)\f$. The steps:
/// 1. \f$V(D^*, G)\f$ (the optimal discriminator, in log space);
/// 2–5. \f$V(D_\delta, G) \le V(D^*, G)\f$ for perturbations
///   \f$D_\delta = \sigma(\sigma^{-1}(D^*) + \delta h)\f$, \f$\delta \in \{\pm 0.5, \pm 0.01\}\f$,
///   \f$h = \tanh\f$ (densities) or \f$\pm 1\f$ alternating (pmfs);
/// 6. the pointwise argmax: \f$\max_x |\hat y(x) - D^*(x)|\f$ with \f$\hat y(x)\f$ found by Brent's
///   method on \f$a\log y + b\log(1-y)\f$, \f$a = p_{data}(x)\f$, \f$b = p_g(x)\f$, at the pair's check
///   points where both are positive; its error is Brent's guaranteed bracket, about
///   \f$\sqrt{\varepsilon}\f$ in \f$y\f$ (the maximum is flat to second order);
/// 7. the edge cases: the number of check points where one density vanishes and \f$D^*\f$ is not the
///   supremum's limit (1 where \f$p_g = 0 < p_{data}\f$, 0 where \f$p_{data} = 0 < p_g\f$): 0.
///
/// \throws as value_function().
template <class P, class Q>
proof discriminator_optimality(const P& p_data, const Q& p_g) {
  static_assert(minimax::detail::theory_pair<P, Q>,
                "minimax::proofs::discriminator_optimality: p_data and p_g must be two pmfs or two 1-D densities");
  minimax::detail::check_pair("minimax::proofs::discriminator_optimality", p_data, p_g);
  proof pr;
  pr.title = "Proposition 1 (Goodfellow et al. 2014): D* = p_data/(p_data+p_g) maximises V(D, G)";
  pr.statement = "D^*_G(x) = \\frac{p_{data}(x)}{p_{data}(x)+p_g(x)} = \\arg\\max_D V(D,G)";
  pr.pair = detail::describe_pair(p_data, p_g);

  const auto d = optimal_discriminator(p_data, p_g);
  const estimate v_star = value_function(d, p_data, p_g);
  const std::size_t top = pr.given(step_id{"value_at_d_star"}, "V(D*, G)", "V(D^*,G) = \\int p_{data}\\log D^* + p_g\\log(1-D^*)\\,dx",
                                   "D* in log space: log D* = log sigmoid(log p_data - log p_g)", v_star);
  for (double delta : {0.5, -0.5, 0.01, -0.01}) {
    const detail::perturbed_discriminator<P, Q> perturbed{&d, delta};
    const estimate v = value_function(perturbed, p_data, p_g);
    pr.against(top, relation::at_most, step_id{"perturbed_delta_" + detail::number(delta, "%g")}, "V(D* perturbed, delta = " + detail::number(delta, "%g") + ")",
               "V(\\sigma(\\sigma^{-1}(D^*) + \\delta h), G) \\le V(D^*, G),\\ \\delta = " + detail::number(delta, "%g"),
               "a log y + b log(1-y) is concave in y with its maximum at a/(a+b), for every x", v);
  }

  // Pointwise: Brent's method on t = logit(y) (so extreme y are reachable), maximising
  // a log sigma(t) + b log sigma(-t); compared in y.
  double worst = 0, bracket = 0;
  int edge_failures = 0;
  const int bits = std::numeric_limits<double>::digits / 2;
  for (const auto& x : detail::check_points(p_data, p_g)) {
    if constexpr (minimax::detail::theory_pmf<P>) {
      if (x >= p_data.size()) continue;
    }
    const double lp = minimax::detail::log_density(p_data, x), lq = minimax::detail::log_density(p_g, x);
    constexpr double ninf = -std::numeric_limits<double>::infinity();
    if (lp == ninf || lq == ninf) {
      if (lp != ninf && d(x) != 1.0) ++edge_failures;
      if (lq != ninf && lp == ninf && d(x) != 0.0) ++edge_failures;
      continue;
    }
    // Scale a and b by their maximum: the argmax depends on a/(a+b) only.
    const double m = std::max(lp, lq), a = std::exp(lp - m), b = std::exp(lq - m);
    auto negative = [a, b](double t) { return -(a * log_sigmoid(t) + b * log_sigmoid(-t)); };
    const double centre = lp - lq;
    std::uintmax_t iterations = 200;
    const auto found = boost::math::tools::brent_find_minima(negative, centre - 20, centre + 20, bits, iterations);
    const double y_hat = sigmoid(found.first);
    worst = std::max(worst, std::abs(y_hat - d(x)));
    // Brent stops with the minimiser bracketed to 2^(1-bits) relative in t; dy = sigma' dt <= dt/4.
    bracket = std::max(bracket, std::ldexp(std::max(1.0, std::abs(found.first)), 1 - bits) / 4);
  }
  pr.compare(relation::equals, step_id{"pointwise_argmax"}, "pointwise argmax vs D*",
             "\\max_x\\big|\\arg\\max_{y}\\,[p_{data}(x)\\log y + p_g(x)\\log(1-y)] - D^*(x)\\big| = 0",
             "d/dy [a log y + b log(1-y)] = a/y - b/(1-y) = 0 at y = a/(a+b)", worst, bracket, 0, 0, "0");
  pr.compare(relation::equals, step_id{"edge_cases"}, "edge cases: D* = 1 where p_g = 0, 0 where p_data = 0",
             "\\#\\{x : p_g(x) = 0 < p_{data}(x),\\ D^*(x) \\ne 1\\} + \\#\\{x : p_{data}(x) = 0 < p_g(x),\\ D^*(x) \\ne 0\\} = 0",
             "a log y increases to 0 as y -> 1 (b = 0); b log(1-y) as y -> 0 (a = 0)", edge_failures, 0, 0, 0, "0");
  return pr;
}

}  // namespace minimax::proofs
