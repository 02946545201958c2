#pragma once
/// \file
/// \brief nn::sample_network: a sequential network run one sample at a time on raw arrays, in host
/// or device code (the small fixed-size networks of ensembles of games).

#include <array>
#include <cstddef>
#include <tuple>
#include <utility>

#include "minimax/core/config.hpp"
#include "minimax/nn/sequential.hpp"

namespace minimax::nn {

/// \brief A layer with one-sample passes: `forward_sample<In>(theta, x, y)` and
/// `backward_sample<In>(theta, x, y, dy, dtheta, dx)` on raw arrays (dense, the element-wise
/// activations, maxout; not the minibatch layers, whose outputs depend on the whole batch).
template <class L>
concept sample_layer = requires(const L& layer, const double* theta, const double* x, double* y) {
  layer.template forward_sample<1>(theta, x, y);
  layer.template backward_sample<1>(theta, x, x, x, y, y);
};

namespace detail {

/// The layers of a network as a trivially copyable aggregate (std::tuple is not trivially copyable).
template <class... L>
struct layer_pack {};
template <class L, class... Rest>
struct layer_pack<L, Rest...> {
  L first{};
  layer_pack<Rest...> rest{};
};

template <std::size_t K, class L, class... Rest>
MINIMAX_HOST_DEVICE constexpr const auto& layer_at(const layer_pack<L, Rest...>& pack) {
  if constexpr (K == 0) {
    return pack.first;
  } else {
    return layer_at<K - 1>(pack.rest);
  }
}
template <std::size_t K, class L, class... Rest>
constexpr auto& layer_at(layer_pack<L, Rest...>& pack) {
  if constexpr (K == 0) {
    return pack.first;
  } else {
    return layer_at<K - 1>(pack.rest);
  }
}

template <std::size_t N>
constexpr std::array<int, N> prefix_sums(const std::array<int, N>& sizes) {
  std::array<int, N> out{};
  for (std::size_t k = 1; k < N; ++k) out[k] = out[k - 1] + sizes[k - 1];
  return out;
}

template <std::size_t N>
constexpr int largest(const std::array<int, N>& sizes) {
  int m = 0;
  for (const int s : sizes) m = s > m ? s : m;
  return m;
}

}  // namespace detail

/// \brief `sequential<Layers...>` run one sample at a time on raw arrays, in host or device code.
///
/// Trivially copyable (so it travels to a GPU inside a point game), with the same flat parameter
/// layout as sequential<Layers...> and the layers' own one-sample passes, so it computes what the
/// batch network computes for one column. Work space is a `tape` of tape_size scalars: layer k's
/// input at `tape_offsets[k]`, the output at `tape_offsets[depth]`. Make one from a network with
/// sample_network_of(). Every layer must be a sample_layer (checked with a static_assert).
template <class... Layers>
struct sample_network {
  /// The batch network this one mirrors.
  using network = sequential<Layers...>;
  static_assert((sample_layer<Layers> && ...),
                "minimax::nn::sample_network: every layer needs one-sample passes (dense, activations, maxout); the "
                "minibatch layers depend on the whole batch and cannot run one sample at a time");
  /// Number of layers.
  static constexpr std::size_t depth = network::depth;
  /// Input features.
  static constexpr int input_size = network::input_size;
  /// Output features.
  static constexpr int output_size = network::output_size;
  /// Length of the flat parameter vector (as network::parameter_count).
  static constexpr int parameter_count = static_cast<int>(network::parameter_count);
  /// Where layer k's input starts in a tape (k = depth: the output).
  static constexpr std::array<int, depth + 1> tape_offsets = detail::prefix_sums(network::sizes);
  /// Scalars in a tape.
  static constexpr int tape_size = tape_offsets[depth] + output_size;
  /// The widest activation (the backward pass's work space).
  static constexpr int widest = detail::largest(network::sizes);

  /// The layer objects (their run-time settings, e.g. a leaky_relu slope).
  detail::layer_pack<Layers...> layers;

  /// \brief Forward pass of one sample: `x` (input_size scalars) into `tape`; the output is
  /// `tape + tape_offsets[depth]`.
  template <class T>
  MINIMAX_HOST_DEVICE void forward(const T* theta, const T* x, T* tape) const {
    for (int i = 0; i < input_size; ++i) tape[i] = x[i];
    forward_from<0>(theta, tape);
  }

  /// \brief Backward pass of one sample after forward() on the same tape: adds
  /// \f$(\partial y/\partial\theta)^\top \bar y\f$ to `dtheta` when it is not null and writes
  /// \f$\bar x = (\partial y/\partial x)^\top \bar y\f$ to `dx` when it is not null.
  template <class T>
  MINIMAX_HOST_DEVICE void backward(const T* theta, const T* tape, const T* dy, T* dtheta, T* dx) const {
    T upper[widest], lower[widest];
    for (int i = 0; i < output_size; ++i) upper[i] = dy[i];
    backward_from<depth>(theta, tape, upper, lower, dtheta, dx);
  }

 private:
  template <std::size_t K>
  static constexpr int size_at = network::sizes[K];
  template <std::size_t K>
  static constexpr int offset_at = static_cast<int>(network::offsets[K]);
  template <std::size_t K>
  static constexpr int tape_at = tape_offsets[K];

  template <std::size_t K, class T>
  MINIMAX_HOST_DEVICE void forward_from(const T* theta, T* tape) const {
    if constexpr (K < depth) {
      detail::layer_at<K>(layers).template forward_sample<size_at<K>>(theta + offset_at<K>, tape + tape_at<K>,
                                                                      tape + tape_at<K + 1>);
      forward_from<K + 1>(theta, tape);
    }
  }

  // `dy` holds the gradient at layer K's input (the output when K = depth); layer K - 1 writes the
  // gradient at its own input into `scratch` (or into dx for the first layer), and the two swap.
  template <std::size_t K, class T>
  MINIMAX_HOST_DEVICE void backward_from(const T* theta, const T* tape, T* dy, T* scratch, T* dtheta, T* dx) const {
    if constexpr (K > 0) {
      constexpr std::size_t L = K - 1;
      T* down = L > 0 ? scratch : dx;
      detail::layer_at<L>(layers).template backward_sample<size_at<L>>(
          theta + offset_at<L>, tape + tape_at<L>, tape + tape_at<K>, dy, dtheta != nullptr ? dtheta + offset_at<L> : nullptr,
          down);
      backward_from<L>(theta, tape, scratch, dy, dtheta, dx);
    }
  }
};

namespace detail {
template <class Network>
struct sample_network_for;
template <class... Layers>
struct sample_network_for<sequential<Layers...>> {
  using type = sample_network<Layers...>;
};
}  // namespace detail

/// The sample_network of a sequential network type.
template <class Network>
using sample_network_t = typename detail::sample_network_for<Network>::type;

/// The sample_network of `net`, carrying its layers' run-time settings.
template <class... Layers>
sample_network<Layers...> sample_network_of(const sequential<Layers...>& net) {
  sample_network<Layers...> out;
  [&]<std::size_t... K>(std::index_sequence<K...>) {
    ((detail::layer_at<K>(out.layers) = std::get<K>(net.layers)), ...);
  }(std::index_sequence_for<Layers...>{});
  return out;
}

}  // namespace minimax::nn
