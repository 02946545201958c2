#pragma once
/// \file
/// \brief The adversarial losses as per-sample functions of the discriminator's raw output, and their
/// batch means with gradients.
///
/// Every loss here is a type with three per-sample functions of the discriminator's raw output
/// \f$v\f$ (a logit for the cross-entropy losses, a critic value for Wasserstein and hinge):
/// \f$\ell^D_r(v)\f$ on a real sample, \f$\ell^D_f(v)\f$ on a generated one, and \f$\ell^G(v)\f$ for the
/// generator. Both players *minimise*:
/// \f[ L_D = \frac{1}{n_r}\sum_i \ell^D_r(v^r_i) + \frac{1}{n_f}\sum_j \ell^D_f(v^f_j), \qquad
///     L_G = \frac{1}{n_f}\sum_j \ell^G(v^f_j). \f]
/// The functions are templates on the scalar, so the losses run on minimax::dual numbers, and their
/// derivatives are taken that way (one dual evaluation gives \f$\ell\f$ and \f$\ell'\f$ exactly).

#include <string>
#include <utility>

#include <Eigen/Core>

#include "minimax/core/dual.hpp"
#include "minimax/core/error.hpp"
#include "minimax/core/summation.hpp"
#include "minimax/nn/batch.hpp"

namespace minimax::loss {

/// \brief A per-sample adversarial loss: `discriminator_real(v)`, `discriminator_fake(v)` and
/// `generator(v)`, each a template on the scalar type.
template <class L>
concept adversarial_loss = requires(const L& l, double v) {
  { l.discriminator_real(v) } -> std::convertible_to<double>;
  { l.discriminator_fake(v) } -> std::convertible_to<double>;
  { l.generator(v) } -> std::convertible_to<double>;
};

namespace detail {

/// \f$(\ell(v), \ell'(v))\f$ by one evaluation on a dual number.
template <class T, class F>
std::pair<T, T> value_and_derivative(const F& f, T v) {
  const dual<T> r = f(dual<T>(v, T(1)));
  return {r.value, r.derivative};
}

/// \f$\frac1n\sum_i \ell(v_i)\f$, writing \f$\ell'(v_i)/n\f$ into `dv` when it is not null.
template <class T, class F>
T mean_with_gradient(const char* fn, const char* name, const F& f, const nn::batch<T, 1>& v, nn::batch<T, 1>* dv) {
  ::minimax::nn::detail::require_batch_shape(fn, name, v, 1);
  ::minimax::nn::detail::require_all_finite(fn, name, v);
  const Eigen::Index n = v.cols();
  const T inv_n = T(1) / T(static_cast<double>(n));
  if (dv != nullptr) dv->resize(1, n);
  neumaier_sum<T> sum;
  for (Eigen::Index i = 0; i < n; ++i) {
    const auto [value, slope] = value_and_derivative(f, v(0, i));
    sum += value;
    if (dv != nullptr) (*dv)(0, i) = slope * inv_n;
  }
  return sum.value() * inv_n;
}

}  // namespace detail

/// \brief The discriminator's loss \f$L_D\f$ on a batch of outputs on real samples and one on generated
/// samples (\f$1 \times n\f$ each), with \f$\partial L_D / \partial v\f$ written into `d_real` and
/// `d_fake` when they are not null (ready to be the `dy` of the network's backward pass).
///
/// Throws minimax::invalid_argument when a batch is empty or holds a non-finite output.
template <class L, class T>
T discriminator_loss(const L& loss, const nn::batch<T, 1>& real, const nn::batch<T, 1>& fake,
                     nn::batch<T, 1>* d_real = nullptr, nn::batch<T, 1>* d_fake = nullptr) {
  static_assert(adversarial_loss<L>,
                "minimax::loss::discriminator_loss: the loss needs discriminator_real(v), discriminator_fake(v) and "
                "generator(v) templates");
  constexpr const char* fn = "minimax::loss::discriminator_loss";
  const T a = detail::mean_with_gradient(fn, "real", [&](const auto& v) { return loss.discriminator_real(v); }, real, d_real);
  const T b = detail::mean_with_gradient(fn, "fake", [&](const auto& v) { return loss.discriminator_fake(v); }, fake, d_fake);
  return a + b;
}

/// \brief The generator's loss \f$L_G\f$ on the discriminator's outputs on generated samples, with
/// \f$\partial L_G / \partial v\f$ written into `d_fake` when it is not null.
///
/// Throws minimax::invalid_argument when the batch is empty or holds a non-finite output.
template <class L, class T>
T generator_loss(const L& loss, const nn::batch<T, 1>& fake, nn::batch<T, 1>* d_fake = nullptr) {
  static_assert(adversarial_loss<L>,
                "minimax::loss::generator_loss: the loss needs discriminator_real(v), discriminator_fake(v) and "
                "generator(v) templates");
  return detail::mean_with_gradient("minimax::loss::generator_loss", "fake",
                                    [&](const auto& v) { return loss.generator(v); }, fake, d_fake);
}

}  // namespace minimax::loss
