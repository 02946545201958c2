#pragma once
/// \file
/// \brief The layer concepts: what nn::sequential needs of each layer, and the optional tangent
/// passes nn::tangent.hpp uses where a layer has them.
///
/// A layer is a default-constructible type with
/// - `static constexpr int input_size`: a positive size, or nn::inherit_size for a layer that takes
///   the previous layer's output size;
/// - `static constexpr int output_size_for(int in)` (0 where the layer cannot take `in`, as
///   maxout<K> for an `in` that K does not divide) and `static constexpr Eigen::Index
///   parameter_count_for(int in)`;
/// - on an input size `In` it accepts, with `Out = output_size_for(In)` and any scalar `T`
///   (float, double, minimax::dual):
///   `template <int In, class T> void forward(const T* theta, const batch<T, In>& x, batch<T, Out>& y) const`
///   and `template <int In, class T> void backward(const T* theta, const batch<T, In>& x,
///   const batch<T, Out>& y, const batch<T, Out>& dy, T* dtheta, batch<T, In>* dx) const`, which
///   *adds* \f$\partial L/\partial\theta\f$ to `dtheta` and writes \f$\partial L/\partial x\f$ to `*dx`
///   when `dx` is not null.
///
/// LayerShape checks the first three, Layer<L, In> all of them on one input size (a layer's
/// passes are templates, so they can only be checked on a size). TangentLayer<L, In> adds the
/// optional forward-mode passes `forward_tangent` and `backward_tangent`; a layer without them
/// still works in nn::tangent.hpp, through its passes on dual numbers.

#include <concepts>
#include <type_traits>

#include <Eigen/Core>

#include "minimax/nn/batch.hpp"

namespace minimax::nn {

/// \brief The static shape of a layer: input_size, output_size_for(int) and parameter_count_for(int),
/// usable in constant expressions.
template <class L>
concept LayerShape = std::default_initializable<L> && requires {
  { L::input_size } -> std::convertible_to<int>;
  { L::output_size_for(1) } -> std::convertible_to<int>;
  { L::parameter_count_for(1) } -> std::convertible_to<Eigen::Index>;
  typename std::integral_constant<int, L::input_size>;
  typename std::integral_constant<int, L::output_size_for(L::input_size == inherit_size ? 1 : L::input_size)>;
};

/// \brief A layer on input size `In` with scalar `T`: a LayerShape that takes `In` (a positive
/// output size) and has the forward and backward passes of the file's contract there.
template <class L, int In, class T = double>
concept Layer = LayerShape<L> && (In > 0) && (L::input_size == inherit_size || L::input_size == In) &&
                (L::output_size_for(In) > 0) &&
                requires(const L& layer, const T* theta, T* dtheta, const batch<T, In>& x, batch<T, In>* dx,
                         batch<T, L::output_size_for(In)>& y, const batch<T, L::output_size_for(In)>& y_in) {
                  layer.template forward<In>(theta, x, y);
                  layer.template backward<In>(theta, x, y_in, y_in, dtheta, dx);
                };

/// \brief A Layer with its own forward-mode passes (faster than the dual-number fallback):
/// `forward_tangent<In>(theta, theta_dot, x, x_dot, y, y_dot)` writes \f$\dot y\f$ and
/// `backward_tangent<In>(theta, theta_dot, x, x_dot, y, y_dot, dy, dy_dot, dtheta_dot, dx_dot)` adds the
/// tangent of the parameter gradient to `dtheta_dot` and writes that of the input gradient to
/// `*dx_dot` when it is not null (`x_dot` null means \f$\dot x = 0\f$).
template <class L, int In, class T = double>
concept TangentLayer =
    Layer<L, In, T> &&
    requires(const L& layer, const T* theta, const T* theta_dot, T* dtheta_dot, const batch<T, In>& x,
             const batch<T, In>* x_dot, batch<T, In>* dx_dot, const batch<T, L::output_size_for(In)>& y_in,
             batch<T, L::output_size_for(In)>& y_out) {
      layer.template forward_tangent<In>(theta, theta_dot, x, x_dot, y_in, y_out);
      layer.template backward_tangent<In>(theta, theta_dot, x, x_dot, y_in, y_in, y_in, y_in, dtheta_dot, dx_dot);
    };

}  // namespace minimax::nn
