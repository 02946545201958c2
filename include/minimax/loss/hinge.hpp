#pragma once
/// \file
/// \brief The hinge GAN loss (Lim & Ye 2017; Miyato et al. 2018).

#include "minimax/loss/adversarial.hpp"

namespace minimax::loss {

/// \brief Hinge loss:
/// \f[ \ell^D_r(v) = \max(0, 1 - v),\quad \ell^D_f(v) = \max(0, 1 + v),\quad \ell^G(v) = -v. \f]
/// For fixed \f$G\f$ the optimal output is \f$\operatorname{sign}(p_\text{data} - p_g)\f$ (in
/// \f$[-1, 1]\f$), and \f$\min L_D = 2 - 2\,\mathrm{TV}\f$ with \f$\mathrm{TV} = \frac12\int|p_\text{data} - p_g|\f$.
/// At the kinks the derivative of the flat side (0) is used.
struct hinge {
  /// \f$\max(0, 1 - v)\f$.
  template <class T>
  MINIMAX_HOST_DEVICE T discriminator_real(T v) const {
    return v < T(1) ? T(1) - v : T(0);
  }
  /// \f$\max(0, 1 + v)\f$.
  template <class T>
  MINIMAX_HOST_DEVICE T discriminator_fake(T v) const {
    return v > T(-1) ? T(1) + v : T(0);
  }
  /// \f$-v\f$.
  template <class T>
  MINIMAX_HOST_DEVICE T generator(T v) const {
    return -v;
  }
};

}  // namespace minimax::loss
