#pragma once
/// \file
/// \brief Entropic optimal transport by Sinkhorn's iterations in the log domain, with epsilon
/// scaling and warm starts, and the debiased Sinkhorn divergence.
///
/// For histograms \f$a, b\f$ (each summing to 1) and a cost matrix \f$C\f$, sinkhorn() solves
/// \f[ \mathrm{OT}_\varepsilon(a, b) = \min_{P \in \Pi(a, b)} \langle P, C\rangle
///     + \varepsilon\,\mathrm{KL}(P \,\|\, a \otimes b), \f]
/// whose solution is \f$P_{ij} = a_i b_j \exp\big((f_i + g_j - C_{ij})/\varepsilon\big)\f$ for dual
/// potentials \f$f, g\f$. (With the entropy \f$H(P)\f$ in place of the KL term the plan is the same:
/// the two differ by a constant on \f$\Pi(a, b)\f$.)
///
/// Stability: the potentials are kept in the log domain. Between absorptions the iterations run
/// on the kernel \f$K_{ij} = \exp((F_i + G_j - C_{ij})/\varepsilon)\f$ relative to the current
/// potentials, with scalings \f$u, v\f$ that are folded back into \f$F, G\f$ as soon as they leave
/// \f$[10^{-50}, 10^{50}]\f$; where a row or column of that kernel underflows, the half-step is done
/// exactly by log-sum-exp instead. So \f$\exp(-C/\varepsilon)\f$ never has to be representable.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

#include <Eigen/Core>

#include "minimax/core/error.hpp"
#include "minimax/core/logsumexp.hpp"
#include "minimax/core/summation.hpp"
#include "minimax/divergence/cost.hpp"
#include "minimax/divergence/emd.hpp"
#include "minimax/divergence/masses.hpp"

namespace minimax {

/// Options of sinkhorn().
struct sinkhorn_options {
  /// Stop when \f$\|P^\top \mathbf 1 - b\|_1 \le\f$ tolerance (the rows of \f$P\f$ then sum to
  /// \f$a\f$ up to rounding).
  double tolerance = 1e-9;
  std::size_t max_iterations = 100'000;  ///< the most Sinkhorn iterations (over all stages)
  /// Anneal: solve first for \f$\varepsilon_0 = \max C - \min C\f$, then multiply by
  /// scaling_factor until the requested \f$\varepsilon\f$, each stage warm-starting the next
  /// (ignored when initial potentials are given), when the problem is ill-conditioned enough for it
  /// to pay: see scaling_threshold.
  bool epsilon_scaling = true;
  double scaling_factor = 0.5;  ///< in (0, 1)
  /// \brief Anneal only when \f$(\max C - \min C)/\varepsilon\f$ exceeds this (\f$\ge 0\f$; 0 always anneals).
  ///
  /// Below it the Gibbs kernel is well conditioned, plain iterations converge quickly, and the
  /// annealing stages (each rebuilding the kernel) cost more than they save: on 2000-point clouds
  /// at a ratio of about 28, annealing made the solve 1.3x slower (bench/results/transport.md).
  double scaling_threshold = 100.0;
  /// \brief Over-relax the iterations at the requested \f$\varepsilon\f$ once their rate is known.
  ///
  /// Plain Sinkhorn converges linearly, with a rate \f$\theta\f$ that tends to 1 as
  /// \f$\varepsilon \to 0\f$ (on POT's 100-point 1-D test at \f$\varepsilon = 10^{-5}\max C\f$,
  /// \f$1 - \theta \approx 10^{-4}\f$: no epsilon schedule shortens that last stage, whose start is
  /// \f$O(\varepsilon)\f$ away from the solution). With this on, the last stage runs plain iterations
  /// until the observed rate of the marginal error is steady over two windows of 16 iterations, then
  /// relaxes both half-steps, \f$\log u \leftarrow (1-\omega)\log u + \omega\log\big(a / (Kv)\big)\f$
  /// (and likewise \f$v\f$), with the SOR choice \f$\omega = 2/(1 + \sqrt{1-\theta})\f$ (Thibault et
  /// al. 2017; Lehmann, von Renesse, Sambale & Uschmajew 2021), whose local rate is \f$\omega - 1\f$,
  /// about \f$1 - 2\sqrt{1-\theta}\f$. Safeguard: a window in which the error grows halves
  /// \f$\omega - 1\f$. The fixed point (the plan) is the same; only the path changes. When relaxed,
  /// the stop criterion is the sum of both marginal errors (rows are then not exact by construction).
  /// Problems that converge within the first windows (rate below 1/2) never relax.
  bool overrelaxation = true;
};

/// \brief The result of sinkhorn().
template <class T>
struct sinkhorn_result {
  T cost{};   ///< the transport cost \f$\langle P, C\rangle\f$ of the entropic plan, WITHOUT the entropy term
  T value{};  ///< \f$\mathrm{OT}_\varepsilon = \langle P, C\rangle + \varepsilon\,\mathrm{KL}(P\|a\otimes b)\f$
  Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic> plan;  ///< \f$P\f$, \f$n \times m\f$
  Eigen::Matrix<T, Eigen::Dynamic, 1> f;  ///< potential of the rows (KL convention above)
  Eigen::Matrix<T, Eigen::Dynamic, 1> g;  ///< potential of the columns
  bool converged = false;                 ///< the stop criterion held at the requested \f$\varepsilon\f$
  transport_status status = transport_status::iteration_limit;  ///< optimal when converged
  std::size_t iterations = 0;  ///< Sinkhorn iterations (one row and one column update each), all stages
  /// \f$\|P\mathbf 1 - a\|_1 + \|P^\top\mathbf 1 - b\|_1\f$ of the returned plan
  T marginal_error{};
};

namespace detail {

template <class T>
class sinkhorn_solver {
 public:
  using row_matrix = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  using vector = Eigen::Matrix<T, Eigen::Dynamic, 1>;

  sinkhorn_solver(row_matrix c, vector a, vector b) : c_(std::move(c)), a_(std::move(a)), b_(std::move(b)) {
    log_a_ = a_.array().log();
    log_b_ = b_.array().log();
    F_ = vector::Zero(a_.size());
    G_ = vector::Zero(b_.size());
  }

  // Warm start from KL-convention potentials at the target eps.
  void warm_start(const vector& f, const vector& g, T eps) {
    F_ = f + eps * log_a_;
    G_ = g + eps * log_b_;
  }

  // Runs the stages; returns whether the last stage converged.
  bool run(T eps, T eps0, double factor, T tolerance, std::size_t max_iterations, bool relax) {
    relax_ = relax;
    T e = std::max(eps, eps0);
    for (;;) {
      const bool last = !(e > eps);
      if (last) e = eps;
      const T stage_tolerance = last ? tolerance : std::max(tolerance, T(1e-2));
      const bool ok = stage(e, stage_tolerance, max_iterations, last);
      if (last) return ok;
      if (iterations_ >= max_iterations) return false;
      e *= static_cast<T>(factor);
    }
  }

  std::size_t iterations() const { return iterations_; }
  const vector& F() const { return F_; }
  const vector& G() const { return G_; }
  const row_matrix& c() const { return c_; }
  const vector& log_a() const { return log_a_; }
  const vector& log_b() const { return log_b_; }

 private:
  void build_kernel(T e) {
    k_.resize(c_.rows(), c_.cols());
    const T inv = T(1) / e;
    for (Eigen::Index i = 0; i < c_.rows(); ++i) {
      const T fi = F_(i);
      const T* crow = c_.data() + i * c_.cols();
      T* krow = k_.data() + i * c_.cols();
      for (Eigen::Index j = 0; j < c_.cols(); ++j) krow[j] = std::exp((fi + G_(j) - crow[j]) * inv);
    }
    u_ = vector::Ones(c_.rows());
    v_ = vector::Ones(c_.cols());
  }
  void absorb(T e) {
    F_.array() += e * u_.array().log();
    G_.array() += e * v_.array().log();
    u_.setOnes();
    v_.setOnes();
  }
  // Exact half-steps by log-sum-exp (used where the kernel underflows).
  void log_rows(T e) {
    std::vector<T> t(static_cast<std::size_t>(c_.cols()));
    for (Eigen::Index i = 0; i < c_.rows(); ++i) {
      for (Eigen::Index j = 0; j < c_.cols(); ++j) t[static_cast<std::size_t>(j)] = (G_(j) - c_(i, j)) / e;
      F_(i) = e * log_a_(i) - e * logsumexp(t);
    }
  }
  void log_cols(T e) {
    std::vector<T> t(static_cast<std::size_t>(c_.rows()));
    for (Eigen::Index j = 0; j < c_.cols(); ++j) {
      for (Eigen::Index i = 0; i < c_.rows(); ++i) t[static_cast<std::size_t>(i)] = (F_(i) - c_(i, j)) / e;
      G_(j) = e * log_b_(j) - e * logsumexp(t);
    }
  }
  static bool usable(const vector& s) {
    for (Eigen::Index i = 0; i < s.size(); ++i) {
      if (!(s(i) > T(0)) || !(s(i) < std::numeric_limits<T>::infinity())) return false;
    }
    return true;
  }
  bool out_of_range() const {
    constexpr T hi = T(1e50), lo = T(1e-50);
    return !(u_.maxCoeff() < hi && u_.minCoeff() > lo && v_.maxCoeff() < hi && v_.minCoeff() > lo);
  }

  // Over-relaxation state of the last stage: omega_ = 1 is plain Sinkhorn. The rate is estimated from
  // the error at the ends of windows of `window` iterations.
  static constexpr std::size_t window = 16;
  void watch_rate(T error, std::size_t in_stage) {
    if (in_stage % window != 0) return;
    if (!(window_error_ > T(0))) {
      window_error_ = error;
      return;
    }
    const T ratio = error / window_error_;
    window_error_ = error;
    best_error_ = std::min(best_error_, error);
    if (!(error <= T(100) * best_error_)) {
      // Safeguard: relaxed iterations whose error grows far above the best seen are unstable.
      omega_ = T(1) + (omega_ - T(1)) / 2;
      best_error_ = error;
      last_rate_ = T(-1);
      return;
    }
    if (!(ratio > T(0) && ratio < T(1))) {
      last_rate_ = T(-1);
      return;
    }
    const T rate = std::pow(ratio, T(1) / T(window));
    // Past the optimum the rate is omega - 1 (complex eigenvalues): raise omega only while the rate
    // is clearly slower than that.
    if (last_rate_ > T(0) && std::abs(rate - last_rate_) <= T(0.1) * (T(1) - rate) &&
        T(1) - rate < T(0.5) * (T(2) - omega_)) {
      // SOR's relation between the rate rho at omega and the plain rate theta:
      // (rho + omega - 1)^2 = rho omega^2 theta (for omega below the optimum); theta = rho at omega = 1.
      const T w = omega_;
      const T theta = std::min(T(1), (rate + w - T(1)) * (rate + w - T(1)) / (rate * w * w));
      if (theta > T(0.5)) omega_ = std::max(omega_, T(2) / (T(1) + std::sqrt(T(1) - theta)));
    }
    last_rate_ = rate;
  }
  // s^(1 - omega) t^omega, for the relaxed update (t = the plain update's value).
  // Falls back to t where the power leaves the representable range.
  T relaxed(T s, T t) const {
    if (omega_ == T(1)) return t;
    const T r = t * std::pow(s / t, T(1) - omega_);
    return r > T(0) && r < std::numeric_limits<T>::infinity() ? r : t;
  }

  bool stage(T e, T tolerance, std::size_t max_iterations, bool last) {
    build_kernel(e);
    bool converged = false;
    omega_ = T(1);
    window_error_ = T(0);
    best_error_ = std::numeric_limits<T>::infinity();
    last_rate_ = T(-1);
    const bool relax = last && relax_;
    const std::size_t first = iterations_;
    while (iterations_ < max_iterations) {
      ++iterations_;
      T row_error = T(0);
      // One pass over K does both half-steps: row i gives (K v)_i, hence u_i, and at once adds
      // u_i K_i. to K^T u while the row is still in cache (half the memory traffic of two products).
      bool rows_ok = true;
      ktu_.setZero(k_.cols());
      // Blocks of rows small enough to stay in cache between the two products.
      constexpr Eigen::Index block = 16;
      for (Eigen::Index i0 = 0; i0 < k_.rows() && rows_ok; i0 += block) {
        const Eigen::Index h = std::min(block, k_.rows() - i0);
        const auto kb = k_.middleRows(i0, h);
        kv_.head(h).noalias() = kb * v_;
        for (Eigen::Index i = 0; i < h; ++i) {
          const T s = kv_(i);
          if (!(s > T(0)) || !(s < std::numeric_limits<T>::infinity())) rows_ok = false;
        }
        if (!rows_ok) break;
        if (omega_ == T(1)) {
          u_.segment(i0, h) = a_.segment(i0, h).array() / kv_.head(h).array();
        } else {
          for (Eigen::Index i = 0; i < h; ++i) {
            const T s = u_(i0 + i);
            u_(i0 + i) = relaxed(s, a_(i0 + i) / kv_(i));
            row_error += std::abs(u_(i0 + i) * kv_(i) - a_(i0 + i));
          }
        }
        ktu_.noalias() += kb.transpose() * u_.segment(i0, h);
      }
      if (!rows_ok) {
        // A row of the kernel underflowed: redo this half-step exactly in the log domain.
        absorb(e);
        log_rows(e);
        build_kernel(e);
        ktu_.noalias() = k_.transpose() * u_;
      }
      if (!usable(ktu_)) {
        absorb(e);
        log_cols(e);
        build_kernel(e);
        continue;
      }
      // The plan diag(u) K diag(v) has rows a; its column sums are v .* (K^T u).
      const T error = (v_.array() * ktu_.array() - b_.array()).abs().sum() + row_error;
      if (error <= tolerance) {
        converged = true;
        break;
      }
      if (omega_ == T(1)) {
        v_ = b_.array() / ktu_.array();
      } else {
        for (Eigen::Index j = 0; j < v_.size(); ++j) v_(j) = relaxed(v_(j), b_(j) / ktu_(j));
      }
      if (relax) watch_rate(error, iterations_ - first);
      if (out_of_range()) {
        absorb(e);
        build_kernel(e);
      }
    }
    // The last stage keeps its kernel and scalings: the plan is u_i K_ij v_j (a product, not an
    // exponential), and the potentials carry the scalings in the log domain.
    if (last) {
      F_.array() += e * u_.array().log();
      G_.array() += e * v_.array().log();
    } else {
      absorb(e);
    }
    return converged;
  }

 public:
  /// The plan's entry (i, j) after run().
  T plan(Eigen::Index i, Eigen::Index j) const { return u_(i) * k_(i, j) * v_(j); }

 private:

  row_matrix c_, k_;
  vector a_, b_, log_a_, log_b_, F_, G_, u_, v_, ktu_, kv_ = vector(16);
  std::size_t iterations_ = 0;
  bool relax_ = true;
  T omega_ = T(1), window_error_ = T(0), best_error_ = T(0), last_rate_ = T(-1);
};

template <class T>
void require_options(const char* function, const sinkhorn_options& o) {
  if (!(o.tolerance >= 0) || !(o.tolerance - o.tolerance == 0)) {
    raise_invalid_argument(function, "options.tolerance must be non-negative and finite", o.tolerance);
  }
  if (!(o.scaling_threshold >= 0) || !std::isfinite(o.scaling_threshold)) {
    raise_invalid_argument(function, "options.scaling_threshold must be finite and >= 0", o.scaling_threshold);
  }
  if (!(o.scaling_factor > 0 && o.scaling_factor < 1)) {
    raise_invalid_argument(function, "options.scaling_factor must lie in (0, 1)", o.scaling_factor);
  }
}

template <class DA, class DB, class DC>
sinkhorn_result<typename DA::Scalar> sinkhorn_impl(const Eigen::MatrixBase<DA>& a, const Eigen::MatrixBase<DB>& b,
                                                   const Eigen::MatrixBase<DC>& cost, typename DA::Scalar eps,
                                                   const sinkhorn_options& options,
                                                   const Eigen::Matrix<typename DA::Scalar, Eigen::Dynamic, 1>* f0,
                                                   const Eigen::Matrix<typename DA::Scalar, Eigen::Dynamic, 1>* g0) {
  using T = typename DA::Scalar;
  using vector = Eigen::Matrix<T, Eigen::Dynamic, 1>;
  constexpr const char* fn = "minimax::sinkhorn";
  require_positive(fn, "eps", eps);
  detail::require_probability(fn, "a", a);
  detail::require_probability(fn, "b", b);
  detail::require_cost_matrix(fn, cost, a.size(), b.size());
  require_options<T>(fn, options);
  if (f0 != nullptr) {
    require_same_size(fn, "a and the initial f", static_cast<std::size_t>(a.size()), static_cast<std::size_t>(f0->size()));
    require_same_size(fn, "b and the initial g", static_cast<std::size_t>(b.size()), static_cast<std::size_t>(g0->size()));
    for (Eigen::Index i = 0; i < f0->size(); ++i) require_finite(fn, "the initial f", (*f0)(i));
    for (Eigen::Index i = 0; i < g0->size(); ++i) require_finite(fn, "the initial g", (*g0)(i));
  }
  const Eigen::Index n = a.size(), m = b.size();
  // Zero masses take no part (their log is -inf); their potentials are extended afterwards.
  std::vector<Eigen::Index> rows, cols;
  for (Eigen::Index i = 0; i < n; ++i)
    if (a(i) > T(0)) rows.push_back(i);
  for (Eigen::Index j = 0; j < m; ++j)
    if (b(j) > T(0)) cols.push_back(j);
  const auto nn = static_cast<Eigen::Index>(rows.size()), mm = static_cast<Eigen::Index>(cols.size());
  typename sinkhorn_solver<T>::row_matrix c(nn, mm);
  vector aa(nn), bb(mm);
  for (Eigen::Index i = 0; i < nn; ++i) {
    aa(i) = a(rows[static_cast<std::size_t>(i)]);
    for (Eigen::Index j = 0; j < mm; ++j) c(i, j) = cost(rows[static_cast<std::size_t>(i)], cols[static_cast<std::size_t>(j)]);
  }
  for (Eigen::Index j = 0; j < mm; ++j) bb(j) = b(cols[static_cast<std::size_t>(j)]);
  const T spread = c.maxCoeff() - c.minCoeff();
  sinkhorn_solver<T> solver(std::move(c), std::move(aa), std::move(bb));
  T eps0 = eps;
  if (f0 != nullptr) {
    vector fk(nn), gk(mm);
    for (Eigen::Index i = 0; i < nn; ++i) fk(i) = (*f0)(rows[static_cast<std::size_t>(i)]);
    for (Eigen::Index j = 0; j < mm; ++j) gk(j) = (*g0)(cols[static_cast<std::size_t>(j)]);
    solver.warm_start(fk, gk, eps);
  } else if (options.epsilon_scaling && spread > static_cast<T>(options.scaling_threshold) * eps) {
    eps0 = std::max(eps, spread);
  }
  sinkhorn_result<T> r;
  r.converged = solver.run(eps, eps0, options.scaling_factor, static_cast<T>(options.tolerance), options.max_iterations,
                           options.overrelaxation);
  r.status = r.converged ? transport_status::optimal : transport_status::iteration_limit;
  r.iterations = solver.iterations();
  // The plan from the final potentials, and its cost, value and marginals.
  const auto& F = solver.F();
  const auto& G = solver.G();
  const auto& cc = solver.c();
  vector f = F - eps * solver.log_a(), g = G - eps * solver.log_b();
  r.plan = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>::Zero(n, m);
  neumaier_sum<T> total_cost, total_value;
  vector col_sums = vector::Zero(mm);
  neumaier_sum<T> row_error;
  for (Eigen::Index i = 0; i < nn; ++i) {
    neumaier_sum<T> row;
    const auto ri = rows[static_cast<std::size_t>(i)];
    for (Eigen::Index j = 0; j < mm; ++j) {
      const T p = solver.plan(i, j);
      r.plan(ri, cols[static_cast<std::size_t>(j)]) = p;
      row += p;
      col_sums(j) += p;
      total_cost += p * cc(i, j);
      total_value += p * (f(i) + g(j));
    }
    row_error += std::abs(row.value() - a(ri));
  }
  neumaier_sum<T> col_error;
  for (Eigen::Index j = 0; j < mm; ++j) col_error += std::abs(col_sums(j) - b(cols[static_cast<std::size_t>(j)]));
  r.cost = total_cost.value();
  r.value = total_value.value();
  r.marginal_error = row_error.value() + col_error.value();
  // Potentials on the full index sets; zero-mass points get the soft c-transform
  // f_i = -eps log sum_j b_j exp((g_j - C_ij)/eps), the value the optimality condition gives them.
  r.f.resize(n);
  r.g.resize(m);
  std::vector<T> t;
  for (Eigen::Index i = 0, k = 0; i < n; ++i) {
    if (k < nn && rows[static_cast<std::size_t>(k)] == i) {
      r.f(i) = f(k++);
      continue;
    }
    t.clear();
    for (Eigen::Index j = 0; j < mm; ++j) t.push_back(solver.log_b()(j) + (g(j) - cost(i, cols[static_cast<std::size_t>(j)])) / eps);
    r.f(i) = -eps * logsumexp(t);
  }
  for (Eigen::Index j = 0, k = 0; j < m; ++j) {
    if (k < mm && cols[static_cast<std::size_t>(k)] == j) {
      r.g(j) = g(k++);
      continue;
    }
    t.clear();
    for (Eigen::Index i = 0; i < nn; ++i) t.push_back(solver.log_a()(i) + (f(i) - cost(rows[static_cast<std::size_t>(i)], j)) / eps);
    r.g(j) = -eps * logsumexp(t);
  }
  return r;
}

// OT_eps(a, a) for a symmetric cost by the symmetric fixed point f <- (f + T(f)) / 2, with
// T(f)_i = -eps log sum_j a_j exp((f_j - C_ij)/eps), which converges in a few tens of iterations
// where the alternating iterations crawl (they oscillate between two near-solutions). The rows of
// the plan P_ij = a_i a_j exp((f_i + f_j - C_ij)/eps) sum to a_i exp((f_i - T(f)_i)/eps), which
// gives the marginal error. Returns false if the iteration limit came first.
template <class DA, class DC>
bool symmetric_ot(const DA& a, const DC& cost, typename DA::Scalar eps, double tolerance, std::size_t max_iterations,
                  typename DA::Scalar& value, typename DA::Scalar& error) {
  using T = typename DA::Scalar;
  const Eigen::Index n = a.size();
  Eigen::Matrix<T, Eigen::Dynamic, 1> f = Eigen::Matrix<T, Eigen::Dynamic, 1>::Zero(n), tf(n), log_a(n);
  for (Eigen::Index i = 0; i < n; ++i) log_a(i) = a(i) > T(0) ? std::log(a(i)) : -std::numeric_limits<T>::infinity();
  std::vector<T> t(static_cast<std::size_t>(n));
  for (std::size_t it = 0; it < max_iterations; ++it) {
    for (Eigen::Index i = 0; i < n; ++i) {
      for (Eigen::Index j = 0; j < n; ++j) t[static_cast<std::size_t>(j)] = log_a(j) + (f(j) - cost(i, j)) / eps;
      tf(i) = -eps * logsumexp(t);
    }
    neumaier_sum<T> err, val;
    for (Eigen::Index i = 0; i < n; ++i) {
      if (!(a(i) > T(0))) continue;
      const T r = a(i) * std::exp((f(i) - tf(i)) / eps);  // row (= column) sum of the plan
      err += std::abs(r - a(i));
      val += r * f(i);
    }
    error = 2 * err.value();
    value = 2 * val.value();
    if (error <= static_cast<T>(tolerance)) return true;
    f = (f + tf) / 2;
  }
  return false;
}

template <class DC>
bool is_symmetric(const DC& c) {
  if (c.rows() != c.cols()) return false;
  for (Eigen::Index j = 0; j < c.cols(); ++j)
    for (Eigen::Index i = 0; i < j; ++i)
      if (!(c(i, j) == c(j, i))) return false;
  return true;
}

}  // namespace detail

/// \brief Entropic optimal transport between probability vectors `a` (\f$n\f$) and `b` (\f$m\f$)
/// for the cost matrix `cost` (\f$n \times m\f$) and regularisation \f$\varepsilon > 0\f$.
///
/// Returns the plan, its transport cost \f$\langle P, C\rangle\f$ (`.cost`, without the entropy
/// term), \f$\mathrm{OT}_\varepsilon\f$ with the entropy term (`.value`), the potentials, and a
/// convergence report (`.converged`, `.iterations`, `.marginal_error`). As
/// \f$\varepsilon \to 0\f$, `.cost` decreases to the exact optimal cost of emd(), with an error of
/// order \f$\varepsilon \log(nm)\f$. Masses must each sum to 1 (never normalised silently); zero
/// masses are allowed and give zero rows or columns.
/// \throws minimax::invalid_argument for \f$\varepsilon \le 0\f$ or non-finite, empty / negative /
/// non-finite masses, masses not summing to 1, a cost matrix of the wrong shape or with a
/// non-finite entry, or bad options.
template <class DA, class DB, class DC>
sinkhorn_result<typename DA::Scalar> sinkhorn(const Eigen::MatrixBase<DA>& a, const Eigen::MatrixBase<DB>& b,
                                              const Eigen::MatrixBase<DC>& cost, typename DA::Scalar eps,
                                              const sinkhorn_options& options = {}) {
  return detail::sinkhorn_impl(a, b, cost, eps, options, nullptr, nullptr);
}

/// \brief sinkhorn() warm-started from potentials `f`, `g` (KL convention, e.g. the `.f`, `.g` of an
/// earlier result for a nearby problem). Epsilon scaling is not used when warm-starting.
/// \throws minimax::invalid_argument as sinkhorn(), and for potentials of the wrong size or non-finite.
template <class DA, class DB, class DC>
sinkhorn_result<typename DA::Scalar> sinkhorn(const Eigen::MatrixBase<DA>& a, const Eigen::MatrixBase<DB>& b,
                                              const Eigen::MatrixBase<DC>& cost, typename DA::Scalar eps,
                                              const sinkhorn_options& options,
                                              const Eigen::Matrix<typename DA::Scalar, Eigen::Dynamic, 1>& f,
                                              const Eigen::Matrix<typename DA::Scalar, Eigen::Dynamic, 1>& g) {
  return detail::sinkhorn_impl(a, b, cost, eps, options, &f, &g);
}

/// \brief The debiased Sinkhorn divergence
/// \f$S_\varepsilon(a, b) = \mathrm{OT}_\varepsilon(a, b) - \tfrac12\big(\mathrm{OT}_\varepsilon(a, a) +
/// \mathrm{OT}_\varepsilon(b, b)\big)\f$, with \f$\mathrm{OT}_\varepsilon\f$ the regularised value
/// WITH its entropy term (sinkhorn()'s `.value`), for the three cost matrices
/// \f$C^{ab}\f$, \f$C^{aa}\f$, \f$C^{bb}\f$.
///
/// The symmetric terms are computed by the symmetric fixed point \f$f \leftarrow (f + T(f))/2\f$
/// (log-sum-exp, so no underflow either) when \f$C^{aa}\f$ (or \f$C^{bb}\f$) is exactly symmetric,
/// which converges much faster than alternating iterations there; otherwise by sinkhorn().
/// For a cost \f$C = d^p\f$ of a distance (a positive kernel \f$e^{-C/\varepsilon}\f$), it is 0
/// for \f$a = b\f$ and positive otherwise, and tends to the exact optimal cost as \f$\varepsilon \to 0\f$.
/// \throws minimax::invalid_argument as sinkhorn() (for any of the three problems), and
/// minimax::domain_error when one of them does not converge within the options' limits.
template <class DA, class DB, class DC1, class DC2, class DC3>
typename DA::Scalar sinkhorn_divergence(const Eigen::MatrixBase<DA>& a, const Eigen::MatrixBase<DB>& b,
                                        const Eigen::MatrixBase<DC1>& cost_ab, const Eigen::MatrixBase<DC2>& cost_aa,
                                        const Eigen::MatrixBase<DC3>& cost_bb, typename DA::Scalar eps,
                                        const sinkhorn_options& options = {}) {
  constexpr const char* fn = "minimax::sinkhorn_divergence";
  const auto ab = sinkhorn(a, b, cost_ab, eps, options);
  if (!ab.converged) raise_domain_error(fn, "Sinkhorn did not converge (marginal error)", ab.marginal_error);
  // The two symmetric terms: by the symmetric fixed point when the cost matrix is symmetric.
  auto self = [&](const auto& w, const auto& c) {
    using T = typename DA::Scalar;
    if (detail::is_symmetric(c)) {
      detail::require_probability(fn, "a or b", w);
      detail::require_cost_matrix(fn, c, w.size(), w.size());
      T value{}, error{};
      if (!detail::symmetric_ot(w, c, eps, options.tolerance, options.max_iterations, value, error)) {
        raise_domain_error(fn, "the symmetric Sinkhorn iteration did not converge (marginal error)", error);
      }
      return value;
    }
    const auto r = sinkhorn(w, w, c, eps, options);
    if (!r.converged) raise_domain_error(fn, "Sinkhorn did not converge (marginal error)", r.marginal_error);
    return r.value;
  };
  const auto aa_value = self(a, cost_aa), bb_value = self(b, cost_bb);
  return ab.value - (aa_value + bb_value) / 2;
}

/// \brief sinkhorn_divergence() between weighted point clouds `x` (\f$n\times d\f$, masses `a`) and
/// `y` (\f$m \times d\f$, masses `b`) for a named ground cost (costs::euclidean or costs::sq_euclidean).
/// \throws as sinkhorn_divergence() and cost_matrix().
template <GroundCost Cost, class DX, class DA, class DY, class DB>
typename DX::Scalar sinkhorn_divergence(const Eigen::MatrixBase<DX>& x, const Eigen::MatrixBase<DA>& a,
                                        const Eigen::MatrixBase<DY>& y, const Eigen::MatrixBase<DB>& b, Cost cost,
                                        typename DX::Scalar eps, const sinkhorn_options& options = {}) {
  require_same_size("minimax::sinkhorn_divergence", "the rows of x and the masses a", static_cast<std::size_t>(x.rows()),
                    static_cast<std::size_t>(a.size()));
  require_same_size("minimax::sinkhorn_divergence", "the rows of y and the masses b", static_cast<std::size_t>(y.rows()),
                    static_cast<std::size_t>(b.size()));
  return sinkhorn_divergence(a, b, cost_matrix(x, y, cost), cost_matrix(x, x, cost), cost_matrix(y, y, cost), eps,
                             options);
}

}  // namespace minimax
