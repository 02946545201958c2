// minimax-lab simulate's checkpoints (--save-state, --resume): a network training run's whole state
// as JSON, so that a run of n steps and a run of k steps resumed for n - k more give the same numbers
// bit for bit (the browser lab trains live this way, a few steps at a time).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <Eigen/Core>

#include <minimax/nn/optimiser.hpp>
#include <minimax/prob/random.hpp>

namespace lab {

/// BEGAN's equilibrium control: \f$k_t\f$ and the losses its next step applies.
struct began_control {
  double k = 0;
  std::optional<std::pair<double, double>> pending_losses;
  std::string where;  // "FILE:LINE: field \"began_control\"", for errors found when it is restored
};

/// A training run's state. What is not state (learning rates, scheme, unrolling, batch) may change
/// between the parts of a run, as in a live session; the game and the seed may not.
struct checkpoint {
  std::string game;
  std::uint64_t seed = 0;
  long step = 0;  // steps taken so far
  Eigen::VectorXd parameters;
  minimax::nn::adam<double> generator_adam, discriminator_adam;
  minimax::rng rng;                    // the training run's generator (batches)
  std::optional<began_control> began;  // the game began only
};

/// The checkpoint as JSON text (numbers that read back to the same bits).
std::string write_checkpoint(const checkpoint& c);
/// The same fields as CBOR (RFC 8949), numbers as 8-byte doubles: exact like the text, and several
/// times faster to read where parsing decimal numbers is slow (WebAssembly's strtod).
std::string write_checkpoint_cbor(const checkpoint& c);
/// Writes it to `path`, as JSON text where the name ends in ".json", else as CBOR; throws usage_error
/// when the file cannot be written.
void save_checkpoint(const std::string& path, const checkpoint& c);

/// Reads a checkpoint of `game` with `n_generator` of its `n_parameters` parameters the generator's,
/// the Adam optimisers' hyper-parameters taken from the two given: JSON text where the first
/// non-blank byte is '{', else CBOR. Every field is checked; a malformed or unfitting one throws
/// usage_error naming `source`, the line (of JSON text) and the field.
checkpoint read_checkpoint(std::string_view text, const std::string& source, const std::string& game,
                           Eigen::Index n_generator, Eigen::Index n_parameters,
                           const minimax::nn::adam<double>& generator_adam,
                           const minimax::nn::adam<double>& discriminator_adam);
/// read_checkpoint() of the file `path`.
checkpoint load_checkpoint(const std::string& path, const std::string& game, Eigen::Index n_generator,
                           Eigen::Index n_parameters, const minimax::nn::adam<double>& generator_adam,
                           const minimax::nn::adam<double>& discriminator_adam);

}  // namespace lab
