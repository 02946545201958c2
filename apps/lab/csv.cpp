#include "csv.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace lab::csv {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> split(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = line.find(',', start);
    fields.push_back(trim(line.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start)));
    if (comma == std::string_view::npos) return fields;
    start = comma + 1;
  }
}

// A decimal number that strtod reads in full (no hex, no "inf"/"nan" words, no trailing text).
bool to_number(std::string_view field, double& x) {
  if (field.empty() || field.size() > 64) return false;
  for (const char c : field) {
    if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) return false;
  }
  const std::string text(field);
  char* end = nullptr;
  errno = 0;
  x = std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size() && end != text.c_str();
}

std::string shown(std::string_view field) {
  std::string out;
  for (const char c : field.substr(0, 40)) {
    const unsigned char u = static_cast<unsigned char>(c);
    out += (u >= 0x20 && u < 0x7f) ? c : '?';
  }
  if (field.size() > 40) out += "...";
  return out;
}

}  // namespace

table parse(std::string_view text, const std::string& source) {
  table t;
  std::size_t line_number = 0;
  bool first_row = true;
  std::size_t pos = 0;
  const auto fail = [&](const std::string& what) -> void {
    throw parse_error(source + ":" + std::to_string(line_number) + ": " + what);
  };
  const auto field_name = [&](std::size_t k) {
    std::string name = "field " + std::to_string(k + 1);
    if (k < t.names.size()) name += " (" + t.names[k] + ")";
    return name;
  };
  while (pos <= text.size()) {
    const std::size_t newline = text.find('\n', pos);
    const std::string_view raw = text.substr(pos, newline == std::string_view::npos ? std::string_view::npos : newline - pos);
    pos = newline == std::string_view::npos ? text.size() + 1 : newline + 1;
    ++line_number;
    if (raw.find('\0') != std::string_view::npos) fail("a NUL byte: this is not a text file");
    const std::string_view line = trim(raw);
    if (line.empty() || line.front() == '#') continue;
    const auto fields = split(line);
    if (first_row) {
      first_row = false;
      t.columns = fields.size();
      bool numeric = true;
      double x = 0;
      for (const auto& f : fields) numeric = numeric && to_number(f, x);
      if (!numeric) {
        for (std::size_t k = 0; k < fields.size(); ++k) {
          if (fields[k].empty()) fail("field " + std::to_string(k + 1) + " of the header is empty");
          t.names.emplace_back(fields[k]);
        }
        continue;
      }
    }
    if (fields.size() != t.columns) {
      fail("this row has " + std::to_string(fields.size()) + " fields, expected " + std::to_string(t.columns));
    }
    for (std::size_t k = 0; k < fields.size(); ++k) {
      double x = 0;
      if (fields[k].empty()) fail(field_name(k) + " is empty");
      if (!to_number(fields[k], x)) fail(field_name(k) + ": '" + shown(fields[k]) + "' is not a number");
      if (!std::isfinite(x)) fail(field_name(k) + ": '" + shown(fields[k]) + "' is not a finite number");
      t.values.push_back(x);
    }
    ++t.rows;
  }
  if (t.rows == 0) throw parse_error(source + ": no data rows");
  return t;
}

table parse_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw parse_error(path + ": cannot open the file");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return parse(buffer.str(), path);
}

}  // namespace lab::csv
