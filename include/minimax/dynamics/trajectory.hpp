#pragma once
/// \file
/// \brief The result of minimax::simulate: recorded states, how many steps ran, and why it stopped.

#include <string>
#include <vector>

#include <Eigen/Core>

namespace minimax {

/// Why a simulation ended.
enum class run_status {
  completed,   ///< all requested steps ran
  converged,   ///< an observer found the state within its tolerance of the target
  stopped,     ///< an observer asked to stop for another reason
  diverged,    ///< an observer found the state outside its bound
  non_finite,  ///< a step produced NaN or infinity; the last finite state is the last one recorded
};

/// The name of a run_status ("completed", "converged", "stopped", "diverged", "non_finite").
inline const char* to_string(run_status s) {
  switch (s) {
    case run_status::completed: return "completed";
    case run_status::converged: return "converged";
    case run_status::stopped: return "stopped";
    case run_status::diverged: return "diverged";
    case run_status::non_finite: return "non_finite";
  }
  return "?";
}

/// \brief A simulated run: the recorded states (the initial and the last state always among them),
/// the step index of each, and how the run ended.
///
/// `states` never holds a non-finite value: a step that produces one ends the run with
/// run_status::non_finite, and `message` says at which step.
struct trajectory {
  std::vector<Eigen::VectorXd> states;  ///< recorded states, in order
  std::vector<long> steps;              ///< the step index of each recorded state
  long steps_taken = 0;                 ///< steps completed with a finite result
  run_status status = run_status::completed;  ///< why the run ended
  std::string message;                  ///< a sentence on how it ended (empty when completed)

  /// The last recorded state (the state after `steps_taken` steps).
  const Eigen::VectorXd& final_state() const { return states.back(); }
};

}  // namespace minimax
