#pragma once
/// \file
/// \brief `sequential<Layers...>`: layers composed at compile time, shapes checked by the compiler,
/// parameters in one flat vector.
///
/// A layer is a default-constructible type (the concepts nn::LayerShape and nn::Layer, \ref concepts.hpp) with
/// - `static constexpr int input_size` (a positive size, or nn::inherit_size for layers that take the
///   previous layer's output size);
/// - `static constexpr int output_size_for(int in)` and `static constexpr Eigen::Index parameter_count_for(int in)`;
/// - `template <int In, class T> void forward(const T* theta, const batch<T, In>& x, batch<T, Out>& y) const`;
/// - `template <int In, class T> void backward(const T* theta, const batch<T, In>& x, const batch<T, Out>& y,
///   const batch<T, Out>& dy, T* dtheta, batch<T, In>* dx) const` (accumulates into `dtheta`, writes
///   \f$\bar x\f$ when `dx` is not null);
/// - `template <int In, class T, class Init, class Rng> void initialise(T* theta, const Init&, Rng&) const`.
///
/// Everything is templated on the scalar `T`, so the same backward pass runs on `float`, `double`
/// and minimax::dual (for Hessian-vector products).

#include <array>
#include <cstddef>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>

#include <Eigen/Core>

#include "minimax/nn/batch.hpp"
#include "minimax/nn/concepts.hpp"
#include "minimax/nn/tangent.hpp"

namespace minimax::nn {
namespace detail {

template <class... L>
constexpr std::array<int, sizeof...(L) + 1> chain_sizes(int in) {
  std::array<int, sizeof...(L) + 1> s{};
  s[0] = in;
  std::size_t k = 0;
  ((s[k + 1] = (L::input_size == inherit_size || L::input_size == s[k]) && s[k] > 0 ? L::output_size_for(s[k]) : 0, ++k),
   ...);
  return s;
}

template <class... L>
constexpr std::array<Eigen::Index, sizeof...(L) + 1> chain_offsets(const std::array<int, sizeof...(L) + 1>& sizes) {
  std::array<Eigen::Index, sizeof...(L) + 1> o{};
  std::size_t k = 0;
  ((o[k + 1] = o[k] + L::parameter_count_for(sizes[k]), ++k), ...);
  return o;
}

// Instantiated once per link; the template arguments in the compiler's message say which layer.
template <std::size_t LayerIndex, int ExpectedInput, int PreviousOutput>
struct link_check {
  static_assert(ExpectedInput == PreviousOutput,
                "minimax::nn::sequential: layer LayerIndex expects an input of size ExpectedInput, but the layer "
                "before it outputs PreviousOutput features (check the sizes of consecutive dense<In, Out> layers)");
  static constexpr bool ok = ExpectedInput == PreviousOutput;
};

template <std::size_t LayerIndex, int Output, bool InputOk>
struct output_check {
  static_assert(Output > 0 || !InputOk,
                "minimax::nn::sequential: layer LayerIndex cannot take the size its input has (for maxout<K>, "
                "the input size must be a multiple of K)");
  static constexpr bool ok = Output > 0 || !InputOk;
};

// Instantiated once per layer whose input size is known and accepted (Ok): the template arguments in
// the compiler's message say which layer and on which size.
template <std::size_t LayerIndex, class L, int In, bool Ok>
struct layer_check {
  static_assert(!Ok || Layer<L, In, double>,
                "minimax::nn::sequential: layer LayerIndex (type L) lacks the passes of a layer on its input "
                "size In: forward<In>(theta, x, y) and backward<In>(theta, x, y, dy, dtheta, dx), see "
                "minimax::nn::Layer in nn/concepts.hpp");
  static constexpr bool ok = !Ok || Layer<L, In, double>;
};

}  // namespace detail

/// \brief A feed-forward network \f$f = f_{L} \circ \dots \circ f_1\f$ whose structure is its type.
///
/// `sequential<dense<2, 8>, relu, dense<8, 1>>{}` is a network. Sizes are checked at compile time with
/// an English static_assert naming the layer. Parameters live outside the network in one flat vector of
/// length parameter_count (layer k's block starts at `offsets[k]`), so several networks (a generator
/// and a discriminator) share one vector and any optimiser updates all of them. Batches hold one
/// sample per column.
///
/// Errors: forward() throws minimax::invalid_argument when the parameter vector has the wrong length,
/// when the input has the wrong number of rows or no columns, or when an input or a parameter is NaN
/// or infinite (the message names the entry); backward() throws when the upstream gradient's shape
/// differs from the output's.
template <class... Layers>
class sequential {
 public:
  /// Number of layers.
  static constexpr std::size_t depth = sizeof...(Layers);
  static_assert(depth > 0, "minimax::nn::sequential: a network needs at least one layer");
  static_assert((LayerShape<Layers> && ...),
                "minimax::nn::sequential: every type must be a layer, with a default constructor and static "
                "constexpr input_size, output_size_for(int) and parameter_count_for(int) (see minimax::nn::Layer "
                "in nn/concepts.hpp)");

 private:
  using first_layer = std::tuple_element_t<0, std::tuple<Layers...>>;
  static_assert(first_layer::input_size != inherit_size,
                "minimax::nn::sequential: the first layer must fix the input size (start with dense<In, Out>)");

 public:
  /// Input features per sample.
  static constexpr int input_size = first_layer::input_size;
  /// The feature count before layer k (k < depth) and after the last layer (k = depth).
  static constexpr std::array<int, depth + 1> sizes = detail::chain_sizes<Layers...>(input_size);
  /// Output features per sample.
  static constexpr int output_size = sizes[depth];
  /// Where layer k's parameters start in the flat vector; `offsets[depth]` is the total.
  static constexpr std::array<Eigen::Index, depth + 1> offsets = detail::chain_offsets<Layers...>(sizes);
  /// Length of the flat parameter vector.
  static constexpr Eigen::Index parameter_count = offsets[depth];

 private:
  template <std::size_t... K>
  static constexpr bool check_links(std::index_sequence<K...>) {
    return ((detail::link_check<K, (Layers::input_size == inherit_size ? sizes[K] : Layers::input_size), sizes[K]>::ok &&
             detail::output_check<K, sizes[K + 1], (sizes[K] > 0 && (Layers::input_size == inherit_size || Layers::input_size == sizes[K]))>::ok &&
             detail::layer_check<K, Layers, sizes[K], (sizes[K] > 0 && sizes[K + 1] > 0 && (Layers::input_size == inherit_size || Layers::input_size == sizes[K]))>::ok) &&
            ...);
  }
  static_assert(check_links(std::index_sequence_for<Layers...>{}), "minimax::nn::sequential: shapes do not chain");

  template <class T, std::size_t... K>
  static auto tuple_of_batches(std::index_sequence<K...>) -> std::tuple<batch<T, sizes[K]>...>;

 public:
  /// \brief Work space of one forward/backward pass: `values[k]` is the input of layer k
  /// (`values[depth]` the output), `gradients[k]` the gradient with respect to it. Reused across
  /// calls, so a training loop allocates nothing once batch sizes settle.
  template <class T>
  struct tape {
    decltype(tuple_of_batches<T>(std::make_index_sequence<depth + 1>{})) values;     ///< Activations.
    decltype(tuple_of_batches<T>(std::make_index_sequence<depth + 1>{})) gradients;  ///< Their gradients.
    /// The network's output after forward().
    const batch<T, output_size>& output() const { return std::get<depth>(values); }
    /// The network's input after forward().
    const batch<T, input_size>& input() const { return std::get<0>(values); }
  };

  /// \brief The tangents of a tape along a direction \f$(\dot\theta, \dot x)\f$: `values[k]` is the
  /// tangent of layer k's input (`values[depth]` of the output), `gradients[k]` of its gradient.
  /// Filled by forward_tangent() and backward_tangent(); reused across calls.
  template <class T>
  struct tangent_tape {
    decltype(tuple_of_batches<T>(std::make_index_sequence<depth + 1>{})) values;     ///< \f$\dot a_k\f$.
    decltype(tuple_of_batches<T>(std::make_index_sequence<depth + 1>{})) gradients;  ///< \f$\dot{\bar a}_k\f$.
    bool input_has_tangent = false;  ///< whether `values[0]` holds \f$\dot x\f$ (else \f$\dot x = 0\f$)
    /// \f$\dot y\f$, the output's tangent, after forward_tangent().
    const batch<T, output_size>& output() const { return std::get<depth>(values); }
  };

  /// The layer objects (holding run-time settings such as a leaky_relu slope).
  std::tuple<Layers...> layers;

  /// Layer k.
  template <std::size_t K>
  auto& layer() {
    return std::get<K>(layers);
  }
  /// \overload
  template <std::size_t K>
  const auto& layer() const {
    return std::get<K>(layers);
  }

  /// Layer k's parameter block as a vector view into `theta` (a flat parameter vector of this network).
  template <std::size_t K, class P>
  static auto parameters(P& theta) {
    using T = std::remove_const_t<typename P::Scalar>;
    using Map = std::conditional_t<std::is_const_v<std::remove_pointer_t<decltype(theta.data())>>,
                                   Eigen::Map<const vector<T>>, Eigen::Map<vector<T>>>;
    return Map(theta.data() + offsets[K], offsets[K + 1] - offsets[K]);
  }
  /// Layer k's weight matrix viewed in `theta` (for layers with a `weight` view, e.g. dense).
  template <std::size_t K, class P>
  static auto weight(P& theta) {
    return std::tuple_element_t<K, std::tuple<Layers...>>::weight(theta.data() + offsets[K]);
  }
  /// Layer k's bias viewed in `theta` (for layers with a `bias` view, e.g. dense).
  template <std::size_t K, class P>
  static auto bias(P& theta) {
    return std::tuple_element_t<K, std::tuple<Layers...>>::bias(theta.data() + offsets[K]);
  }

  /// \brief Forward pass recording every activation in `t`; the output is `t.output()`.
  ///
  /// `theta`: a contiguous vector (or segment) of parameter_count scalars; `x`: input_size rows, one
  /// sample per column. Throws minimax::invalid_argument on a wrong length or shape, or a non-finite entry.
  template <class P, class X>
  void forward(const Eigen::MatrixBase<P>& theta, const Eigen::MatrixBase<X>& x, tape<typename X::Scalar>& t) const {
    using T = typename X::Scalar;
    static_assert(std::is_same_v<typename P::Scalar, T>,
                  "minimax::nn::sequential::forward: parameters and input must have the same scalar type");
    check_parameters("minimax::nn::sequential::forward", theta);
    detail::require_batch_shape("minimax::nn::sequential::forward", "input", x, input_size);
    detail::require_all_finite("minimax::nn::sequential::forward", "input", x);
    std::get<0>(t.values) = x;
    const Eigen::Ref<const vector<T>> th(theta);  // maps contiguous storage, evaluates expressions
    forward_from<0>(th.data(), t);
  }

  /// The output \f$f(x)\f$ alone (allocates a tape; prefer forward() in loops).
  template <class P, class X>
  batch<typename X::Scalar, output_size> operator()(const Eigen::MatrixBase<P>& theta, const Eigen::MatrixBase<X>& x) const {
    tape<typename X::Scalar> t;
    forward(theta, x, t);
    return std::move(std::get<depth>(t.values));
  }

  /// \brief Backward pass (vector-Jacobian product) after forward() on the same tape.
  ///
  /// Given \f$\bar y = \partial \ell / \partial y\f$ (output_size rows, as many columns as the input),
  /// adds \f$(\partial y / \partial\theta)^\top \bar y\f$ to `dtheta` (it accumulates: zero it first)
  /// and, when `dx` is not null, writes \f$\bar x = (\partial y / \partial x)^\top \bar y\f$.
  template <class P, class DY, class G>
  void backward(const Eigen::MatrixBase<P>& theta, tape<typename DY::Scalar>& t, const Eigen::MatrixBase<DY>& dy,
                const Eigen::MatrixBase<G>& dtheta, batch<typename DY::Scalar, input_size>* dx = nullptr) const {
    constexpr const char* fn = "minimax::nn::sequential::backward";
    check_parameters(fn, theta);
    require_parameter_count(fn, "dtheta", dtheta);
    require_upstream_shape(fn, "dy", dy, t);
    std::get<depth>(t.gradients) = dy;
    auto& g = const_cast<Eigen::MatrixBase<G>&>(dtheta);  // Eigen's idiom for writable expression arguments
    const Eigen::Ref<const vector<typename DY::Scalar>> th(theta);  // maps contiguous storage, evaluates expressions
    backward_from<depth>(th.data(), t, g.derived().data(), dx);
  }

  /// \brief Tangent of the forward pass: the directional derivative \f$\dot y = J_\theta f\,\dot\theta +
  /// J_x f\,\dot x\f$ of every activation on the tape `t`, which forward() filled with `theta` on the
  /// batch; \f$\dot x = 0\f$ when `x_dot` is null (data). The output's tangent is `tt.output()`.
  ///
  /// With backward_tangent() this is forward-over-reverse on real batches: the same numbers as the
  /// passes on minimax::dual numbers seeded with \f$(\dot\theta, \dot x)\f$, without recomputing the
  /// values (nn/tangent.hpp). Throws minimax::invalid_argument on a wrong length or shape.
  template <class P, class PD, class T>
  void forward_tangent(const Eigen::MatrixBase<P>& theta, const Eigen::MatrixBase<PD>& theta_dot, const tape<T>& t,
                       tangent_tape<T>& tt, const batch<T, input_size>* x_dot = nullptr) const {
    constexpr const char* fn = "minimax::nn::sequential::forward_tangent";
    check_parameters(fn, theta);
    check_tangent(fn, theta_dot);
    if (x_dot != nullptr) {
      detail::require_batch_shape(fn, "x_dot", *x_dot, input_size);
      require_same_size(fn, "x_dot's columns and the input's columns", static_cast<std::size_t>(x_dot->cols()),
                        static_cast<std::size_t>(t.input().cols()));
      std::get<0>(tt.values) = *x_dot;
    }
    tt.input_has_tangent = x_dot != nullptr;
    const Eigen::Ref<const vector<T>> th(theta), thd(theta_dot);
    forward_tangent_from<0>(th.data(), thd.data(), t, tt);
  }

  /// \brief Tangent of the backward pass, after backward() on `t` (same `theta`, upstream gradient
  /// \f$\bar y\f$) and forward_tangent() into `tt`: given \f$\dot{\bar y}\f$ (`dy_dot`), adds the
  /// directional derivative of the parameter gradient to `dtheta_dot` (it accumulates) and, when
  /// `dx_dot` is not null, writes that of \f$\bar x\f$. For a loss \f$\ell(y)\f$ seeded with
  /// \f$\bar y = \nabla\ell\f$ and \f$\dot{\bar y} = \nabla^2\ell\,\dot y\f$, `dtheta_dot` gains the
  /// Hessian-vector product \f$\nabla^2_{\theta\theta}(\ell\circ f)\,\dot\theta + \nabla^2_{\theta x}(\ell\circ f)\,\dot x\f$.
  /// Throws minimax::invalid_argument on a wrong length or shape.
  template <class P, class PD, class T, class DY, class G>
  void backward_tangent(const Eigen::MatrixBase<P>& theta, const Eigen::MatrixBase<PD>& theta_dot, const tape<T>& t,
                        tangent_tape<T>& tt, const Eigen::MatrixBase<DY>& dy_dot, const Eigen::MatrixBase<G>& dtheta_dot,
                        batch<T, input_size>* dx_dot = nullptr) const {
    constexpr const char* fn = "minimax::nn::sequential::backward_tangent";
    check_parameters(fn, theta);
    check_tangent(fn, theta_dot);
    require_parameter_count(fn, "dtheta_dot", dtheta_dot);
    require_upstream_shape(fn, "dy_dot", dy_dot, t);
    require_same_size(fn, "the tangent tape's columns and the input's columns", static_cast<std::size_t>(tt.output().cols()),
                      static_cast<std::size_t>(t.input().cols()));
    std::get<depth>(tt.gradients) = dy_dot;
    auto& g = const_cast<Eigen::MatrixBase<G>&>(dtheta_dot);  // Eigen's idiom for writable expression arguments
    const Eigen::Ref<const vector<T>> th(theta), thd(theta_dot);
    backward_tangent_from<depth>(th.data(), thd.data(), t, tt, g.derived().data(), dx_dot);
  }

  /// Initialises every layer's parameters in `theta` (weights by `init`, biases to 0) from `rng`.
  template <class P, class Init, class Rng>
  void initialise(const Eigen::MatrixBase<P>& theta, const Init& init, Rng& rng) const {
    if (theta.size() != parameter_count) {
      raise_invalid_argument("minimax::nn::sequential::initialise",
                             "theta must have " + minimax::detail::to_text(parameter_count) + " entries", theta.size());
    }
    auto& p = const_cast<Eigen::MatrixBase<P>&>(theta);
    initialise_from<0>(p.derived().data(), init, rng);
  }

 private:
  // a parameter-sized vector (theta, its tangent, a gradient) of the wrong length
  template <class M>
  static void require_parameter_count(const char* fn, const char* name, const Eigen::MatrixBase<M>& m) {
    if (m.size() != parameter_count) {
      raise_invalid_argument(fn, std::string(name) + " must have " + minimax::detail::to_text(parameter_count) + " entries",
                             m.size());
    }
  }

  // an upstream gradient (or its tangent) of the output's shape, as many columns as the tape's input
  template <class DY, class T>
  static void require_upstream_shape(const char* fn, const char* name, const Eigen::MatrixBase<DY>& dy, const tape<T>& t) {
    detail::require_batch_shape(fn, name, dy, output_size);
    require_same_size(fn, std::string(name) + "'s columns and the input's columns", static_cast<std::size_t>(dy.cols()),
                      static_cast<std::size_t>(t.input().cols()));
  }

  template <class P>
  static void check_parameters(const char* fn, const Eigen::MatrixBase<P>& theta) {
    require_parameter_count(fn, "theta", theta);
    detail::require_all_finite(fn, "theta", theta);
  }

  template <class PD>
  static void check_tangent(const char* fn, const Eigen::MatrixBase<PD>& theta_dot) {
    require_parameter_count(fn, "theta_dot", theta_dot);
    detail::require_all_finite(fn, "theta_dot", theta_dot);
  }

  template <std::size_t K, class T>
  void forward_tangent_from(const T* theta, const T* theta_dot, const tape<T>& t, tangent_tape<T>& tt) const {
    if constexpr (K < depth) {
      const batch<T, sizes[K]>* x_dot = (K > 0 || tt.input_has_tangent) ? &std::get<K>(tt.values) : nullptr;
      detail::layer_forward_tangent<sizes[K]>(std::get<K>(layers), theta + offsets[K], theta_dot + offsets[K],
                                              std::get<K>(t.values), x_dot, std::get<K + 1>(t.values),
                                              std::get<K + 1>(tt.values));
      forward_tangent_from<K + 1>(theta, theta_dot, t, tt);
    }
  }

  // where layer L's backward pass writes the gradient of its input: the tape below the top, the
  // caller's `dx` (perhaps null) for the first layer
  template <std::size_t L, class Gradients, class T>
  static batch<T, sizes[L]>* gradient_below(Gradients& gradients, batch<T, input_size>* dx) {
    if constexpr (L > 0) {
      return &std::get<L>(gradients);
    } else {
      return dx;
    }
  }

  template <std::size_t K, class T>
  void backward_tangent_from(const T* theta, const T* theta_dot, const tape<T>& t, tangent_tape<T>& tt, T* dtheta_dot,
                             batch<T, input_size>* dx_dot) const {
    if constexpr (K > 0) {
      constexpr std::size_t L = K - 1;
      batch<T, sizes[L]>* down = gradient_below<L>(tt.gradients, dx_dot);
      const batch<T, sizes[L]>* x_dot = (L > 0 || tt.input_has_tangent) ? &std::get<L>(tt.values) : nullptr;
      detail::layer_backward_tangent<sizes[L]>(std::get<L>(layers), theta + offsets[L], theta_dot + offsets[L],
                                               std::get<L>(t.values), x_dot, std::get<K>(t.values),
                                               std::get<K>(tt.values), std::get<K>(t.gradients),
                                               std::get<K>(tt.gradients), dtheta_dot + offsets[L], down);
      backward_tangent_from<L>(theta, theta_dot, t, tt, dtheta_dot, dx_dot);
    }
  }

  template <std::size_t K, class T>
  void forward_from(const T* theta, tape<T>& t) const {
    if constexpr (K < depth) {
      std::get<K>(layers).template forward<sizes[K]>(theta + offsets[K], std::get<K>(t.values), std::get<K + 1>(t.values));
      forward_from<K + 1>(theta, t);
    }
  }

  template <std::size_t K, class T>
  void backward_from(const T* theta, tape<T>& t, T* dtheta, batch<T, input_size>* dx) const {
    if constexpr (K > 0) {
      constexpr std::size_t L = K - 1;
      batch<T, sizes[L]>* down = gradient_below<L>(t.gradients, dx);
      std::get<L>(layers).template backward<sizes[L]>(theta + offsets[L], std::get<L>(t.values), std::get<K>(t.values),
                                                      std::get<K>(t.gradients), dtheta + offsets[L], down);
      backward_from<L>(theta, t, dtheta, dx);
    }
  }

  template <std::size_t K, class T, class Init, class Rng>
  void initialise_from(T* theta, const Init& init, Rng& rng) const {
    if constexpr (K < depth) {
      std::get<K>(layers).template initialise<sizes[K]>(theta + offsets[K], init, rng);
      initialise_from<K + 1>(theta, init, rng);
    }
  }
};

}  // namespace minimax::nn
