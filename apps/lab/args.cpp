#include "args.hpp"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <sstream>

namespace lab {

arguments::arguments(std::string command, std::string summary, std::vector<option> options)
    : command_(std::move(command)), summary_(std::move(summary)), options_(std::move(options)) {
  options_.push_back({"format", "", "output format: json or csv (some commands also: table)", false});
  options_.push_back({"output", "-", "write the result to this file instead of stdout", false});
  options_.push_back({"progress", "", "show a progress bar on stderr even when it is not a terminal", true});
  options_.push_back({"help", "", "print this help", true});
  for (const auto& o : options_) values_[o.name] = o.default_value;
}

const option& arguments::find(const std::string& name) const {
  for (const auto& o : options_) {
    if (o.name == name) return o;
  }
  throw usage_error("unknown option --" + name + " (see minimax-lab " + command_ + " --help)");
}

bool arguments::parse(int argc, char** argv, int first) {
  for (int i = first; i < argc; ++i) {
    std::string a = argv[i];
    if (a.rfind("--", 0) != 0 || a.size() == 2) {
      positionals_.push_back(a);
      continue;
    }
    std::string name = a.substr(2), value;
    bool has_value = false;
    if (const auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      has_value = true;
    }
    const option& o = find(name);
    if (o.flag) {
      if (has_value) throw usage_error("--" + name + " takes no value");
      value = "1";
    } else if (!has_value) {
      if (i + 1 >= argc) throw usage_error("--" + name + " needs a value");
      value = argv[++i];
    }
    values_[name] = value;
    given_[name] = true;
  }
  if (flag("help")) {
    std::fputs(help().c_str(), stdout);
    return false;
  }
  return true;
}

void arguments::apply_config(const json::value& config, const std::string& source) {
  if (config.type != json::kind::object) {
    throw usage_error(source + ":" + std::to_string(config.line) + ": the configuration must be a JSON object");
  }
  for (const auto& [key, v] : config.members) {
    const std::string where = source + ":" + std::to_string(v.line) + ": field \"" + key + "\"";
    bool known = false;
    for (const auto& o : options_) known = known || (o.name == key && o.name != "help" && o.name != "config");
    if (!known) throw usage_error(where + " is not an option of minimax-lab " + command_);
    if (given(key)) continue;  // the command line wins
    const option& declared = find(key);
    // a flag takes true or false, every other option a value: neither is read as the other
    if (declared.flag != (v.type == json::kind::boolean)) {
      throw usage_error(where + (declared.flag ? " is a flag: it must be true or false" : " takes a value (a string, a number or an array of numbers)") +
                        ", got " + json::to_string(v.type));
    }
    std::string text;
    switch (v.type) {
      case json::kind::string: text = v.text; break;
      case json::kind::boolean: text = v.boolean ? "1" : ""; break;
      case json::kind::number: {
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "%.17g", v.number);
        text = buffer;
        break;
      }
      case json::kind::array: {
        for (std::size_t k = 0; k < v.items.size(); ++k) {
          if (v.items[k].type != json::kind::number) {
            throw usage_error(where + ": element " + std::to_string(k + 1) + " must be a number, got " +
                              json::to_string(v.items[k].type));
          }
          char buffer[32];
          std::snprintf(buffer, sizeof buffer, "%s%.17g", k ? "," : "", v.items[k].number);
          text += buffer;
        }
        break;
      }
      default: throw usage_error(where + " must be a string, a number, a boolean or an array of numbers, got " +
                                 json::to_string(v.type));
    }
    try {
      values_[key] = text;
      given_[key] = true;
      // an option whose default is a number takes numbers: say where a file gives something else
      char* end = nullptr;
      const bool numeric =
          !declared.default_value.empty() && (std::strtod(declared.default_value.c_str(), &end), *end == '\0');
      if (numeric) {
        if (v.type == json::kind::array) {
          (void)numbers(key);
        } else {
          (void)parse_number(text, "--" + key);
        }
      }
    } catch (const usage_error& e) {
      throw usage_error(where + ": " + e.what());
    }
  }
}

std::string arguments::text(const std::string& name) const {
  (void)find(name);
  return values_.at(name);
}

double parse_number(const std::string& text, const std::string& what) {
  char* end = nullptr;
  const double x = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size()) throw usage_error(what + " must be a number, got '" + text + "'");
  if (!std::isfinite(x)) throw usage_error(what + " must be finite, got '" + text + "'");
  return x;
}

double arguments::number(const std::string& name) const { return parse_number(text(name), "--" + name); }

double arguments::positive(const std::string& name) const {
  const double x = number(name);
  if (!(x > 0)) throw usage_error("--" + name + " must be positive, got " + text(name));
  return x;
}

double arguments::non_negative(const std::string& name) const {
  const double x = number(name);
  if (!(x >= 0)) throw usage_error("--" + name + " must be non-negative, got " + text(name));
  return x;
}

long arguments::integer(const std::string& name, long min_value) const {
  const std::string t = text(name);
  char* end = nullptr;
  errno = 0;
  const long n = std::strtol(t.c_str(), &end, 10);
  if (t.empty() || end != t.c_str() + t.size()) throw usage_error("--" + name + " must be an integer, got '" + t + "'");
  if (errno == ERANGE) {
    throw usage_error("--" + name + " must be an integer from " + std::to_string(min_value) + " to " +
                      std::to_string(std::numeric_limits<long>::max()) + ", got " + t);
  }
  if (n < min_value) throw usage_error("--" + name + " must be at least " + std::to_string(min_value) + ", got " + t);
  return n;
}

bool arguments::flag(const std::string& name) const { return !text(name).empty(); }

std::vector<double> arguments::numbers(const std::string& name) const {
  std::vector<double> out;
  std::stringstream in(text(name));
  for (std::string part; std::getline(in, part, ',');) out.push_back(parse_number(part, "--" + name));
  return out;
}

std::string arguments::choice(const std::string& name, const std::vector<std::string>& allowed) const {
  const std::string t = text(name);
  std::string list;
  for (const auto& a : allowed) {
    if (a == t) return t;
    list += (list.empty() ? "" : ", ") + a;
  }
  throw usage_error("--" + name + " must be one of " + list + "; got '" + t + "'");
}

std::string arguments::help() const {
  std::string out = "usage: minimax-lab " + command_ + " [options]\n\n" + summary_ + "\n\noptions:\n";
  for (const auto& o : options_) {
    std::string left = "  --" + o.name + (o.flag ? "" : " VALUE");
    if (left.size() < 26) left.append(26 - left.size(), ' ');
    out += left + " " + o.help;
    if (!o.default_value.empty()) out += " (default: " + o.default_value + ")";
    out += "\n";
  }
  return out;
}

}  // namespace lab
