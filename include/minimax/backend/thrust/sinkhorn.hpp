#pragma once
/// \file
/// \brief Batched entropic optimal transport on Thrust: many Sinkhorn problems between point clouds
/// at once, in the log domain.
///
/// Problem \f$k\f$ transports \f$a^{(k)}\f$ on the points \f$x^{(k)}_i\f$ (\f$n\f$ of them, in
/// \f$\mathbb{R}^d\f$) to \f$b^{(k)}\f$ on \f$y^{(k)}_j\f$ (\f$m\f$ of them), cost
/// \f$C_{ij} = c(x_i, y_j)\f$ for a ground cost of minimax::costs (squared Euclidean by default),
/// computed on the fly (nothing of size \f$n \times m\f$ is stored). As minimax::sinkhorn, the KL
/// convention: \f$P_{ij} = a_i b_j \exp((f_i + g_j - C_{ij})/\varepsilon)\f$. Each iteration is two
/// exact log-sum-exp half-steps (one thread per point; streaming, so no exponential overflows
/// or underflows to 0/0):
/// \f[ f_i = -\varepsilon \log\sum_j b_j e^{(g_j - C_{ij})/\varepsilon}, \qquad
///     g_j = -\varepsilon \log\sum_i a_i e^{(f_i - C_{ij})/\varepsilon}. \f]
/// After the \f$f\f$ half-step the rows of \f$P\f$ sum to \f$a\f$ exactly; the column error
/// \f$\|P^\top\mathbf 1 - b\|_1 = \sum_j b_j\,|e^{(g_j - \tilde g_j)/\varepsilon} - 1|\f$ (with
/// \f$\tilde g\f$ the next half-step) is the stop criterion, as in minimax::sinkhorn; a problem that
/// meets it keeps its potentials and stops while the others go on.
/// With `epsilon_scaling` (the default) and \f$(\max C)/\varepsilon\f$ above `scaling_threshold`,
/// the problems are first solved at a large \f$\varepsilon\f$ that is then divided stage by
/// stage, each stage warm-starting the next, as minimax::sinkhorn does.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

#include <thrust/copy.h>
#include <thrust/device_vector.h>
#include <thrust/for_each.h>
#include <thrust/iterator/counting_iterator.h>
#include <thrust/iterator/discard_iterator.h>
#include <thrust/iterator/transform_iterator.h>
#include <thrust/reduce.h>
#include <thrust/transform.h>

#include "minimax/backend/thrust/policy.hpp"
#include "minimax/core/error.hpp"
#include "minimax/divergence/cost.hpp"
#include "minimax/divergence/sinkhorn.hpp"

namespace minimax {

/// The sizes of a batch of transport problems between point clouds.
struct transport_batch {
  long problems = 0;  ///< the number of problems \f$K\f$
  long n = 0;         ///< points of the first cloud of each problem
  long m = 0;         ///< points of the second cloud of each problem
  int dimension = 0;  ///< \f$d\f$, coordinates per point
};

/// The result of sinkhorn_batch(), one entry per problem (host memory).
struct sinkhorn_batch_result {
  std::vector<double> cost;            ///< \f$\langle P, C\rangle\f$, without the entropy term
  std::vector<double> value;           ///< \f$\mathrm{OT}_\varepsilon = \langle P, C\rangle + \varepsilon\,\mathrm{KL}(P\|a\otimes b)\f$
  std::vector<double> marginal_error;  ///< \f$\|P\mathbf 1 - a\|_1 + \|P^\top\mathbf 1 - b\|_1\f$ of the returned plan
  std::vector<long> iterations;        ///< iterations until the problem stopped
  std::vector<char> converged;         ///< 1 where the tolerance was met
  std::vector<double> f;               ///< the row potentials, problem after problem (\f$K n\f$)
  std::vector<double> g;               ///< the column potentials (\f$K m\f$)
};

namespace detail {

/// One log-sum-exp half-step for the points of one side: pot[idx] = -eps log sum_j w_j exp((other_j - C)/eps).
/// With `next` set it writes there, and the marginal error term w_idx |exp((pot - new)/eps) - 1| to err.
template <class Cost>
struct sinkhorn_half_step {
  const double* points;        // this side, (problems, count, d)
  const double* other_points;  // the other side, (problems, other_count, d)
  const double* log_w_other;   // log masses of the other side
  const double* pot_other;     // the other side's potential
  const double* w;             // this side's masses (for the error)
  double* pot;                 // this side's potential (read; written unless next)
  double* next;                // where to write instead (error steps), or null
  double* err;                 // error terms (error steps)
  const char* done;            // per problem
  long count, other_count;
  int d;
  double eps;
  Cost cost;

  MINIMAX_HOST_DEVICE void operator()(long idx) const {
    const long k = idx / count;
    if (done[k]) return;
    const double* xi = points + idx * d;
    const long base = k * other_count;
    double top = -std::numeric_limits<double>::infinity(), sum = 0.0;
    for (long j = 0; j < other_count; ++j) {
      const double lw = log_w_other[base + j];
      if (lw == -std::numeric_limits<double>::infinity()) continue;  // a zero mass adds nothing
      const double* yj = other_points + (base + j) * d;
      const double t = lw + (pot_other[base + j] - cost(squared_distance(xi, yj, d))) / eps;
      if (t > top) {
        sum = sum * std::exp(top - t) + 1.0;
        top = t;
      } else {
        sum += std::exp(t - top);
      }
    }
    const double updated = -eps * (top + std::log(sum));
    if (next != nullptr) {
      next[idx] = updated;
      err[idx] = w[idx] * std::fabs(std::expm1((pot[idx] - updated) / eps));
    } else {
      pot[idx] = updated;
    }
  }
};

/// Row i's share of the cost and of the value: sum_j P_ij C_ij and sum_j P_ij (f_i + g_j).
template <class Cost>
struct sinkhorn_plan_sums {
  const double *x, *y, *a, *b, *f, *g;
  double* cost_out;
  double* value_out;
  long n, m;
  int d;
  double eps;
  Cost cost;

  MINIMAX_HOST_DEVICE void operator()(long idx) const {
    const long k = idx / n;
    const double* xi = x + idx * d;
    double c_sum = 0.0, v_sum = 0.0;
    if (a[idx] > 0.0) {
      for (long j = 0; j < m; ++j) {
        const long jj = k * m + j;
        if (!(b[jj] > 0.0)) continue;
        const double* yj = y + jj * d;
        const double cij = cost(squared_distance(xi, yj, d));
        const double p = a[idx] * b[jj] * std::exp((f[idx] + g[jj] - cij) / eps);
        c_sum += p * cij;
        v_sum += p * (f[idx] + g[jj]);
      }
    }
    cost_out[idx] = c_sum;
    value_out[idx] = v_sum;
  }
};

/// |sum_j P_ij - w_i| for point idx of one side (the marginal error of the plan at that point).
template <class Cost>
struct sinkhorn_side_error {
  const double *points, *other_points, *w, *w_other, *pot, *pot_other;
  double* out;
  long count, other_count;
  int d;
  double eps;
  Cost cost;

  MINIMAX_HOST_DEVICE void operator()(long idx) const {
    const long k = idx / count;
    const double* xi = points + idx * d;
    double sum = 0.0;
    for (long j = 0; j < other_count; ++j) {
      const long jj = k * other_count + j;
      if (!(w_other[jj] > 0.0)) continue;
      const double* yj = other_points + jj * d;
      sum += w_other[jj] * std::exp((pot[idx] + pot_other[jj] - cost(squared_distance(xi, yj, d))) / eps);
    }
    out[idx] = std::fabs(w[idx] * sum - w[idx]);
  }
};

/// The problems still running take their new column potentials; the converged keep theirs.
struct adopt_running {
  const double* next;
  double* pot;
  const char* done;
  long count;
  MINIMAX_HOST_DEVICE void operator()(long idx) const {
    if (!done[idx / count]) pot[idx] = next[idx];
  }
};

/// idx -> idx / length: the problem an entry belongs to.
struct problem_of {
  long length;
  MINIMAX_HOST_DEVICE long operator()(long idx) const { return idx / length; }
};

/// log of a mass (log 0 = -inf).
struct log_mass {
  MINIMAX_HOST_DEVICE double operator()(double w) const {
    return w > 0.0 ? std::log(w) : -std::numeric_limits<double>::infinity();
  }
};

/// Sums `values` (problems x length) per problem into `out` (host).
template <class Policy>
void sum_per_problem(const Policy& policy, const ::thrust::device_vector<double>& values, long problems, long length,
                     std::vector<double>& out) {
  ::thrust::device_vector<double> sums(static_cast<std::size_t>(problems));
  const auto keys = ::thrust::make_transform_iterator(::thrust::counting_iterator<long>(0), problem_of{length});
  ::thrust::reduce_by_key(policy, keys, keys + problems * length, values.begin(), ::thrust::make_discard_iterator(),
                          sums.begin());
  out.resize(static_cast<std::size_t>(problems));
  ::thrust::copy(sums.begin(), sums.end(), out.begin());
}

/// Host-side validation of one side of a batch: finite points, masses >= 0 summing to 1 per problem.
inline void require_batch_side(const char* function, const char* name, const std::vector<double>& points,
                               const std::vector<double>& masses, long problems, long count, int d) {
  require_same_size(function, (std::string(name) + " points and problems x points x dimension").c_str(),
                    points.size(), static_cast<std::size_t>(problems * count * d));
  require_same_size(function, (std::string(name) + " masses and problems x points").c_str(), masses.size(),
                    static_cast<std::size_t>(problems * count));
  for (std::size_t i = 0; i < points.size(); ++i) {
    if (!std::isfinite(points[i])) {
      raise_invalid_argument(function, std::string(name) + " point coordinate " + std::to_string(i) + " must be finite",
                             points[i]);
    }
  }
  for (long k = 0; k < problems; ++k) {
    double total = 0.0;
    for (long i = 0; i < count; ++i) {
      const double w = masses[static_cast<std::size_t>(k * count + i)];
      if (!(w >= 0.0) || !std::isfinite(w)) {
        raise_invalid_argument(function,
                               std::string(name) + " mass " + std::to_string(i) + " of problem " + std::to_string(k) +
                                   " must be non-negative and finite",
                               w);
      }
      total += w;
    }
    if (!(std::abs(total - 1.0) <= 1e-8)) {
      raise_invalid_argument(function, std::string(name) + " masses of problem " + std::to_string(k) + " must sum to 1",
                             total);
    }
  }
}

}  // namespace detail

/// \brief Solves a batch of entropic transport problems between point clouds (see \ref
/// backend/thrust/sinkhorn.hpp) with `policy`.
///
/// \param policy a Thrust policy that reaches `thrust::device_vector` memory.
/// \param shape the number of problems \f$K\f$, points \f$n\f$, \f$m\f$ and dimension \f$d\f$.
/// \param x, y the points, problem after problem, point after point (\f$K n d\f$ and \f$K m d\f$ values).
/// \param a, b the masses (\f$K n\f$ and \f$K m\f$ values), each problem's summing to 1 (within \f$10^{-8}\f$).
/// \param eps \f$\varepsilon > 0\f$.
/// \param options minimax::sinkhorn_options: tolerance, max_iterations (over all stages), epsilon scaling.
/// \param cost the ground cost (costs::sq_euclidean by default).
/// \throws minimax::invalid_argument for sizes that do not match the shape, non-finite points,
/// masses negative or not summing to 1, \f$\varepsilon \le 0\f$ or a negative tolerance, naming
/// `minimax::sinkhorn_batch`.
template <thrust_policy Policy, class Cost = costs::sq_euclidean>
sinkhorn_batch_result sinkhorn_batch(const Policy& policy, const transport_batch& shape, const std::vector<double>& x,
                                     const std::vector<double>& a, const std::vector<double>& y,
                                     const std::vector<double>& b, double eps, const sinkhorn_options& options = {},
                                     Cost cost = {}) {
  constexpr const char* fn = "minimax::sinkhorn_batch";
  if (shape.problems < 1 || shape.n < 1 || shape.m < 1 || shape.dimension < 1) {
    raise_invalid_argument(fn, "every size of the batch must be >= 1; problems", shape.problems);
  }
  require_positive(fn, "epsilon", eps);
  require_non_negative(fn, "the tolerance", options.tolerance);
  detail::require_batch_side(fn, "x", x, a, shape.problems, shape.n, shape.dimension);
  detail::require_batch_side(fn, "y", y, b, shape.problems, shape.m, shape.dimension);

  const long K = shape.problems, n = shape.n, m = shape.m;
  const ::thrust::device_vector<double> dx(x.begin(), x.end()), dy(y.begin(), y.end());
  const ::thrust::device_vector<double> da(a.begin(), a.end()), db(b.begin(), b.end());
  ::thrust::device_vector<double> log_a(da.size()), log_b(db.size());
  ::thrust::transform(policy, da.begin(), da.end(), log_a.begin(), detail::log_mass{});
  ::thrust::transform(policy, db.begin(), db.end(), log_b.begin(), detail::log_mass{});
  ::thrust::device_vector<double> f(static_cast<std::size_t>(K * n), 0.0), g(static_cast<std::size_t>(K * m), 0.0);
  ::thrust::device_vector<double> g_next(g.size()), err(g.size(), 0.0);
  ::thrust::device_vector<char> done(static_cast<std::size_t>(K), 0);
  std::vector<char> done_host(static_cast<std::size_t>(K), 0);
  std::vector<double> column_error(static_cast<std::size_t>(K), 0.0);

  sinkhorn_batch_result out;
  out.iterations.assign(static_cast<std::size_t>(K), 0);
  out.converged.assign(static_cast<std::size_t>(K), 0);
  using ::thrust::raw_pointer_cast;
  // Epsilon scaling as minimax::sinkhorn does it: when (max C - min C)/eps exceeds the threshold,
  // solve first at eps0 = max C - min C (bounded here by the squared diameter of each problem's
  // points' bounding box through the cost) and divide by 1/scaling_factor each stage, each stage
  // warm-starting the next. Plain iterations at a small eps converge far too slowly otherwise.
  double range = 0.0;
  for (long k = 0; k < K; ++k) {
    double diameter2 = 0.0;
    for (int c = 0; c < shape.dimension; ++c) {
      double lo = std::numeric_limits<double>::infinity(), hi = -lo;
      for (long i = 0; i < n; ++i) {
        const double v = x[static_cast<std::size_t>((k * n + i) * shape.dimension + c)];
        lo = v < lo ? v : lo;
        hi = v > hi ? v : hi;
      }
      for (long j = 0; j < m; ++j) {
        const double v = y[static_cast<std::size_t>((k * m + j) * shape.dimension + c)];
        lo = v < lo ? v : lo;
        hi = v > hi ? v : hi;
      }
      diameter2 += (hi - lo) * (hi - lo);
    }
    const double c_max = cost(diameter2);
    range = c_max > range ? c_max : range;
  }
  std::vector<double> stages;
  if (options.epsilon_scaling && range / eps > options.scaling_threshold) {
    for (double e = range; e > eps; e *= options.scaling_factor) stages.push_back(e);
  }
  stages.push_back(eps);

  std::size_t it = 0;
  for (std::size_t stage = 0; stage < stages.size(); ++stage) {
    const double e = stages[stage];
    std::fill(done_host.begin(), done_host.end(), char(0));
    ::thrust::copy(done_host.begin(), done_host.end(), done.begin());
  const detail::sinkhorn_half_step<Cost> rows{raw_pointer_cast(dx.data()),    raw_pointer_cast(dy.data()),
                                              raw_pointer_cast(log_b.data()), raw_pointer_cast(g.data()),
                                              raw_pointer_cast(da.data()),    raw_pointer_cast(f.data()),
                                              nullptr,
                                              nullptr,
                                              raw_pointer_cast(done.data()),
                                              n,
                                              m,
                                              shape.dimension,
                                              e,
                                              cost};
  const detail::sinkhorn_half_step<Cost> columns{raw_pointer_cast(dy.data()),     raw_pointer_cast(dx.data()),
                                                 raw_pointer_cast(log_a.data()),  raw_pointer_cast(f.data()),
                                                 raw_pointer_cast(db.data()),     raw_pointer_cast(g.data()),
                                                 raw_pointer_cast(g_next.data()), raw_pointer_cast(err.data()),
                                                 raw_pointer_cast(done.data()),
                                                 m,
                                                 n,
                                                 shape.dimension,
                                                 e,
                                                 cost};
  long remaining = K;
  while (it < options.max_iterations && remaining > 0) {
    ++it;
    ::thrust::for_each(policy, ::thrust::counting_iterator<long>(0), ::thrust::counting_iterator<long>(K * n), rows);
    // Rows are exact now; the column half-step measures the column error of this plan first.
    ::thrust::for_each(policy, ::thrust::counting_iterator<long>(0), ::thrust::counting_iterator<long>(K * m), columns);
    detail::sum_per_problem(policy, err, K, m, column_error);
    for (long k = 0; k < K; ++k) {
      if (done_host[static_cast<std::size_t>(k)]) continue;
      out.iterations[static_cast<std::size_t>(k)] = static_cast<long>(it);
      if (column_error[static_cast<std::size_t>(k)] <= options.tolerance) {
        done_host[static_cast<std::size_t>(k)] = 1;
        out.converged[static_cast<std::size_t>(k)] = stage + 1 == stages.size() ? 1 : 0;
        --remaining;
      }
    }
    ::thrust::copy(done_host.begin(), done_host.end(), done.begin());
    ::thrust::for_each(policy, ::thrust::counting_iterator<long>(0), ::thrust::counting_iterator<long>(K * m),
                       detail::adopt_running{raw_pointer_cast(g_next.data()), raw_pointer_cast(g.data()),
                                             raw_pointer_cast(done.data()), m});
  }

  }

  // The returned plan's marginal errors, measured from its potentials (rows and columns).
  ::thrust::device_vector<double> row_error(static_cast<std::size_t>(K * n)), col_error(g.size());
  ::thrust::for_each(policy, ::thrust::counting_iterator<long>(0), ::thrust::counting_iterator<long>(K * n),
                     detail::sinkhorn_side_error<Cost>{raw_pointer_cast(dx.data()), raw_pointer_cast(dy.data()),
                                                       raw_pointer_cast(da.data()), raw_pointer_cast(db.data()),
                                                       raw_pointer_cast(f.data()), raw_pointer_cast(g.data()),
                                                       raw_pointer_cast(row_error.data()), n, m, shape.dimension,
                                                       eps, cost});
  ::thrust::for_each(policy, ::thrust::counting_iterator<long>(0), ::thrust::counting_iterator<long>(K * m),
                     detail::sinkhorn_side_error<Cost>{raw_pointer_cast(dy.data()), raw_pointer_cast(dx.data()),
                                                       raw_pointer_cast(db.data()), raw_pointer_cast(da.data()),
                                                       raw_pointer_cast(g.data()), raw_pointer_cast(f.data()),
                                                       raw_pointer_cast(col_error.data()), m, n, shape.dimension,
                                                       eps, cost});
  std::vector<double> rows_off, cols_off;
  detail::sum_per_problem(policy, row_error, K, n, rows_off);
  detail::sum_per_problem(policy, col_error, K, m, cols_off);
  out.marginal_error.resize(static_cast<std::size_t>(K));
  for (std::size_t k = 0; k < out.marginal_error.size(); ++k) out.marginal_error[k] = rows_off[k] + cols_off[k];

  ::thrust::device_vector<double> row_cost(static_cast<std::size_t>(K * n)), row_value(static_cast<std::size_t>(K * n));
  ::thrust::for_each(policy, ::thrust::counting_iterator<long>(0), ::thrust::counting_iterator<long>(K * n),
                     detail::sinkhorn_plan_sums<Cost>{raw_pointer_cast(dx.data()), raw_pointer_cast(dy.data()),
                                                      raw_pointer_cast(da.data()), raw_pointer_cast(db.data()),
                                                      raw_pointer_cast(f.data()), raw_pointer_cast(g.data()),
                                                      raw_pointer_cast(row_cost.data()),
                                                      raw_pointer_cast(row_value.data()), n, m, shape.dimension, eps,
                                                      cost});
  detail::sum_per_problem(policy, row_cost, K, n, out.cost);
  detail::sum_per_problem(policy, row_value, K, n, out.value);
  out.f.resize(f.size());
  out.g.resize(g.size());
  ::thrust::copy(f.begin(), f.end(), out.f.begin());
  ::thrust::copy(g.begin(), g.end(), out.g.begin());
  return out;
}

}  // namespace minimax
