#pragma once
/// \file
/// \brief An autoencoder (encoder and decoder sequentials), BEGAN's discriminator.

#include <Eigen/Core>

#include "minimax/nn/sequential.hpp"

namespace minimax::nn {

/// Declared only; see the specialisation for two nn::sequential networks.
template <class Encoder, class Decoder>
struct autoencoder;

/// \brief \f$D(v) = \text{Dec}(\text{Enc}(v))\f$: one nn::sequential made of the encoder's layers followed
/// by the decoder's, so it has the same forward/backward/tape interface, plus the code and the two
/// parameter blocks by name (the encoder's first, then the decoder's).
///
/// The decoder must map the code back to the input's size (checked at compile time).
template <class... E, class... D>
struct autoencoder<sequential<E...>, sequential<D...>> : sequential<E..., D...> {
  /// The encoder network.
  using encoder_type = sequential<E...>;
  /// The decoder network.
  using decoder_type = sequential<D...>;
  static_assert(decoder_type::input_size == encoder_type::output_size,
                "minimax::nn::autoencoder: the decoder's input size must equal the encoder's output (code) size");
  static_assert(decoder_type::output_size == encoder_type::input_size,
                "minimax::nn::autoencoder: the decoder must reconstruct the input's size");
  /// Size of the code \f$\text{Enc}(v)\f$.
  static constexpr int code_size = encoder_type::output_size;

  /// The code after forward() on `t`.
  template <class T>
  static const batch<T, code_size>& code(const typename sequential<E..., D...>::template tape<T>& t) {
    return std::get<sizeof...(E)>(t.values);
  }
  /// The encoder's parameter block of `theta`.
  template <class P>
  static auto encoder_parameters(P& theta) {
    return theta.head(encoder_type::parameter_count);
  }
  /// The decoder's parameter block of `theta`.
  template <class P>
  static auto decoder_parameters(P& theta) {
    return theta.tail(decoder_type::parameter_count);
  }
};

}  // namespace minimax::nn
