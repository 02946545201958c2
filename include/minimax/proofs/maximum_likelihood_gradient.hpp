#pragma once
/// \file
/// \brief NIPS 2016 tutorial, exercise 7.3, executable: the generator cost
/// \f$f(x) = -\exp(\sigma^{-1}(D^*(x)))\f$ gives the maximum-likelihood gradient.

#include <cmath>
#include <limits>
#include <string>

#include "minimax/core/error.hpp"
#include "minimax/proofs/detail/calculus.hpp"
#include "minimax/proofs/detail/describe.hpp"
#include "minimax/proofs/proof.hpp"
#include "minimax/theory/optimal_discriminator.hpp"

namespace minimax::proofs {

namespace detail {

/// \f$\mathrm{KL}(P\|Q) = \int p(\log p - \log q)\f$ by quadrature; \f$+\infty\f$ (error 0) when Q
/// vanishes where P has mass.
template <class P, class Q>
minimax::estimate kl_by_quadrature(const P& p, const Q& q) {
  bool infinite = false;
  const minimax::estimate r = minimax::detail::pair_integral(p, q, [&](double lp, double lq, double) {
    if (lp == -std::numeric_limits<double>::infinity()) return 0.0;
    if (lq == -std::numeric_limits<double>::infinity()) {
      infinite = true;
      return 0.0;
    }
    return std::exp(lp) * (lp - lq);
  });
  if (infinite) return {std::numeric_limits<double>::infinity(), 0.0};
  return r;
}

/// \f$\mathrm{JSD}(P\|Q)\f$ by quadrature, in log space.
template <class P, class Q>
minimax::estimate jsd_by_quadrature(const P& p, const Q& q) {
  const double log2 = std::log(2.0);
  return minimax::detail::pair_integral(p, q, [log2](double lp, double lq, double) {
    const double lm = logsumexp(lp, lq) - log2;
    return (minimax::detail::weighted(lp, lp - lm) + minimax::detail::weighted(lq, lq - lm)) / 2;
  });
}

inline const char* parameter_name(int c) { return c == 0 ? "mu" : "sigma"; }

}  // namespace detail

/// \brief Exercise 7.3 of Goodfellow's NIPS 2016 tutorial for a density \f$p_{data}\f$ and a normal
/// generator \f$p_g = \mathcal N(\mu, \sigma^2)\f$, \f$\theta = (\mu, \sigma)\f$. With the discriminator held
/// at \f$D^*\f$ and the cost \f$J(G) = \mathbb{E}_{x\sim p_g}[f(x)]\f$, \f$f = -\exp(\sigma^{-1}(D^*)) = -p_{data}/p_g\f$:
/// \f[ \nabla_\theta J = \int f\,\nabla_\theta p_g\,dx = -\int \frac{p_{data}}{p_g}\,p_g\nabla_\theta\log p_g\,dx
///   = -\mathbb{E}_{p_{data}}[\nabla_\theta\log p_g] = \nabla_\theta\,\mathrm{KL}(p_{data}\|p_g). \f]
/// For each of \f$\mu, \sigma\f$: 1. \f$\int f\,p_g\,\partial_\theta\log p_g\f$ with \f$f\f$ from the logit of
/// minimax::optimal_discriminator; 2. \f$-\mathbb{E}_{p_{data}}[\partial_\theta\log p_g]\f$ (the ratio
/// cancelled); 3. \f$\partial_\theta\mathrm{KL}(p_{data}\|p_g)\f$ by extrapolated central differences of a
/// quadrature, step \f$0.05\sigma\f$ halved three times (the error estimate is the last change in Richardson's
/// tableau plus the propagated quadrature error).
/// \f$p_{data}\f$ needs a finite second moment.
/// \throws minimax::domain_error when a quadrature fails.
template <class P>
proof maximum_likelihood_gradient(const P& p_data, const normal& p_g) {
  static_assert(minimax::detail::theory_density<P>,
                "minimax::proofs::maximum_likelihood_gradient: p_data must be a 1-D density");
  proof pr;
  pr.title = "NIPS 2016 exercise 7.3: f = -exp(logit D*) gives the maximum-likelihood gradient";
  pr.statement = "\\nabla_\\theta\\,\\mathbb{E}_{p_g}\\big[-e^{\\sigma^{-1}(D^*)}\\big] = \\nabla_\\theta\\,\\mathrm{KL}(p_{data}\\|p_g)";
  pr.pair = detail::describe_pair(p_data, p_g);
  const auto d = optimal_discriminator(p_data, p_g);
  for (int c = 0; c < 2; ++c) {
    const std::string name = detail::parameter_name(c);
    const minimax::estimate by_cost = minimax::detail::pair_integral(p_data, p_g, [&](double, double lq, double x) {
      if (lq == -std::numeric_limits<double>::infinity()) return 0.0;
      // f p_g = -exp(logit D*) p_g, formed as -exp(logit + log p_g): no ratio overflows.
      return -std::exp(d.logit(x) + lq) * detail::normal_score(p_g, c, x);
    });
    pr.given(step_id{"expectation_derivative_" + name}, "d/d" + name + " E_{p_g}[f], f = -exp(logit D*)",
                                     "\\int -e^{\\sigma^{-1}(D^*(x))}\\,p_g(x)\\,\\partial_{" + name + "}\\log p_g(x)\\,dx",
                                     "the score-function gradient of E_{p_g}[f] with f (and D*) held fixed",
                                     by_cost);
    const minimax::estimate cancelled = minimax::detail::pair_integral(p_data, p_g, [&](double lp, double, double x) {
      return -minimax::detail::weighted(lp, detail::normal_score(p_g, c, x));
    });
    pr.then(relation::equals, step_id{"score_" + name}, "-E_{p_data}[d/d" + name + " log p_g]",
            "-\\mathbb{E}_{p_{data}}[\\partial_{" + name + "}\\log p_g]",
            "sigma^{-1}(D*) = log(p_data/p_g), so f p_g = -p_data", cancelled);
    const double h = 0.05 * p_g.sigma();
    const minimax::estimate fd = detail::derivative(
        [&](double v) { return detail::kl_by_quadrature(p_data, detail::with_parameter(p_g, c, v)); },
        c == 0 ? p_g.mean() : p_g.sigma(), h);
    pr.then(relation::equals, step_id{"kl_derivative_" + name}, "d/d" + name + " KL(p_data||p_g) by differences",
            "\\partial_{" + name + "}\\,\\mathrm{KL}(p_{data}\\|p_g)",
            "KL = E_{p_data}[log p_data] - E_{p_data}[log p_g]; only the second term depends on theta", fd);
  }
  return pr;
}

}  // namespace minimax::proofs
