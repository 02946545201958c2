#pragma once
/// \file
/// \brief Proposition 2 of Goodfellow et al. (2014), executable: \f$C(G) = \sup_D V(D, G)\f$ is convex
/// in \f$p_g\f$, and gradient descent on \f$p_g\f$ itself converges to \f$p_{data}\f$ — while descent on
/// the parameters of a family that does not contain \f$p_{data}\f$ stops short of \f$-\log 4\f$.

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "minimax/core/error.hpp"
#include "minimax/core/log1pexp.hpp"
#include "minimax/core/logsumexp.hpp"
#include "minimax/prob/pmf.hpp"
#include "minimax/proofs/detail/calculus.hpp"
#include "minimax/proofs/detail/describe.hpp"
#include "minimax/proofs/proof.hpp"
#include "minimax/theory/value_function.hpp"

namespace minimax::proofs {

namespace detail {

/// \f$\log((1-t)a + tb)\f$ from \f$\log a, \log b\f$.
inline double log_mix(double t, double la, double lb) {
  const double ninf = -std::numeric_limits<double>::infinity();
  return logsumexp(t < 1 ? std::log1p(-t) + la : ninf, t > 0 ? std::log(t) + lb : ninf);
}

/// \f$C(p_t) = \int p\log\frac{p}{p+q_t} + q_t\log\frac{q_t}{p+q_t}\f$ on the mixture path.
template <class P, class A, class B>
minimax::estimate criterion_on_path(const P& p, const A& a, const B& b, double t) {
  return triple_integral(p, a, b, [t](double lp, double la, double lb, auto) {
    const double lq = log_mix(t, la, lb), lm = logsumexp(lp, lq);
    return minimax::detail::weighted(lp, lp - lm) + minimax::detail::weighted(lq, lq - lm);
  });
}

/// The first variation along the path (Danskin): \f$C'(t) = \int (q_b - q_a)\log(1 - D^*_t)\f$.
template <class P, class A, class B>
minimax::estimate criterion_slope(const P& p, const A& a, const B& b, double t) {
  return triple_integral(p, a, b, [t](double lp, double la, double lb, auto) {
    const double lq = log_mix(t, la, lb);
    if (lq == -std::numeric_limits<double>::infinity()) return 0.0;
    const double difference = (lb == -std::numeric_limits<double>::infinity() ? 0.0 : std::exp(lb)) -
                              (la == -std::numeric_limits<double>::infinity() ? 0.0 : std::exp(la));
    return difference * (lq - logsumexp(lp, lq));
  });
}

/// The curvature along the path: \f$C''(t) = \int (q_b - q_a)^2\,\frac{p}{q_t\,(p + q_t)}\f$.
template <class P, class A, class B>
minimax::estimate criterion_curvature(const P& p, const A& a, const B& b, double t) {
  constexpr double ninf = -std::numeric_limits<double>::infinity();
  return triple_integral(p, a, b, [t](double lp, double la, double lb, auto) {
    const double lq = log_mix(t, la, lb);
    if (lp == ninf || lq == ninf) return 0.0;
    const double top = std::max(la, lb), bottom = std::min(la, lb);
    if (top == bottom) return 0.0;
    const double log_difference = top + log1mexp(bottom - top);
    return std::exp(2 * log_difference + lp - lq - logsumexp(lp, lq));
  });
}

/// Log-masses of a density at the centres of `cells` equal cells on [lo, hi], normalised.
template <class P>
Eigen::VectorXd grid_log_masses(const P& d, double lo, double hi, int cells) {
  Eigen::VectorXd l(cells);
  for (int i = 0; i < cells; ++i) l[i] = log_pdf(d, lo + (i + 0.5) * (hi - lo) / cells);
  return l.array() - logsumexp(l);
}

inline pmf pmf_from_log(const Eigen::VectorXd& l) {
  Eigen::VectorXd p = l.array().exp();
  return pmf::from(p / p.sum());
}

}  // namespace detail

/// \brief Proposition 2 (Goodfellow et al. 2014), convexity half, for concrete \f$p_{data}\f$ and two
/// generator distributions \f$p_a, p_b\f$ (three pmfs on the same outcomes or three 1-D densities),
/// along the mixture path \f$p_t = (1-t)p_a + t p_b\f$:
/// 1. \f$C(p_a)\f$ by minimax::virtual_training_criterion; 2. the path's \f$C(p_0)\f$ equals it;
/// 3. the path's \f$C(p_1)\f$ equals \f$C(p_b)\f$;
/// 4. \f$U(p_g, D) = V(D, G)\f$ is linear in \f$p_g\f$ for a fixed D
///    (\f$D = D^*\f$ of \f$p_{1/2}\f$, at \f$t = 1/3\f$): \f$U(p_t, D) = (1-t)U(p_a, D) + tU(p_b, D)\f$;
/// 5–7. the chord: \f$C(p_t) \le (1-t)C(p_a) + tC(p_b)\f$ at \f$t = 1/4, 1/2, 3/4\f$ (a supremum of
///    linear functions is convex);
/// 8. the smallest second difference \f$C(p_{t-0.1}) - 2C(p_t) + C(p_{t+0.1})\f$, \f$t = 0.1..0.9\f$: \f$\ge 0\f$;
/// 9. Danskin: \f$C'(1/2) = \int (p_b - p_a)\log(1 - D^*_{1/2})\f$ equals the extrapolated central
///    difference of \f$C(p_t)\f$;
/// 10. \f$C''(1/2) = \int (p_b - p_a)^2 p_{data}/(p_{1/2}(p_{data} + p_{1/2})) \ge 0\f$ equals the
///    central difference of line 9's formula.
///
/// \throws minimax::invalid_argument for pmfs of different sizes; minimax::domain_error when a
/// quadrature fails.
template <class P, class A, class B>
proof criterion_convexity(const P& p_data, const A& p_a, const B& p_b) {
  static_assert(minimax::detail::theory_pair<P, A> && minimax::detail::theory_pair<P, B>,
                "minimax::proofs::criterion_convexity: p_data, p_a and p_b must be three pmfs or three 1-D densities");
  constexpr const char* function = "minimax::proofs::criterion_convexity";
  minimax::detail::check_pair(function, p_data, p_a);
  minimax::detail::check_pair(function, p_data, p_b);
  proof pr;
  pr.title = "Proposition 2 (Goodfellow et al. 2014): C(G) = sup_D V(D, G) is convex in p_g";
  pr.statement = "t \\mapsto C\\big((1-t)p_a + t\\,p_b\\big) \\text{ is convex on } [0, 1]";
  pr.pair = "p_data = " + detail::describe(p_data) + ", p_a = " + detail::describe(p_a) +
            ", p_b = " + detail::describe(p_b);

  const estimate c_a = virtual_training_criterion(p_data, p_a), c_b = virtual_training_criterion(p_data, p_b);
  pr.given(step_id{"criterion_at_p_a"}, "C(p_a)", "C(p_a) = \\max_D V(D, p_a)", "Theorem 1's criterion", c_a);
  const minimax::estimate path_0 = detail::criterion_on_path(p_data, p_a, p_b, 0.0);
  pr.then(relation::equals, step_id{"path_start"}, "C on the path at t = 0", "C(p_t)\\big|_{t=0},\\ p_t = (1-t)p_a + t\\,p_b",
          "p_0 = p_a", path_0);
  const minimax::estimate path_1 = detail::criterion_on_path(p_data, p_a, p_b, 1.0);
  pr.compare(relation::equals, step_id{"path_end"}, "C on the path at t = 1", "C(p_t)\\big|_{t=1} = C(p_b)", "p_1 = p_b", path_1, c_b, "C(p_b)");

  // Linearity of U(p_g, D) for D = D* of p_{1/2}, evaluated in log space.
  {
    auto u_at = [&](double t) {
      return detail::triple_integral(p_data, p_a, p_b, [t](double lp, double la, double lb, auto) {
        const double lh = detail::log_mix(0.5, la, lb), lq = detail::log_mix(t, la, lb);
        // log D = log sigma(lp - lh), log(1 - D) = log sigma(lh - lp); both vanish: D = 1/2.
        const bool both = lp == -std::numeric_limits<double>::infinity() && lh == lp;
        const double logit = both ? 0.0 : lp - lh;
        return minimax::detail::weighted(lp, log_sigmoid(logit)) + minimax::detail::weighted(lq, log_sigmoid(-logit));
      });
    };
    const double t = 1.0 / 3;
    const minimax::estimate u_t = u_at(t), u_0 = u_at(0), u_1 = u_at(1);
    pr.compare(relation::equals, step_id{"value_linear_in_p_g"}, "U(p_t, D) linear in p_g (fixed D, t = 1/3)",
               "U(p_t, D) = (1-t)\\,U(p_a, D) + t\\,U(p_b, D),\\ D = D^*_{p_{1/2}}",
               "U(p_g, D) = int p_data log D + p_g log(1-D) is linear in p_g", u_t,
               estimate{(1 - t) * u_0.value + t * u_1.value, (1 - t) * u_0.error_estimate + t * u_1.error_estimate},
               "(1-t)U(p_a,D) + tU(p_b,D)");
  }

  for (double t : {0.25, 0.5, 0.75}) {
    const minimax::estimate c_t = detail::criterion_on_path(p_data, p_a, p_b, t);
    pr.compare(relation::at_most, step_id{"chord_at_t_" + detail::number(t, "%g")}, "chord at t = " + detail::number(t, "%g"),
               "C(p_t) \\le (1-t)\\,C(p_a) + t\\,C(p_b),\\ t = " + detail::number(t, "%g"),
               "a supremum of functions linear in p_g is convex", c_t,
               estimate{(1 - t) * c_a.value + t * c_b.value, (1 - t) * c_a.error_estimate + t * c_b.error_estimate},
               "chord");
  }

  {
    std::vector<minimax::estimate> c(11);
    for (int k = 0; k <= 10; ++k) c[static_cast<std::size_t>(k)] = detail::criterion_on_path(p_data, p_a, p_b, k / 10.0);
    double smallest = std::numeric_limits<double>::infinity(), error = 0;
    for (std::size_t k = 1; k < 10; ++k) {
      const double second = c[k - 1].value - 2 * c[k].value + c[k + 1].value;
      if (second < smallest) {
        smallest = second;
        error = c[k - 1].error_estimate + 2 * c[k].error_estimate + c[k + 1].error_estimate;
      }
    }
    pr.compare(relation::at_least, step_id{"smallest_second_difference"}, "smallest second difference, step 0.1",
               "\\min_{t} C(p_{t-0.1}) - 2C(p_t) + C(p_{t+0.1}) \\ge 0,\\ t = 0.1, \\dots, 0.9",
               "convexity: second differences are non-negative", smallest, error, 0, 0, "0");
  }

  const minimax::estimate slope = detail::criterion_slope(p_data, p_a, p_b, 0.5);
  const minimax::estimate slope_fd =
      detail::derivative([&](double t) { return detail::criterion_on_path(p_data, p_a, p_b, t); }, 0.5, 0.1);
  pr.compare(relation::equals, step_id{"danskin_derivative"}, "C'(1/2): Danskin's formula vs differences",
             "\\frac{d}{dt}C(p_t)\\Big|_{t=1/2} = \\int (p_b - p_a)\\log(1 - D^*_{1/2})\\,dx",
             "the derivative of a supremum is that of U at the maximiser D*", slope, slope_fd, "central differences of C(p_t)");
  const minimax::estimate curvature = detail::criterion_curvature(p_data, p_a, p_b, 0.5);
  const minimax::estimate curvature_fd =
      detail::derivative([&](double t) { return detail::criterion_slope(p_data, p_a, p_b, t); }, 0.5, 0.1);
  pr.compare(relation::equals, step_id{"second_derivative_non_negative"}, "C''(1/2) = int (p_b-p_a)^2 p/(q(p+q)) >= 0",
             "\\frac{d^2}{dt^2}C(p_t)\\Big|_{t=1/2} = \\int (p_b - p_a)^2\\,\\frac{p_{data}}{p_{1/2}\\,(p_{data} + p_{1/2})}\\,dx \\ge 0",
             "d/dq [q log(q/(p+q)) + p log(p/(p+q))] = log(q/(p+q)); once more: p/(q(p+q))", curvature, curvature_fd, "central differences of C'(p_t)");
  return pr;
}

/// \brief Proposition 2 (Goodfellow et al. 2014), convergence half, side by side with parameter space.
///
/// \f$p_{data}\f$ (a 1-D density) and the normal `start` are discretised on `cells` equal cells
/// covering \f$[\min(F^{-1}_{data}(10^{-9}), \mu - 8s), \max(F^{-1}_{data}(1 - 10^{-9}), \mu + 8s)]\f$ (masses
/// proportional to the densities at the cell centres). Then:
/// - **function space**: mirror descent (exponentiated gradient) on the simplex with the functional
///   gradient \f$\partial C/\partial q_i = \log(1 - D^*_i) = \log\frac{q_i}{p_i + q_i}\f$,
///   \f$q \leftarrow q \odot e^{-\eta \nabla C} / Z\f$, `steps` steps of size \f$\eta\f$ = `eta`;
/// - **parameter space**: gradient descent on \f$(\mu, \log s)\f$ of the discretised normal
///   \f$q_i \propto e^{-(x_i - \mu)^2/(2s^2)}\f$, \f$\partial C/\partial \ell_i = q_i(g_i - \sum_j q_j g_j)\f$ with
///   \f$g_i = \log(1 - D^*_i)\f$, same number of steps, step `eta_parameters`.
///
/// Steps: 1. \f$C(q_0)\f$; 2. \f$C(q_K) = -\log 4\f$ (function space reaches the optimum); 3. the number of
/// steps at which \f$C\f$ rose (beyond the error estimates): 0; 4. \f$C(\theta_K) \le C(\theta_0)\f$;
/// 5. rises along the parametric descent: 0; 6. \f$C(\theta_K) \ge \min\f$ of \f$C\f$ over a brute-force grid
/// of \f$(\mu, s)\f$ (\f$\mu\f$ on 161 points over the range, \f$s\f$ on 60 log-spaced values from a cell to the
/// range), with the largest change between neighbouring grid points as that minimum's error — no descent
/// in the family beats the family; 7. \f$C(q_K) \le C(\theta_K)\f$: the residual is the gap that parameter
/// space cannot close (positive when \f$p_{data}\f$ is not normal).
///
/// \throws minimax::invalid_argument when cells < 2, steps < 1, or a step size is not positive and finite.
template <class P>
proof functional_descent(const P& p_data, const normal& start, int cells = 200, int steps = 300, double eta = 0.5,
                         double eta_parameters = 1.0) {
  static_assert(minimax::detail::theory_density<P>, "minimax::proofs::functional_descent: p_data must be a 1-D density");
  constexpr const char* function = "minimax::proofs::functional_descent";
  if (cells < 2) raise_invalid_argument(function, "cells must be at least 2", cells);
  if (steps < 1) raise_invalid_argument(function, "steps must be at least 1", steps);
  require_positive(function, "eta", eta);
  require_positive(function, "eta_parameters", eta_parameters);
  const double lo = std::min(quantile(p_data, 1e-9), start.mean() - 8 * start.sigma());
  const double hi = std::max(quantile(p_data, 1 - 1e-9), start.mean() + 8 * start.sigma());
  const double width = (hi - lo) / cells;
  Eigen::VectorXd x(cells);
  for (int i = 0; i < cells; ++i) x[i] = lo + (i + 0.5) * width;
  const Eigen::VectorXd lp = detail::grid_log_masses(p_data, lo, hi, cells);
  const pmf p = detail::pmf_from_log(lp);
  auto normal_logs = [&](double mu, double s) {
    Eigen::VectorXd l = -0.5 * ((x.array() - mu) / s).square();
    return Eigen::VectorXd(l.array() - logsumexp(l));
  };
  auto criterion = [&](const Eigen::VectorXd& lq) { return virtual_training_criterion(p, detail::pmf_from_log(lq)); };
  auto gradient = [&](const Eigen::VectorXd& lq) {  // log(q/(p+q)), 0 where q = 0
    Eigen::VectorXd g(cells);
    for (int i = 0; i < cells; ++i) {
      g[i] = lq[i] == -std::numeric_limits<double>::infinity() ? 0.0 : lq[i] - logsumexp(lp[i], lq[i]);
    }
    return g;
  };
  auto rises = [](const std::vector<estimate>& c) {
    int n = 0;
    for (std::size_t k = 1; k < c.size(); ++k) {
      if (c[k].value - c[k - 1].value > error_multiple * (c[k].error_estimate + c[k - 1].error_estimate)) ++n;
    }
    return n;
  };

  proof pr;
  pr.title = "Proposition 2 (Goodfellow et al. 2014): descent on p_g converges; descent on parameters need not";
  pr.statement = "q \\leftarrow q\\,e^{-\\eta\\,\\partial C/\\partial q}/Z \\to p_{data},\\ C \\to -\\log 4";
  pr.pair = "p_data = " + detail::describe(p_data) + " on " + std::to_string(cells) + " cells, start " +
            detail::describe(start);

  // Function space.
  const Eigen::VectorXd l0 = normal_logs(start.mean(), start.sigma());
  Eigen::VectorXd lq = l0;
  std::vector<estimate> path{criterion(lq)};
  for (int k = 0; k < steps; ++k) {
    lq -= eta * gradient(lq);
    lq.array() -= logsumexp(lq);
    path.push_back(criterion(lq));
  }
  const std::size_t first = pr.given(step_id{"function_space_start"}, "C(q_0)", "C(q_0),\\ q_0 = \\text{the discretised start}", "Theorem 1's criterion",
                                     path.front());
  pr.compare(relation::equals, step_id{"function_space_limit"}, "function space: C(q_K) = -log 4",
             "C(q_K) = -\\log 4,\\ q_{k+1} = q_k\\,e^{-\\eta\\log(1 - D^*_k)}/Z",
             "C is convex in q with its minimum at q = p_data (Theorem 1); D* = 1/2 is the fixed point",
             path.back(), estimate{-std::log(4.0), 0}, "-log 4");
  pr.compare(relation::equals, step_id{"function_space_rises"}, "function space: steps where C rose", "\\#\\{k : C(q_{k+1}) > C(q_k)\\} = 0",
             "mirror descent on a convex function with a small step", rises(path), 0, 0, 0, "0");

  // Parameter space: (mu, log s).
  double mu = start.mean(), log_s = std::log(start.sigma());
  std::vector<estimate> parametric{criterion(l0)};
  for (int k = 0; k < steps; ++k) {
    const double s = std::exp(log_s);
    const Eigen::VectorXd l = normal_logs(mu, s);
    const Eigen::VectorXd q = l.array().exp();
    const Eigen::VectorXd g = gradient(l);
    const Eigen::VectorXd dl = q.array() * (g.array() - q.dot(g));
    const Eigen::VectorXd u = (x.array() - mu) / s;
    mu -= eta_parameters * dl.dot(Eigen::VectorXd(u / s));
    log_s -= eta_parameters * dl.dot(Eigen::VectorXd(u.array().square()));
    parametric.push_back(criterion(normal_logs(mu, std::exp(log_s))));
  }
  pr.against(first, relation::at_most, step_id{"parameter_space_descent"}, "parameter space: C(theta_K) <= C(theta_0)",
             "C(\\theta_K) \\le C(\\theta_0),\\ \\theta = (\\mu, \\log s)",
             "gradient descent with a small step decreases C", parametric.back());
  pr.compare(relation::equals, step_id{"parameter_space_rises"}, "parameter space: steps where C rose", "\\#\\{k : C(\\theta_{k+1}) > C(\\theta_k)\\} = 0",
             "gradient descent with a small step", rises(parametric), 0, 0, 0, "0");

  // Brute force over the family.
  {
    const int n_mu = 161, n_s = 60;
    Eigen::MatrixXd c(n_mu, n_s);
    for (int i = 0; i < n_mu; ++i) {
      for (int j = 0; j < n_s; ++j) {
        const double m = lo + (hi - lo) * i / (n_mu - 1);
        const double s = width * std::pow((hi - lo) / width, static_cast<double>(j) / (n_s - 1));
        c(i, j) = criterion(normal_logs(m, s)).value;
      }
    }
    Eigen::Index bi = 0, bj = 0;
    const double best = c.minCoeff(&bi, &bj);
    double spread = 0;
    for (Eigen::Index i = std::max<Eigen::Index>(bi - 1, 0); i <= std::min<Eigen::Index>(bi + 1, n_mu - 1); ++i) {
      for (Eigen::Index j = std::max<Eigen::Index>(bj - 1, 0); j <= std::min<Eigen::Index>(bj + 1, n_s - 1); ++j) {
        spread = std::max(spread, c(i, j) - best);
      }
    }
    pr.compare(relation::at_least, step_id{"parameter_space_family_minimum"}, "parameter space: C(theta_K) >= min over the family",
               "C(\\theta_K) \\ge \\min_{\\mu, s} C(\\mathcal N(\\mu, s^2)) \\text{ (brute-force grid)}",
               "descent within the family cannot beat the family's minimum", parametric.back(), estimate{best, spread}, "grid minimum");
  }
  pr.compare(relation::at_most, step_id{"function_vs_parameter_gap"}, "C(q_K) <= C(theta_K): the gap", "C(q_K) \\le C(\\theta_K)",
             "the family is a subset of the simplex; the residual is the gap parameter space leaves",
             path.back(), parametric.back(),
             "C(theta_K)");
  return pr;
}

}  // namespace minimax::proofs
