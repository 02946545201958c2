#pragma once
/// \file
/// \brief Arjovsky & Bottou (2017), executable: Theorem 2.4 (the saturating generator loss's gradient
/// vanishes as the discriminator approaches the optimum on disjoint supports) and Theorem 2.5 (the
/// non-saturating gradient at \f$D^*\f$ is \f$\nabla_\theta[\mathrm{KL}(P_g\|P_r) - 2\,\mathrm{JSD}(P_g\|P_r)]\f$).

#include <Eigen/Core>
#include <cmath>
#include <limits>
#include <string>

#include "minimax/core/error.hpp"
#include "minimax/core/sigmoid.hpp"
#include "minimax/proofs/detail/calculus.hpp"
#include "minimax/proofs/detail/describe.hpp"
#include "minimax/proofs/maximum_likelihood_gradient.hpp"
#include "minimax/proofs/proof.hpp"
#include "minimax/quadrature/integrate.hpp"
#include "minimax/theory/optimal_discriminator.hpp"

namespace minimax::proofs {

/// \brief Theorem 2.4 of Arjovsky & Bottou (2017) on \f$P_r = \f$ `p_r` (a uniform) and the generator
/// \f$g_\theta(z) = a + b z\f$, \f$z \sim U[0, 1]\f$ (so \f$P_g = U[a, a+b]\f$), supports disjoint, so that
/// \f$D^* = 1\f$ on \f$\operatorname{supp}P_r\f$ and 0 on \f$\operatorname{supp}P_g\f$. With
/// \f$\|J_\theta g\|^2 = 1 + z^2\f$, \f$M^2 = \mathbb{E}\|J_\theta g\|^2 = 4/3\f$, the discriminators
/// \f$D_\varepsilon = D^* + \varepsilon u\f$ on \f$\operatorname{supp}P_g\f$, \f$u(x) = (1 + \sin x)/3\f$
/// (\f$\sup|u| + \sup|u'| \le 1\f$, so \f$\|D_\varepsilon - D^*\| \le \varepsilon\f$ in the theorem's norm
/// \f$\sup|D| + \sup|D'|\f$) give, for \f$\varepsilon = 10^{-1}, 10^{-2}, 10^{-4}, 10^{-8}\f$:
/// \f[ \big\|\nabla_\theta\,\mathbb{E}_z\log(1 - D_\varepsilon(g_\theta(z)))\big\|
///   = \Big\|\mathbb{E}_z\Big[\frac{-\varepsilon u'(x)}{1 - \varepsilon u(x)}(1, z)\Big]\Big\| < M\frac{\varepsilon}{1-\varepsilon}, \f]
/// one step each (at most the bound); then the rate: \f$\nabla/\varepsilon \to -\mathbb{E}[u'(x)(1, z)]\f$,
/// with the error bound \f$\varepsilon M \sup|u'|\sup|u|/(1-\varepsilon)\f$ at \f$\varepsilon = 10^{-8}\f$; and the contrast:
/// the non-saturating gradient \f$\|\nabla_\theta\mathbb{E}_z[-\log D_\varepsilon]\| = \|\mathbb{E}[u'/u\,(1,z)]\|\f$
/// is the same for every \f$\varepsilon\f$ (compared at \f$10^{-1}\f$ and \f$10^{-8}\f$): it does not vanish.
/// Integrals over z by adaptive Gauss–Kronrod with their error estimates.
/// \throws minimax::invalid_argument when b is not positive and finite, a not finite, or the supports
/// \f$[a, a+b]\f$ and supp \f$P_r\f$ overlap (more than in a point).
template <class = void>  // compiled only where called: see docs/building.md
proof vanishing_gradient(const uniform& p_r, double a, double b) {
  constexpr const char* function = "minimax::proofs::vanishing_gradient";
  require_finite(function, "a", a);
  require_positive(function, "b", b);
  if (a + b > p_r.lower() && a < p_r.upper()) {
    raise_invalid_argument(function, "the supports must be disjoint; [a, a+b] meets supp P_r at",
                           "[" + minimax::detail::to_text(a) + ", " + minimax::detail::to_text(a + b) + "]");
  }
  quadrature_options<double> options;
  options.relative_tolerance = 1e-13;
  // E_z[w(x) (1, z)] for x = a + b z: both components with their errors.
  auto expect = [&](auto&& w) {
    const auto r0 = integrate_gauss_kronrod<61>([&](double z) { return w(a + b * z); }, 0.0, 1.0, options);
    const auto r1 = integrate_gauss_kronrod<61>([&](double z) { return z * w(a + b * z); }, 0.0, 1.0, options);
    return std::pair<Eigen::Vector2d, double>{Eigen::Vector2d(r0.value, r1.value), r0.error_estimate + r1.error_estimate};
  };
  auto u = [](double x) { return (1 + std::sin(x)) / 3; };
  auto du = [](double x) { return std::cos(x) / 3; };
  const double M = std::sqrt(4.0 / 3);

  proof pr;
  pr.title = "Arjovsky & Bottou 2017, Theorem 2.4: the saturating loss's gradient vanishes as D -> D*";
  pr.statement = "\\|D - D^*\\| < \\varepsilon \\Rightarrow \\|\\nabla_\\theta\\mathbb{E}_z\\log(1 - D(g_\\theta(z)))\\| < M\\frac{\\varepsilon}{1-\\varepsilon}";
  pr.pair = "P_r = " + detail::describe(p_r) + ", g(z) = " + detail::number(a, "%g") + " + " + detail::number(b, "%g") +
            " z, z ~ U[0, 1]";
  Eigen::Vector2d at_smallest;
  double smallest_error = 0;
  for (double e : {1e-1, 1e-2, 1e-4, 1e-8}) {
    const auto [g, err] = expect([&](double x) { return -e * du(x) / (1 - e * u(x)); });
    pr.compare(relation::at_most, step_id{"gradient_at_eps_" + detail::number(e, "%g")}, "|grad| at eps = " + detail::number(e, "%g"),
               "\\big\\|\\mathbb{E}_z[-\\varepsilon u'/(1 - \\varepsilon u)\\,(1, z)]\\big\\| \\le M\\varepsilon/(1-\\varepsilon),\\ \\varepsilon = " +
                   detail::number(e, "%g"),
               "Cauchy-Schwarz: |E[w J]| <= (E w^2)^{1/2} M, |w| = |D'|/(1-D) <= eps/(1-eps)", g.norm(), err,
               M * e / (1 - e), 0, "M eps/(1-eps)");
    at_smallest = g / e;
    smallest_error = err / e;
  }
  const auto [limit, limit_error] = expect([&](double x) { return -du(x); });
  const double e = 1e-8;
  pr.compare(relation::equals, step_id{"vanishing_rate"}, "rate: grad/eps -> -E[u'(x)(1, z)]", "\\lim_{\\varepsilon\\to 0}\\nabla/\\varepsilon = -\\mathbb{E}_z[u'(g(z))\\,(1, z)]",
             "1/(1 - eps u) = 1 + O(eps): the gradient is linear in eps", (at_smallest - limit).norm(),
             smallest_error + limit_error + e * M * (1.0 / 3) * (2.0 / 3) / (1 - e), 0, 0, "0");
  const auto [ns_big, ns_big_error] = expect([&](double x) { return du(x) / u(x); });
  const auto [ns_small, ns_small_error] = expect([&](double x) { return e * du(x) / (e * u(x)); });
  pr.compare(relation::equals, step_id{"non_saturating_gradient"}, "the -log D gradient does not vanish",
             "\\|\\nabla_\\theta\\mathbb{E}_z[-\\log D_\\varepsilon]\\|_{\\varepsilon=10^{-8}} = \\|\\mathbb{E}_z[u'/u\\,(1,z)]\\|",
             "-log(eps u) = -log eps - log u: eps drops out of the gradient", ns_small.norm(), ns_small_error,
             ns_big.norm(), ns_big_error, "the same at eps = 0.1");
  return pr;
}

/// \brief Theorem 2.5 of Arjovsky & Bottou (2017) for a density \f$P_r\f$ positive wherever the normal
/// generator \f$P_g = \mathcal N(\mu, \sigma^2)\f$ (\f$g_\theta(z) = \mu + \sigma z\f$) has mass: with
/// \f$D^*\f$ fixed at \f$\theta_0\f$,
/// \f[ \mathbb{E}_z[-\nabla_\theta\log D^*(g_\theta(z))]\big|_{\theta_0}
///   = \nabla_\theta\big[\mathrm{KL}(P_{g_\theta}\|P_r) - 2\,\mathrm{JSD}(P_{g_\theta}\|P_r)\big]\big|_{\theta_0}. \f]
/// For each of \f$\mu, \sigma\f$: 1. the left side as \f$\mathbb{E}_{p_g}[-\log D^*\,\partial_\theta\log p_g]\f$
/// (the gradient of an expectation of a fixed function); 2. split as
/// \f$\mathbb{E}_{p_g}[\log\frac{1-D^*}{D^*}\partial\log p_g] - \mathbb{E}_{p_g}[\log(1-D^*)\partial\log p_g]\f$;
/// 3. the first term \f$= \partial_\theta\mathrm{KL}(P_g\|P_r)\f$ by differences (\f$\log\frac{1-D^*}{D^*} = \log\frac{p_g}{p_r}\f$,
/// and \f$\mathbb{E}_{p_g}[\partial\log p_g] = 0\f$); 4. the second \f$= \partial_\theta 2\,\mathrm{JSD}(P_g\|P_r)\f$ by
/// differences (\f$2\mathrm{JSD} = \log 4 + \mathbb{E}_{p_r}\log D^* + \mathbb{E}_{p_g}\log(1 - D^*)\f$ and \f$D^*\f$ is
/// optimal: its own variation does not count); 5. line 1 against the differences of
/// \f$\mathrm{KL} - 2\,\mathrm{JSD}\f$. Differences: extrapolated central, step \f$0.05\sigma\f$.
/// \throws minimax::domain_error when KL(P_g||P_r) is infinite (P_r vanishes where P_g has mass) or a
/// quadrature fails.
template <class P>
proof non_saturating_gradient(const P& p_r, const normal& p_g) {
  static_assert(minimax::detail::theory_density<P>,
                "minimax::proofs::non_saturating_gradient: P_r must be a 1-D density");
  constexpr const char* function = "minimax::proofs::non_saturating_gradient";
  if (!std::isfinite(detail::kl_by_quadrature(p_g, p_r).value)) {
    raise_domain_error(function, "KL(P_g||P_r) must be finite (P_r > 0 wherever P_g > 0); P_g is",
                       detail::describe(p_g));
  }
  const auto d = optimal_discriminator(p_r, p_g);
  proof pr;
  pr.title = "Arjovsky & Bottou 2017, Theorem 2.5: the -log D gradient is grad [KL(P_g||P_r) - 2 JSD]";
  pr.statement = "\\mathbb{E}_z[-\\nabla_\\theta\\log D^*(g_\\theta(z))] = \\nabla_\\theta[\\mathrm{KL}(P_g\\|P_r) - 2\\,\\mathrm{JSD}(P_g\\|P_r)]";
  pr.pair = "P_r = " + detail::describe(p_r) + ", P_g = " + detail::describe(p_g);
  for (int c = 0; c < 2; ++c) {
    const std::string name = detail::parameter_name(c);
    auto expect = [&](auto&& h) {
      return minimax::detail::pair_integral(p_r, p_g, [&](double, double lq, double x) {
        return minimax::detail::weighted(lq, h(x) * detail::normal_score(p_g, c, x));
      });
    };
    const minimax::estimate left = expect([&](double x) { return -d.log_value(x); });
    const std::size_t top = pr.given(step_id{"gradient_" + name}, "E[-d/d" + name + " log D*(g(z))]",
                                     "\\mathbb{E}_{p_g}[-\\log D^*(x)\\,\\partial_{" + name + "}\\log p_g(x)]",
                                     "the gradient of E_{p_g}[h] for a fixed h is E_{p_g}[h d log p_g]", left);
    const minimax::estimate kl_part = expect([&](double x) { return -d.logit(x); });  // log((1-D)/D) = -logit
    const minimax::estimate jsd_part = expect([&](double x) { return d.log_complement(x); });
    pr.then(relation::equals, step_id{"split_" + name}, "split: E[log((1-D*)/D*) s] - E[log(1-D*) s]",
            "\\mathbb{E}_{p_g}\\big[\\log\\tfrac{1-D^*}{D^*}\\,\\partial\\log p_g\\big] - \\mathbb{E}_{p_g}[\\log(1-D^*)\\,\\partial\\log p_g]",
            "-log D = log((1-D)/D) - log(1-D)", kl_part.value - jsd_part.value, kl_part.error_estimate + jsd_part.error_estimate);
    const double h = 0.05 * p_g.sigma(), at = c == 0 ? p_g.mean() : p_g.sigma();
    const minimax::estimate dkl = detail::derivative(
        [&](double v) { return detail::kl_by_quadrature(detail::with_parameter(p_g, c, v), p_r); }, at, h);
    pr.compare(relation::equals, step_id{"kl_derivative_" + name}, "d/d" + name + " KL(P_g||P_r) by differences",
               "\\partial_{" + name + "}\\mathrm{KL}(P_g\\|P_r) = \\mathbb{E}_{p_g}\\big[\\log\\tfrac{1-D^*}{D^*}\\,\\partial\\log p_g\\big]",
               "log((1-D*)/D*) = log(p_g/p_r); E_{p_g}[d log p_g] = 0", dkl, kl_part, "first term");
    const minimax::estimate djsd = detail::derivative(
        [&](double v) {
          const minimax::estimate j = detail::jsd_by_quadrature(detail::with_parameter(p_g, c, v), p_r);
          return minimax::estimate{2 * j.value, 2 * j.error_estimate};
        },
        at, h);
    pr.compare(relation::equals, step_id{"two_jsd_derivative_" + name}, "d/d" + name + " 2 JSD(P_g||P_r) by differences",
               "\\partial_{" + name + "}\\,2\\,\\mathrm{JSD}(P_g\\|P_r) = \\mathbb{E}_{p_g}[\\log(1-D^*)\\,\\partial\\log p_g]",
               "2 JSD = log 4 + E_{p_r} log D* + E_{p_g} log(1-D*), D* optimal (Danskin)", djsd,
               jsd_part, "second term");
    pr.against(top, relation::equals, step_id{"kl_minus_two_jsd_derivative_" + name}, "d/d" + name + " [KL - 2 JSD] by differences",
               "\\partial_{" + name + "}\\big[\\mathrm{KL}(P_g\\|P_r) - 2\\,\\mathrm{JSD}(P_g\\|P_r)\\big]",
               "Theorem 2.5", dkl.value - djsd.value, dkl.error_estimate + djsd.error_estimate);
  }
  return pr;
}

}  // namespace minimax::proofs
