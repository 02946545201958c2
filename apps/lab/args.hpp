// minimax-lab's command lines, on CLI11: --name value or --name=value options, flags, positionals,
// --help, and --config FILE (a JSON object of options; the command line wins), each option declared
// with its default and help line. Values are kept as given and checked when read, so that an error
// names the option, and for a value from a file, the file, the line and the field.
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

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
  std::vector<std::string> choices{};  // the words it accepts, where it is a choice (help, --describe, choice())
};

class arguments {
 public:
  /// `positionals`: the help line of the inputs the command takes besides its options ("KIND
  /// INPUT.json..."); empty for a command that takes none, which then refuses any.
  arguments(std::string command, std::string summary, std::vector<option> options, std::string positionals = "");

  /// Parses argv[first..argc). Returns false when --help or --describe was given (the help, or the
  /// options as JSON, printed to stdout).
  /// Where the command declares a "config" option, --config FILE reads options not given on the
  /// command line from a JSON object: every key a known option, a flag's value true or false, any
  /// other's a string, a number or an array of numbers; errors name the file, the line and the key.
  bool parse(int argc, char** argv, int first);

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
  /// One of the words the option declares (option::choices).
  std::string choice(const std::string& name) const { return choice(name, find(name).choices); }
  /// The command's options as JSON (what --describe prints): name, default, help, flag and choices of
  /// each, so that a front end (the browser lab) builds its controls from the one declaration here.
  std::string describe() const;
  const std::vector<std::string>& positionals() const { return positionals_; }
  /// The help --help prints.
  std::string help() const;
  const std::string& command() const { return command_; }

 private:
  const option& find(const std::string& name) const;
  std::string command_, summary_, positional_help_;
  std::vector<option> options_;
  std::map<std::string, std::string> values_;
  std::map<std::string, bool> given_;
  std::map<std::string, std::string> origin_;  // "file:line: field \"key\"" of a value read from --config
  std::vector<std::string> positionals_;
};

/// Parses a number in full ("0.1", "-3e2"); throws usage_error naming `what` otherwise.
double parse_number(const std::string& text, const std::string& what);

}  // namespace lab
