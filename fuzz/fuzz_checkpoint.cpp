// libFuzzer target for minimax-lab's checkpoint reader (simulate --resume; JSON text or CBOR): any byte
// string either reads as a checkpoint or throws lab::usage_error; a checkpoint read, written (as text
// and as CBOR) and read again gives the same state (parameters, both optimisers, the generator's
// state, BEGAN's control) and the same text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "../apps/lab/args.hpp"
#include "../apps/lab/checkpoint.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  // a small game, so that random inputs can fit it: 3 of 5 parameters the generator's
  const std::string game = text.find("began") != std::string_view::npos ? "began" : "ring";
  const minimax::nn::adam<double> prototype(1e-3, 0.5, 0.999);
  std::optional<lab::checkpoint> read;
  try {
    read = lab::read_checkpoint(text, "fuzz.json", game, 3, 5, prototype, prototype);
  } catch (const lab::usage_error&) {
    return 0;
  }
  const lab::checkpoint& c = *read;
  const std::string once = lab::write_checkpoint(c);
  const lab::checkpoint again = lab::read_checkpoint(once, "round-trip", game, 3, 5, prototype, prototype);
  if (again.parameters != c.parameters || again.step != c.step || again.seed != c.seed ||
      again.generator_adam.first_moment() != c.generator_adam.first_moment() ||
      again.discriminator_adam.second_moment() != c.discriminator_adam.second_moment() ||
      again.generator_adam.steps() != c.generator_adam.steps() || again.began.has_value() != c.began.has_value()) {
    std::abort();
  }
  minimax::rng a = c.rng, b = again.rng;
  for (int i = 0; i < 4; ++i) {
    if (a.normal() != b.normal()) std::abort();
  }
  if (lab::write_checkpoint(again) != once) std::abort();
  // and through CBOR, the binary form: the same state
  const std::string binary = lab::write_checkpoint_cbor(c);
  const lab::checkpoint from_binary = lab::read_checkpoint(binary, "cbor", game, 3, 5, prototype, prototype);
  if (lab::write_checkpoint(from_binary) != once) std::abort();
  return 0;
}
