// libFuzzer target for minimax-lab's CSV reader: any byte string either parses into a consistent
// table or throws lab::csv::parse_error; nothing else (no crash, no other exception).
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "../apps/lab/csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const auto t = lab::csv::parse(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.csv");
    if (t.rows == 0 || t.values.size() != t.rows * t.columns) std::abort();
    if (!t.names.empty() && t.names.size() != t.columns) std::abort();
    for (const double x : t.values) {
      if (!std::isfinite(x)) std::abort();
    }
  } catch (const lab::csv::parse_error&) {
  }
  return 0;
}
