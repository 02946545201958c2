#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include <minimax/prob/random.hpp>

#include "csv.hpp"
#include "lab.hpp"

namespace lab {

std::string format_number(double x) { return json::shortest_text(x); }

json::value to_json(const Eigen::VectorXd& v) {
  json::value out = json::value::array();
  for (Eigen::Index i = 0; i < v.size(); ++i) out.push_back(v[i]);
  return out;
}
json::value to_json(const Eigen::MatrixXd& m) {
  json::value out = json::value::array();
  for (Eigen::Index i = 0; i < m.rows(); ++i) out.push_back(to_json(Eigen::VectorXd(m.row(i).transpose())));
  return out;
}
json::value to_json(const Eigen::VectorXcd& v) {
  json::value out = json::value::array();
  for (Eigen::Index i = 0; i < v.size(); ++i) out.push_back({v[i].real(), v[i].imag()});
  return out;
}

namespace {
std::string cell(const json::value& v) {
  if (v.is_number()) return format_number(v.get<double>());
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_null()) return "";
  return json::one_line(v);
}
std::string csv_cell(const json::value& v) {
  std::string s = cell(v);
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string quoted = "\"";
  for (char c : s) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}
}  // namespace

void emit(const result& r, const arguments& a, const std::string& fallback, const std::string& text) {
  const std::string format = a.text("format").empty() ? fallback : a.text("format");
  std::ostringstream out;
  if (format == "json") {
    json::value doc = r.meta;
    json::value table = json::value::object();
    for (std::size_t c = 0; c < r.columns.size(); ++c) {
      json::value column = json::value::array();
      for (const auto& row : r.rows) column.push_back(row[c]);
      table[r.columns[c]] = std::move(column);
    }
    doc["table"] = std::move(table);
    out << json::dump(doc);
  } else if (format == "csv") {
    for (const auto& [key, v] : r.meta.items()) {
      if (!v.is_array() && !v.is_object()) {
        std::string s = cell(v);
        for (char& c : s) c = c == '\n' ? ' ' : c;
        out << "# " << key << ": " << s << "\n";
      }
    }
    for (std::size_t c = 0; c < r.columns.size(); ++c) out << (c ? "," : "") << r.columns[c];
    out << "\n";
    for (const auto& row : r.rows) {
      for (std::size_t c = 0; c < row.size(); ++c) out << (c ? "," : "") << csv_cell(row[c]);
      out << "\n";
    }
  } else if (format == "table") {
    if (!text.empty()) {
      out << text;
    } else {
      for (const auto& [key, v] : r.meta.items()) {
        if (!v.is_array() && !v.is_object()) out << key << ": " << cell(v) << "\n";
      }
      std::vector<std::size_t> width(r.columns.size());
      for (std::size_t c = 0; c < r.columns.size(); ++c) {
        width[c] = r.columns[c].size();
        for (const auto& row : r.rows) width[c] = std::max(width[c], cell(row[c]).size());
      }
      for (std::size_t c = 0; c < r.columns.size(); ++c) {
        out << (c ? "  " : "") << r.columns[c] << std::string(width[c] - r.columns[c].size(), ' ');
      }
      out << "\n";
      for (const auto& row : r.rows) {
        for (std::size_t c = 0; c < row.size(); ++c) {
          const std::string s = cell(row[c]);
          out << (c ? "  " : "") << s << std::string(width[c] - s.size(), ' ');
        }
        out << "\n";
      }
    }
  } else {
    throw usage_error("--format must be json, csv or table; got '" + format + "'");
  }
  const std::string path = a.text("output");
  if (path.empty() || path == "-") {
    std::cout << out.str() << std::flush;
  } else {
    std::ofstream file(path, std::ios::binary);
    if (!file) throw usage_error("cannot write " + path);
    file << out.str();
    if (!file) throw usage_error("writing " + path + " failed");
  }
}

progress::progress(const arguments& a, std::string label, long total)
    : enabled_(a.flag("progress") || isatty(2)), label_(std::move(label)), total_(total),
      start_(std::chrono::steady_clock::now()) {}

void progress::update(long done) {
  if (!enabled_ || total_ <= 0) return;
  if (!shown_) {
    if (std::chrono::steady_clock::now() - start_ < std::chrono::seconds(1)) return;
    shown_ = true;
  }
  const int percent = static_cast<int>(100 * done / total_);
  if (percent == last_) return;
  last_ = percent;
  const int marks = percent * 40 / 100;
  std::fprintf(stderr, "\r%s [%s%s] %3d%%", label_.c_str(), std::string(static_cast<std::size_t>(marks), '=').c_str(),
               std::string(static_cast<std::size_t>(40 - marks), ' ').c_str(), percent);
  std::fflush(stderr);
}

progress::~progress() {
  if (shown_) {
    update(total_);
    std::fputc('\n', stderr);
  }
}

// ---- distributions ---------------------------------------------------------------------------

namespace {
std::vector<double> numbers_of(const std::string& list, const std::string& what) {
  std::vector<double> out;
  std::stringstream in(list);
  for (std::string part; std::getline(in, part, ',');) out.push_back(parse_number(part, what));
  if (!list.empty() && list.back() == ',') throw usage_error(what + ": a number is missing after the last comma");
  return out;
}

minimax::mixture_component component(const std::string& spec, const std::string& what) {
  const auto colon = spec.find(':');
  const std::string name = spec.substr(0, colon);
  const auto values = numbers_of(colon == std::string::npos ? "" : spec.substr(colon + 1), what + " (" + name + ")");
  const auto need = [&](std::size_t n) {
    if (values.size() != n) {
      throw usage_error(what + ": " + name + " takes " + std::to_string(n) + " numbers, got " +
                        std::to_string(values.size()) + " in '" + spec + "'");
    }
  };
  if (name == "normal") {
    need(2);
    return minimax::normal{values[0], values[1]};
  }
  if (name == "uniform") {
    need(2);
    return minimax::uniform{values[0], values[1]};
  }
  if (name == "dirac") {
    need(1);
    return minimax::dirac{values[0]};
  }
  throw usage_error(what + ": unknown distribution '" + name + "' (normal, uniform, dirac, mixture, pmf, csv)");
}
}  // namespace

measure parse_measure(const std::string& spec, const std::string& option_name) {
  const std::string what = "--" + option_name;
  measure m;
  m.text = spec;
  const auto colon = spec.find(':');
  const std::string name = spec.substr(0, colon);
  const std::string rest = colon == std::string::npos ? "" : spec.substr(colon + 1);
  try {
    if (name == "csv" || (spec.size() > 4 && spec.substr(spec.size() - 4) == ".csv")) {
      std::string path = name == "csv" ? rest : spec, column;
      if (name == "csv") {
        if (const auto c = rest.rfind(':'); c != std::string::npos && rest.substr(c).find('.') == std::string::npos) {
          path = rest.substr(0, c);
          column = rest.substr(c + 1);
        }
      }
      const csv::table t = csv::parse_file(path);
      std::size_t first = 0, count = t.columns;
      if (!column.empty()) {
        count = 1;
        first = t.columns;
        for (std::size_t k = 0; k < t.names.size(); ++k) first = t.names[k] == column ? k : first;
        if (first == t.columns) {
          char* end = nullptr;
          const long k = std::strtol(column.c_str(), &end, 10);
          if (end == column.c_str() + column.size() && k >= 1 && static_cast<std::size_t>(k) <= t.columns) {
            first = static_cast<std::size_t>(k - 1);
          } else {
            throw usage_error(what + ": " + path + " has no column '" + column + "'");
          }
        }
      }
      m.type = measure::kind::samples;
      m.samples.resize(static_cast<Eigen::Index>(t.rows), static_cast<Eigen::Index>(count));
      for (std::size_t r = 0; r < t.rows; ++r) {
        for (std::size_t c = 0; c < count; ++c) {
          m.samples(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) = t.at(r, first + c);
        }
      }
      return m;
    }
    if (name == "pmf") {
      const auto p = numbers_of(rest, what + " (pmf)");
      if (p.empty()) throw usage_error(what + ": pmf needs probabilities");
      m.type = measure::kind::pmf;
      m.p = minimax::pmf::from(Eigen::Map<const Eigen::VectorXd>(p.data(), static_cast<Eigen::Index>(p.size())));
      return m;
    }
    if (name == "mixture") {
      std::vector<double> weights;
      std::vector<minimax::mixture_component> parts;
      std::size_t start = 0;
      for (std::size_t i = 0; i <= rest.size(); ++i) {
        const bool split = i == rest.size() || (rest[i] == '+' && i > 0 && rest[i - 1] != 'e' && rest[i - 1] != 'E');
        if (!split) continue;
        const std::string item = rest.substr(start, i - start);
        start = i + 1;
        const auto star = item.find('*');
        if (star == std::string::npos) throw usage_error(what + ": a mixture component is WEIGHT*DISTRIBUTION, got '" + item + "'");
        weights.push_back(parse_number(item.substr(0, star), what + " (mixture weight)"));
        parts.push_back(component(item.substr(star + 1), what));
      }
      // The weights are checked as for any mixture (they must sum to 1; none is renormalised or
      // dropped); a lone component of weight 1 is then that distribution, with its own closed forms.
      minimax::mixture checked(weights, parts);
      if (parts.size() == 1) return parse_measure(rest.substr(rest.find('*') + 1), option_name);
      m.d = std::move(checked);
      return m;
    }
    const auto c = component(spec, what);
    if (std::holds_alternative<minimax::dirac>(c)) throw usage_error(what + ": a dirac has no density; use it inside a mixture");
    if (std::holds_alternative<minimax::normal>(c)) m.d = std::get<minimax::normal>(c);
    else m.d = std::get<minimax::uniform>(c);
    return m;
  } catch (const csv::parse_error& e) {
    throw usage_error(e.what());
  } catch (const minimax::invalid_argument& e) {
    throw usage_error(what + " '" + spec + "': " + e.what());
  } catch (const minimax::domain_error& e) {
    throw usage_error(what + " '" + spec + "': " + e.what());
  }
}

minimax::mixture as_mixture(const density& d) {
  if (const auto* n = std::get_if<minimax::normal>(&d)) return minimax::mixture({1.0}, {*n});
  if (const auto* u = std::get_if<minimax::uniform>(&d)) return minimax::mixture({1.0}, {*u});
  return std::get<minimax::mixture>(d);
}

Eigen::MatrixXd draw(const density& d, long n, std::uint64_t seed) {
  minimax::rng g(seed);
  Eigen::MatrixXd x(n, 1);
  std::visit([&](const auto& dist) { for (long i = 0; i < n; ++i) x(i, 0) = minimax::sample(dist, g); }, d);
  return x;
}

}  // namespace lab
