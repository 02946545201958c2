#pragma once
/// \file
/// \brief Observers for minimax::simulate, in the style of ensmallen's callbacks.
///
/// An observer is any object with some of these members (all optional; simulate calls those present):
/// - `void on_begin(const Eigen::VectorXd& z0, long steps)`: before the first step;
/// - `bool on_step(long step, const Eigen::VectorXd& z, trajectory& run)`: after each step; return
///   `true` to stop (setting `run.status` and `run.message` to say why);
/// - `bool record(long step)`: whether to record the state after this step (when several observers
///   have `record`, a state is kept if any says yes; with none, every step is recorded);
/// - `void on_end(const trajectory& run)`: after the last step.

#include <cmath>
#include <cstdio>
#include <utility>
#include <string>

#include <Eigen/Core>

#include "minimax/core/error.hpp"
#include "minimax/dynamics/trajectory.hpp"

namespace minimax::observers {

/// Records the state every `interval` steps (the initial and the final state are always recorded).
struct record_every {
  long interval;  ///< record after steps that are multiples of this
  /// \throws minimax::invalid_argument unless `n >= 1`.
  explicit record_every(long n) : interval(n) {
    if (n < 1) raise_invalid_argument("minimax::observers::record_every", "the interval must be >= 1", n);
  }
  /// True on multiples of the interval.
  bool record(long step) const { return step % interval == 0; }
};

/// Stops with run_status::diverged when \f$\|z - c\|_2\f$ exceeds `radius`.
struct stop_when_diverged {
  double radius;                ///< the bound on \f$\|z - c\|_2\f$
  Eigen::VectorXd centre = {};  ///< \f$c\f$ (the origin when empty)
  /// Stops when the state leaves the ball of radius \f$r > 0\f$ around \f$c\f$ (the origin by default).
  explicit stop_when_diverged(double r, Eigen::VectorXd c = {}) : radius(r), centre(std::move(c)) {
    require_positive("minimax::observers::stop_when_diverged", "the radius", r);
  }
  /// Checks the bound after each step.
  bool on_step(long step, const Eigen::VectorXd& z, trajectory& run) const {
    const double distance = centre.size() == 0 ? z.norm() : (z - centre).norm();
    if (distance <= radius) return false;
    run.status = run_status::diverged;
    run.message = "diverged: the distance " + detail::to_text(distance) + " exceeded the bound " +
                  detail::to_text(radius) + " at step " + detail::to_text(step);
    return true;
  }
};

/// Stops with run_status::converged when \f$\|z - z^*\|_2 \le\f$ `tolerance`.
struct stop_when_converged {
  Eigen::VectorXd target;  ///< \f$z^*\f$
  double tolerance;        ///< the distance counted as arrived
  /// Stops when the state comes within `tol > 0` of `z_star`.
  stop_when_converged(Eigen::VectorXd z_star, double tol) : target(std::move(z_star)), tolerance(tol) {
    require_positive("minimax::observers::stop_when_converged", "the tolerance", tol);
  }
  /// Checks the distance after each step.
  bool on_step(long step, const Eigen::VectorXd& z, trajectory& run) const {
    if ((z - target).norm() > tolerance) return false;
    run.status = run_status::converged;
    run.message = "converged: within " + detail::to_text(tolerance) + " of the target at step " + detail::to_text(step);
    return true;
  }
};

/// Prints the progress of a long run to standard error: a bar that fills as the steps go.
struct progress_bar {
  long total = 0;      ///< steps requested (set by on_begin)
  int printed = 0;     ///< marks printed so far
  static constexpr int width = 50;  ///< marks in a full bar
  /// Opens the bar.
  void on_begin(const Eigen::VectorXd&, long steps) {
    total = steps;
    std::fputs("[", stderr);
  }
  /// Adds marks as the run advances.
  bool on_step(long step, const Eigen::VectorXd&, trajectory&) {
    const int due = total > 0 ? static_cast<int>(width * step / total) : width;
    for (; printed < due; ++printed) std::fputc('=', stderr);
    return false;
  }
  /// Closes the bar with the outcome.
  void on_end(const trajectory& run) { std::fprintf(stderr, "] %s after %ld steps\n", to_string(run.status), run.steps_taken); }
};

}  // namespace minimax::observers
