#pragma once
/// \file
/// \brief Ensembles of independent games advanced together on Thrust, and phase diagrams over
/// parameter grids.
///
/// An ensemble is a set of members, each a point game (a fixed-size, trivially copyable game
/// whose field runs on a GPU: games::scalar_bilinear, games::dirac_gan with any loss and
/// regulariser (instance noise included), games::gaussian_gan, and games::mlp_gan_point: two
/// small fixed-size networks on fixed batches), an update scheme of minimax::schemes with its own parameters,
/// and a starting point. simulate_ensemble() advances every member for at most `steps` steps, one
/// member per thread, and reports for each one its outcome:
/// - **converged**: \f$\|z - z^*\| \le\f$ `tolerance` (the member stops there);
/// - **diverged**: \f$\|z - z^*\| >\f$ `bound`, or a coordinate not finite (it stops there);
/// - **cycling**: neither within `steps` steps (the orbit stayed bounded without settling).
///
/// Games whose equilibrium is not known in closed form (games::mlp_gan_point, the network games)
/// are judged by stationarity instead: converged at the first point where the field is small,
/// \f$\|v(z)\| \le\f$ `tolerance` (every scheme evaluates the field there first, so the test costs
/// nothing), diverged when \f$\|z\| >\f$ `bound` or a coordinate is not finite; the reported
/// distance is the final \f$\|v(z)\|\f$.
///
/// The game fields are the Eigen backend's own (games::scalar_bilinear, games::dirac_gan and
/// games::gaussian_gan are the same types on both backends; games::mlp_gan_point runs the layers'
/// own one-sample passes, see nn::sample_network), and each scheme's update is the same code as its
/// Eigen `advance` (schemes::scheme_base), so a member's trajectory matches minimax::simulate's to
/// rounding (compilers may contract a multiply-add into one FMA, on GPUs by default).
///
/// Schemes: any minimax::PointScheme, that is any scheme declaring its point form
/// (`point_start`, `point_advance`) beside its Eigen `advance`, or deriving both from one step
/// (schemes::scheme_base). Every scheme of minimax::schemes
/// with a fixed-size state does: simultaneous, alternating (\f$n_D\f$ discriminator steps),
/// extragradient, optimistic, momentum (simultaneous or alternating, negative \f$\beta\f$ too),
/// consensus (\f$J^\top v\f$ by forward-mode dual numbers), each with one step size or two (TTUR),
/// and gradient_flow (RK4); a user's scheme written the same way runs here too.

#include <array>
#include <cmath>
#include <cstddef>
#include <string>
#include <type_traits>
#include <vector>

#include <Eigen/Core>
#include <thrust/device_vector.h>
#include <thrust/for_each.h>
#include <thrust/iterator/counting_iterator.h>

#include "minimax/backend/thrust/policy.hpp"
#include "minimax/games/concepts.hpp"
#include "minimax/core/dual.hpp"
#include "minimax/core/error.hpp"
#include "minimax/dynamics/concepts.hpp"
#include "minimax/dynamics/schemes/alternating.hpp"
#include "minimax/dynamics/schemes/consensus.hpp"
#include "minimax/dynamics/schemes/extragradient.hpp"
#include "minimax/dynamics/schemes/gradient_flow.hpp"
#include "minimax/dynamics/schemes/momentum.hpp"
#include "minimax/dynamics/schemes/optimistic.hpp"
#include "minimax/dynamics/schemes/simultaneous.hpp"

namespace minimax {

/// What became of one member of an ensemble.
enum class ensemble_status : int {
  converged = 0,  ///< came within the tolerance of its equilibrium
  cycling = 1,    ///< stayed bounded without converging within the steps
  diverged = 2,   ///< left the bound or produced a non-finite coordinate
};

/// The name of an ensemble_status: "converged", "cycling" or "diverged".
inline const char* to_string(ensemble_status s) {
  switch (s) {
    case ensemble_status::converged: return "converged";
    case ensemble_status::cycling: return "cycling";
    case ensemble_status::diverged: return "diverged";
  }
  return "unknown";
}

/// Stopping rules of simulate_ensemble().
struct ensemble_options {
  double tolerance = 1e-8;  ///< converged once \f$\|z - z^*\|\f$ (or \f$\|v(z)\|\f$, see \ref ensemble.hpp) \f$\le\f$ tolerance (\f$\ge 0\f$)
  double bound = 1e6;       ///< diverged once \f$\|z - z^*\|\f$ (or \f$\|z\|\f$) \f$>\f$ bound (\f$> 0\f$)
};

/// One member: a point game, a scheme and a starting point.
template <class Point, class Scheme>
struct ensemble_member {
  Point game;                                   ///< the game (its parameters)
  Scheme scheme;                                ///< the update scheme (its parameters)
  std::array<double, Point::dimension> start;  ///< the starting point
};

/// The outcome of every member of an ensemble (host memory).
struct ensemble_result {
  std::vector<ensemble_status> status;  ///< outcome per member
  std::vector<long> steps;              ///< steps taken per member (until it stopped)
  std::vector<double> distance;         ///< final \f$\|z - z^*\|\f$ per member (\f$\|v(z)\|\f$ for games without a known equilibrium)
  Eigen::MatrixXd final_state;          ///< final point per member, one column each

  /// The number of members with outcome s.
  std::size_t count(ensemble_status s) const {
    std::size_t c = 0;
    for (const auto x : status) c += x == s ? 1 : 0;
    return c;
  }
};

namespace detail {

/// Whether a point game knows its equilibrium (`equilibrium(z)` writes it); the network games do
/// not, and their members are judged by stationarity instead.
template <class Point>
constexpr bool has_equilibrium = requires(const Point& game, double* z) { game.equilibrium(z); };

/// Advances member i (one thread): state in structure-of-arrays layout, coordinate c of member i at
/// c * members + i, so that neighbouring threads read neighbouring addresses.
template <class Point, class Scheme>
struct ensemble_kernel {
  const Point* games;
  const Scheme* schemes;
  double* state;
  int* status;
  long* steps_taken;
  double* distance;
  long members;
  long steps;
  double tolerance2;
  double bound2;
  bool one_game;
  bool one_scheme;

  MINIMAX_HOST_DEVICE void operator()(long i) const {
    constexpr int n = Point::dimension;
    const Point& g = games[one_game ? 0 : i];  // by reference: a point game may carry a quadrature rule or batches
    const Scheme s = schemes[one_scheme ? 0 : i];
    double z[n], memory[n];
    for (int c = 0; c < n; ++c) z[c] = state[c * members + i];
    s.point_start(g, z, memory);
    int outcome = static_cast<int>(ensemble_status::cycling);
    long k = 0;
    double residual2 = 0.0;
    if constexpr (has_equilibrium<Point>) {
      double target[n];
      g.equilibrium(target);
      residual2 = squared_distance(z, target, n);
      if (!(residual2 <= bound2)) {
        outcome = static_cast<int>(ensemble_status::diverged);
      } else if (residual2 <= tolerance2) {
        outcome = static_cast<int>(ensemble_status::converged);
      } else {
        double field2 = 0.0;
        while (k < steps) {
          s.point_advance(g, z, memory, field2);
          ++k;
          residual2 = squared_distance(z, target, n);
          if (!(residual2 <= bound2)) {  // also NaN
            outcome = static_cast<int>(ensemble_status::diverged);
            break;
          }
          if (residual2 <= tolerance2) {
            outcome = static_cast<int>(ensemble_status::converged);
            break;
          }
        }
      }
    } else {
      // Stationarity: every scheme evaluates the field at the current point first and reports its
      // norm, so a point found stationary is the one before that step (restored), at no extra cost.
      if (!(squared_norm(z, n) <= bound2)) {
        outcome = static_cast<int>(ensemble_status::diverged);
      } else {
        double before[n];
        double field2 = 0.0;
        while (k < steps) {
          for (int c = 0; c < n; ++c) before[c] = z[c];
          s.point_advance(g, z, memory, field2);
          if (field2 <= tolerance2) {
            for (int c = 0; c < n; ++c) z[c] = before[c];
            outcome = static_cast<int>(ensemble_status::converged);
            residual2 = field2;
            break;
          }
          ++k;
          if (!(squared_norm(z, n) <= bound2)) {  // also NaN
            outcome = static_cast<int>(ensemble_status::diverged);
            break;
          }
        }
      }
      if (outcome != static_cast<int>(ensemble_status::converged)) {
        double v[n];
        g.field(z, v);  // the final point's field (one more evaluation)
        residual2 = squared_norm(v, n);
        if (outcome == static_cast<int>(ensemble_status::cycling) && residual2 <= tolerance2) {
          outcome = static_cast<int>(ensemble_status::converged);
        }
      }
    }
    for (int c = 0; c < n; ++c) state[c * members + i] = z[c];
    status[i] = outcome;
    steps_taken[i] = k;
    using std::sqrt;
    distance[i] = sqrt(residual2);
  }
};

template <class T>
void require_trivially_copyable() {
  static_assert(std::is_trivially_copyable_v<T>,
                "minimax::simulate_ensemble: games and schemes must be trivially copyable to travel to a device");
}

}  // namespace detail

/// \brief Advances every member of an ensemble for at most `steps` steps with `policy` and reports
/// each one's outcome (see \ref ensemble.hpp).
///
/// \param policy a Thrust policy that reaches `thrust::device_vector` memory (`thrust::device`; on a
///   host device system also `thrust::host`, `thrust::omp::par`, `thrust::cpp::par`).
/// \param games one point game per member, or one for all.
/// \param schemes one scheme per member, or one for all.
/// \param starts the starting points, one column per member (Point::dimension rows).
/// \param steps the most steps per member (\f$\ge 0\f$).
/// \param options the tolerance and the divergence bound.
/// \throws minimax::invalid_argument for sizes that do not match, a non-finite start, a negative
///   step count, a negative tolerance or a non-positive bound, naming `minimax::simulate_ensemble`.
template <thrust_policy Policy, class Point, class Scheme>
ensemble_result simulate_ensemble(const Policy& policy, const std::vector<Point>& games,
                                  const std::vector<Scheme>& schemes, const Eigen::MatrixXd& starts, long steps,
                                  ensemble_options options = {}) {
  constexpr const char* fn = "minimax::simulate_ensemble";
  static_assert(PointGame<Point>,
                "minimax::simulate_ensemble: the game must be a point game (minimax::PointGame): trivially "
                "copyable, with static constexpr int dimension and generator_dimension, field(z, v) and project(z)");
  static_assert(PointScheme<Scheme, Point>,
                "minimax::simulate_ensemble: the scheme must have a point form (minimax::PointScheme): trivially "
                "copyable, with point_start(game, z0, memory) and point_advance(game, z, memory, field2) over arrays");
  detail::require_trivially_copyable<Point>();
  detail::require_trivially_copyable<Scheme>();
  constexpr int n = Point::dimension;
  const long members = static_cast<long>(starts.cols());
  if (starts.rows() != n) {
    raise_invalid_argument(fn, "starts must have one row per coordinate of the game (" + std::to_string(n) + "); rows",
                           starts.rows());
  }
  require_non_empty(fn, "starts", static_cast<std::size_t>(members));
  if (games.size() != 1) require_same_size(fn, "games and the members", games.size(), static_cast<std::size_t>(members));
  if (schemes.size() != 1) {
    require_same_size(fn, "schemes and the members", schemes.size(), static_cast<std::size_t>(members));
  }
  if (steps < 0) raise_invalid_argument(fn, "steps must be >= 0", steps);
  require_non_negative(fn, "the tolerance", options.tolerance);
  require_positive(fn, "the bound", options.bound);
  for (Eigen::Index i = 0; i < starts.size(); ++i) {
    if (!std::isfinite(starts.data()[i])) {
      raise_invalid_argument(fn, "the start of member " + std::to_string(i / n) + " must be finite", starts.data()[i]);
    }
  }

  // Structure of arrays: coordinate c of member i at c * members + i.
  std::vector<double> soa(static_cast<std::size_t>(n * members));
  for (long i = 0; i < members; ++i)
    for (int c = 0; c < n; ++c) soa[static_cast<std::size_t>(c * members + i)] = starts(c, i);
  ::thrust::device_vector<Point> d_games(games.begin(), games.end());
  ::thrust::device_vector<Scheme> d_schemes(schemes.begin(), schemes.end());
  ::thrust::device_vector<double> d_state(soa.begin(), soa.end());
  ::thrust::device_vector<int> d_status(static_cast<std::size_t>(members));
  ::thrust::device_vector<long> d_steps(static_cast<std::size_t>(members));
  ::thrust::device_vector<double> d_distance(static_cast<std::size_t>(members));

  const detail::ensemble_kernel<Point, Scheme> kernel{
      ::thrust::raw_pointer_cast(d_games.data()),  ::thrust::raw_pointer_cast(d_schemes.data()),
      ::thrust::raw_pointer_cast(d_state.data()),  ::thrust::raw_pointer_cast(d_status.data()),
      ::thrust::raw_pointer_cast(d_steps.data()),  ::thrust::raw_pointer_cast(d_distance.data()),
      members,
      steps,
      options.tolerance * options.tolerance,
      options.bound * options.bound,
      games.size() == 1,
      schemes.size() == 1};
  ::thrust::for_each(policy, ::thrust::counting_iterator<long>(0), ::thrust::counting_iterator<long>(members), kernel);

  ensemble_result out;
  std::vector<int> status(static_cast<std::size_t>(members));
  ::thrust::copy(d_status.begin(), d_status.end(), status.begin());
  out.status.reserve(status.size());
  for (const int s : status) out.status.push_back(static_cast<ensemble_status>(s));
  out.steps.resize(static_cast<std::size_t>(members));
  ::thrust::copy(d_steps.begin(), d_steps.end(), out.steps.begin());
  out.distance.resize(static_cast<std::size_t>(members));
  ::thrust::copy(d_distance.begin(), d_distance.end(), out.distance.begin());
  ::thrust::copy(d_state.begin(), d_state.end(), soa.begin());
  out.final_state.resize(n, members);
  for (long i = 0; i < members; ++i)
    for (int c = 0; c < n; ++c) out.final_state(c, i) = soa[static_cast<std::size_t>(c * members + i)];
  return out;
}

/// \brief simulate_ensemble() over a list of members (each with its own game, scheme and start).
template <thrust_policy Policy, class Point, class Scheme>
ensemble_result simulate_ensemble(const Policy& policy, const std::vector<ensemble_member<Point, Scheme>>& members,
                                  long steps, ensemble_options options = {}) {
  require_non_empty("minimax::simulate_ensemble", "members", members.size());
  std::vector<Point> games;
  std::vector<Scheme> schemes;
  games.reserve(members.size());
  schemes.reserve(members.size());
  Eigen::MatrixXd starts(static_cast<Eigen::Index>(Point::dimension), static_cast<Eigen::Index>(members.size()));
  for (std::size_t i = 0; i < members.size(); ++i) {
    games.push_back(members[i].game);
    schemes.push_back(members[i].scheme);
    for (int c = 0; c < Point::dimension; ++c) starts(c, static_cast<Eigen::Index>(i)) = members[i].start[c];
  }
  return simulate_ensemble(policy, games, schemes, starts, steps, options);
}

/// A phase diagram: the outcome of one member per point of a grid \f$x \times y\f$.
struct phase_diagram {
  std::vector<double> x;   ///< the first parameter's values (columns)
  std::vector<double> y;   ///< the second parameter's values (rows)
  ensemble_result result;  ///< member \f$j\,|x| + i\f$ is \f$(x_i, y_j)\f$

  /// The outcome at \f$(x_i, y_j)\f$.
  ensemble_status at(std::size_t i, std::size_t j) const { return result.status.at(j * x.size() + i); }
  /// The steps taken at \f$(x_i, y_j)\f$.
  long steps_at(std::size_t i, std::size_t j) const { return result.steps.at(j * x.size() + i); }
};

/// \brief Sweeps a grid of two parameters: `make(x, y)` returns the ensemble_member for each grid
/// point (any game parameter, scheme parameter or starting point may depend on x and y); all are
/// run as one ensemble.
///
/// Example: the Dirac-GAN with R1, step size × \f$\gamma\f$ (see examples/thrust_sweep.cpp).
/// \throws minimax::invalid_argument for an empty grid, and as simulate_ensemble(), naming
/// `minimax::sweep`.
template <thrust_policy Policy, class Make>
phase_diagram sweep(const Policy& policy, const std::vector<double>& x, const std::vector<double>& y, Make make,
                    long steps, ensemble_options options = {}) {
  require_non_empty("minimax::sweep", "x", x.size());
  require_non_empty("minimax::sweep", "y", y.size());
  using member = decltype(make(x[0], y[0]));
  std::vector<member> members;
  members.reserve(x.size() * y.size());
  for (const double yj : y)
    for (const double xi : x) members.push_back(make(xi, yj));
  return {x, y, simulate_ensemble(policy, members, steps, options)};
}

}  // namespace minimax
