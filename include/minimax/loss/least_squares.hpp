#pragma once
/// \file
/// \brief The least-squares GAN loss with targets (a, b, c) (Mao et al. 2017).

#include "minimax/core/error.hpp"
#include "minimax/loss/adversarial.hpp"

namespace minimax::loss {

/// \brief LSGAN: the discriminator regresses real outputs to \f$b\f$ and fake ones to \f$a\f$; the
/// generator pushes fake outputs to \f$c\f$:
/// \f[ \ell^D_r(v) = \tfrac12(v - b)^2,\quad \ell^D_f(v) = \tfrac12(v - a)^2,\quad \ell^G(v) = \tfrac12(v - c)^2. \f]
/// Optimal output for fixed \f$G\f$: \f$v^* = (b\,p_\text{data} + a\,p_g)/(p_\text{data} + p_g)\f$. With
/// \f$b - c = 1\f$ and \f$b - a = 2\f$ (e.g. \f$a = -1, b = 1, c = 0\f$) the generator minimises the
/// Pearson \f$\chi^2\f$ divergence between \f$p_\text{data} + p_g\f$ and \f$2p_g\f$. Defaults: \f$(0, 1, 1)\f$.
struct least_squares {
  double a = 0.0;  ///< Target for generated samples in the discriminator's loss.
  double b = 1.0;  ///< Target for real samples.
  double c = 1.0;  ///< The generator's target.
  /// \f$(a, b, c) = (0, 1, 1)\f$.
  least_squares() = default;
  /// Throws minimax::invalid_argument when a target is not finite or when \f$a = b\f$ (nothing to tell apart).
  least_squares(double a_, double b_, double c_) : a(a_), b(b_), c(c_) {
    constexpr const char* fn = "minimax::loss::least_squares";
    require_finite(fn, "a", a_);
    require_finite(fn, "b", b_);
    require_finite(fn, "c", c_);
    if (a_ == b_) raise_invalid_argument(fn, "a and b must differ", a_);
  }
  /// \f$\tfrac12(v-b)^2\f$.
  template <class T>
  MINIMAX_HOST_DEVICE T discriminator_real(T v) const {
    const T d = v - T(b);
    return T(0.5) * d * d;
  }
  /// \f$\tfrac12(v-a)^2\f$.
  template <class T>
  MINIMAX_HOST_DEVICE T discriminator_fake(T v) const {
    const T d = v - T(a);
    return T(0.5) * d * d;
  }
  /// \f$\tfrac12(v-c)^2\f$.
  template <class T>
  MINIMAX_HOST_DEVICE T generator(T v) const {
    const T d = v - T(c);
    return T(0.5) * d * d;
  }
};

}  // namespace minimax::loss
