#pragma once
/// \file
/// \brief Theorem 1 of Goodfellow et al. (2014), executable: \f$C(G) = -\log 4 + 2\,\mathrm{JSD}(p_{data}\|p_g)\f$,
/// minimal exactly when \f$p_g = p_{data}\f$.

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <limits>

#include "minimax/divergence/f_generators.hpp"
#include "minimax/divergence/jsd.hpp"
#include "minimax/divergence/kl.hpp"
#include "minimax/proofs/detail/describe.hpp"
#include "minimax/proofs/proof.hpp"
#include "minimax/theory/optimal_discriminator.hpp"
#include "minimax/theory/value_function.hpp"

namespace minimax::proofs {

/// \brief Theorem 1 (Goodfellow et al. 2014) for concrete \f$p_{data}, p_g\f$, line by line as in
/// the derivation of \ref proof_global_optimum "its page":
/// \f[ \begin{aligned} C(G) &= \mathbb{E}_{p_{data}}[\log D^*] + \mathbb{E}_{p_g}[\log(1-D^*)]
///   \\ &= \int p_{data}\log\tfrac{p_{data}}{p_{data}+p_g} + p_g\log\tfrac{p_g}{p_{data}+p_g}\,dx
///   \\ &= -\log 4 + \mathbb{E}_{p_{data}}\big[\log\tfrac{p_{data}}{m}\big] + \mathbb{E}_{p_g}\big[\log\tfrac{p_g}{m}\big]
///   \\ &= -\log 4 + \mathrm{KL}(p_{data}\|m) + \mathrm{KL}(p_g\|m)
///   \\ &= -\log 4 + 2\,\mathrm{JSD}(p_{data}\|p_g) \;\ge\; -\log 4, \end{aligned} \f]
/// \f$m = (p_{data}+p_g)/2\f$, then the equality case: \f$C = -\log 4\f$ and \f$D^* \equiv 1/2\f$ at
/// \f$p_g = p_{data}\f$.
///
/// Each line is computed by a different route: (1) with the optimal discriminator in log space
/// (\f$\log\sigma\f$ of the logit), (2) with \f$\log p - \log(p+q)\f$ by log-sum-exp, (3) with the two
/// expectations integrated separately, (4) with the KL generator's perspective \f$m f(p/m)\f$
/// (minimax::kl for pmfs), (5) with the Jensen–Shannon generator's perspective (minimax::jsd for
/// pmfs). Accepts two pmfs or two 1-D densities. \throws as virtual_training_criterion().
template <class P, class Q>
proof global_optimum(const P& p_data, const Q& p_g) {
  static_assert(minimax::detail::theory_pair<P, Q>,
                "minimax::proofs::global_optimum: p_data and p_g must be two pmfs or two 1-D densities");
  using minimax::detail::pair_integral;
  using minimax::detail::weighted;
  using X = minimax::detail::point_t<P>;
  constexpr const char* function = "minimax::proofs::global_optimum";
  minimax::detail::check_pair(function, p_data, p_g);
  const double log4 = std::log(4.0), log2 = std::log(2.0);

  proof pr;
  pr.title = "Theorem 1 (Goodfellow et al. 2014): C(G) = -log 4 + 2 JSD(p_data || p_g)";
  pr.statement = "C(G) = \\max_D V(D,G) = -\\log 4 + 2\\,\\mathrm{JSD}(p_{data}\\|p_g) \\ge -\\log 4, "
                 "with equality iff p_g = p_{data}";
  pr.pair = detail::describe_pair(p_data, p_g);

  const estimate c = virtual_training_criterion(p_data, p_g);
  pr.given(step_id{"value_at_d_star"}, "V(G, D*) with D* optimal",
           "V(G,D^*) = \\mathbb{E}_{x\\sim p_{data}}[\\log D^*(x)] + \\mathbb{E}_{x\\sim p_g}[\\log(1-D^*(x))]",
           "Proposition 1: max_D V is attained at D* = p_data/(p_data+p_g)", c);

  const minimax::estimate ratio = pair_integral(p_data, p_g, [](double lp, double lq, X) {
    const double lm = logsumexp(lp, lq);
    return weighted(lp, lp - lm) + weighted(lq, lq - lm);
  });
  pr.then(relation::equals, step_id{"substituted_integral"}, "integral with D* substituted",
          "\\int p_{data}\\log\\frac{p_{data}}{p_{data}+p_g} + p_g\\log\\frac{p_g}{p_{data}+p_g}\\,dx",
          "expectations as integrals; D* = p_data/(p_data+p_g)", ratio);

  const minimax::estimate first = pair_integral(p_data, p_g, [log2](double lp, double lq, X) {
    return weighted(lp, lp - (logsumexp(lp, lq) - log2));
  });
  const minimax::estimate second = pair_integral(p_data, p_g, [log2](double lp, double lq, X) {
    return weighted(lq, lq - (logsumexp(lp, lq) - log2));
  });
  pr.then(relation::equals, step_id{"expectations_against_midpoint"}, "-log 4 + two expectations against m",
          "-\\log 4 + \\mathbb{E}_{p_{data}}\\big[\\log p_{data} - \\log\\tfrac{p_{data}+p_g}{2}\\big] + "
          "\\mathbb{E}_{p_g}\\big[\\log p_g - \\log\\tfrac{p_{data}+p_g}{2}\\big]",
          "log(p/(p+q)) = log(p/m) - log 2, and each density integrates to 1", -log4 + first.value + second.value,
          first.error_estimate + second.error_estimate);

  // KL(p || m) as the KL generator's perspective m f(p/m) = p log(p/m).
  double kl_sum = 0, kl_error = 0;
  {
    // The perspective is positively homogeneous, c q f(p/q) = (cq) f(cp/(cq)): scaling both by
    // e^{-max(log p, log q)} keeps subnormal densities from rounding m = (p+q)/2 to 0.
    const minimax::estimate by_perspective = pair_integral(p_data, p_g, [](double lp, double lq, X) {
      const double top = std::max(lp, lq);
      if (top == -std::numeric_limits<double>::infinity()) return 0.0;
      const double p = std::exp(lp - top), q = std::exp(lq - top), m = (p + q) / 2;
      return std::exp(top) * (f::kl::perspective(p, m) + f::kl::perspective(q, m));
    });
    kl_sum = by_perspective.value;
    kl_error = by_perspective.error_estimate;
    if constexpr (minimax::detail::theory_pmf<P>) {
      const Eigen::VectorXd m = (p_data.probabilities() + p_g.probabilities()) / 2;
      kl_sum = kl(p_data.probabilities(), m) + kl(p_g.probabilities(), m);
    }
  }
  pr.then(relation::equals, step_id{"kl_to_midpoint"}, "-log 4 + KL(p_data||m) + KL(p_g||m)",
          "-\\log 4 + \\mathrm{KL}(p_{data}\\|m) + \\mathrm{KL}(p_g\\|m),\\quad m = \\tfrac{p_{data}+p_g}{2}",
          "definition of KL(P||M) = E_P[log(p/m)]", -log4 + kl_sum, kl_error);

  double two_jsd = 0, jsd_error = 0;
  {
    const minimax::estimate by_perspective = pair_integral(p_data, p_g, [](double lp, double lq, X) {
      const double top = std::max(lp, lq);
      if (top == -std::numeric_limits<double>::infinity()) return 0.0;
      return std::exp(top) * f::jensen_shannon::perspective(std::exp(lp - top), std::exp(lq - top));
    });
    two_jsd = by_perspective.value;
    jsd_error = by_perspective.error_estimate;
    if constexpr (minimax::detail::theory_pmf<P>) two_jsd = 2 * jsd(p_data.probabilities(), p_g.probabilities());
  }
  pr.then(relation::equals, step_id{"two_jsd"}, "-log 4 + 2 JSD(p_data||p_g)", "-\\log 4 + 2\\,\\mathrm{JSD}(p_{data}\\|p_g)",
          "definition of JSD = (KL(P||M) + KL(Q||M))/2", -log4 + two_jsd, jsd_error);

  pr.compare(relation::at_least, step_id{"lower_bound"}, "lower bound -log 4", "C(G) \\ge -\\log 4",
             "JSD >= 0 (Gibbs' inequality for each KL)", -log4 + two_jsd, jsd_error, -log4, 0, "-log 4");

  const estimate at_equal = virtual_training_criterion(p_data, p_data);
  pr.compare(relation::equals, step_id{"minimum_at_p_data"}, "C at p_g = p_data", "C(G)\\big|_{p_g = p_{data}} = -\\log 4",
             "JSD(P||P) = 0: the minimum is attained", at_equal, estimate{-log4, 0}, "-log 4");

  const auto d_equal = optimal_discriminator(p_data, p_data);
  double worst = 0;
  for (const auto& x : detail::check_points(p_data, p_g)) {
    if constexpr (minimax::detail::theory_pmf<P>) {
      if (x >= p_data.size()) continue;
    }
    worst = std::max(worst, std::abs(d_equal(x) - 0.5));
  }
  pr.compare(relation::equals, step_id{"d_star_half_at_p_data"}, "D* = 1/2 at p_g = p_data", "\\max_x |D^*(x) - \\tfrac12|\\,\\big|_{p_g = p_{data}} = 0",
             "p/(p+p) = 1/2 (and 1/2 where both vanish, by convention)", worst, 0, 0, 0, "0");
  return pr;
}

}  // namespace minimax::proofs
