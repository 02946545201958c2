#pragma once
/// \file
/// \brief What the network games on a Gaussian mixture share: validation, drawing the minibatches,
/// and the initial parameters of two networks in one vector.

#include <cstddef>
#include <string>

#include <Eigen/Core>

#include "minimax/core/error.hpp"
#include "minimax/prob/isotropic_mixture.hpp"
#include "minimax/prob/random.hpp"

namespace minimax::games::detail {

/// Throws minimax::invalid_argument, naming `function`, for a batch size below 1 or data whose
/// dimension is not the discriminator's input size.
inline void require_minibatch_game(const char* function, const isotropic_mixture& data, Eigen::Index batch_size,
                                   Eigen::Index discriminator_input) {
  if (batch_size < 1) raise_invalid_argument(function, "the batch size must be >= 1", batch_size);
  require_same_size(function, "the data's dimension and the discriminator's input size",
                    static_cast<std::size_t>(data.modes().cols()), static_cast<std::size_t>(discriminator_input));
}

/// Draws a real batch (d × n, one sample per column) from `data` and a standard normal noise batch.
inline void draw_minibatches(const isotropic_mixture& data, Eigen::Index batch_size, Eigen::Index noise_size, rng& g,
                             Eigen::MatrixXd& real, Eigen::MatrixXd& noise) {
  real = sample(data, g, batch_size).transpose();
  noise.resize(noise_size, batch_size);
  for (Eigen::Index i = 0; i < noise.size(); ++i) noise.data()[i] = g.normal();
}

/// \f$(\theta, \psi)\f$ in one vector: each network's weights by `initialiser`, biases 0.
template <class Generator, class Discriminator, class Init>
Eigen::VectorXd initial_parameters(const Generator& generator, const Discriminator& discriminator,
                                   const Init& initialiser, rng& g) {
  Eigen::VectorXd z(Generator::parameter_count + Discriminator::parameter_count);
  generator.initialise(z.head(Generator::parameter_count), initialiser, g);
  discriminator.initialise(z.tail(Discriminator::parameter_count), initialiser, g);
  return z;
}

}  // namespace minimax::games::detail
