#pragma once
/// \file
/// \brief Exact optimal transport on Thrust for batches of assignment problems: Bertsekas' auction
/// algorithm with epsilon scaling, and an optimality certificate from its prices.
///
/// Problem \f$k\f$ transports \f$n\f$ points \f$x_i\f$ of mass \f$1/n\f$ to \f$n\f$ points \f$y_j\f$ of
/// mass \f$1/n\f$ (the WGAN objective between a generated and a real batch of equal size), cost
/// \f$C_{ij} = c(x_i, y_j)\f$ for a ground cost of minimax::costs, or a dense \f$n \times n\f$ matrix
/// given per problem. The vertices of the transport polytope with uniform masses are the permutation
/// matrices divided by \f$n\f$ (Birkhoff), so
/// \f[ \mathrm{OT}(C) = \min_{P \ge 0,\; P\mathbf 1 = \mathbf 1/n,\; P^\top\mathbf 1 = \mathbf 1/n}
///     \langle P, C\rangle = \min_{\sigma \in S_n} \frac1n \sum_i C_{i\sigma(i)}
///     = \max_{f_i + g_j \le C_{ij}} \frac1n \sum_i f_i + \frac1n \sum_j g_j. \f]
///
/// **Auction.** Objects \f$j\f$ carry prices \f$p_j\f$; an unassigned person \f$i\f$ finds the best
/// \f$w_i = \min_j (C_{ij} + p_j)\f$, attained at \f$j^*\f$, and the second best \f$w'_i\f$ over
/// \f$j \ne j^*\f$, and bids \f$p_{j^*} + (w'_i - w_i) + \varepsilon\f$ for \f$j^*\f$. Each object
/// goes to its highest bidder at that price and its previous owner is unassigned. Jacobi bidding (the
/// default): all unassigned persons of all problems bid at once, one thread per person, then one
/// thread per problem resolves the round's bids; Gauss-Seidel bidding: one thread per problem makes
/// the bids one at a time from a queue of the unassigned (fewer bids and no round trips to the host,
/// parallel across problems only). The assignment that results satisfies \f$\varepsilon\f$-complementary
/// slackness, \f$C_{i\sigma(i)} + p_{\sigma(i)} \le w_i + \varepsilon\f$. Epsilon scaling runs the
/// auction for \f$\varepsilon_t = \max(\theta^{t+1} R, \varepsilon_{\text{final}})\f$, \f$R = \max C -
/// \min C\f$ of the problem, \f$\theta\f$ = `scaling_factor`, each phase starting from the previous
/// phase's prices with every person unassigned.
///
/// **Certificate.** From the final prices, \f$g_j = -p_j\f$ and \f$f_i = \min_j (C_{ij} - g_j)\f$ are
/// dual feasible by construction, so \f$D = \frac1n(\sum_i f_i + \sum_j g_j) \le \mathrm{OT}(C)\f$
/// and the duality gap
/// \f[ \Delta = \frac1n \sum_i \bigl(C_{i\sigma(i)} - f_i - g_{\sigma(i)}\bigr) \ge 0 \f]
/// bounds the sub-optimality of \f$\sigma\f$: \f$\frac1n\sum_i C_{i\sigma(i)} - \mathrm{OT}(C) \le
/// \Delta \le \varepsilon\f$. Each term of \f$\Delta\f$ is computed on its own (no difference of two
/// large sums), and the dual infeasibility \f$\max_{ij}(f_i + g_j - C_{ij})\f$, zero but for rounding,
/// is measured too. Before the certificate, the prices are refined with the assignment fixed: the
/// Bellman-Ford passes \f$p_{\sigma(i)} \leftarrow \min\bigl(p_{\sigma(i)}, \min_{j \ne \sigma(i)}
/// (C_{ij} + p_j) - C_{i\sigma(i)}\bigr)\f$ (all persons at once; in place, one thread per problem,
/// with Gauss-Seidel bidding) converge, when \f$\sigma\f$ is
/// optimal, in at most \f$n\f$ passes to prices at which complementary slackness holds exactly, so
/// the gap drops from \f$O(\varepsilon)\f$ to rounding; a \f$\sigma\f$ that is not optimal makes
/// them run to the pass limit (\f$n + 1\f$) without changing the verdict, which is the gap's alone.
///
/// **Exactness.** For integer costs, \f$\varepsilon_{\text{final}} < 1/n\f$ makes the auction's
/// assignment optimal (Bertsekas); here \f$\varepsilon_{\text{final}} = \frac12\max(\tau,
/// 64\epsilon_{\text{mach}})\max|C|\f$, so integer costs up to \f$\max|C| < 2/(n\tau)\f$ (\f$3
/// \cdot 10^{10}\f$ for \f$n = 64\f$ and the default \f$\tau = 10^{-12}\f$) are solved exactly.
/// For real costs the statement is the certificate's: the mean assigned cost exceeds the optimum by
/// at most the reported gap, which is at most \f$\varepsilon_{\text{final}}\f$ plus rounding.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

#include <thrust/copy.h>
#include <thrust/count.h>
#include <thrust/device_vector.h>
#include <thrust/for_each.h>
#include <thrust/functional.h>
#include <thrust/iterator/counting_iterator.h>
#include <thrust/iterator/discard_iterator.h>
#include <thrust/iterator/transform_iterator.h>
#include <thrust/reduce.h>
#include <thrust/transform.h>

#include "minimax/backend/thrust/policy.hpp"
#include "minimax/backend/thrust/sinkhorn.hpp"
#include "minimax/core/error.hpp"
#include "minimax/divergence/cost.hpp"

namespace minimax {

/// How a problem of emd_batch() ended.
enum class assignment_status {
  optimal,              ///< the certificate holds: duality gap and dual infeasibility within the tolerance
  gap_above_tolerance,  ///< a complete assignment whose certified gap exceeds the tolerance
  round_limit,          ///< `max_rounds` bidding rounds ran out before every person was assigned
};

/// How the unassigned persons of emd_batch()'s auction bid.
enum class auction_bidding {
  jacobi,        ///< all at once, one thread per person (parallel within a problem and across problems)
  gauss_seidel,  ///< one at a time, one thread per problem (parallel across problems only; fewer bids)
};

/// Options of emd_batch().
struct emd_batch_options {
  /// \f$\tau\f$: a problem is `optimal` when its duality gap and dual infeasibility are at most
  /// \f$\max(\tau, 64\epsilon_{\text{mach}})\,\max_{ij}|C_{ij}|\f$; the last auction phase runs at
  /// \f$\varepsilon_{\text{final}}\f$ of half that.
  double tolerance = 1e-12;
  double scaling_factor = 0.125;       ///< \f$\theta \in (0, 1)\f$: \f$\varepsilon\f$ is multiplied by it each phase
  /// The most bidding rounds of a problem over all phases (Jacobi: rounds in which it had a bidder;
  /// Gauss-Seidel: its bids); a problem that reaches it stops with assignment_status::round_limit.
  std::size_t max_rounds = 100'000'000;
  auction_bidding bidding = auction_bidding::jacobi;  ///< see auction_bidding
  bool refine_prices = true;           ///< the Bellman-Ford passes before the certificate
};

/// The result of emd_batch(), one entry per problem (host memory).
struct emd_batch_result {
  std::vector<double> cost;                ///< \f$\frac1n\sum_i C_{i\sigma(i)}\f$ (NaN at the round limit)
  std::vector<long> assignment;            ///< \f$\sigma\f$: problem after problem, `assignment[k n + i]` \f$= \sigma(i)\f$ (-1: unassigned)
  std::vector<double> f;                   ///< \f$f_i = \min_j (C_{ij} - g_j)\f$, problem after problem (\f$K n\f$)
  std::vector<double> g;                   ///< \f$g_j = -p_j\f$, the negated final prices (\f$K n\f$)
  std::vector<double> duality_gap;         ///< \f$\Delta = \frac1n\sum_i (C_{i\sigma(i)} - f_i - g_{\sigma(i)})\f$
  std::vector<double> dual_infeasibility;  ///< \f$\max_{ij} (f_i + g_j - C_{ij})\f$ (0 but for rounding)
  std::vector<double> epsilon;             ///< \f$\varepsilon_{\text{final}}\f$ of the problem
  std::vector<double> tolerance;           ///< the threshold the gap was judged by, \f$\max(\tau, 64\epsilon_{\text{mach}})\max|C|\f$
  std::vector<long> bids;                  ///< bids made, over all phases
  std::vector<long> rounds;                ///< its bidding rounds (Jacobi), or its bids (Gauss-Seidel)
  std::vector<long> phases;                ///< epsilon-scaling phases run
  std::vector<long> refinement_passes;     ///< Bellman-Ford passes that changed a price
  std::vector<assignment_status> status;   ///< see assignment_status
};

namespace detail {

/// C[e] = c(x_i, y_j) for entry e = (k n + i) n + j, as minimax::cost_matrix computes it: from the
/// squared distance summed as it is where that is a normal number, else (a square that overflows or
/// underflows) from the distance r = w sqrt(sum ((x - y) / w)^2), w the largest |difference| (the
/// differences halved where they overflow), through cost.of_distance(r) where the cost has it.
template <class Cost>
struct auction_point_costs {
  const double *x, *y;
  double* c;
  long n;
  int d;
  Cost cost;
  MINIMAX_HOST_DEVICE void operator()(long e) const {
    const long row = e / n;  // k n + i
    const long k = row / n, j = e - row * n;
    const double* xi = x + row * d;
    const double* yj = y + (k * n + j) * d;
    double s = 0.0, widest = 0.0;
    for (int a = 0; a < d; ++a) {
      const double diff = xi[a] - yj[a];
      s += diff * diff;
      const double m = diff < 0.0 ? -diff : diff;
      widest = m > widest ? m : widest;
    }
    constexpr double tiny = std::numeric_limits<double>::min(), huge = std::numeric_limits<double>::max();
    if (widest == 0.0 || (s >= tiny && s <= huge)) {
      c[e] = static_cast<double>(cost(s));
      return;
    }
    const bool halve = !(widest <= huge);
    if (halve) {
      widest = 0.0;
      for (int a = 0; a < d; ++a) {
        const double diff = xi[a] / 2 - yj[a] / 2;
        const double m = diff < 0.0 ? -diff : diff;
        widest = m > widest ? m : widest;
      }
    }
    double t = 0.0;
    for (int a = 0; a < d; ++a) {
      const double diff = (halve ? xi[a] / 2 - yj[a] / 2 : xi[a] - yj[a]) / widest;
      t += diff * diff;
    }
    const double r = widest * std::sqrt(t) * (halve ? 2.0 : 1.0);
    if constexpr (requires { cost.of_distance(r); }) {
      c[e] = static_cast<double>(cost.of_distance(r));
    } else {
      c[e] = static_cast<double>(cost(r * r));
    }
  }
};

/// Per problem: max |C|, min C, max C, and the first non-finite entry (or -1).
struct auction_cost_range {
  const double* c;
  double *scale, *low, *high;
  long* bad;
  long n;
  MINIMAX_HOST_DEVICE void operator()(long k) const {
    const double* ck = c + k * n * n;
    double s = 0.0, lo = std::numeric_limits<double>::infinity(), hi = -lo;
    long first = -1;
    for (long e = 0; e < n * n; ++e) {
      const double v = ck[e];
      if (!(v - v == 0.0)) {
        if (first < 0) first = e;
        continue;
      }
      const double a = v < 0.0 ? -v : v;
      s = a > s ? a : s;
      lo = v < lo ? v : lo;
      hi = v > hi ? v : hi;
    }
    scale[k] = s;
    low[k] = lo;
    high[k] = hi;
    bad[k] = first;
  }
};

/// C[e] = C[e] / 2^shift[k] (exact: a power of two).
struct auction_scale_costs {
  double* c;
  const int* shift;
  long entries;  // n * n
  MINIMAX_HOST_DEVICE void operator()(long e) const {
    const int s = shift[e / entries];
    if (s != 0) c[e] = std::ldexp(c[e], -s);
  }
};

/// Starts a phase for the problems with active[k]: every person and object unassigned, prices
/// shifted so that the smallest is 0 (a common shift changes no comparison).
struct auction_phase_start {
  double* price;
  long *owner, *assigned;
  const char* active;
  long n;
  MINIMAX_HOST_DEVICE void operator()(long k) const {
    if (!active[k]) return;
    double* p = price + k * n;
    double low = p[0];
    for (long j = 1; j < n; ++j) low = p[j] < low ? p[j] : low;
    for (long j = 0; j < n; ++j) {
      p[j] -= low;
      owner[k * n + j] = -1;
      assigned[k * n + j] = -1;
    }
  }
};

/// Person i's bid against the prices p: the best w = min_j C_ij + p_j at j* (returned in `at`), the
/// second best w' over j != j*, and the bid p_j* + (w' - w) + eps (eps raised to 4 ulps of the
/// numbers compared where that is more, so that a bid always raises the price).
MINIMAX_HOST_DEVICE inline double auction_best_bid(const double* row, const double* p, long n, double eps, long& at) {
  double best = std::numeric_limits<double>::infinity(), second = best;
  at = 0;
  for (long j = 0; j < n; ++j) {
    const double w = row[j] + p[j];
    if (w < best) {
      second = best;
      best = w;
      at = j;
    } else if (w < second) {
      second = w;
    }
  }
  if (n == 1) second = best;
  const double a = p[at] < 0.0 ? -p[at] : p[at], b = best < 0.0 ? -best : best;
  const double floor = 4.0 * std::numeric_limits<double>::epsilon() * (a + b);
  return p[at] + (second - best) + (eps > floor ? eps : floor);
}

/// Jacobi bidding: every unassigned person of every problem bids at once (one thread per person);
/// a problem that has used up its rounds bids no more.
struct auction_bid {
  const double* c;
  const double* price;
  const long* assigned;
  const double* eps;
  const long* rounds;
  long* bid_object;
  double* bid_value;
  long* bids;
  long n, limit;
  MINIMAX_HOST_DEVICE void operator()(long idx) const {
    const long k = idx / n;
    if (assigned[idx] >= 0 || rounds[k] >= limit) {
      bid_object[idx] = -1;
      return;
    }
    long at = 0;
    bid_value[idx] = auction_best_bid(c + idx * n, price + k * n, n, eps[k], at);
    bid_object[idx] = at;
    ++bids[idx];
  }
};

/// The Jacobi round's resolution for problem k (one thread per problem, O(n)): each object that
/// received bids goes to the highest (ties: the lowest person) at that price, and its previous
/// owner is unassigned. `winner` is scratch, -1 everywhere between calls.
struct auction_resolve {
  const long* bid_object;
  const double* bid_value;
  double* price;
  long *owner, *assigned, *rounds, *winner;
  long n;
  MINIMAX_HOST_DEVICE void operator()(long k) const {
    const long base = k * n;
    bool any = false;
    for (long i = 0; i < n; ++i) {
      const long j = bid_object[base + i];
      if (j < 0) continue;
      any = true;
      const long w = winner[base + j];
      if (w < 0 || bid_value[base + i] > bid_value[base + w]) winner[base + j] = i;
    }
    if (!any) return;
    ++rounds[k];
    for (long i = 0; i < n; ++i) {
      const long j = bid_object[base + i];
      if (j < 0 || winner[base + j] != i) continue;
      winner[base + j] = -1;
      const long previous = owner[base + j];
      if (previous >= 0) assigned[base + previous] = -1;
      owner[base + j] = i;
      assigned[base + i] = j;
      price[base + j] = bid_value[base + i];
    }
  }
};

/// Gauss-Seidel bidding: one thread runs a whole phase of problem k, one bid at a time, the
/// unassigned persons in a first-in first-out queue (`queue`: n slots per problem); each bid
/// counts as a round.
struct auction_gauss_seidel {
  const double* c;
  double* price;
  long *owner, *assigned, *queue, *rounds, *bids;
  const double* eps;
  const char* active;
  long n, limit;
  MINIMAX_HOST_DEVICE void operator()(long k) const {
    if (!active[k]) return;
    const long base = k * n;
    long* q = queue + base;
    long head = 0, waiting = 0;
    for (long i = 0; i < n; ++i) {
      if (assigned[base + i] < 0) q[waiting++] = i;
    }
    while (waiting > 0 && rounds[k] < limit) {
      const long i = q[head];
      head = head + 1 == n ? 0 : head + 1;
      --waiting;
      long j = 0;
      const double value = auction_best_bid(c + (base + i) * n, price + base, n, eps[k], j);
      const long previous = owner[base + j];
      if (previous >= 0) {
        assigned[base + previous] = -1;
        long tail = head + waiting;
        tail = tail >= n ? tail - n : tail;
        q[tail] = previous;
        ++waiting;
      }
      owner[base + j] = i;
      assigned[base + i] = j;
      price[base + j] = value;
      ++rounds[k];
      ++bids[base + i];
    }
  }
};

/// Persons still to bid in the Jacobi loop: unassigned, in a problem with rounds left.
struct auction_pending {
  const long *assigned, *rounds;
  long n, limit;
  MINIMAX_HOST_DEVICE bool operator()(long idx) const { return assigned[idx] < 0 && rounds[idx / n] < limit; }
};

/// A Bellman-Ford pass with the assignment fixed: p'_{s(i)} = min(p_{s(i)}, min_{j != s(i)} (C_ij + p_j) - C_{i s(i)}).
struct auction_refine {
  const double* c;
  const double* price;
  double* next;
  const long* assigned;
  const char* complete;
  long* changed;
  long n;
  MINIMAX_HOST_DEVICE void operator()(long idx) const {
    const long k = idx / n;
    changed[idx] = 0;
    if (!complete[k]) return;
    const long s = assigned[idx];
    const double* row = c + idx * n;
    const double* p = price + k * n;
    double other = std::numeric_limits<double>::infinity();  // min over j != s
    for (long j = 0; j < n; ++j) {
      const double w = row[j] + p[j];
      other = j != s && w < other ? w : other;
    }
    const double candidate = other - row[s];
    if (candidate < p[s]) {
      next[k * n + s] = candidate;
      changed[idx] = 1;
    } else {
      next[k * n + s] = p[s];
    }
  }
};

/// The refinement as one thread per problem runs it (with Gauss-Seidel bidding): the same passes,
/// each price updated in place (Gauss-Seidel Bellman-Ford, at least as fast as the Jacobi passes),
/// until a pass changes nothing or n + 1 passes; the passes that changed a price are counted.
struct auction_refine_in_place {
  const double* c;
  double* price;
  const long* assigned;
  const char* complete;
  long* passes;
  long n;
  MINIMAX_HOST_DEVICE void operator()(long k) const {
    if (!complete[k]) return;
    double* p = price + k * n;
    for (long pass = 0; pass <= n; ++pass) {
      bool moved = false;
      for (long i = 0; i < n; ++i) {
        const long s = assigned[k * n + i];
        const double* row = c + (k * n + i) * n;
        double other = std::numeric_limits<double>::infinity();
        for (long j = 0; j < n; ++j) {
          const double w = row[j] + p[j];
          other = j != s && w < other ? w : other;
        }
        const double candidate = other - row[s];
        if (candidate < p[s]) {
          p[s] = candidate;
          moved = true;
        }
      }
      if (!moved) return;
      ++passes[k];
    }
  }
};

/// The certificate's terms for person i: f_i = min_j (C_ij + p_j), the assigned cost, the gap term
/// C_{i s(i)} - f_i - g_{s(i)} = C_{i s(i)} + p_{s(i)} - f_i, and max_j (f_i + g_j - C_ij).
struct auction_certificate {
  const double* c;
  const double* price;
  const long* assigned;
  double *f, *assigned_cost, *gap, *infeasibility;
  long n;
  MINIMAX_HOST_DEVICE void operator()(long idx) const {
    const long k = idx / n;
    const double* row = c + idx * n;
    const double* p = price + k * n;
    double best = std::numeric_limits<double>::infinity();
    for (long j = 0; j < n; ++j) {
      const double w = row[j] + p[j];
      best = w < best ? w : best;
    }
    double worst = -std::numeric_limits<double>::infinity();
    for (long j = 0; j < n; ++j) {
      const double r = (best - p[j]) - row[j];
      worst = r > worst ? r : worst;
    }
    f[idx] = best;
    infeasibility[idx] = worst;
    const long s = assigned[idx];
    if (s < 0) {
      assigned_cost[idx] = std::numeric_limits<double>::quiet_NaN();
      gap[idx] = std::numeric_limits<double>::quiet_NaN();
    } else {
      assigned_cost[idx] = row[s];
      gap[idx] = (row[s] + p[s]) - best;
    }
  }
};

/// g_j = -p_j.
struct negate_price {
  MINIMAX_HOST_DEVICE double operator()(double p) const { return -p; }
};

/// The solver behind every emd_batch(): the K n x n cost matrices are on the device in `c`, checked.
template <class Policy>
emd_batch_result auction_solve(const Policy& policy, long K, long n, const ::thrust::device_vector<double>& c,
                               const std::vector<double>& scale, const std::vector<double>& range,
                               const std::vector<int>& shift, const emd_batch_options& options) {
  using ::thrust::raw_pointer_cast;
  const auto persons = static_cast<std::size_t>(K * n);
  ::thrust::device_vector<double> price(persons, 0.0), next(persons, 0.0), bid_value(persons, 0.0);
  ::thrust::device_vector<long> owner(persons, -1), assigned(persons, -1), bid_object(persons, -1);
  ::thrust::device_vector<long> bids(persons, 0), changed(persons, 0), rounds(static_cast<std::size_t>(K), 0);
  ::thrust::device_vector<long> queue(persons, -1);  // Gauss-Seidel's queues, or Jacobi's winners (-1 between rounds)
  ::thrust::device_vector<double> eps_device(static_cast<std::size_t>(K), 0.0);
  ::thrust::device_vector<char> active(static_cast<std::size_t>(K), 0);

  emd_batch_result out;
  out.epsilon.resize(static_cast<std::size_t>(K));
  out.tolerance.resize(static_cast<std::size_t>(K));
  out.phases.assign(static_cast<std::size_t>(K), 0);
  out.refinement_passes.assign(static_cast<std::size_t>(K), 0);
  // The schedule of each problem: eps_t = max(theta^(t+1) R, eps_final), until eps_final.
  const double floor = 64.0 * std::numeric_limits<double>::epsilon();
  const double tau = options.tolerance > floor ? options.tolerance : floor;
  std::vector<double> eps_now(static_cast<std::size_t>(K), std::numeric_limits<double>::infinity());
  std::vector<char> active_host(static_cast<std::size_t>(K), 0);
  for (long k = 0; k < K; ++k) {
    const auto kk = static_cast<std::size_t>(k);
    out.tolerance[kk] = tau * scale[kk];
    // All costs 0: any eps works (every assignment is optimal); 1 makes the bids exact.
    out.epsilon[kk] = scale[kk] > 0.0 ? out.tolerance[kk] / 2 : 1.0;
  }
  const auto each_person = [&](const auto& functor) {
    ::thrust::for_each(policy, ::thrust::counting_iterator<long>(0), ::thrust::counting_iterator<long>(K * n), functor);
  };
  const auto each_problem = [&](const auto& functor) {
    ::thrust::for_each(policy, ::thrust::counting_iterator<long>(0), ::thrust::counting_iterator<long>(K), functor);
  };
  for (long t = 0;; ++t) {
    bool any = false;
    for (long k = 0; k < K; ++k) {
      const auto kk = static_cast<std::size_t>(k);
      const double target = std::max(range[kk] * std::pow(options.scaling_factor, static_cast<double>(t + 1)),
                                     out.epsilon[kk]);
      active_host[kk] = target < eps_now[kk] ? 1 : 0;
      if (active_host[kk]) {
        eps_now[kk] = target;
        ++out.phases[kk];
        any = true;
      }
    }
    if (!any) break;
    ::thrust::copy(active_host.begin(), active_host.end(), active.begin());
    ::thrust::copy(eps_now.begin(), eps_now.end(), eps_device.begin());
    each_problem(auction_phase_start{raw_pointer_cast(price.data()), raw_pointer_cast(owner.data()),
                                     raw_pointer_cast(assigned.data()), raw_pointer_cast(active.data()), n});
    const long limit = options.max_rounds < static_cast<std::size_t>(std::numeric_limits<long>::max())
                           ? static_cast<long>(options.max_rounds)
                           : std::numeric_limits<long>::max();
    if (options.bidding == auction_bidding::gauss_seidel) {
      each_problem(auction_gauss_seidel{raw_pointer_cast(c.data()), raw_pointer_cast(price.data()),
                                        raw_pointer_cast(owner.data()), raw_pointer_cast(assigned.data()),
                                        raw_pointer_cast(queue.data()), raw_pointer_cast(rounds.data()),
                                        raw_pointer_cast(bids.data()), raw_pointer_cast(eps_device.data()),
                                        raw_pointer_cast(active.data()), n, limit});
      continue;
    }
    const auction_bid bid{raw_pointer_cast(c.data()),          raw_pointer_cast(price.data()),
                          raw_pointer_cast(assigned.data()),   raw_pointer_cast(eps_device.data()),
                          raw_pointer_cast(rounds.data()),     raw_pointer_cast(bid_object.data()),
                          raw_pointer_cast(bid_value.data()),  raw_pointer_cast(bids.data()),
                          n,                                   limit};
    const auction_resolve resolve{raw_pointer_cast(bid_object.data()), raw_pointer_cast(bid_value.data()),
                                  raw_pointer_cast(price.data()),      raw_pointer_cast(owner.data()),
                                  raw_pointer_cast(assigned.data()),   raw_pointer_cast(rounds.data()),
                                  raw_pointer_cast(queue.data()),      n};
    const auction_pending pending{raw_pointer_cast(assigned.data()), raw_pointer_cast(rounds.data()), n, limit};
    while (::thrust::count_if(policy, ::thrust::counting_iterator<long>(0), ::thrust::counting_iterator<long>(K * n),
                              pending) > 0) {
      // Four rounds per look at the host: a round in which a problem has no bidder changes
      // nothing of it and is not counted, so the extra rounds cost only their calls.
      for (int r = 0; r < 4; ++r) {
        each_person(bid);
        each_problem(resolve);
      }
    }
  }

  // Which problems hold a complete assignment.
  std::vector<long> assigned_host(persons);
  ::thrust::copy(assigned.begin(), assigned.end(), assigned_host.begin());
  std::vector<char> complete_host(static_cast<std::size_t>(K), 1);
  for (std::size_t i = 0; i < persons; ++i) {
    if (assigned_host[i] < 0) complete_host[i / static_cast<std::size_t>(n)] = 0;
  }
  ::thrust::device_vector<char> complete(complete_host.begin(), complete_host.end());
  if (options.refine_prices && options.bidding == auction_bidding::gauss_seidel) {
    ::thrust::device_vector<long> passes(static_cast<std::size_t>(K), 0);
    each_problem(auction_refine_in_place{raw_pointer_cast(c.data()), raw_pointer_cast(price.data()),
                                         raw_pointer_cast(assigned.data()), raw_pointer_cast(complete.data()),
                                         raw_pointer_cast(passes.data()), n});
    ::thrust::copy(passes.begin(), passes.end(), out.refinement_passes.begin());
  } else if (options.refine_prices) {
    std::vector<long> changes;
    ::thrust::device_vector<long> per_problem(static_cast<std::size_t>(K));
    for (long pass = 0; pass <= n; ++pass) {
      each_person(auction_refine{raw_pointer_cast(c.data()), raw_pointer_cast(price.data()),
                                 raw_pointer_cast(next.data()), raw_pointer_cast(assigned.data()),
                                 raw_pointer_cast(complete.data()), raw_pointer_cast(changed.data()), n});
      const auto keys = ::thrust::make_transform_iterator(::thrust::counting_iterator<long>(0), problem_of{n});
      ::thrust::reduce_by_key(policy, keys, keys + K * n, changed.begin(), ::thrust::make_discard_iterator(),
                              per_problem.begin());
      changes.resize(static_cast<std::size_t>(K));
      ::thrust::copy(per_problem.begin(), per_problem.end(), changes.begin());
      bool moved = false;
      for (long k = 0; k < K; ++k) {
        if (changes[static_cast<std::size_t>(k)] > 0) {
          ++out.refinement_passes[static_cast<std::size_t>(k)];
          moved = true;
        }
      }
      if (!moved) break;
      // Problems that are not complete wrote nothing to `next`: keep their prices.
      for (long k = 0; k < K; ++k) {
        if (!complete_host[static_cast<std::size_t>(k)]) {
          ::thrust::copy(price.begin() + k * n, price.begin() + (k + 1) * n, next.begin() + k * n);
        }
      }
      price.swap(next);
    }
  }

  ::thrust::device_vector<double> f(persons), assigned_cost(persons), gap(persons), infeasibility(persons);
  each_person(auction_certificate{raw_pointer_cast(c.data()), raw_pointer_cast(price.data()),
                                  raw_pointer_cast(assigned.data()), raw_pointer_cast(f.data()),
                                  raw_pointer_cast(assigned_cost.data()), raw_pointer_cast(gap.data()),
                                  raw_pointer_cast(infeasibility.data()), n});
  sum_per_problem(policy, assigned_cost, K, n, out.cost);
  sum_per_problem(policy, gap, K, n, out.duality_gap);
  {
    ::thrust::device_vector<double> worst(static_cast<std::size_t>(K));
    const auto keys = ::thrust::make_transform_iterator(::thrust::counting_iterator<long>(0), problem_of{n});
    ::thrust::reduce_by_key(policy, keys, keys + K * n, infeasibility.begin(), ::thrust::make_discard_iterator(),
                            worst.begin(), ::thrust::equal_to<long>(), ::thrust::maximum<double>());
    out.dual_infeasibility.resize(static_cast<std::size_t>(K));
    ::thrust::copy(worst.begin(), worst.end(), out.dual_infeasibility.begin());
  }
  std::vector<long> bids_host(persons), rounds_host(static_cast<std::size_t>(K));
  ::thrust::copy(bids.begin(), bids.end(), bids_host.begin());
  ::thrust::copy(rounds.begin(), rounds.end(), rounds_host.begin());
  out.f.resize(persons);
  out.g.resize(persons);
  ::thrust::copy(f.begin(), f.end(), out.f.begin());
  ::thrust::device_vector<double> g(persons);
  ::thrust::transform(policy, price.begin(), price.end(), g.begin(), negate_price{});
  ::thrust::copy(g.begin(), g.end(), out.g.begin());
  out.assignment = std::move(assigned_host);
  out.bids.assign(static_cast<std::size_t>(K), 0);
  out.rounds = std::move(rounds_host);
  out.status.resize(static_cast<std::size_t>(K));
  const double inv_n = 1.0 / static_cast<double>(n);
  for (long k = 0; k < K; ++k) {
    const auto kk = static_cast<std::size_t>(k);
    for (long i = 0; i < n; ++i) out.bids[kk] += bids_host[kk * static_cast<std::size_t>(n) + static_cast<std::size_t>(i)];
    out.cost[kk] *= inv_n;
    out.duality_gap[kk] *= inv_n;
    if (!complete_host[kk]) {
      out.status[kk] = assignment_status::round_limit;
    } else if (out.duality_gap[kk] <= out.tolerance[kk] && out.dual_infeasibility[kk] <= out.tolerance[kk]) {
      out.status[kk] = assignment_status::optimal;
    } else {
      out.status[kk] = assignment_status::gap_above_tolerance;
    }
    // Back from C / 2^s to C.
    const int e = shift[kk];
    if (e != 0) {
      for (double* v : {&out.cost[kk], &out.duality_gap[kk], &out.dual_infeasibility[kk], &out.epsilon[kk],
                        &out.tolerance[kk]}) {
        *v = std::ldexp(*v, e);
      }
      for (long i = 0; i < n; ++i) {
        const auto at = kk * static_cast<std::size_t>(n) + static_cast<std::size_t>(i);
        out.f[at] = std::ldexp(out.f[at], e);
        out.g[at] = std::ldexp(out.g[at], e);
      }
    }
  }
  return out;
}

/// The range and scale of each problem's costs (device), raising on the first non-finite entry.
template <class Policy>
void auction_cost_summary(const Policy& policy, const char* function, bool from_points, long K, long n,
                          ::thrust::device_vector<double>& c, std::vector<double>& scale, std::vector<double>& range,
                          std::vector<int>& shift) {
  using ::thrust::raw_pointer_cast;
  ::thrust::device_vector<double> s(static_cast<std::size_t>(K)), lo(s.size()), hi(s.size());
  ::thrust::device_vector<long> bad(s.size());
  ::thrust::for_each(policy, ::thrust::counting_iterator<long>(0), ::thrust::counting_iterator<long>(K),
                     auction_cost_range{raw_pointer_cast(c.data()), raw_pointer_cast(s.data()),
                                        raw_pointer_cast(lo.data()), raw_pointer_cast(hi.data()),
                                        raw_pointer_cast(bad.data()), n});
  std::vector<double> low(s.size()), high(s.size());
  std::vector<long> first(s.size());
  scale.resize(s.size());
  range.resize(s.size());
  ::thrust::copy(s.begin(), s.end(), scale.begin());
  ::thrust::copy(lo.begin(), lo.end(), low.begin());
  ::thrust::copy(hi.begin(), hi.end(), high.begin());
  ::thrust::copy(bad.begin(), bad.end(), first.begin());
  for (long k = 0; k < K; ++k) {
    const auto kk = static_cast<std::size_t>(k);
    if (first[kk] >= 0) {
      const long i = first[kk] / n, j = first[kk] % n;
      const double v = c[static_cast<std::size_t>(k * n * n + first[kk])];
      raise_invalid_argument(function,
                             from_points ? "the cost between x point " + std::to_string(i) + " and y point " +
                                               std::to_string(j) + " of problem " + std::to_string(k) +
                                               " is not finite (the points are too far apart for the ground cost)"
                                         : "cost(" + std::to_string(i) + ", " + std::to_string(j) + ") of problem " +
                                               std::to_string(k) + " must be finite",
                             v);
    }
  }
  // Costs of extreme magnitude are solved as C / 2^s with 2^s <= max|C| < 2^(s+1), as minimax::emd
  // does: exact (barring the underflow of entries 2^1000 times smaller than the largest), it keeps
  // max C - min C, the prices and C + p finite near the largest double and eps a normal number for
  // tiny costs. The optimal assignment is invariant to the scaling.
  shift.assign(s.size(), 0);
  bool any = false;
  for (long k = 0; k < K; ++k) {
    const auto kk = static_cast<std::size_t>(k);
    if (scale[kk] > 0.0 && (scale[kk] > std::ldexp(1.0, 64) || scale[kk] < std::ldexp(1.0, -64))) {
      shift[kk] = std::ilogb(scale[kk]);
      any = true;
    }
    scale[kk] = std::ldexp(scale[kk], -shift[kk]);
    range[kk] = std::ldexp(high[kk], -shift[kk]) - std::ldexp(low[kk], -shift[kk]);
  }
  if (any) {
    const ::thrust::device_vector<int> shifts(shift.begin(), shift.end());
    ::thrust::for_each(policy, ::thrust::counting_iterator<long>(0), ::thrust::counting_iterator<long>(K * n * n),
                       auction_scale_costs{raw_pointer_cast(c.data()), raw_pointer_cast(shifts.data()), n * n});
  }
}

/// Host checks common to every emd_batch(): sizes and options.
inline void require_auction_input(const char* function, long problems, long n, const emd_batch_options& options) {
  if (problems < 1) raise_invalid_argument(function, "the number of problems must be >= 1", problems);
  if (n < 1) raise_invalid_argument(function, "the number of points per problem must be >= 1", n);
  require_non_negative(function, "the tolerance", options.tolerance);
  if (!(options.scaling_factor > 0.0 && options.scaling_factor < 1.0)) {
    raise_invalid_argument(function, "the scaling factor must lie in (0, 1)", options.scaling_factor);
  }
}

/// Host checks of point clouds (problems, n, d).
inline void require_auction_points(const char* function, const char* name, const std::vector<double>& points,
                                   const transport_batch& shape, long count) {
  require_same_size(function, (std::string(name) + " points and problems x points x dimension").c_str(),
                    points.size(), static_cast<std::size_t>(shape.problems * count * shape.dimension));
  for (std::size_t i = 0; i < points.size(); ++i) {
    if (!(points[i] - points[i] == 0.0)) {
      raise_invalid_argument(function, std::string(name) + " point coordinate " + std::to_string(i) + " must be finite",
                             points[i]);
    }
  }
}

}  // namespace detail

/// \brief Solves a batch of assignment problems between point clouds exactly (see \ref
/// backend/thrust/emd.hpp): \f$\mathrm{OT} = \min_\sigma \frac1n \sum_i c(x_i, y_{\sigma(i)})\f$ for
/// each problem, with an optimality certificate.
///
/// \param policy a Thrust policy that reaches `thrust::device_vector` memory.
/// \param shape \f$K\f$ problems of \f$n\f$ points against \f$m = n\f$ points in dimension \f$d\f$.
/// \param x, y the points, problem after problem, point after point (\f$K n d\f$ values each).
/// \param options minimax::emd_batch_options (certificate tolerance, scaling factor, round limit).
/// \param cost the ground cost, \f$C_{ij} = c(\|x_i - y_j\|^2)\f$ (costs::sq_euclidean: the cost is
/// \f$W_2^2\f$ of the two empirical measures; costs::euclidean: \f$W_1\f$).
/// Each problem's \f$n \times n\f$ cost matrix is computed once and kept on the device (\f$K n^2\f$
/// doubles). Work: \f$O(n^2)\f$ per bidding round per problem, rounds \f$O(n)\f$ per phase in the
/// typical case, \f$O(\log_{1/\theta}(R/\varepsilon_{\text{final}}))\f$ phases (14 with the defaults),
/// and at most \f$n+1\f$ refinement passes of \f$O(n^2)\f$.
/// \throws minimax::invalid_argument, naming `minimax::emd_batch`, for \f$n \ne m\f$ (only assignment
/// problems are solved), a size below 1, sizes of `x` or `y` that do not match the shape, a
/// non-finite coordinate, a cost that is not finite (the points and the problem are named), a
/// negative tolerance or a scaling factor outside \f$(0, 1)\f$.
template <thrust_policy Policy, GroundCost Cost = costs::sq_euclidean>
emd_batch_result emd_batch(const Policy& policy, const transport_batch& shape, const std::vector<double>& x,
                           const std::vector<double>& y, const emd_batch_options& options = {}, Cost cost = {}) {
  constexpr const char* fn = "minimax::emd_batch";
  if (shape.n != shape.m) {
    raise_invalid_argument(fn,
                           "only assignment problems (n == m, masses 1/n) are solved: the point counts n and m must "
                           "be equal",
                           std::to_string(shape.n) + " and " + std::to_string(shape.m));
  }
  detail::require_auction_input(fn, shape.problems, shape.n, options);
  if (shape.dimension < 1) raise_invalid_argument(fn, "the dimension must be >= 1", shape.dimension);
  detail::require_auction_points(fn, "x", x, shape, shape.n);
  detail::require_auction_points(fn, "y", y, shape, shape.m);
  const long K = shape.problems, n = shape.n;
  const ::thrust::device_vector<double> dx(x.begin(), x.end()), dy(y.begin(), y.end());
  ::thrust::device_vector<double> c(static_cast<std::size_t>(K * n * n));
  ::thrust::for_each(policy, ::thrust::counting_iterator<long>(0), ::thrust::counting_iterator<long>(K * n * n),
                     detail::auction_point_costs<Cost>{::thrust::raw_pointer_cast(dx.data()),
                                                       ::thrust::raw_pointer_cast(dy.data()),
                                                       ::thrust::raw_pointer_cast(c.data()), n, shape.dimension, cost});
  std::vector<double> scale, range;
  std::vector<int> shift;
  detail::auction_cost_summary(policy, fn, true, K, n, c, scale, range, shift);
  return detail::auction_solve(policy, K, n, c, scale, range, shift, options);
}

/// \brief The same with masses, in the order of minimax::sinkhorn_batch: `a` and `b` (\f$K n\f$
/// values each) must be uniform, every mass \f$1/n\f$ within a relative \f$10^{-12}\f$.
/// \throws minimax::invalid_argument as the overload without masses, and for masses of the wrong
/// size or that are not uniform (the mass, its problem and its value are named): transport with
/// other masses is not an assignment problem and is refused rather than approximated.
template <thrust_policy Policy, GroundCost Cost = costs::sq_euclidean>
emd_batch_result emd_batch(const Policy& policy, const transport_batch& shape, const std::vector<double>& x,
                           const std::vector<double>& a, const std::vector<double>& y, const std::vector<double>& b,
                           const emd_batch_options& options = {}, Cost cost = {}) {
  constexpr const char* fn = "minimax::emd_batch";
  if (shape.n != shape.m) {
    raise_invalid_argument(fn,
                           "only assignment problems (n == m, masses 1/n) are solved: the point counts n and m must "
                           "be equal",
                           std::to_string(shape.n) + " and " + std::to_string(shape.m));
  }
  detail::require_auction_input(fn, shape.problems, shape.n, options);
  const auto check = [&](const char* name, const std::vector<double>& w) {
    require_same_size(fn, (std::string(name) + " masses and problems x points").c_str(), w.size(),
                      static_cast<std::size_t>(shape.problems * shape.n));
    const double uniform = 1.0 / static_cast<double>(shape.n);
    for (std::size_t i = 0; i < w.size(); ++i) {
      if (!(std::abs(w[i] * static_cast<double>(shape.n) - 1.0) <= 1e-12)) {
        raise_invalid_argument(fn,
                               std::string("only uniform masses 1/n (here ") + detail::to_text(uniform) +
                                   ") are solved; " + name + " mass " +
                                   std::to_string(i % static_cast<std::size_t>(shape.n)) + " of problem " +
                                   std::to_string(i / static_cast<std::size_t>(shape.n)) + " differs",
                               w[i]);
      }
    }
  };
  check("x", a);
  check("y", b);
  return emd_batch(policy, shape, x, y, options, cost);
}

/// \brief Solves a batch of assignment problems given by their cost matrices:
/// \f$\mathrm{OT}(C^{(k)}) = \min_\sigma \frac1n \sum_i C^{(k)}_{i\sigma(i)}\f$, masses \f$1/n\f$.
///
/// \param policy a Thrust policy that reaches `thrust::device_vector` memory.
/// \param problems \f$K \ge 1\f$.
/// \param n the size of each matrix, \f$n \ge 1\f$.
/// \param cost the matrices, problem after problem, each row-major: \f$C^{(k)}_{ij}\f$ at
/// `cost[(k n + i) n + j]` (\f$K n^2\f$ values, any sign).
/// \param options minimax::emd_batch_options.
/// \throws minimax::invalid_argument, naming `minimax::emd_batch`, for sizes below 1, a `cost` of the
/// wrong size, a non-finite entry (its indices, problem and value are named), a negative tolerance
/// or a scaling factor outside \f$(0, 1)\f$. Costs up to the largest double are supported: a
/// problem whose \f$\max|C|\f$ lies outside \f$[2^{-64}, 2^{64}]\f$ is solved for \f$C/2^s\f$,
/// \f$2^s \le \max|C| < 2^{s+1}\f$ (exact), and its results are scaled back.
template <thrust_policy Policy>
emd_batch_result emd_batch(const Policy& policy, long problems, long n, const std::vector<double>& cost,
                           const emd_batch_options& options = {}) {
  constexpr const char* fn = "minimax::emd_batch";
  detail::require_auction_input(fn, problems, n, options);
  require_same_size(fn, "the cost matrices and problems x n x n", cost.size(),
                    static_cast<std::size_t>(problems * n * n));
  ::thrust::device_vector<double> c(cost.begin(), cost.end());
  std::vector<double> scale, range;
  std::vector<int> shift;
  detail::auction_cost_summary(policy, fn, false, problems, n, c, scale, range, shift);
  return detail::auction_solve(policy, problems, n, c, scale, range, shift, options);
}

}  // namespace minimax
