// libFuzzer target for minimax-lab's configuration reader (nlohmann::json with the lab's line
// tracking, duplicate-key and depth checks): any byte string either parses or throws
// lab::json::parse_error; a parsed value, written out and read again, gives the same text.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "../apps/lab/json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  lab::json::document doc;
  try {
    doc = lab::json::parse(text, "fuzz.json");
  } catch (const lab::json::parse_error&) {
    return 0;
  }
  // every top-level member's line lies within the text
  const std::size_t lines = 1 + static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
  for (const auto& [key, line] : doc.member_lines) {
    if (line < 1 || line > lines) std::abort();
  }
  const std::string once = lab::json::dump(doc.root);
  const std::string twice = lab::json::dump(lab::json::parse(once, "round-trip").root);
  if (once != twice) std::abort();
  return 0;
}
