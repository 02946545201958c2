#pragma once
/// \file
/// \brief Minimax against maximin (NIPS 2016 tutorial, section 5.1.1), executable on pmfs: a generator
/// trained in the inner loop against a fixed discriminator collapses onto \f$\arg\max D\f$, while the
/// minimax solution is \f$p_{data}\f$.

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "minimax/core/error.hpp"
#include "minimax/core/logsumexp.hpp"
#include "minimax/prob/pmf.hpp"
#include "minimax/proofs/criterion_convexity.hpp"
#include "minimax/proofs/detail/describe.hpp"
#include "minimax/proofs/proof.hpp"
#include "minimax/theory/optimal_discriminator.hpp"
#include "minimax/theory/value_function.hpp"

namespace minimax::proofs {

/// \brief Minimax \f$\min_G\max_D V\f$ against maximin \f$\max_D\min_G V\f$ on a pmf \f$p_{data}\f$, with
/// the generator's pmf \f$q\f$ as its strategy and \f$V(D, q) = \sum_i p_i\log D_i + q_i\log(1 - D_i)\f$.
/// 1. Minimax: mirror descent on \f$C(q) = \max_D V\f$ (step 1/2, `steps` steps) from \f$q_0\f$ ends at
///    \f$C = -\log 4\f$; 2. there \f$\max_i |q_i - p_i| = 0\f$ (within the contraction's bound, the initial
///    gap times \f$(3/4)^{K}\f$, since the step multiplies \f$q_i - p_i\f$ by about \f$1 - \eta/2\f$).
/// Maximin with G in the inner loop, against the fixed \f$D = D^*(p_{data}, q_0)\f$:
/// 3. the inner loop (exponentiated gradient on the linear \f$q \mapsto V(D, q)\f$, step \f$\eta\f$ = `eta`,
///    `steps` steps) matches its closed form \f$q_{K,i} \propto q_{0,i}(1 - D_i)^{-K\eta}\f$;
/// 4. its mass on \f$\arg\max_i D_i\f$ is 1 (mode collapse; within \f$n\max q_0 e^{-K\eta\Delta}/\min q_0\f$,
///    \f$\Delta\f$ the gap of \f$-\log(1-D)\f$ to the runner-up);
/// 5. \f$V(D, q_K) = \sum_i p_i\log D_i + \log(1 - \max_i D_i) = \min_q V(D, q)\f$ (a linear function on
///    the simplex is least at a vertex);
/// 6. the collapsed generator's \f$C(\delta_j) = p_j\log\frac{p_j}{1+p_j} - \log(1+p_j) > -\log 4\f$, \f$j = \arg\max D\f$;
/// 7. the next discriminator \f$D^*(p_{data}, \delta_j)\f$ is 1 off j: the collapsed generator's best
///    response moves to another point — over 6 rounds of (D optimal, G best response) the number of
///    rounds where G stayed put is 0: G hops between modes and never settles;
/// 8. the maximin value equals the minimax value (Sion): \f$\min_q V(\tfrac12, q) = -\log 4\f$.
///
/// \throws minimax::invalid_argument for pmfs of different sizes, a q_0 with a zero mass, steps < 1
/// or eta not positive and finite.
template <class = void>  // compiled only where called: see docs/building.md
proof minimax_maximin(const pmf& p_data, const pmf& q_0, int steps = 200, double eta = 1.0) {
  constexpr const char* function = "minimax::proofs::minimax_maximin";
  minimax::detail::check_pair(function, p_data, q_0);
  if (steps < 1) raise_invalid_argument(function, "steps must be at least 1", steps);
  require_positive(function, "eta", eta);
  const Eigen::Index n = p_data.size();
  for (Eigen::Index i = 0; i < n; ++i) {
    if (!(q_0[i] > 0)) raise_invalid_argument(function, "q_0 must give every outcome positive mass; q_0[" + std::to_string(i) + "] is", q_0[i]);
  }
  constexpr double eps = std::numeric_limits<double>::epsilon();
  const double log4 = std::log(4.0);
  const Eigen::VectorXd p = p_data.probabilities(), lp = p.array().log();

  proof pr;
  pr.title = "Minimax vs maximin (NIPS 2016, 5.1.1): G in the inner loop collapses onto argmax D";
  pr.statement = "\\min_G\\max_D V \\text{ gives } p_g = p_{data};\\ \\arg\\min_G V(D, G) = \\delta_{\\arg\\max D}";
  pr.pair = "p_data = " + detail::describe(p_data) + ", q_0 = " + detail::describe(q_0);

  // Minimax: functional mirror descent on C (step 1/2).
  Eigen::VectorXd lq = q_0.probabilities().array().log();
  for (int k = 0; k < steps; ++k) {
    for (Eigen::Index i = 0; i < n; ++i) lq[i] -= 0.5 * (lq[i] - logsumexp(lp[i], lq[i]));
    lq.array() -= logsumexp(lq);
  }
  const pmf q_minimax = detail::pmf_from_log(lq);
  const estimate c_minimax = virtual_training_criterion(p_data, q_minimax);
  pr.compare(relation::equals, step_id{"minimax_value"}, "minimax: C(q_K) = -log 4", "\\min_q \\max_D V(D, q) = C(q_K) = -\\log 4",
             "Theorem 1 and Proposition 2: descent on q reaches p_data", c_minimax, -log4, 0,
             "-log 4");
  const double gap0 = (q_0.probabilities() - p).cwiseAbs().maxCoeff();
  pr.compare(relation::equals, step_id{"minimax_argmin"}, "minimax: max |q_K - p_data|", "\\max_i |q_{K,i} - p_i| = 0",
             "the minimax generator is the data distribution", (q_minimax.probabilities() - p).cwiseAbs().maxCoeff(),
             2 * gap0 * std::pow(0.75, steps) + 8 * eps, 0, 0, "0");

  // Maximin: G's inner loop against the fixed D = D*(p_data, q_0).
  const auto d_fixed = optimal_discriminator(p_data, q_0);
  Eigen::VectorXd log_d(n), log_1md(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    log_d[i] = d_fixed.log_value(i);
    log_1md[i] = d_fixed.log_complement(i);
  }
  Eigen::VectorXd lg = q_0.probabilities().array().log();
  for (int k = 0; k < steps; ++k) {
    lg -= eta * log_1md;  // the gradient of V(D, q) in q_i is log(1 - D_i)
    lg.array() -= logsumexp(lg);
  }
  Eigen::VectorXd closed = q_0.probabilities().array().log() - static_cast<double>(steps) * eta * log_1md.array();
  closed.array() -= logsumexp(closed);
  const Eigen::VectorXd q_inner = lg.array().exp(), q_closed = closed.array().exp();
  pr.compare(relation::equals, step_id{"maximin_inner_closed_form"}, "maximin inner loop = closed form", "q_{K,i} = q_{0,i}\\,(1 - D_i)^{-K\\eta}/Z",
             "exponentiated gradient on a linear function multiplies by the same factor each step",
             (q_inner - q_closed).cwiseAbs().maxCoeff(), 8 * eps * steps, 0, 0, "0");
  const double top = log_d.maxCoeff();
  double mass = 0, runner_up = -std::numeric_limits<double>::infinity();
  Eigen::Index j = 0;
  for (Eigen::Index i = 0; i < n; ++i) {
    if (log_d[i] == top) {
      mass += q_inner[i];
      j = i;
    } else {
      runner_up = std::max(runner_up, -log_1md[i]);
    }
  }
  const double gap = -log_1md[j] - runner_up;  // +inf when every D_i is the maximum
  const double leftover = std::isinf(gap) ? 0.0
                                          : static_cast<double>(n) * q_0.probabilities().maxCoeff() /
                                                q_0.probabilities().minCoeff() * std::exp(-steps * eta * gap);
  pr.compare(relation::equals, step_id{"maximin_collapse"}, "maximin: mass on argmax D", "\\sum_{i \\in \\arg\\max D} q_{K,i} = 1",
             "mode collapse: G puts all its mass where D is largest", mass, leftover + 8 * eps * n, 1, 0, "1");
  neumaier_sum<double> v;
  for (Eigen::Index i = 0; i < n; ++i) {
    if (p[i] > 0) v += p[i] * log_d[i];
    v += q_inner[i] * log_1md[i];
  }
  neumaier_sum<double> v_min;
  for (Eigen::Index i = 0; i < n; ++i) {
    if (p[i] > 0) v_min += p[i] * log_d[i];
  }
  v_min += log_1md[j];
  pr.compare(relation::equals, step_id{"maximin_best_response"}, "V(D, q_K) = min_q V(D, q)",
             "V(D, q_K) = \\sum_i p_i\\log D_i + \\log(1 - \\max_i D_i) = \\min_q V(D, q)",
             "a linear function on the simplex is least at a vertex", v.value(),
             leftover * log_1md.cwiseAbs().maxCoeff() + 8 * eps * (std::abs(v.value()) + 1), v_min.value(), 0,
             "closed form");

  Eigen::VectorXd delta = Eigen::VectorXd::Zero(n);
  delta[j] = 1;
  const estimate c_collapsed = virtual_training_criterion(p_data, pmf::from(delta));
  const double pj = p[j];
  pr.compare(relation::equals, step_id{"collapsed_criterion"}, "C(collapsed G) = p_j log(p_j/(1+p_j)) - log(1+p_j)",
             "C(\\delta_j) = p_j\\log\\tfrac{p_j}{1+p_j} - \\log(1+p_j) > -\\log 4",
             "Theorem 1's criterion at a point mass: the collapsed G is not the data", c_collapsed, (pj > 0 ? pj * std::log(pj / (1 + pj)) : 0.0) - std::log1p(pj),
             8 * eps, "closed form");

  // Rounds of (D optimal against G, G's best response to D): G hops.
  int stayed = 0;
  Eigen::Index at = j;
  for (int round = 0; round < 6; ++round) {
    Eigen::VectorXd g = Eigen::VectorXd::Zero(n);
    g[at] = 1;
    const pmf current = pmf::from(g);
    const auto d = optimal_discriminator(p_data, current);
    Eigen::Index next = 0;
    double best = -std::numeric_limits<double>::infinity();
    for (Eigen::Index i = 0; i < n; ++i) {
      if (d.log_value(i) > best) {
        best = d.log_value(i);
        next = i;
      }
    }
    if (next == at) ++stayed;
    at = next;
  }
  pr.compare(relation::equals, step_id{"best_response_rounds_still"}, "rounds where the best-responding G stayed put (of 6)",
             "\\#\\{\\text{rounds}: \\arg\\max D^*(p_{data}, \\delta_j) = j\\} = 0",
             "D*(p_data, delta_j) = 1 off j and p_j/(1+p_j) < 1 at j", stayed, 0, 0, 0, "0");

  // At D = 1/2 every q is a best response: V(1/2, q) = -log 4 for all q, here the collapsed one.
  const estimate at_half = value_function([](Eigen::Index) { return 0.5; }, p_data, pmf::from(delta));
  pr.compare(relation::equals, step_id{"maximin_equals_minimax"}, "maximin value = minimax value (D = 1/2)",
             "\\max_D\\min_q V(D, q) = V(\\tfrac12, \\delta_j) = -\\log 4",
             "Sion: V is linear in q and concave in D; at D = 1/2 every q is a best response", at_half, -log4, 0, "-log 4");
  return pr;
}

}  // namespace minimax::proofs
