#pragma once
/// \file
/// \brief Exact discrete optimal transport (the earth mover's distance) by the network simplex.
///
/// For histograms \f$a \in \mathbb{R}_+^n\f$, \f$b \in \mathbb{R}_+^m\f$ with equal totals and a
/// cost matrix \f$C \in \mathbb{R}^{n \times m}\f$, emd() solves
/// \f[ \min_{P \ge 0,\; P\mathbf 1 = a,\; P^\top \mathbf 1 = b} \langle P, C\rangle
///     = \max_{f_i + g_j \le C_{ij}} \langle a, f\rangle + \langle b, g\rangle. \f]
/// With costs::euclidean the optimal cost is \f$W_1\f$; with costs::sq_euclidean it is \f$W_2^2\f$
/// (emd() returns the cost \f$\langle P, C\rangle\f$ as it is: take its square root yourself for
/// \f$W_2\f$).

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "minimax/core/error.hpp"
#include "minimax/core/summation.hpp"
#include "minimax/divergence/cost.hpp"
#include "minimax/divergence/masses.hpp"

namespace minimax {

/// How an iterative transport solver ended.
enum class transport_status {
  optimal,          ///< the optimality (or convergence) criterion holds
  iteration_limit,  ///< the iteration limit was reached first: the result is feasible but not optimal
};

/// \brief The result of emd(): the optimal cost, an optimal plan, optimal dual potentials and the status.
template <class T>
struct emd_result {
  T cost{};  ///< \f$\langle P, C\rangle = \sum_{ij} P_{ij} C_{ij}\f$ (compensated sum)
  Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic> plan;  ///< \f$P\f$, \f$n \times m\f$, at most \f$n+m-1\f$ non-zeros
  Eigen::Matrix<T, Eigen::Dynamic, 1> f;  ///< dual potential of the rows: \f$f_i + g_j \le C_{ij}\f$
  Eigen::Matrix<T, Eigen::Dynamic, 1> g;  ///< dual potential of the columns (equality where \f$P_{ij} > 0\f$)
  transport_status status = transport_status::optimal;  ///< optimal, or the iteration limit was hit
  std::size_t iterations = 0;                           ///< simplex pivots made
};

/// Options of emd().
struct emd_options {
  std::size_t max_iterations = 100'000'000;  ///< the most simplex pivots before giving up
};

namespace detail {

// The network simplex on the bipartite transport graph (supply nodes 0..n-1, demand nodes n..n+m-1,
// an artificial root n+m joined to every node by an arc of prohibitive cost), with a spanning-tree
// basis stored as parent / thread (preorder) / subtree sizes, block search for the entering arc and
// the strongly-feasible-tree rule for the leaving arc (which prevents cycling under degeneracy).
template <class T>
class network_simplex {
 public:
  network_simplex(const T* cost_row_major, const std::vector<T>& supply, const std::vector<T>& demand)
      : n_(static_cast<int>(supply.size())), m_(static_cast<int>(demand.size())), c_(cost_row_major) {
    const int nodes = n_ + m_ + 1;
    root_ = n_ + m_;
    parent_.assign(nodes, -1);
    arc_.assign(nodes, -1);
    up_.assign(nodes, 0);
    flow_.assign(nodes, T(0));
    pi_.assign(nodes, T(0));
    thread_.assign(nodes, 0);
    rev_thread_.assign(nodes, 0);
    size_.assign(nodes, 1);
    pos_.assign(nodes, 0);
    T scale = 0;
    const std::size_t arcs = static_cast<std::size_t>(n_) * static_cast<std::size_t>(m_);
    for (std::size_t e = 0; e < arcs; ++e) scale = std::max(scale, std::abs(c_[e]));
    artificial_ = (scale + 1) * static_cast<T>(nodes);
    tolerance_ = artificial_ * std::numeric_limits<T>::epsilon() * 4;
    // The initial tree: every node hangs from the root by its artificial arc, carrying its mass.
    for (int v = 0; v < root_; ++v) {
      parent_[v] = root_;
      arc_[v] = -1;
      if (v < n_) {
        up_[v] = 1;
        flow_[v] = supply[static_cast<std::size_t>(v)];
        pi_[v] = -artificial_;
      } else {
        up_[v] = 0;
        flow_[v] = demand[static_cast<std::size_t>(v - n_)];
        pi_[v] = artificial_;
      }
      thread_[v] = v + 1;
      rev_thread_[v + 1] = v;
    }
    thread_[root_] = 0;
    rev_thread_[0] = root_;
    size_[root_] = nodes;
    block_ = std::max<std::size_t>(10, static_cast<std::size_t>(std::sqrt(static_cast<double>(arcs))));
  }

  // Runs until optimal or the pivot limit; returns the number of pivots.
  std::size_t run(std::size_t max_iterations, bool& optimal) {
    std::size_t it = 0;
    optimal = false;
    for (int refresh = 0; refresh < 2; ++refresh) {
      while (it < max_iterations) {
        int i = 0, j = 0;
        if (!find_entering(i, j)) break;
        pivot(i, j);
        ++it;
      }
      if (it >= max_iterations) return it;
      // Recompute the potentials from the tree, removing the drift of incremental updates, and
      // look once more for an improving arc.
      recompute_potentials();
    }
    int i = 0, j = 0;
    optimal = !find_entering(i, j);
    if (!optimal) {
      while (it < max_iterations && find_entering(i, j)) {
        pivot(i, j);
        ++it;
      }
      optimal = it < max_iterations;
    }
    return it;
  }

  // The basic real arcs and their flows.
  template <class F>
  void for_each_basic_arc(F&& f) const {
    for (int v = 0; v < root_; ++v) {
      if (arc_[v] >= 0) f(arc_[v] / m_, arc_[v] % m_, flow_[v]);
    }
  }
  T potential(int v) const { return pi_[v]; }

 private:
  T reduced(int i, int j) const {
    return c_[static_cast<std::size_t>(i) * static_cast<std::size_t>(m_) + static_cast<std::size_t>(j)] + pi_[i] -
           pi_[n_ + j];
  }

  bool find_entering(int& bi, int& bj) {
    const std::size_t arcs = static_cast<std::size_t>(n_) * static_cast<std::size_t>(m_);
    T best = -tolerance_;
    bool found = false;
    std::size_t count = 0;
    int i = static_cast<int>(next_ / static_cast<std::size_t>(m_)), j = static_cast<int>(next_ % static_cast<std::size_t>(m_));
    for (std::size_t scanned = 0; scanned < arcs; ++scanned) {
      const T r = c_[static_cast<std::size_t>(i) * static_cast<std::size_t>(m_) + static_cast<std::size_t>(j)] +
                  pi_[i] - pi_[n_ + j];
      if (r < best) {
        best = r;
        bi = i;
        bj = j;
        found = true;
      }
      if (++j == m_) {
        j = 0;
        if (++i == n_) i = 0;
      }
      if (++count == block_) {
        count = 0;
        if (found) break;
      }
    }
    next_ = static_cast<std::size_t>(i) * static_cast<std::size_t>(m_) + static_cast<std::size_t>(j);
    return found;
  }

  int join(int u, int v) const {
    while (u != v) {
      if (size_[u] < size_[v]) {
        u = parent_[u];
      } else {
        v = parent_[v];
      }
    }
    return u;
  }

  void pivot(int i, int j) {
    const int first = i, second = n_ + j;
    const int apex = join(first, second);
    constexpr T inf = std::numeric_limits<T>::infinity();
    T delta = inf;
    int out = -1, side = 0;
    // Along the cycle, flow runs apex -> first -> second -> apex; the leaving arc is the last
    // blocking arc met in that direction (ties go to the later one), which keeps the tree strongly
    // feasible.
    for (int u = first; u != apex; u = parent_[u]) {
      const T d = up_[u] ? flow_[u] : inf;
      if (d < delta) {
        delta = d;
        out = u;
        side = 1;
      }
    }
    for (int u = second; u != apex; u = parent_[u]) {
      const T d = up_[u] ? inf : flow_[u];
      if (d <= delta) {
        delta = d;
        out = u;
        side = 2;
      }
    }
    if (delta > T(0)) {
      for (int u = first; u != apex; u = parent_[u]) flow_[u] += up_[u] ? -delta : delta;
      for (int u = second; u != apex; u = parent_[u]) flow_[u] += up_[u] ? delta : -delta;
    }
    const int stem_root = side == 1 ? first : second;  // the endpoint of the entering arc in the cut subtree
    const int new_parent = side == 1 ? second : first;
    // The cut subtree S = subtree(out), in its old preorder.
    const int cut = size_[out];
    order_.resize(static_cast<std::size_t>(cut));
    {
      int v = out;
      for (int k = 0; k < cut; ++k) {
        order_[static_cast<std::size_t>(k)] = v;
        pos_[v] = k;
        v = thread_[v];
      }
    }
    const int before = rev_thread_[out], after = thread_[order_.back()];
    for (int v = parent_[out]; v != -1; v = parent_[v]) size_[v] -= cut;
    // The stem: stem_root = w0, w1 = parent(w0), ..., wk = out.
    stem_.clear();
    for (int v = stem_root;; v = parent_[v]) {
      stem_.push_back(v);
      if (v == out) break;
    }
    // The new preorder of S rooted at w0: block(w0), then block(w_t) minus block(w_{t-1}).
    new_order_.clear();
    {
      const int w0 = stem_[0];
      new_order_.insert(new_order_.end(), order_.begin() + pos_[w0], order_.begin() + pos_[w0] + size_[w0]);
      for (std::size_t t = 1; t < stem_.size(); ++t) {
        const int w = stem_[t], prev = stem_[t - 1];
        new_order_.insert(new_order_.end(), order_.begin() + pos_[w], order_.begin() + pos_[prev]);
        new_order_.insert(new_order_.end(), order_.begin() + pos_[prev] + size_[prev], order_.begin() + pos_[w] + size_[w]);
      }
    }
    // Reverse the stem: the arc between w_t and w_{t+1} becomes w_{t+1}'s arc to its new parent w_t.
    for (std::size_t t = stem_.size() - 1; t >= 1; --t) {
      const int w = stem_[t], below = stem_[t - 1];
      parent_[w] = below;
      arc_[w] = arc_[below];
      up_[w] = static_cast<char>(!up_[below]);
      flow_[w] = flow_[below];
    }
    for (std::size_t t = stem_.size() - 1; t >= 1; --t) size_[stem_[t]] = cut - size_[stem_[t - 1]];
    const int w0 = stem_[0];
    size_[w0] = cut;
    parent_[w0] = new_parent;
    arc_[w0] = i * m_ + j;
    up_[w0] = static_cast<char>(side == 1);  // arc i -> n+j points from w0 to its parent when w0 = i
    flow_[w0] = delta;
    for (int v = new_parent; v != -1; v = parent_[v]) size_[v] += cut;
    // Thread: take S out, put it back right after its new parent.
    thread_[before] = after;
    rev_thread_[after] = before;
    const int next = thread_[new_parent];
    int last = new_parent;
    for (int v : new_order_) {
      thread_[last] = v;
      rev_thread_[v] = last;
      last = v;
    }
    thread_[last] = next;
    rev_thread_[next] = last;
    // Potentials: shift S so that the entering arc has reduced cost 0.
    const T r = reduced(i, j);
    const T sigma = side == 1 ? -r : r;
    for (int v : new_order_) pi_[v] += sigma;
  }

  void recompute_potentials() {
    pi_[root_] = 0;
    for (int v = thread_[root_]; v != root_; v = thread_[v]) {
      const int p = parent_[v];
      const T c = arc_[v] < 0 ? artificial_ : c_[static_cast<std::size_t>(arc_[v])];
      pi_[v] = up_[v] ? pi_[p] - c : pi_[p] + c;
    }
  }

  int n_, m_, root_ = 0;
  const T* c_;
  T artificial_ = 0, tolerance_ = 0;
  std::size_t block_ = 10, next_ = 0;
  std::vector<int> parent_, arc_, thread_, rev_thread_, size_, pos_, order_, new_order_, stem_;
  std::vector<char> up_;
  std::vector<T> flow_, pi_;
};

template <class DC>
void require_cost_matrix(const char* function, const DC& cost, Eigen::Index n, Eigen::Index m) {
  if (cost.rows() != n || cost.cols() != m) {
    raise_invalid_argument(function, "the cost matrix must be " + to_text(n) + " x " + to_text(m) + " (size(a) x size(b))",
                           to_text(cost.rows()) + " x " + to_text(cost.cols()));
  }
  for (Eigen::Index j = 0; j < m; ++j) {
    for (Eigen::Index i = 0; i < n; ++i) {
      const auto c = cost(i, j);
      if (!(c - c == 0)) {
        raise_invalid_argument(function, "cost(" + to_text(i) + ", " + to_text(j) + ") must be finite", c);
      }
    }
  }
}

}  // namespace detail

/// \brief Exact optimal transport between histograms `a` (\f$n\f$) and `b` (\f$m\f$) for the cost
/// matrix `cost` (\f$n \times m\f$).
///
/// Network simplex (transportation problem as a minimum-cost flow) with block search pivoting;
/// degenerate problems (ties, zero masses) are handled: zero masses are taken out before solving
/// and their rows or columns of the plan are zero. The masses are not normalised: \f$a\f$ and
/// \f$b\f$ must have equal totals (relative tolerance minimax::mass_tolerance()), and the cost is
/// \f$\langle P, C\rangle\f$ for that total. The duals satisfy \f$f_i + g_j \le C_{ij}\f$ up to
/// rounding, with equality where \f$P_{ij} > 0\f$ (complementary slackness), and
/// \f$\langle a, f\rangle + \langle b, g\rangle = \langle P, C\rangle\f$. They are unique only up to
/// \f$f + c, g - c\f$. Exact to rounding: optimality is declared when no reduced cost is below
/// \f$-4\varepsilon\,(n+m+1)(\max|C|+1)\f$; when \f$\max|C|\f$ lies outside \f$[2^{-20}, 2^{20}]\f$ the
/// problem is solved for \f$C / 2^k\f$ with \f$2^k \le \max|C| < 2^{k+1}\f$ (an exact scaling, which
/// leaves the optimal plan unchanged) and the tolerance is relative to \f$\max|C|\f$; costs up to the
/// largest double are supported (the cost is summed from \f$C\f$ itself and may overflow to inf only
/// if \f$\langle P, C\rangle\f$ does). Negative costs and \f$-0\f$ are accepted. Infinite costs (forbidden
/// arcs) are not supported: every entry must be finite.
/// \throws minimax::invalid_argument for empty, negative or non-finite masses, totals that differ,
/// a cost matrix that is not \f$n \times m\f$ or has a non-finite entry (inf or NaN, named with its
/// index and value).
template <class DA, class DB, class DC>
emd_result<typename DA::Scalar> emd(const Eigen::MatrixBase<DA>& a, const Eigen::MatrixBase<DB>& b,
                                    const Eigen::MatrixBase<DC>& cost, const emd_options& options = {}) {
  using T = typename DA::Scalar;
  constexpr const char* fn = "minimax::emd";
  detail::require_balanced(fn, a, b);
  detail::require_cost_matrix(fn, cost, a.size(), b.size());
  const Eigen::Index n = a.size(), m = b.size();
  std::vector<Eigen::Index> rows, cols;
  std::vector<T> supply, demand;
  for (Eigen::Index i = 0; i < n; ++i) {
    if (a(i) > T(0)) {
      rows.push_back(i);
      supply.push_back(a(i));
    }
  }
  for (Eigen::Index j = 0; j < m; ++j) {
    if (b(j) > T(0)) {
      cols.push_back(j);
      demand.push_back(b(j));
    }
  }
  const std::size_t nn = rows.size(), mm = cols.size();
  std::vector<T> c(nn * mm);
  for (std::size_t i = 0; i < nn; ++i) {
    for (std::size_t j = 0; j < mm; ++j) c[i * mm + j] = cost(rows[i], cols[j]);
  }
  // Costs of extreme magnitude are solved scaled by a power of two (exact, barring underflow of
  // the smallest against the largest): the artificial arcs' cost (max|C| + 1)(n + m + 1) would
  // overflow for max|C| near the largest double, and the optimality tolerance, relative to
  // max|C| + 1, would accept any plan for tiny costs. The optimal plan is invariant to the scaling.
  T largest = 0;
  for (const T v : c) largest = std::max(largest, std::abs(v));
  int shift = 0;
  if (largest > T(0) && (largest > std::ldexp(T(1), 20) || largest < std::ldexp(T(1), -20))) {
    shift = std::ilogb(largest);
  }
  std::vector<T> scaled;
  if (shift != 0) {
    scaled.resize(c.size());
    for (std::size_t e = 0; e < c.size(); ++e) scaled[e] = std::ldexp(c[e], -shift);
  }
  const std::vector<T>& cs = shift != 0 ? scaled : c;
  detail::network_simplex<T> solver(cs.data(), supply, demand);
  bool optimal = false;
  emd_result<T> result;
  result.iterations = solver.run(options.max_iterations, optimal);
  result.status = optimal ? transport_status::optimal : transport_status::iteration_limit;
  result.plan = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>::Zero(n, m);
  neumaier_sum<T> total;
  solver.for_each_basic_arc([&](int i, int j, T flow) {
    result.plan(rows[static_cast<std::size_t>(i)], cols[static_cast<std::size_t>(j)]) = flow;
    total += flow * c[static_cast<std::size_t>(i) * mm + static_cast<std::size_t>(j)];
  });
  result.cost = total.value();
  // Duals: f_i = -pi_i, g_j = pi_{n+j} for the kept nodes; then two c-transforms, which keep an
  // optimal pair optimal, define the potentials of the zero-mass rows and columns, and bring the
  // artificial root's large offsets back to the scale of the costs.
  constexpr T inf = std::numeric_limits<T>::infinity();
  Eigen::Matrix<T, Eigen::Dynamic, 1> f = Eigen::Matrix<T, Eigen::Dynamic, 1>::Constant(n, inf);
  Eigen::Matrix<T, Eigen::Dynamic, 1> g(m);
  for (std::size_t i = 0; i < nn; ++i) f(rows[i]) = -solver.potential(static_cast<int>(i));
  // (in the scaled units, then scaled back)
  for (Eigen::Index j = 0; j < m; ++j) {
    T best = inf;
    for (std::size_t i = 0; i < nn; ++i) best = std::min(best, std::ldexp(T(cost(rows[i], j)), -shift) - f(rows[i]));
    g(j) = best;
  }
  for (Eigen::Index i = 0; i < n; ++i) {
    T best = inf;
    for (Eigen::Index j = 0; j < m; ++j) best = std::min(best, std::ldexp(T(cost(i, j)), -shift) - g(j));
    f(i) = best;
  }
  if (shift != 0) {
    // Balance f + t, g - t so that the scaled-back potentials stay finite where possible.
    const T t = (g.maxCoeff() - f.maxCoeff()) / 2;
    f.array() += t;
    g.array() -= t;
    for (Eigen::Index i = 0; i < n; ++i) f(i) = std::ldexp(f(i), shift);
    for (Eigen::Index j = 0; j < m; ++j) g(j) = std::ldexp(g(j), shift);
  }
  result.f = std::move(f);
  result.g = std::move(g);
  return result;
}

/// \brief Exact optimal transport between two weighted point clouds: `x` (\f$n \times d\f$, masses
/// `a`) and `y` (\f$m \times d\f$, masses `b`), for a named ground cost (costs::euclidean gives
/// \f$W_1\f$ as `.cost`; costs::sq_euclidean gives \f$W_2^2\f$).
/// \throws minimax::invalid_argument as emd() and cost_matrix() do, and when the number of points
/// and of masses differ.
template <GroundCost Cost, class DX, class DA, class DY, class DB>
emd_result<typename DX::Scalar> emd(const Eigen::MatrixBase<DX>& x, const Eigen::MatrixBase<DA>& a,
                                    const Eigen::MatrixBase<DY>& y, const Eigen::MatrixBase<DB>& b, Cost cost,
                                    const emd_options& options = {}) {
  require_same_size("minimax::emd", "the rows of x and the masses a", static_cast<std::size_t>(x.rows()),
                    static_cast<std::size_t>(a.size()));
  require_same_size("minimax::emd", "the rows of y and the masses b", static_cast<std::size_t>(y.rows()),
                    static_cast<std::size_t>(b.size()));
  return emd(a, b, cost_matrix(x, y, cost), options);
}

}  // namespace minimax
