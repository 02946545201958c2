// libFuzzer target for minimax-lab's JSON reader: any byte string either parses or throws
// lab::json::parse_error; a parsed value, written out and read again, gives the same text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "../apps/lab/json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  lab::json::value v;
  try {
    v = lab::json::parse(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.json");
  } catch (const lab::json::parse_error&) {
    return 0;
  }
  const std::string once = lab::json::dump(v, 0);
  const std::string twice = lab::json::dump(lab::json::parse(once, "round-trip"), 0);
  if (once != twice) std::abort();
  return 0;
}
