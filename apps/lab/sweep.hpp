// The sweep's one loop: every cell of a learning-rate × strength grid, run on the CPU. A data-parallel
// backend (one trajectory per thread) can replace run_sweep_cpu without touching the command.
#pragma once

#include <functional>
#include <vector>

#include "lab.hpp"

namespace lab {

struct sweep_cell {
  double lr = 0, strength = 0;
  double spectral_radius = 0;   // of the linearised scheme at the equilibrium (NaN without one)
  std::string verdict;          // the analysis' verdict
  double final_distance = 0;    // after the run, to the equilibrium
  std::string status;           // how the run ended
};

struct sweep_spec {
  std::vector<double> lrs, strengths;
  long steps = 500;
  double bound = 1e3;
};

/// Runs every (lr, strength) cell: the game from `make(strength)`, the scheme of `a`, from `init`.
std::vector<sweep_cell> run_sweep_cpu(const sweep_spec& spec, const arguments& a,
                                      const std::function<any_game(double)>& make, const Eigen::VectorXd& init,
                                      const std::function<void(long)>& tick);

/// Whether the Thrust sweep covers the game, loss, regulariser and scheme asked for.
bool thrust_sweep_supports(const arguments& a);

/// The same cells as run_sweep_cpu (without the analysis columns), as one ensemble on the Thrust
/// backend. Only where thrust_sweep_supports(a); only in builds with MINIMAX_LAB_THRUST.
std::vector<sweep_cell> run_sweep_thrust(const sweep_spec& spec, const arguments& a, const Eigen::VectorXd& init);

}  // namespace lab
