#pragma once
/// \file
/// \brief The f-GAN losses (Nowozin, Cseke, Tomioka 2016) for every generator in minimax::f.

#include "minimax/divergence/f_generators.hpp"
#include "minimax/loss/adversarial.hpp"

namespace minimax::loss {

/// \brief f-GAN for the generator `F` (f::kl, f::jensen_shannon, f::pearson, ...): the variational
/// divergence \f$\mathbb{E}_P[g_f(v)] - \mathbb{E}_Q[f^*(g_f(v))]\f$ is maximised by the critic, so
/// \f[ \ell^D_r(v) = -g_f(v),\quad \ell^D_f(v) = f^*(g_f(v)), \f]
/// with \f$g_f\f$ = `F::activation`, \f$f^*\f$ = `F::conjugate`. The generator's loss is, by default,
/// the paper's practical choice (section 3.2) \f$\ell^G(v) = -g_f(v)\f$; with `saturating = true` it is
/// the minimax one \f$\ell^G(v) = -f^*(g_f(v))\f$. For fixed \f$G\f$ the optimum is
/// \f$g_f(v^*) = f'(p/q)\f$ and \f$-\min L_D = D_f(P\|Q)\f$.
template <class F>
struct f_gan {
  static_assert(FGenerator<F>, "minimax::loss::f_gan<F>: F must be an f-divergence generator such as f::kl");
  bool saturating = false;  ///< Whether the generator minimises \f$-f^*(g_f(v))\f$ instead of \f$-g_f(v)\f$.
  /// \f$-g_f(v)\f$.
  template <class T>
  MINIMAX_HOST_DEVICE T discriminator_real(T v) const {
    return -F::activation(v);
  }
  /// \f$f^*(g_f(v))\f$.
  template <class T>
  MINIMAX_HOST_DEVICE T discriminator_fake(T v) const {
    return F::conjugate(F::activation(v));
  }
  /// \f$-g_f(v)\f$, or \f$-f^*(g_f(v))\f$ when saturating.
  template <class T>
  MINIMAX_HOST_DEVICE T generator(T v) const {
    return saturating ? -F::conjugate(F::activation(v)) : -F::activation(v);
  }
};

}  // namespace minimax::loss
