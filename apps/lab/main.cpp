// minimax-lab: study toy GAN dynamics and verified theory from the command line.
#include <cstdio>
#include <cstring>
#include <string>

#include <minimax/core/error.hpp>

#include "lab.hpp"

namespace {
const char* usage =
    "usage: minimax-lab COMMAND [options]   (minimax-lab COMMAND --help for each)\n\n"
    "commands:\n"
    "  prove       run an executable proof on two distributions, print its step table\n"
    "  divergence  divergences and distances between distributions or sample files\n"
    "  simulate    run a game (bilinear, dirac, gauss1d, ring, grid, began) with a scheme, record the trajectory\n"
    "  analyze     Jacobian, eigenvalues, spectral radius of a scheme, largest stable step\n"
    "  sweep       phase diagram of a game over learning rate x regulariser strength\n"
    "  plot        draw a figure from the output of the commands above\n";
}

int main(int argc, char** argv) {
  if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h") || !std::strcmp(argv[1], "help")) {
    std::fputs(usage, argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  const std::string command = argv[1];
  try {
    if (command == "prove") return lab::cmd_prove(argc, argv);
    if (command == "divergence") return lab::cmd_divergence(argc, argv);
    if (command == "simulate") return lab::cmd_simulate(argc, argv);
    if (command == "analyze") return lab::cmd_analyze(argc, argv);
    if (command == "sweep") return lab::cmd_sweep(argc, argv);
    if (command == "plot") return lab::cmd_plot(argc, argv);
    std::fprintf(stderr, "minimax-lab: unknown command '%s'\n\n%s", command.c_str(), usage);
    return 2;
  } catch (const lab::usage_error& e) {
    std::fprintf(stderr, "minimax-lab %s: %s\n", command.c_str(), e.what());
    return 2;
  } catch (const minimax::invalid_argument& e) {
    std::fprintf(stderr, "minimax-lab %s: %s\n", command.c_str(), e.what());
    return 2;
  } catch (const minimax::domain_error& e) {
    std::fprintf(stderr, "minimax-lab %s: %s\n", command.c_str(), e.what());
    return 3;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "minimax-lab %s: error: %s\n", command.c_str(), e.what());
    return 1;
  }
}
