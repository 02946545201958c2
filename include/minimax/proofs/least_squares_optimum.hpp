#pragma once
/// \file
/// \brief The least-squares GAN's optimum (Mao et al. 2017), executable: \f$D^* = (b\,p_{data}+a\,p_g)/(p_{data}+p_g)\f$
/// and, with \f$b - c = 1\f$, \f$b - a = 2\f$, the generator minimises a Pearson \f$\chi^2\f$.

#include <cmath>

#include "minimax/divergence/f_generators.hpp"
#include "minimax/proofs/detail/describe.hpp"
#include "minimax/proofs/proof.hpp"
#include "minimax/theory/least_squares.hpp"

namespace minimax::proofs {

/// \brief The LSGAN result (Mao et al. 2017, Theorem 1) for concrete \f$p_{data}, p_g\f$ and
/// targets a, b, c with \f$b - c = 1\f$, \f$b - a = 2\f$ (defaults \f$a = -1, b = 1, c = 0\f$):
/// 1. \f$C_{LS} = \tfrac12\mathbb{E}_{p_{data}}[(D^*-c)^2] + \tfrac12\mathbb{E}_{p_g}[(D^*-c)^2]\f$ with
///    \f$D^*\f$ in log space;
/// 2. \f$= \tfrac12\int\frac{((b-c)(p_{data}+p_g) - (b-a)p_g)^2}{p_{data}+p_g}\,dx\f$ (substitute
///    \f$D^* - c = ((b-c)p_{data} + (a-c)p_g)/(p_{data}+p_g)\f$);
/// 3. \f$= \tfrac12\chi^2_{\mathrm{Pearson}}(p_{data}+p_g\,\|\,2p_g)\f$, computed with f::pearson's
///    perspective \f$(p_{data}+p_g)\,f\big(\tfrac{2p_g}{p_{data}+p_g}\big)\f$ (Mao et al.'s notation:
///    the measure in the denominator is \f$p_{data}+p_g\f$);
/// 4. \f$\ge 0\f$, with equality at \f$p_g = p_{data}\f$ (step 5: the criterion at \f$p_g = p_{data}\f$ is 0).
/// \throws minimax::invalid_argument when \f$b - c \ne 1\f$ or \f$b - a \ne 2\f$, or as least_squares_criterion().
template <class P, class Q>
proof least_squares_optimum(const P& p_data, const Q& p_g, double a = -1, double b = 1, double c = 0) {
  static_assert(minimax::detail::theory_pair<P, Q>,
                "minimax::proofs::least_squares_optimum: p_data and p_g must be two pmfs or two 1-D densities");
  constexpr const char* function = "minimax::proofs::least_squares_optimum";
  if (b - c != 1 || b - a != 2) {
    raise_invalid_argument(function, "the targets must satisfy b - c = 1 and b - a = 2",
                           "a = " + minimax::detail::to_text(a) + ", b = " + minimax::detail::to_text(b) +
                               ", c = " + minimax::detail::to_text(c));
  }
  minimax::detail::check_pair(function, p_data, p_g);
  using X = minimax::detail::point_t<P>;
  using minimax::detail::pair_integral;
  proof pr;
  pr.title = "LSGAN (Mao et al. 2017): at D*, the generator minimises (1/2) Pearson chi2(p_data + p_g || 2 p_g)";
  pr.statement = "C_{LS}(G) = \\tfrac12\\chi^2_{\\mathrm{Pearson}}(p_{data}+p_g\\|2p_g)";
  pr.pair = detail::describe_pair(p_data, p_g);
  const estimate v = least_squares_criterion(p_data, p_g, a, b, c);
  pr.given(step_id{"criterion_at_d_star"}, "C_LS(G) at D*", "\\tfrac12\\mathbb{E}_{p_{data}}[(D^*-c)^2] + \\tfrac12\\mathbb{E}_{p_g}[(D^*-c)^2]",
           "D* = (b p_data + a p_g)/(p_data + p_g) minimises the discriminator's loss pointwise", v);
  // ((b-c)(p+q) - (b-a)q)^2/(p+q), scaled by e^{-max} (homogeneous of degree 1).
  const minimax::estimate substituted = pair_integral(p_data, p_g, [&](double lp, double lq, X) {
    const double top = std::max(lp, lq);
    if (top == -std::numeric_limits<double>::infinity()) return 0.0;
    const double p = std::exp(lp - top), q = std::exp(lq - top), s = (b - c) * (p + q) - (b - a) * q;
    return 0.5 * std::exp(top) * s * s / (p + q);
  });
  pr.then(relation::equals, step_id{"substituted"}, "D* substituted",
          "\\tfrac12\\int\\frac{\\big((b-c)(p_{data}+p_g) - (b-a)p_g\\big)^2}{p_{data}+p_g}\\,dx",
          "D* - c = ((b-c) p_data + (a-c) p_g)/(p_data + p_g)", substituted);
  const minimax::estimate pearson = pair_integral(p_data, p_g, [](double lp, double lq, X) {
    const double top = std::max(lp, lq);
    if (top == -std::numeric_limits<double>::infinity()) return 0.0;
    const double p = std::exp(lp - top), q = std::exp(lq - top);
    return 0.5 * std::exp(top) * f::pearson::perspective(2 * q, p + q);
  });
  pr.then(relation::equals, step_id{"half_pearson_chi2"}, "(1/2) Pearson chi2(p_data + p_g || 2 p_g)",
          "\\tfrac12\\chi^2_{\\mathrm{Pearson}}(p_{data}+p_g\\|2p_g) = \\tfrac12\\int\\frac{(2p_g - (p_{data}+p_g))^2}{p_{data}+p_g}dx",
          "b - c = 1 and b - a = 2", pearson);
  pr.compare(relation::at_least, step_id{"non_negative"}, "non-negative", "C_{LS}(G) \\ge 0", "a chi2 divergence is >= 0", pearson, 0, 0, "0");
  const estimate at_equal = least_squares_criterion(p_data, p_data, a, b, c);
  pr.compare(relation::equals, step_id{"minimum_at_p_data"}, "minimum at p_g = p_data", "C_{LS}(G)\\big|_{p_g = p_{data}} = 0",
             "D* = (a+b)/2 = c: every term vanishes", at_equal, 0, 0, "0");
  return pr;
}

}  // namespace minimax::proofs
