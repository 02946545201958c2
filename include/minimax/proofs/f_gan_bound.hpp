#pragma once
/// \file
/// \brief The f-GAN variational bound (Nowozin et al. 2016), executable:
/// \f$D_f(P\|Q) = \sup_T \mathbb{E}_P[T] - \mathbb{E}_Q[f^*(T)]\f$, attained at \f$T^* = f'(p/q)\f$.

#include <cmath>
#include <limits>
#include <string>

#include "minimax/divergence/f_generators.hpp"
#include "minimax/proofs/detail/describe.hpp"
#include "minimax/proofs/proof.hpp"
#include "minimax/theory/f_gan.hpp"
#include "minimax/theory/optimal_discriminator.hpp"
#include "minimax/theory/value_function.hpp"

namespace minimax::proofs {

namespace detail {
/// The generator's optional `name`, or "f" (see "Optional members" in \ref f_generators.hpp).
template <class F>
std::string generator_name() {
  return minimax::detail::generator_name<F>();
}
}  // namespace detail

/// \brief The f-GAN bound for the generator F and concrete P, Q:
/// 1. \f$D_f(P\|Q) = \int q\,f(p/q)\,dx\f$ (the generator's perspective; minimax::f_divergence for pmfs);
/// 2. \f$= \mathbb{E}_P[T^*] - \mathbb{E}_Q[f^*(T^*)]\f$ at \f$T^* = f'(p/q)\f$ (Fenchel–Young
///    equality \f$f(u) + f^*(f'(u)) = u f'(u)\f$, multiplied by q and integrated);
/// 3. \f$\ge \mathbb{E}_P[T] - \mathbb{E}_Q[f^*(T)]\f$ for \f$T = 0.9\,T^*\f$ and
/// 4. for \f$T = T^* - 0.1\f$ (Fenchel's inequality \f$f(u) \ge uT - f^*(T)\f$ for every T);
/// 5. for a generator that declares `equals_virtual_training_criterion` (f::gan):
///    \f$D_f = 2\,\mathrm{JSD} - \log 4 = C(G)\f$, the virtual training criterion;
/// 6. for the same: \f$\max_x |T^*(x) - \log D^*(x)| = 0\f$.
///
/// The title names the generator by its optional `name` ("f" without one).
///
/// Pairs with \f$D_f = +\infty\f$ (KL when \f$q = 0 < p\f$ somewhere; Pearson between normals whose
/// ratio \f$p/q\f$ grows like \f$e^{cx^2}\f$) check step 2 as \f$\le\f$ only: no single critic attains
/// an infinite supremum. Limits of double precision: the terms \f$q f^*(T^*)\f$ overflow when
/// \f$p/q\f$ exceeds about \f$10^{154}\f$ (Pearson, Neyman) on a point of positive mass.
/// \throws as variational_bound().
template <class F, class P, class Q>
proof f_gan_bound(const P& p, const Q& q) {
  static_assert(FGenerator<F>, "minimax::proofs::f_gan_bound<F>: F must be a generator type such as minimax::f::kl");
  static_assert(minimax::detail::theory_pair<P, Q>,
                "minimax::proofs::f_gan_bound: P and Q must be two pmfs or two 1-D densities");
  minimax::detail::check_pair("minimax::proofs::f_gan_bound", p, q);
  using X = minimax::detail::point_t<P>;
  proof pr;
  pr.title = "f-GAN bound (Nowozin et al. 2016), " + detail::generator_name<F>() +
             " generator: tight at T* = f'(p/q)";
  pr.statement = "D_f(P\\|Q) = \\sup_T \\mathbb{E}_P[T] - \\mathbb{E}_Q[f^*(T)],\\ T^* = f'(p/q)";
  pr.pair = "P = " + detail::describe(p) + ", Q = " + detail::describe(q);

  const estimate df = minimax::detail::f_divergence_integral<F>(p, q);
  const step_id divergence{"divergence"};
  pr.given(divergence, "D_f(P||Q)", "D_f(P\\|Q) = \\int q\\,f\\big(\\tfrac{p}{q}\\big)\\,dx",
           "definition (perspective q f(p/q), with its limits where p or q is 0)", df);
  const auto t_star = optimal_critic<F>(p, q);
  const estimate tight = variational_bound<F>(t_star, p, q);
  if (df.value == std::numeric_limits<double>::infinity()) {
    // An infinite divergence: E_P[T*] and E_Q[f*(T*)] are not both finite, and no single critic
    // attains the supremum; only the bound itself can be checked.
    pr.then(relation::at_most, step_id{"bound_at_optimal_critic"}, "bound at T* = f'(p/q)", "\\mathbb{E}_P[T^*] - \\mathbb{E}_Q[f^*(T^*)] \\le D_f = +\\infty",
            "D_f = +inf: T* is not integrable, only the bound is checked", tight);
  } else {
    pr.then(relation::equals, step_id{"bound_at_optimal_critic"}, "bound at T* = f'(p/q)", "\\mathbb{E}_P[T^*] - \\mathbb{E}_Q[f^*(T^*)],\\ T^* = f'(p/q)",
            "Fenchel-Young equality f(u) + f*(f'(u)) = u f'(u)", tight);
  }
  const auto scaled = [&t_star](const X& x) { return 0.9 * t_star(x); };
  const estimate b1 = variational_bound<F>(scaled, p, q);
  pr.against(divergence, relation::at_most, step_id{"bound_at_scaled_critic"}, "bound at T = 0.9 T*", "\\mathbb{E}_P[0.9T^*] - \\mathbb{E}_Q[f^*(0.9T^*)] \\le D_f",
             "Fenchel's inequality f(u) >= u t - f*(t)", b1);
  const auto shifted = [&t_star](const X& x) { return t_star(x) - 0.1; };
  const estimate b2 = variational_bound<F>(shifted, p, q);
  pr.against(divergence, relation::at_most, step_id{"bound_at_shifted_critic"}, "bound at T = T* - 0.1",
             "\\mathbb{E}_P[T^*-0.1] - \\mathbb{E}_Q[f^*(T^*-0.1)] \\le D_f", "Fenchel's inequality f(u) >= u t - f*(t)",
             b2);
  if constexpr (minimax::detail::equals_virtual_training_criterion<F>()) {
    const estimate c = virtual_training_criterion(p, q);
    pr.against(divergence, relation::equals, step_id{"virtual_training_criterion"}, "C(G) = D_f for the GAN generator",
               "C(G) = -\\log 4 + 2\\,\\mathrm{JSD}(P\\|Q) = D_{f_{GAN}}(P\\|Q)",
               "f_GAN(u) = u log u - (u+1) log(u+1): D_f = 2 JSD - log 4 (Theorem 1)", c);
    const auto d = optimal_discriminator(p, q);
    double worst = 0;
    for (const auto& x : detail::check_points(p, q)) {
      if constexpr (minimax::detail::theory_pmf<P>) {
        if (x >= p.size()) continue;
      }
      const double a = t_star(x), b = d.log_value(x);
      if (a == b) continue;
      worst = std::max(worst, std::abs(a - b) / std::max(1.0, std::abs(b)));
    }
    pr.compare(relation::equals, step_id{"critic_is_log_discriminator"}, "T* = log D* (relative)", "\\max_x |T^*(x) - \\log D^*(x)| / \\max(1, |\\log D^*|) = 0",
               "f_GAN'(u) = log(u/(u+1)) = log(p/(p+q))", worst, 8 * std::numeric_limits<double>::epsilon(), 0, 0,
               "0");
  }
  return pr;
}

}  // namespace minimax::proofs
