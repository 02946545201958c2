#pragma once
/// \file
/// \brief Internals of the proofs: derivatives by extrapolated central differences (with an error
/// estimate), integrals over three distributions, and the score of a normal.

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "minimax/core/summation.hpp"
#include "minimax/prob/normal.hpp"
#include "minimax/theory/detail/pair.hpp"

namespace minimax::proofs::detail {

/// \f$f'(x)\f$ from central differences at steps \f$h, h/2, h/4, h/8\f$, extrapolated (Richardson's
/// tableau: the truncation error of a central difference is a series in \f$h^2\f$). `f` returns a
/// minimax::estimate (value and absolute error). The error estimate is the change made by the last column of the
/// tableau plus the propagated evaluation error \f$(e(x+h') + e(x-h'))/(2h')\f$ of the smallest step,
/// times 1.7 (the tableau's amplification of errors that grow as \f$1/h'\f$).
template <class F>
minimax::estimate derivative(F&& f, double x, double h) {
  double r[4][4], propagated = 0;
  for (int k = 0; k < 4; ++k) {
    const double s = std::ldexp(h, -k);
    const minimax::estimate up = f(x + s), down = f(x - s);
    r[k][0] = (up.value - down.value) / (2 * s);
    propagated = (up.error_estimate + down.error_estimate) / (2 * s);
    for (int j = 1; j <= k; ++j) r[k][j] = r[k][j - 1] + (r[k][j - 1] - r[k - 1][j - 1]) / (std::ldexp(1.0, 2 * j) - 1);
  }
  return {r[3][3], std::abs(r[3][3] - r[3][2]) + 1.7 * propagated};
}

/// \f$\sum_i g(\log p_i, \log a_i, \log b_i, i)\f$ (pmfs) or \f$\int g(\log p, \log a, \log b, x)\,dx\f$
/// (1-D densities, split at the breakpoints of the three), with an error estimate.
template <class P, class A, class B, class G>
minimax::estimate triple_integral(const P& p, const A& a, const B& b, G&& g) {
  constexpr double eps = std::numeric_limits<double>::epsilon();
  if constexpr (minimax::detail::theory_pmf<P>) {
    neumaier_sum<double> s;
    double l1 = 0;
    for (Eigen::Index i = 0; i < p.size(); ++i) {
      const double t = g(std::log(p[i]), std::log(a[i]), std::log(b[i]), i);
      s += t;
      l1 += std::abs(t);
    }
    return {s.value(), 4 * eps * l1 + eps * static_cast<double>(p.size()) * std::abs(s.value())};
  } else {
    std::vector<double> cuts = minimax::detail::pair_breakpoints(p, a);
    const std::vector<double> more = minimax::detail::pair_breakpoints(p, b);
    cuts.insert(cuts.end(), more.begin(), more.end());
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    const auto sp = support(p), sa = support(a), sb = support(b);
    const double lo = std::min({sp.lower, sa.lower, sb.lower}), hi = std::max({sp.upper, sa.upper, sb.upper});
    auto f = [&](double x) { return g(log_pdf(p, x), log_pdf(a, x), log_pdf(b, x), x); };
    return minimax::detail::integrate_pieces(f, cuts, lo, hi);
  }
}

/// The score of \f$\mathcal N(\mu, \sigma^2)\f$ in \f$(\mu, \sigma)\f$:
/// \f$\partial_\mu \log p = (x-\mu)/\sigma^2\f$, \f$\partial_\sigma \log p = ((x-\mu)^2/\sigma^2 - 1)/\sigma\f$.
inline double normal_score(const normal& g, int component, double x) {
  const double u = (x - g.mean()) / g.sigma();
  return component == 0 ? u / g.sigma() : (u * u - 1) / g.sigma();
}

/// The normal with the parameter `component` (0: mean, 1: sigma) set to `value`.
inline normal with_parameter(const normal& g, int component, double value) {
  return component == 0 ? normal{value, g.sigma()} : normal{g.mean(), value};
}

}  // namespace minimax::proofs::detail
