#pragma once
/// \file
/// \brief Gradients and Hessian-vector products of a differentiable objective over a flat parameter
/// vector, the latter by forward-over-reverse with minimax::dual.
///
/// A *differentiable objective* is a callable `f` with a generic call operator
/// \code
/// template <class T> T operator()(const nn::vector<T>& theta, nn::vector<T>& grad) const;
/// \endcode
/// (a generic lambda `[&](const auto& theta, auto& grad) { ... }` is one). It returns
/// \f$f(\theta)\f$ and *adds* \f$\nabla f(\theta)\f$ into `grad`, which arrives zeroed with the size of
/// `theta`. It must work for `T = double` (or `float`) and for `T = minimax::dual<double>`: written
/// with the networks' forward/backward and the losses of this library, it does. Then
/// \f[ \nabla f(\theta + \varepsilon v) = \nabla f(\theta) + \varepsilon\, H(\theta)\, v, \f]
/// so one call on duals gives \f$H v\f$ exactly (to rounding), at about twice the cost of a gradient.
/// Mixed derivatives of a game follow by choosing \f$v\f$ supported on one player's block and reading
/// the other's: \f$(Hv)_D = \nabla^2_{DG} f\, v_G\f$.

#include <string>

#include <Eigen/Core>

#include "minimax/core/dual.hpp"
#include "minimax/core/error.hpp"
#include "minimax/nn/batch.hpp"

namespace minimax::nn {

/// \brief \f$f(\theta)\f$, writing \f$\nabla f(\theta)\f$ into `grad` (resized and zeroed first).
///
/// Throws minimax::invalid_argument if `theta` has a non-finite entry or if `f` returns a non-finite
/// value or gradient entry (so a NaN never reaches an optimiser silently).
template <class F, class P>
typename P::Scalar value_and_gradient(const F& f, const Eigen::MatrixBase<P>& theta, vector<typename P::Scalar>& grad) {
  using T = typename P::Scalar;
  constexpr const char* fn = "minimax::nn::value_and_gradient";
  detail::require_all_finite(fn, "theta", theta);
  const vector<T> at = theta;
  grad.setZero(at.size());
  const T value = f(at, grad);
  require_finite(fn, "the objective's value", value);
  detail::require_all_finite(fn, "the gradient", grad);
  return value;
}

/// \brief \f$\nabla f(\theta)\f$ (see value_and_gradient() for the contract and the errors).
template <class F, class P>
vector<typename P::Scalar> gradient(const F& f, const Eigen::MatrixBase<P>& theta) {
  vector<typename P::Scalar> grad;
  value_and_gradient(f, theta, grad);
  return grad;
}

/// \brief The Hessian-vector product \f$H(\theta)\,v = \frac{d}{d\varepsilon}\nabla f(\theta + \varepsilon v)\big|_0\f$
/// by running `f`'s gradient on minimax::dual numbers (forward-over-reverse).
///
/// Throws minimax::invalid_argument when `theta` and `v` differ in size or hold non-finite entries,
/// or when the result is not finite.
template <class F, class P, class V>
vector<typename P::Scalar> hessian_vector_product(const F& f, const Eigen::MatrixBase<P>& theta,
                                                   const Eigen::MatrixBase<V>& v) {
  using T = typename P::Scalar;
  using D = dual<T>;
  constexpr const char* fn = "minimax::nn::hessian_vector_product";
  require_same_size(fn, "theta and v", static_cast<std::size_t>(theta.size()), static_cast<std::size_t>(v.size()));
  detail::require_all_finite(fn, "theta", theta);
  detail::require_all_finite(fn, "v", v);
  vector<D> at(theta.size());
  for (Eigen::Index i = 0; i < theta.size(); ++i) at[i] = D(theta[i], T(v[i]));
  vector<D> grad = vector<D>::Zero(theta.size());
  f(at, grad);
  vector<T> hv(theta.size());
  for (Eigen::Index i = 0; i < theta.size(); ++i) hv[i] = grad[i].derivative;
  detail::require_all_finite(fn, "H v", hv);
  return hv;
}

}  // namespace minimax::nn
