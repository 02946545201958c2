// A small JSON reader and writer for minimax-lab: configuration files in, results out.
// Every parsed value keeps the line it started on, so that a caller's validation error can name
// the file, the line and the field.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace lab::json {

/// A malformed document, or a value of the wrong kind: the message names the source and the line.
struct parse_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

enum class kind { null, boolean, number, string, array, object };

const char* to_string(kind k);

/// One JSON value. Objects keep their keys in the order they were given.
struct value {
  kind type = kind::null;
  bool boolean = false;
  double number = 0;
  std::string text;
  std::vector<value> items;                                  // array elements
  std::vector<std::pair<std::string, value>> members;        // object members, in order
  std::size_t line = 0;                                      // where the value starts (1-based; 0 if built)

  value() = default;
  value(std::nullptr_t) {}
  value(bool b) : type(kind::boolean), boolean(b) {}
  value(double x) : type(kind::number), number(x) {}
  value(int x) : type(kind::number), number(x) {}
  value(long x) : type(kind::number), number(static_cast<double>(x)) {}
  value(std::size_t x) : type(kind::number), number(static_cast<double>(x)) {}
  value(const char* s) : type(kind::string), text(s) {}
  value(std::string s) : type(kind::string), text(std::move(s)) {}

  static value array() { value v; v.type = kind::array; return v; }
  static value object() { value v; v.type = kind::object; return v; }

  /// Appends to an array.
  value& push(value v) { items.push_back(std::move(v)); return items.back(); }
  /// Sets (or replaces) an object member.
  value& set(const std::string& key, value v);
  /// The member, or nullptr.
  const value* find(const std::string& key) const;
};

/// Parses `text`; `source` names it in error messages ("config.json").
/// Rejects trailing garbage, duplicate keys, nesting deeper than 64, non-finite numbers.
value parse(std::string_view text, const std::string& source);

/// The shortest text that reads back to `x`: an integer up to 2^53 as an integer ("10"), any other
/// finite double as the shortest %g form that round-trips.
std::string shortest_text(double x);

/// Reads and parses a file.
value parse_file(const std::string& path);

/// Writes `v` as JSON; numbers with up to 17 significant digits, non-finite ones as null.
std::string dump(const value& v, int indent = 1);

}  // namespace lab::json
