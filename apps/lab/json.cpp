#include "json.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace lab::json {

const char* to_string(kind k) {
  switch (k) {
    case kind::null: return "null";
    case kind::boolean: return "a boolean";
    case kind::number: return "a number";
    case kind::string: return "a string";
    case kind::array: return "an array";
    case kind::object: return "an object";
  }
  return "?";
}

value& value::set(const std::string& key, value v) {
  for (auto& [k, m] : members) {
    if (k == key) {
      m = std::move(v);
      return m;
    }
  }
  members.emplace_back(key, std::move(v));
  return members.back().second;
}

const value* value::find(const std::string& key) const {
  for (const auto& [k, m] : members) {
    if (k == key) return &m;
  }
  return nullptr;
}

namespace {

class parser {
 public:
  parser(std::string_view text, const std::string& source) : s_(text), source_(source) {}

  value document() {
    skip_space();
    value v = parse_value(0);
    skip_space();
    if (pos_ != s_.size()) fail("unexpected text after the JSON value");
    return v;
  }

 private:
  std::string_view s_;
  const std::string& source_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;

  [[noreturn]] void fail(const std::string& what) const {
    throw parse_error(source_ + ":" + std::to_string(line_) + ": " + what);
  }
  void skip_space() {
    while (pos_ < s_.size()) {
      const char c = s_[pos_];
      if (c == '\n') {
        ++line_;
      } else if (c != ' ' && c != '\t' && c != '\r') {
        break;
      }
      ++pos_;
    }
  }
  char peek() const { return pos_ < s_.size() ? s_[pos_] : '\0'; }
  void expect(char c) {
    if (peek() != c) fail(std::string("expected '") + c + "'" + describe_here());
    ++pos_;
  }
  std::string describe_here() const {
    if (pos_ >= s_.size()) return ", found the end of the file";
    const unsigned char c = static_cast<unsigned char>(s_[pos_]);
    if (c >= 0x20 && c < 0x7f) return std::string(", found '") + static_cast<char>(c) + "'";
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, ", found byte 0x%02x", c);
    return buffer;
  }

  value parse_value(int depth) {
    if (depth > 64) fail("nesting deeper than 64 levels");
    const std::size_t start_line = line_;
    value v;
    switch (peek()) {
      case '{': v = parse_object(depth); break;
      case '[': v = parse_array(depth); break;
      case '"': v = value(parse_string()); break;
      case 't': literal("true"); v = value(true); break;
      case 'f': literal("false"); v = value(false); break;
      case 'n': literal("null"); v = value(nullptr); break;
      default:
        if (peek() == '-' || (peek() >= '0' && peek() <= '9')) {
          v = value(parse_number());
        } else {
          fail("expected a JSON value" + describe_here());
        }
    }
    v.line = start_line;
    return v;
  }
  void literal(std::string_view word) {
    if (s_.substr(pos_, word.size()) != word) fail("expected '" + std::string(word) + "'" + describe_here());
    pos_ += word.size();
  }
  double parse_number() {
    const std::size_t start = pos_;
    if (peek() == '-') ++pos_;
    if (peek() == '0') {
      ++pos_;
    } else if (peek() >= '1' && peek() <= '9') {
      while (peek() >= '0' && peek() <= '9') ++pos_;
    } else {
      fail("a number needs digits" + describe_here());
    }
    if (peek() == '.') {
      ++pos_;
      if (!(peek() >= '0' && peek() <= '9')) fail("a digit must follow the decimal point" + describe_here());
      while (peek() >= '0' && peek() <= '9') ++pos_;
    }
    if (peek() == 'e' || peek() == 'E') {
      ++pos_;
      if (peek() == '+' || peek() == '-') ++pos_;
      if (!(peek() >= '0' && peek() <= '9')) fail("a digit must follow the exponent" + describe_here());
      while (peek() >= '0' && peek() <= '9') ++pos_;
    }
    const std::string token(s_.substr(start, pos_ - start));
    const double x = std::strtod(token.c_str(), nullptr);
    if (!std::isfinite(x)) fail("the number " + token + " is out of the range of a double");
    return x;
  }
  static void append_utf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xc0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xe0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
      out += static_cast<char>(0x80 | (cp & 0x3f));
    } else {
      out += static_cast<char>(0xf0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
      out += static_cast<char>(0x80 | (cp & 0x3f));
    }
  }
  unsigned hex4() {
    unsigned cp = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = peek();
      cp <<= 4;
      if (c >= '0' && c <= '9') cp |= static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f') cp |= static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') cp |= static_cast<unsigned>(c - 'A' + 10);
      else fail("\\u needs four hex digits" + describe_here());
      ++pos_;
    }
    return cp;
  }
  std::string parse_string() {
    expect('"');
    std::string out;
    for (;;) {
      if (pos_ >= s_.size()) fail("unterminated string");
      const char c = s_[pos_++];
      if (c == '"') return out;
      if (static_cast<unsigned char>(c) < 0x20) {
        --pos_;
        fail("a control character inside a string" + describe_here());
      }
      if (c != '\\') {
        out += c;
        continue;
      }
      const char e = peek();
      ++pos_;
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          unsigned cp = hex4();
          if (cp >= 0xd800 && cp < 0xdc00) {  // a high surrogate needs its low half
            if (peek() != '\\') fail("an unpaired UTF-16 surrogate in \\u escape");
            ++pos_;
            if (peek() != 'u') fail("an unpaired UTF-16 surrogate in \\u escape");
            ++pos_;
            const unsigned low = hex4();
            if (low < 0xdc00 || low >= 0xe000) fail("an unpaired UTF-16 surrogate in \\u escape");
            cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
          } else if (cp >= 0xdc00 && cp < 0xe000) {
            fail("an unpaired UTF-16 surrogate in \\u escape");
          }
          append_utf8(out, cp);
          break;
        }
        default: --pos_; fail("an unknown escape in a string" + describe_here());
      }
    }
  }
  value parse_array(int depth) {
    expect('[');
    value v = value::array();
    skip_space();
    if (peek() == ']') {
      ++pos_;
      return v;
    }
    for (;;) {
      skip_space();
      v.items.push_back(parse_value(depth + 1));
      skip_space();
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      expect(']');
      return v;
    }
  }
  value parse_object(int depth) {
    expect('{');
    value v = value::object();
    skip_space();
    if (peek() == '}') {
      ++pos_;
      return v;
    }
    for (;;) {
      skip_space();
      if (peek() != '"') fail("expected a key in quotes" + describe_here());
      std::string key = parse_string();
      if (v.find(key) != nullptr) fail("the key \"" + key + "\" appears twice");
      skip_space();
      expect(':');
      skip_space();
      value member = parse_value(depth + 1);
      v.members.emplace_back(std::move(key), std::move(member));
      skip_space();
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      expect('}');
      return v;
    }
  }
};

void write_string(std::string& out, const std::string& s) {
  out += '"';
  for (const char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
          out += buffer;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

// Arrays of scalars stay on one line: trajectories and tables stay readable.
bool flat(const value& v) {
  for (const auto& item : v.items) {
    if (item.type == kind::array || item.type == kind::object) return false;
  }
  return true;
}

void write(std::string& out, const value& v, int indent, int level) {
  const auto newline = [&](int l) {
    if (indent <= 0) return;
    out += '\n';
    out.append(static_cast<std::size_t>(indent * l), ' ');
  };
  switch (v.type) {
    case kind::null: out += "null"; break;
    case kind::boolean: out += v.boolean ? "true" : "false"; break;
    case kind::number:
      if (!std::isfinite(v.number)) {
        out += "null";
      } else {
        out += shortest_text(v.number);
      }
      break;
    case kind::string: write_string(out, v.text); break;
    case kind::array: {
      out += '[';
      const bool one_line = flat(v);
      for (std::size_t i = 0; i < v.items.size(); ++i) {
        if (i > 0) out += one_line ? ", " : ",";
        if (!one_line) newline(level + 1);
        write(out, v.items[i], indent, level + 1);
      }
      if (!one_line && !v.items.empty()) newline(level);
      out += ']';
      break;
    }
    case kind::object: {
      out += '{';
      for (std::size_t i = 0; i < v.members.size(); ++i) {
        if (i > 0) out += ',';
        newline(level + 1);
        write_string(out, v.members[i].first);
        out += indent > 0 ? ": " : ":";
        write(out, v.members[i].second, indent, level + 1);
      }
      if (!v.members.empty()) newline(level);
      out += '}';
      break;
    }
  }
}

}  // namespace

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

value parse(std::string_view text, const std::string& source) { return parser(text, source).document(); }

value parse_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw parse_error(path + ": cannot open the file");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return parse(buffer.str(), path);
}

std::string dump(const value& v, int indent) {
  std::string out;
  write(out, v, indent, 0);
  out += '\n';
  return out;
}

}  // namespace lab::json
