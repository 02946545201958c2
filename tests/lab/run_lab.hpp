// Runs the minimax-lab binary the tests were built against, for the tests of tests/lab/.
#pragma once

#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <string>

#include <sys/wait.h>

#include "../../apps/lab/json.hpp"

/// A run's exit status and its output.
struct outcome {
  int status;
  std::string out;  // stdout and stderr together
};

inline outcome run_lab(const std::string& arguments) {
  const std::string command = std::string(MINIMAX_LAB_BINARY) + " " + arguments + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string out;
  std::array<char, 4096> buffer{};
  while (std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) out.append(buffer.data(), n);
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

inline lab::json::value json_of(const std::string& arguments) {
  const outcome o = run_lab(arguments + " --format json");
  INFO(o.out);
  REQUIRE(o.status == 0);
  return lab::json::parse(o.out, "minimax-lab output").root;
}

inline std::string data(const std::string& name) { return std::string(MINIMAX_LAB_DATA) + "/" + name; }
