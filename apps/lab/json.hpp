// minimax-lab's JSON, on nlohmann::json: results out, configuration files in.
// What remains the lab's own is how a configuration is read: the line of each top-level member is
// kept, so that a bad value names the file, the line and the field; duplicate keys and nesting deeper
// than 64 are refused rather than resolved silently; parse errors name the file and the line.
#pragma once

#include <cstddef>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace lab::json {

/// A JSON value; objects keep their keys in the order they were given.
using value = nlohmann::ordered_json;

/// A malformed document: the message names the source and the line.
struct parse_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// A parsed document, with the line (1-based) each member of its top-level object starts on.
struct document {
  value root;
  std::map<std::string, std::size_t, std::less<>> member_lines;

  /// The line of the top-level member `key`; 1 when the document has no such member.
  std::size_t line_of(std::string_view key) const;
};

/// Parses `text`; `source` names it in error messages ("config.json").
/// Rejects trailing text, duplicate keys, nesting deeper than 64, numbers that overflow a double.
document parse(std::string_view text, const std::string& source);

/// Reads and parses a file.
document parse_file(const std::string& path);

/// "a number", "a string", "an array", ...: a value's kind as an error message says it.
const char* kind_of(const value& v);

/// The shortest text that reads back to `x`: an integer up to 2^53 as an integer ("10"), any other
/// finite double as the shortest %g form that round-trips.
std::string shortest_text(double x);

/// `v` as JSON on one line, text that is not UTF-8 (from a CBOR file, say) written with replacement
/// characters instead of refused: for error messages and table cells.
std::string one_line(const value& v);

/// Writes `v` as JSON ending with a newline: an object's members one a line, an array of scalars on
/// one line (a trajectory's column stays one line), numbers as nlohmann::json writes them (the
/// shortest text that reads back), non-finite ones as null.
std::string dump(const value& v);

}  // namespace lab::json
