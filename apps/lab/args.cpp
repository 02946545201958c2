#include "args.hpp"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <limits>
#include <memory>
#include <sstream>

#include <CLI/App.hpp>
#include <CLI/Config.hpp>
#include <CLI/Formatter.hpp>

#include "json.hpp"

namespace lab {

namespace {

bool numeric_text(const std::string& text) {
  char* end = nullptr;
  return !text.empty() && (std::strtod(text.c_str(), &end), *end == '\0');
}

// --config FILE for CLI11: a JSON object whose members are options. Each member is checked here,
// where its line is known (a key the command lacks, a flag given a non-boolean, a number expected and
// something else given), then handed to CLI11, which applies it unless the command line gave it.
class json_config : public CLI::Config {
 public:
  json_config(const std::vector<option>& options, std::string command, const CLI::Option* file,
              std::map<std::string, std::string>* origin)
      : options_(options), command_(std::move(command)), file_(file), origin_(origin) {}

  std::string to_config(const CLI::App*, bool, bool, std::string) const override { return {}; }

  std::vector<CLI::ConfigItem> from_config(std::istream& in) const override {
    const std::string source = file_->as<std::string>();
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    json::document doc;
    try {
      doc = json::parse(text, source);
    } catch (const json::parse_error& e) {
      throw usage_error(e.what());
    }
    if (!doc.root.is_object()) throw usage_error(source + ":1: the configuration must be a JSON object");
    std::vector<CLI::ConfigItem> items;
    for (const auto& [key, v] : doc.root.items()) {
      const std::string where = source + ":" + std::to_string(doc.line_of(key)) + ": field \"" + key + "\"";
      const option* declared = nullptr;
      for (const auto& o : options_) {
        if (o.name == key && o.name != "help" && o.name != "config") declared = &o;
      }
      if (!declared) throw usage_error(where + " is not an option of minimax-lab " + command_);
      // a flag takes true or false, every other option a value: neither is read as the other
      if (declared->flag != v.is_boolean()) {
        throw usage_error(where + (declared->flag ? " is a flag: it must be true or false" : " takes a value (a string, a number or an array of numbers)") +
                          ", got " + json::kind_of(v));
      }
      std::string text_value;
      if (v.is_string()) {
        text_value = v.get<std::string>();
      } else if (v.is_boolean()) {
        text_value = v.get<bool>() ? "true" : "false";
      } else if (v.is_number()) {
        text_value = json::shortest_text(v.get<double>());
      } else if (v.is_array()) {
        for (std::size_t k = 0; k < v.size(); ++k) {
          if (!v[k].is_number()) {
            throw usage_error(where + ": element " + std::to_string(k + 1) + " must be a number, got " + json::kind_of(v[k]));
          }
          text_value += (k ? "," : "") + json::shortest_text(v[k].get<double>());
        }
      } else {
        throw usage_error(where + " must be a string, a number, a boolean or an array of numbers, got " + json::kind_of(v));
      }
      // an option whose default is a number takes numbers: say where a file gives something else
      if (numeric_text(declared->default_value)) {
        try {
          std::stringstream parts(text_value);
          for (std::string part; std::getline(parts, part, ',');) (void)parse_number(part, "--" + key);
          if (text_value.empty()) (void)parse_number(text_value, "--" + key);
        } catch (const usage_error& e) {
          throw usage_error(where + ": " + e.what());
        }
      }
      (*origin_)[key] = where;
      CLI::ConfigItem item;
      item.name = key;
      item.inputs = {text_value};
      items.push_back(std::move(item));
    }
    return items;
  }

 private:
  const std::vector<option>& options_;
  std::string command_;
  const CLI::Option* file_;
  std::map<std::string, std::string>* origin_;
};

}  // namespace

arguments::arguments(std::string command, std::string summary, std::vector<option> options, std::string positionals)
    : command_(std::move(command)), summary_(std::move(summary)), positional_help_(std::move(positionals)), options_(std::move(options)) {
  options_.push_back({"format", "", "output format: json or csv (some commands also: table)", false});
  options_.push_back({"output", "-", "write the result to this file instead of stdout", false});
  options_.push_back({"progress", "", "show a progress bar on stderr even when it is not a terminal", true});
  for (const auto& o : options_) values_[o.name] = o.default_value;
}

const option& arguments::find(const std::string& name) const {
  for (const auto& o : options_) {
    if (o.name == name) return o;
  }
  throw usage_error("unknown option --" + name + " (see minimax-lab " + command_ + " --help)");
}

namespace {

// The command's CLI11 application: each option bound to its text in `values` (flags to `flags`),
// --config (where declared) read by json_config, positionals (where the command takes them) collected
// in `positionals`.
std::unique_ptr<CLI::App> make_app(const std::string& command, const std::string& summary, const std::string& positional_help,
                                   const std::vector<option>& options,
                                   std::map<std::string, std::string>& values, std::map<std::string, bool>& flags,
                                   std::vector<std::string>& positionals, std::map<std::string, std::string>& origin) {
  auto app = std::make_unique<CLI::App>(summary, "minimax-lab " + command);
  app->set_help_flag("-h,--help", "print this help");
  app->get_formatter()->column_width(30);
  for (const auto& o : options) {
    if (o.name == "config") {
      CLI::Option* file = app->set_config("--config", "", o.help);
      file->type_name("FILE");
      app->config_formatter(std::make_shared<json_config>(options, command, file, &origin));
    } else if (o.flag) {
      app->add_flag("--" + o.name, flags[o.name], o.help);
    } else {
      std::string help = o.help;
      for (std::size_t k = 0; k < o.choices.size(); ++k) help += (k ? ", " : " (one of: ") + o.choices[k];
      if (!o.choices.empty()) help += ")";
      CLI::Option* added = app->add_option("--" + o.name, values[o.name], help)->type_name("VALUE");
      if (!o.default_value.empty()) added->default_str(o.default_value);
    }
  }
  app->add_flag("--describe", flags["describe"], "print the options as JSON")->group("");  // for front ends
  if (!positional_help.empty()) app->add_option("inputs", positionals, positional_help)->type_name("");
  return app;
}

}  // namespace

bool arguments::parse(int argc, char** argv, int first) {
  std::map<std::string, bool> flags;
  auto app = make_app(command_, summary_, positional_help_, options_, values_, flags, positionals_, origin_);
  std::vector<std::string> args;
  for (int i = argc - 1; i >= first; --i) args.emplace_back(argv[i]);  // CLI11 takes them in reverse
  try {
    app->parse(args);
  } catch (const CLI::CallForHelp&) {
    std::fputs(app->help().c_str(), stdout);
    return false;
  } catch (const CLI::ParseError& e) {
    throw usage_error(std::string(e.what()) + " (see minimax-lab " + command_ + " --help)");
  }
  if (flags["describe"]) {
    std::fputs(describe().c_str(), stdout);
    return false;
  }
  for (const auto& o : options_) {
    if (app->count("--" + o.name) > 0) given_[o.name] = true;
    if (o.flag) values_[o.name] = flags[o.name] ? "1" : "";
  }
  return true;
}

std::string arguments::help() const {
  std::map<std::string, std::string> values = values_, origin;
  std::map<std::string, bool> flags;
  std::vector<std::string> positionals;
  return make_app(command_, summary_, positional_help_, options_, values, flags, positionals, origin)->help();
}

std::string arguments::describe() const {
  json::value options = json::value::array();
  for (const auto& o : options_) {
    options.push_back({{"name", o.name}, {"default", o.default_value}, {"help", o.help}, {"flag", o.flag}, {"choices", o.choices}});
  }
  return json::dump({{"command", command_}, {"summary", summary_}, {"options", options}});
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

namespace {
// `message`, prefixed with where the value came from when a --config file gave it
usage_error bad_value(const std::map<std::string, std::string>& origin, const std::string& name, const std::string& message) {
  const auto found = origin.find(name);
  return usage_error(found == origin.end() ? message : found->second + ": " + message);
}
}  // namespace

double arguments::number(const std::string& name) const {
  try {
    return parse_number(text(name), "--" + name);
  } catch (const usage_error& e) {
    throw bad_value(origin_, name, e.what());
  }
}

double arguments::positive(const std::string& name) const {
  const double x = number(name);
  if (!(x > 0)) throw bad_value(origin_, name, "--" + name + " must be positive, got " + text(name));
  return x;
}

double arguments::non_negative(const std::string& name) const {
  const double x = number(name);
  if (!(x >= 0)) throw bad_value(origin_, name, "--" + name + " must be non-negative, got " + text(name));
  return x;
}

long arguments::integer(const std::string& name, long min_value) const {
  const std::string t = text(name);
  char* end = nullptr;
  errno = 0;
  const long n = std::strtol(t.c_str(), &end, 10);
  if (t.empty() || end != t.c_str() + t.size()) throw bad_value(origin_, name, "--" + name + " must be an integer, got '" + t + "'");
  if (errno == ERANGE) {
    throw bad_value(origin_, name, "--" + name + " must be an integer from " + std::to_string(min_value) + " to " +
                                       std::to_string(std::numeric_limits<long>::max()) + ", got " + t);
  }
  if (n < min_value) throw bad_value(origin_, name, "--" + name + " must be at least " + std::to_string(min_value) + ", got " + t);
  return n;
}

bool arguments::flag(const std::string& name) const { return !text(name).empty(); }

std::vector<double> arguments::numbers(const std::string& name) const {
  std::vector<double> out;
  std::stringstream in(text(name));
  try {
    for (std::string part; std::getline(in, part, ',');) out.push_back(parse_number(part, "--" + name));
  } catch (const usage_error& e) {
    throw bad_value(origin_, name, e.what());
  }
  return out;
}

std::string arguments::choice(const std::string& name, const std::vector<std::string>& allowed) const {
  const std::string t = text(name);
  std::string list;
  for (const auto& a : allowed) {
    if (a == t) return t;
    list += (list.empty() ? "" : ", ") + a;
  }
  throw bad_value(origin_, name, "--" + name + " must be one of " + list + "; got '" + t + "'");
}

}  // namespace lab
