#pragma once
/// \file
/// \brief minimax::simulate (run a scheme on a game, with observers) and minimax::train (the same
/// on a minibatch game that draws new batches before every step).

#include <algorithm>
#include <concepts>
#include <cstddef>
#include <utility>

#include <Eigen/Core>

#include "minimax/core/error.hpp"
#include "minimax/dynamics/jacobian.hpp"
#include "minimax/dynamics/observers.hpp"
#include "minimax/dynamics/schemes/state.hpp"
#include "minimax/dynamics/trajectory.hpp"
#include "minimax/prob/random.hpp"

namespace minimax {

namespace detail {
template <class O>
void observer_begin(O& o, const Eigen::VectorXd& z0, long steps) {
  if constexpr (requires { o.on_begin(z0, steps); }) o.on_begin(z0, steps);
}
template <class O>
bool observer_step(O& o, long step, const Eigen::VectorXd& z, trajectory& run) {
  if constexpr (requires { { o.on_step(step, z, run) } -> std::convertible_to<bool>; }) {
    return o.on_step(step, z, run);
  } else {
    return false;
  }
}
template <class O>
int observer_record(const O& o, long step) {  // 1 yes, 0 no, -1 has no opinion
  if constexpr (requires { { o.record(step) } -> std::convertible_to<bool>; }) {
    return o.record(step) ? 1 : 0;
  } else {
    return -1;
  }
}
template <class O>
void observer_end(O& o, const trajectory& run) {
  if constexpr (requires { o.on_end(run); }) o.on_end(run);
}
}  // namespace detail

namespace detail {
// The loop shared by simulate() and train(): `before_step(z)` runs before every step.
template <class G, class S, class BeforeStep, class... Observers>
trajectory run_scheme(const char* function, const G& game, const S& scheme, const Eigen::VectorXd& init, long steps,
                      BeforeStep&& before_step, Observers&&... observers) {
  detail::require_point(function, init, game.dimension());
  if (steps < 0) raise_invalid_argument(function, "the number of steps must be >= 0", steps);
  trajectory run;
  run.states.push_back(init);
  run.steps.push_back(0);
  (detail::observer_begin(observers, init, steps), ...);
  auto state = scheme.start(game, init);
  bool stop = false;
  Eigen::VectorXd previous;
  for (long step = 1; step <= steps && !stop; ++step) {
    previous = state.z;
    before_step(std::as_const(state.z));
    scheme.advance(game, state);
    if (!state.z.allFinite()) {
      if (run.steps.back() != step - 1) {  // keep the last finite state
        run.states.push_back(previous);
        run.steps.push_back(step - 1);
      }
      run.status = run_status::non_finite;
      run.message = "non-finite: step " + detail::to_text(step) +
                    " produced NaN or infinity; the last finite state is that of step " + detail::to_text(step - 1);
      break;
    }
    run.steps_taken = step;
    ((stop = detail::observer_step(observers, step, state.z, run) || stop), ...);
    int opinion = -1;
    ((opinion = std::max(opinion, detail::observer_record(observers, step))), ...);
    if (opinion != 0 || stop || step == steps) {
      run.states.push_back(state.z);
      run.steps.push_back(step);
    }
  }
  (detail::observer_end(observers, run), ...);
  return run;
}
}  // namespace detail

/// \brief Runs `steps` steps of `scheme` on `game` from `init`, and returns the trajectory.
///
/// After every step the observers are called (see observers.hpp); the state is recorded as they
/// ask (every step when none has an opinion), and the initial and final states are always
/// recorded. A step whose result is not finite ends the run with run_status::non_finite and a
/// message naming the step; that state is not recorded, so the trajectory holds no NaN.
/// \code
/// auto game = mm::games::bilinear{};
/// auto run  = mm::simulate(game, mm::schemes::simultaneous{0.1}, game.init(1.0, 0.0), 100);
/// \endcode
/// \throws minimax::invalid_argument if `init` has the wrong size or a non-finite entry, or steps < 0.
template <Game G, class S, class... Observers>
  requires Scheme<S, G>
trajectory simulate(const G& game, const S& scheme, const Eigen::VectorXd& init, long steps, Observers&&... observers) {
  return detail::run_scheme("minimax::simulate", game, scheme, init, steps, [](const Eigen::VectorXd&) {},
                            std::forward<Observers>(observers)...);
}

/// \brief Trains a minibatch game: like simulate(), but before every step the game draws its next
/// minibatches with `game.resample(generator_rng)` (stochastic gradient dynamics), then, if it has
/// one, calls `game.begin_step(z)` (for controller states such as BEGAN's \f$k_t\f$).
/// \throws minimax::invalid_argument as simulate().
template <Game G, class S, class... Observers>
  requires Scheme<S, G> && requires(G& game, rng& r) { game.resample(r); }
trajectory train(G& game, const S& scheme, const Eigen::VectorXd& init, long steps, rng& generator_rng,
                 Observers&&... observers) {
  return detail::run_scheme(
      "minimax::train", game, scheme, init, steps,
      [&](const Eigen::VectorXd& z) {
        game.resample(generator_rng);
        if constexpr (requires { game.begin_step(z); }) game.begin_step(z);
      },
                            std::forward<Observers>(observers)...);
}

}  // namespace minimax
