// A small CSV reader for sample files: one sample per row, one coordinate per column.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace lab::csv {

/// A malformed file: the message names the source, the line and the field.
struct parse_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// The samples of a CSV file: `rows` × `columns` numbers, row-major, and the header's names
/// (empty when the file has no header).
struct table {
  std::vector<std::string> names;
  std::vector<double> values;
  std::size_t rows = 0;
  std::size_t columns = 0;
  double at(std::size_t r, std::size_t c) const { return values[r * columns + c]; }
};

/// Parses CSV text. Rules: fields separated by commas, surrounding blanks ignored; blank lines and
/// lines starting with '#' skipped; the first row is a header when any of its fields is not a
/// number; every other field must be a finite decimal number; every row has the header's number of
/// fields; at least one data row. `source` names the text in messages ("samples.csv").
table parse(std::string_view text, const std::string& source);

/// Reads and parses a file.
table parse_file(const std::string& path);

}  // namespace lab::csv
