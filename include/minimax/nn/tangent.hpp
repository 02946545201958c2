#pragma once
/// \file
/// \brief Tangent passes of a layer: the directional derivatives of its forward and backward passes
/// along \f$(\dot\theta, \dot x)\f$, on real batches.
///
/// Forward-over-reverse (Hessian-vector products, the unrolled GAN's adjoint) differentiates the
/// backward pass along a direction. Running the passes on minimax::dual numbers does it for any
/// layer; the tangent passes do the same on the value tape of an ordinary pass plus real tangent
/// batches, so the values are not recomputed and the products stay real (Eigen multiplies
/// interleaved dual matrices one scalar at a time). A layer may define
/// - `template <int I, class T> void forward_tangent(const T* theta, const T* theta_dot, const batch<T, In>& x,
///   const batch<T, In>* x_dot, const batch<T, Out>& y, batch<T, Out>& y_dot) const` (writes \f$\dot y\f$;
///   a null `x_dot` is a zero tangent);
/// - `template <int I, class T> void backward_tangent(theta, theta_dot, x, x_dot, y, y_dot, dy, dy_dot,
///   T* dtheta_dot, batch<T, In>* dx_dot) const` (accumulates the tangent of the parameter gradient,
///   writes the tangent of \f$\bar x\f$ when `dx_dot` is not null).
///
/// Layers without them get both from their own passes on dual numbers (layer_forward_tangent(),
/// layer_backward_tangent()), so every layer works and the fast ones (dense, the element-wise
/// activations) are used where they exist.

#include <vector>

#include <Eigen/Core>

#include "minimax/core/dual.hpp"
#include "minimax/nn/batch.hpp"

namespace minimax::nn::detail {

/// The dual batch \f$x + \dot x\,\varepsilon\f$ (\f$\dot x = 0\f$ when `x_dot` is null).
template <class T, int Rows>
batch<dual<T>, Rows> dual_batch(const batch<T, Rows>& x, const batch<T, Rows>* x_dot) {
  if (x_dot == nullptr) return x.template cast<dual<T>>();
  return x.binaryExpr(*x_dot, [](const T& v, const T& d) { return dual<T>(v, d); });
}

/// The real parts of a matrix of dual numbers, as an expression (dual_batch's inverse, with
/// derivative_part()).
template <class Derived>
auto value_part(const Eigen::MatrixBase<Derived>& m) {
  return m.unaryExpr([](const typename Derived::Scalar& a) { return a.value; });
}

/// The infinitesimal parts of a matrix of dual numbers, as an expression.
template <class Derived>
auto derivative_part(const Eigen::MatrixBase<Derived>& m) {
  return m.unaryExpr([](const typename Derived::Scalar& a) { return a.derivative; });
}

/// The parameters \f$\theta + \dot\theta\,\varepsilon\f$ of one layer (`count` entries).
template <class T>
std::vector<dual<T>> dual_parameters(const T* theta, const T* theta_dot, Eigen::Index count) {
  std::vector<dual<T>> out(static_cast<std::size_t>(count));
  for (Eigen::Index k = 0; k < count; ++k) out[static_cast<std::size_t>(k)] = dual<T>(theta[k], theta_dot[k]);
  return out;
}

/// \brief \f$\dot y\f$ of layer `layer` on input size I: its own forward_tangent where it has one,
/// else its forward pass on dual numbers.
template <int I, class Layer, class T, int In, int Out>
void layer_forward_tangent(const Layer& layer, const T* theta, const T* theta_dot, const batch<T, In>& x,
                           const batch<T, In>* x_dot, const batch<T, Out>& y, batch<T, Out>& y_dot) {
  if constexpr (requires { layer.template forward_tangent<I>(theta, theta_dot, x, x_dot, y, y_dot); }) {
    layer.template forward_tangent<I>(theta, theta_dot, x, x_dot, y, y_dot);
  } else {
    const auto th = dual_parameters(theta, theta_dot, Layer::parameter_count_for(I));
    batch<dual<T>, Out> yd;
    layer.template forward<I>(th.data(), dual_batch(x, x_dot), yd);
    y_dot = derivative_part(yd);
  }
}

/// \brief The tangents of layer `layer`'s backward pass on input size I (see the file's summary): its
/// own backward_tangent where it has one, else its backward pass on dual numbers.
template <int I, class Layer, class T, int In, int Out>
void layer_backward_tangent(const Layer& layer, const T* theta, const T* theta_dot, const batch<T, In>& x,
                            const batch<T, In>* x_dot, const batch<T, Out>& y, const batch<T, Out>& y_dot,
                            const batch<T, Out>& dy, const batch<T, Out>& dy_dot, T* dtheta_dot, batch<T, In>* dx_dot) {
  if constexpr (requires {
                  layer.template backward_tangent<I>(theta, theta_dot, x, x_dot, y, y_dot, dy, dy_dot, dtheta_dot, dx_dot);
                }) {
    layer.template backward_tangent<I>(theta, theta_dot, x, x_dot, y, y_dot, dy, dy_dot, dtheta_dot, dx_dot);
  } else {
    const Eigen::Index count = Layer::parameter_count_for(I);
    const auto th = dual_parameters(theta, theta_dot, count);
    std::vector<dual<T>> grad(static_cast<std::size_t>(count), dual<T>(T(0)));
    batch<dual<T>, In> dxd;
    layer.template backward<I>(th.data(), dual_batch(x, x_dot), dual_batch(y, &y_dot), dual_batch(dy, &dy_dot),
                               grad.data(), dx_dot != nullptr ? &dxd : nullptr);
    for (Eigen::Index k = 0; k < count; ++k) dtheta_dot[k] += grad[static_cast<std::size_t>(k)].derivative;
    if (dx_dot != nullptr) *dx_dot = derivative_part(dxd);
  }
}

}  // namespace minimax::nn::detail
