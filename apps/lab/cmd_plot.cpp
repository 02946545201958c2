// minimax-lab plot: draws a figure with the plotting script (matplotlib).
#include <sys/wait.h>

#include <cstdlib>
#include <string>

#include "lab.hpp"

#ifndef MINIMAX_LAB_PLOT_SCRIPT
#define MINIMAX_LAB_PLOT_SCRIPT "tools/plot/plot.py"
#endif

namespace lab {

namespace {
std::string quoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}
}  // namespace

int cmd_plot(int argc, char** argv) {
  arguments a("plot",
              "Draws a figure from the JSON output of the other commands:\n"
              "  minimax-lab plot KIND INPUT.json... --output FIGURE.png\n"
              "KIND: portrait (simulate runs of bilinear or dirac, one per scheme), snapshots (simulate ring/grid),\n"
              "began (simulate began), sweep (a sweep), training (ring/grid runs: modes over time).\n"
              "The script is MINIMAX_LAB_PLOT or the one in the source tree; Python is /usr/bin/python3\n"
              "(or MINIMAX_LAB_PYTHON).",
              {}, "KIND, then one or more INPUT.json");
  if (!a.parse(argc, argv, 2)) return 0;
  if (a.positionals().size() < 2) throw usage_error("needs KIND and at least one INPUT (see --help)");
  if (a.text("output").empty() || a.text("output") == "-") throw usage_error("needs --output FIGURE.png");
  const char* script = std::getenv("MINIMAX_LAB_PLOT");
  const char* python = std::getenv("MINIMAX_LAB_PYTHON");
  std::string command = quoted(python ? python : "/usr/bin/python3") + " " + quoted(script ? script : MINIMAX_LAB_PLOT_SCRIPT);
  for (const auto& p : a.positionals()) command += " " + quoted(p);
  command += " --output " + quoted(a.text("output"));
  const int status = std::system(command.c_str());
  if (status == -1 || !WIFEXITED(status)) throw std::runtime_error("could not run " + command);
  return WEXITSTATUS(status);
}

}  // namespace lab
