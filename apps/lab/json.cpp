#include "json.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <vector>

namespace lab::json {

namespace {

constexpr int max_depth = 64;

// A pointer into the text that records, in `read`, how far nlohmann's lexer has read: at a member's
// key the lexer has just read the closing quote, so the line of what was read is the key's line.
struct reading_iterator {
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  const char* at = nullptr;
  const char** read = nullptr;

  reference operator*() const { return *at; }
  reading_iterator& operator++() {
    *read = ++at;
    return *this;
  }
  reading_iterator operator++(int) {
    reading_iterator before = *this;
    ++*this;
    return before;
  }
  bool operator==(const reading_iterator& other) const { return at == other.at; }
};

// The line of the last character among the first `count` of `text` (1 when none was read; the last
// line when `count` goes past the end: the end of the text was read).
std::size_t line_of_last(std::string_view text, std::size_t count) {
  if (count > text.size()) return 1 + static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
  if (count == 0) return 1;
  return 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(count - 1), '\n'));
}

// nlohmann's message without its "[json.exception...] parse error at line L, column C: " preamble,
// since the lab's message starts with the file and the line itself.
std::string reason(const std::exception& e) {
  std::string message = e.what();
  if (const auto end = message.find("] "); end != std::string::npos) message = message.substr(end + 2);
  if (message.rfind("parse error", 0) == 0) {
    if (const auto colon = message.find(": "); colon != std::string::npos) message = message.substr(colon + 2);
  }
  return message;
}

bool scalar(const value& v) { return !v.is_array() && !v.is_object(); }

void write(std::string& out, const value& v, int level) {
  const auto newline = [&](int l) {
    out += '\n';
    out.append(static_cast<std::size_t>(l), ' ');
  };
  if (v.is_object()) {
    out += '{';
    bool first = true;
    for (const auto& [key, member] : v.items()) {
      if (!first) out += ',';
      first = false;
      newline(level + 1);
      out += one_line(value(key));
      out += ": ";
      write(out, member, level + 1);
    }
    if (!v.empty()) newline(level);
    out += '}';
  } else if (v.is_array()) {
    const bool flat = std::all_of(v.begin(), v.end(), scalar);
    out += '[';
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (i > 0) out += flat ? ", " : ",";
      if (!flat) newline(level + 1);
      write(out, v[i], level + 1);
    }
    if (!flat && !v.empty()) newline(level);
    out += ']';
  } else {
    out += one_line(v);  // text that is not UTF-8 (a file name, say): replacement characters, not refused
  }
}

}  // namespace

std::size_t document::line_of(std::string_view key) const {
  const auto found = member_lines.find(key);
  return found == member_lines.end() ? 1 : found->second;
}

document parse(std::string_view text, const std::string& source) {
  document doc;
  const char* read = text.data();
  std::vector<std::set<std::string, std::less<>>> keys;  // of each object being read
  const auto where = [&] { return source + ":" + std::to_string(line_of_last(text, static_cast<std::size_t>(read - text.data()))); };
  const value::parser_callback_t check = [&](int depth, nlohmann::json::parse_event_t event, value& parsed) {
    using event_t = nlohmann::json::parse_event_t;
    if ((event == event_t::object_start || event == event_t::array_start) && depth >= max_depth) {
      throw parse_error(where() + ": nesting deeper than " + std::to_string(max_depth) + " levels");
    }
    if (event == event_t::object_start) keys.emplace_back();
    if (event == event_t::object_end) keys.pop_back();
    if (event == event_t::key) {
      const auto& key = parsed.get_ref<const std::string&>();
      if (!keys.back().insert(key).second) throw parse_error(where() + ": duplicate key \"" + key + "\"");
      if (depth == 1) doc.member_lines.emplace(key, line_of_last(text, static_cast<std::size_t>(read - text.data())));
    }
    return true;
  };
  try {
    doc.root = value::parse(reading_iterator{text.data(), &read}, reading_iterator{text.data() + text.size(), &read}, check);
  } catch (const nlohmann::json::parse_error& e) {
    throw parse_error(source + ":" + std::to_string(line_of_last(text, e.byte)) + ": " + reason(e));
  } catch (const nlohmann::json::exception& e) {  // a number that overflows a double
    throw parse_error(where() + ": " + reason(e));
  }
  return doc;
}

document parse_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw parse_error(path + ": cannot open the file");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return parse(buffer.str(), path);
}

const char* kind_of(const value& v) {
  switch (v.type()) {
    case value::value_t::null: return "null";
    case value::value_t::boolean: return "a boolean";
    case value::value_t::string: return "a string";
    case value::value_t::array: return "an array";
    case value::value_t::object: return "an object";
    case value::value_t::discarded: return "nothing";
    default: return "a number";
  }
}

std::string shortest_text(double x) {
  char buffer[32];
  // integers as integers (10 is "10", not "1e+01"), up to 2^53, below which every integer is exact
  if (x == std::trunc(x) && std::abs(x) <= 9007199254740992.0) {
    std::snprintf(buffer, sizeof buffer, "%.0f", x);
    return buffer;
  }
  // otherwise the shortest %g text that reads back to the same double, found by bisection over the
  // digit count (17 always reads back; a correctly rounded longer text is never farther from x), in
  // about four printings rather than up to seventeen: the lab prints thousands of numbers a run
  const auto reads_back = [&](int digits) {
    const int length = std::snprintf(buffer, sizeof buffer, "%.*g", digits, x);
    return length > 0 && length < static_cast<int>(sizeof buffer) && std::strtod(buffer, nullptr) == x;
  };
  int fails = 0, passes = 17;  // reads_back(fails) is false (0 digits: nothing), reads_back(passes) true
  while (passes - fails > 1) {
    const int middle = (fails + passes) / 2;
    (reads_back(middle) ? passes : fails) = middle;
  }
  if (!reads_back(passes)) std::snprintf(buffer, sizeof buffer, "%.17g", x);  // rewrites the buffer
  return buffer;
}

std::string one_line(const value& v) { return v.dump(-1, ' ', false, value::error_handler_t::replace); }

std::string dump(const value& v) {
  std::string out;
  write(out, v, 0);
  out += '\n';
  return out;
}

}  // namespace lab::json
