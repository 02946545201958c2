// minimax-lab's own small argument parser: --name value or --name=value options, flags, positionals,
// each option declared with its default and help line; values checked when read.
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "json.hpp"

namespace lab {

/// A bad command line or input: printed as "minimax-lab <command>: <message>", exit status 2.
struct usage_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct option {
  std::string name;         // without the leading dashes
  std::string default_value;
  std::string help;
  bool flag = false;        // takes no value
};

class arguments {
 public:
  arguments(std::string command, std::string summary, std::vector<option> options);

  /// Parses argv[first..argc). Returns false when --help was given (the help is printed to stdout).
  bool parse(int argc, char** argv, int first);

  /// Fills options not given on the command line from a JSON object (--config FILE): every key must
  /// be a known option, every value a string, number or boolean; errors name the file, line and key.
  void apply_config(const json::value& config, const std::string& source);

  std::string text(const std::string& name) const;
  double number(const std::string& name) const;
  double positive(const std::string& name) const;
  double non_negative(const std::string& name) const;
  long integer(const std::string& name, long min_value) const;
  bool flag(const std::string& name) const;
  bool given(const std::string& name) const { return given_.count(name) > 0; }
  /// A comma-separated list of numbers ("1,0.5").
  std::vector<double> numbers(const std::string& name) const;
  /// One of the listed words.
  std::string choice(const std::string& name, const std::vector<std::string>& allowed) const;
  const std::vector<std::string>& positionals() const { return positionals_; }
  std::string help() const;
  const std::string& command() const { return command_; }

 private:
  const option& find(const std::string& name) const;
  std::string command_, summary_;
  std::vector<option> options_;
  std::map<std::string, std::string> values_;
  std::map<std::string, bool> given_;
  std::vector<std::string> positionals_;
};

/// Parses a number in full ("0.1", "-3e2"); throws usage_error naming `what` otherwise.
double parse_number(const std::string& text, const std::string& what);

}  // namespace lab
