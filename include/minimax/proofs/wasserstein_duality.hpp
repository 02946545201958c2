#pragma once
/// \file
/// \brief The WGAN critic in one dimension (Arjovsky et al. 2017), executable:
/// \f$W_1 = \int|F_P - F_Q| = \mathbb{E}_P[f^*] - \mathbb{E}_Q[f^*]\f$ for the critic with slope
/// \f$\operatorname{sign}(F_Q - F_P)\f$, and no 1-Lipschitz critic does better.

#include <cmath>

#include "minimax/divergence/wasserstein_1d.hpp"
#include "minimax/proofs/detail/describe.hpp"
#include "minimax/proofs/proof.hpp"
#include "minimax/theory/wasserstein.hpp"

namespace minimax::proofs {

/// \brief Kantorovich–Rubinstein duality in 1-D for two densities P, Q:
/// 1. \f$W_1 = \int_0^1 |F_P^{-1}(t) - F_Q^{-1}(t)|\,dt\f$ (the primal: the monotone coupling is
///    optimal), by minimax::wasserstein_1d, whose error is taken as \f$10^{-6} W_1\f$ (it reports none);
/// 2. \f$= \int |F_P - F_Q|\,dx\f$ (the same area, counted along x instead of t);
/// 3. \f$= \mathbb{E}_P[f^*] - \mathbb{E}_Q[f^*]\f$ for the piecewise-linear critic with
///    \f$f^{*\prime} = \operatorname{sign}(F_Q - F_P)\f$ (integration by parts:
///    \f$\mathbb{E}_P f - \mathbb{E}_Q f = \int f'(F_Q - F_P)\,dx\f$), integrated against \f$p - q\f$;
/// 4. \f$\ge |\mathbb{E}_P[x] - \mathbb{E}_Q[x]|\f$ (the critic \f$\pm x\f$; BEGAN's bound);
/// 5. \f$\ge \mathbb{E}_P[\tanh] - \mathbb{E}_Q[\tanh]\f$ and 6. \f$\ge \mathbb{E}_Q[\sin] - \mathbb{E}_P[\sin]\f$
///    (other 1-Lipschitz critics).
/// Both distributions need a finite mean. \throws minimax::domain_error when a quadrature fails.
template <class P, class Q>
proof wasserstein_duality(const P& p, const Q& q) {
  static_assert(minimax::detail::theory_density<P> && minimax::detail::theory_density<Q>,
                "minimax::proofs::wasserstein_duality: P and Q must be 1-D densities");
  using minimax::detail::pair_integral;
  using minimax::detail::weighted;
  proof pr;
  pr.title = "WGAN critic in 1-D (Arjovsky et al. 2017): W1 = int |F_P - F_Q| = E_P f* - E_Q f*";
  pr.statement = "W_1(P,Q) = \\sup_{\\|f\\|_L\\le 1}\\mathbb{E}_P f - \\mathbb{E}_Q f = \\int|F_P - F_Q|\\,dx";
  pr.pair = "P = " + detail::describe(p) + ", Q = " + detail::describe(q);
  // minimax::wasserstein_1d reports no error estimate; at its default tolerance it is accurate to
  // about 1e-7 relative on smooth pairs (8e-8 measured for N(0,1) against N(0,3)): 1e-6 is used.
  const estimate w_quantile{wasserstein_1d(p, q, 1.0), 1e-6 * wasserstein_1d(p, q, 1.0)};
  const std::size_t top = pr.given(step_id{"w1_quantiles"}, "W1 by quantiles", "W_1 = \\int_0^1 |F_P^{-1}(t) - F_Q^{-1}(t)|\\,dt",
                                   "the monotone coupling is optimal in 1-D", w_quantile);
  const estimate w_cdf = wasserstein_1_cdf(p, q);
  pr.then(relation::equals, step_id{"w1_cdfs"}, "W1 by cdfs", "\\int_{-\\infty}^{\\infty} |F_P(x) - F_Q(x)|\\,dx",
          "the area between the cdfs, by x instead of by t (Fubini)", w_cdf);
  const auto critic = wasserstein_critic(p, q);
  const minimax::estimate dual = pair_integral(p, q, [&critic](double lp, double lq, double x) {
    const double f = critic(x);
    return weighted(lp, f) - weighted(lq, f);
  });
  pr.then(relation::equals, step_id{"dual_at_f_star"}, "E_P f* - E_Q f*", "\\mathbb{E}_P[f^*] - \\mathbb{E}_Q[f^*],\\ f^{*\\prime} = \\operatorname{sign}(F_Q - F_P)",
          "integration by parts: E_P f - E_Q f = int f'(x) (F_Q - F_P) dx", dual);
  const minimax::estimate means = pair_integral(p, q, [](double lp, double lq, double x) { return weighted(lp, x) - weighted(lq, x); });
  pr.against(top, relation::at_most, step_id{"began_bound"}, "|E_P x - E_Q x| (BEGAN's bound)", "W_1 \\ge |\\mathbb{E}_P[x] - \\mathbb{E}_Q[x]|",
             "the critic f(x) = +-x is 1-Lipschitz", std::abs(means.value), means.error_estimate);
  const minimax::estimate by_tanh =
      pair_integral(p, q, [](double lp, double lq, double x) { return weighted(lp, std::tanh(x)) - weighted(lq, std::tanh(x)); });
  pr.against(top, relation::at_most, step_id{"dual_tanh"}, "E_P tanh - E_Q tanh", "W_1 \\ge \\mathbb{E}_P[\\tanh] - \\mathbb{E}_Q[\\tanh]",
             "tanh is 1-Lipschitz", by_tanh);
  const minimax::estimate by_sin =
      pair_integral(p, q, [](double lp, double lq, double x) { return weighted(lq, std::sin(x)) - weighted(lp, std::sin(x)); });
  pr.against(top, relation::at_most, step_id{"dual_sin"}, "E_Q sin - E_P sin", "W_1 \\ge \\mathbb{E}_Q[\\sin] - \\mathbb{E}_P[\\sin]",
             "sin is 1-Lipschitz", by_sin);
  return pr;
}

/// \brief BEGAN's lower bound (Berthelot et al. 2017): for the distributions \f$\mu_1, \mu_2\f$ of the
/// autoencoder losses of real and generated samples, with means \f$m_1, m_2\f$,
/// \f[ W_1(\mu_1, \mu_2) = \inf_\gamma \mathbb{E}_\gamma|x_1 - x_2| \ge \inf_\gamma|\mathbb{E}_\gamma[x_1 - x_2]| = |m_1 - m_2| \f]
/// (Jensen's inequality, the same for every coupling). Steps: 1. \f$W_1\f$ by quantiles; 2. \f$|m_1 - m_2| \le W_1\f$ with the means of the distributions
/// (minimax::mean, closed forms). Equality holds when one distribution is a shift of the other.
/// \throws minimax::domain_error when a quadrature fails.
template <class P, class Q>
proof began_bound(const P& mu_1, const Q& mu_2) {
  static_assert(minimax::detail::theory_density<P> && minimax::detail::theory_density<Q>,
                "minimax::proofs::began_bound: the loss distributions must be 1-D densities");
  proof pr;
  pr.title = "BEGAN (Berthelot et al. 2017): W1(mu_1, mu_2) >= |m_1 - m_2|";
  pr.statement = "W_1(\\mu_1,\\mu_2) \\ge |m_1 - m_2|";
  pr.pair = "mu_1 = " + detail::describe(mu_1) + ", mu_2 = " + detail::describe(mu_2);
  const double w1 = wasserstein_1d(mu_1, mu_2, 1.0);
  const estimate w{w1, 1e-6 * w1};  // as in wasserstein_duality()
  pr.given(step_id{"began_w1"}, "W1(mu_1, mu_2)", "W_1(\\mu_1,\\mu_2) = \\inf_{\\gamma}\\mathbb{E}_{\\gamma}|x_1 - x_2|",
           "quantile formula in 1-D", w);
  const double m1 = mean(mu_1), m2 = mean(mu_2);
  const double gap = std::abs(m1 - m2);
  pr.then(relation::at_most, step_id{"began_mean_gap"}, "|m_1 - m_2|", "|m_1 - m_2| = \\inf_\\gamma |\\mathbb{E}_\\gamma[x_1 - x_2]|",
          "Jensen: |E[X]| <= E|X| for every coupling", gap,
          4 * std::numeric_limits<double>::epsilon() * (std::abs(m1) + std::abs(m2)));
  return pr;
}

}  // namespace minimax::proofs
