#pragma once
/// \file
/// \brief A fixed quadrature rule for \f$\mathbb{E}_{t \sim N(0,1)}[g(t)]\f$, usable with any scalar type
/// (dual numbers included), for the games whose losses are Gaussian expectations.

#include <cmath>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "minimax/core/error.hpp"

namespace minimax::games::detail {

/// \brief Nodes \f$t_i\f$ and weights \f$w_i\f$ with \f$\sum_i w_i g(t_i) \approx \mathbb{E}_{t\sim N(0,1)} g(t)\f$:
/// composite Gauss–Legendre, `panels` panels of `points` points on \f$[-L, L]\f$, weights times the
/// normal density.
///
/// Gauss–Hermite rules converge slowly for integrands such as softplus of a quadratic, whose
/// complex singularities lie close to the real axis; panels of width 0.5 with 20 points each resolve
/// them to rounding for the parameters of toy games. The truncation at \f$L = 10\f$ drops a
/// normal tail mass of \f$1.5 \cdot 10^{-23}\f$.
struct normal_expectation_rule {
  std::vector<double> nodes;    ///< \f$t_i\f$
  std::vector<double> weights;  ///< \f$w_i\f$, summing to 1 up to the truncated tail

  explicit normal_expectation_rule(int panels = 40, int points = 20, double half_width = 10.0) {
    // Gauss–Legendre on [-1, 1]: the roots of P_n by Newton's method from Tricomi's estimates
    // cos(pi (i + 3/4) / (n + 1/2)), weights 2 / ((1 - x^2) P_n'(x)^2). Converges to rounding in a few
    // steps for any n, and needs no eigensolver (which would cost every includer its compilation).
    std::vector<double> x(static_cast<std::size_t>(points)), w(static_cast<std::size_t>(points));
    const double pi = 3.141592653589793238462643383279502884;
    // P_n(r) and P_n'(r), by the three-term recurrence.
    const auto legendre = [points](double r) {
      double p0 = 1.0, p1 = r;
      for (int k = 2; k <= points; ++k) {
        const double p2 = ((2.0 * k - 1.0) * r * p1 - (k - 1.0) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      return std::pair<double, double>{p1, points * (r * p1 - p0) / (r * r - 1.0)};
    };
    for (int i = 0; i < points; ++i) {
      double r = std::cos(pi * (i + 0.75) / (points + 0.5));
      for (int iteration = 0; iteration < 100; ++iteration) {
        const auto [value, slope] = legendre(r);
        const double step = value / slope;
        r -= step;
        if (std::abs(step) <= 1e-17) break;
      }
      const double slope = legendre(r).second;
      x[static_cast<std::size_t>(points - 1 - i)] = r;  // ascending, as the nodes are laid out
      w[static_cast<std::size_t>(points - 1 - i)] = 2.0 / ((1.0 - r * r) * slope * slope);
    }
    const double width = 2.0 * half_width / panels;
    const double inv_sqrt_2pi = 0.398942280401432677939946059934381868;
    for (int p = 0; p < panels; ++p) {
      const double centre = -half_width + (p + 0.5) * width;
      for (int i = 0; i < points; ++i) {
        const double t = centre + 0.5 * width * x[static_cast<std::size_t>(i)];
        nodes.push_back(t);
        weights.push_back(w[static_cast<std::size_t>(i)] * 0.5 * width * inv_sqrt_2pi * std::exp(-0.5 * t * t));
      }
    }
  }
  std::size_t size() const { return nodes.size(); }
};

/// \brief The 800-point rule of normal_expectation_rule held inline (trivially copyable, so that a game
/// holding it runs on a GPU): the base of the games whose expectations over N(0, 1) are quadratures.
struct inline_normal_rule {
  static constexpr int rule_size = 800;  ///< nodes of the rule: 40 panels of 20 Gauss-Legendre points
  double nodes[rule_size] = {};          ///< \f$t_i\f$
  double weights[rule_size] = {};        ///< \f$w_i\f$

  /// Fills the arrays with normal_expectation_rule's default rule.
  void fill_rule() {
    const normal_expectation_rule rule;
    for (std::size_t i = 0; i < rule_size; ++i) {
      nodes[i] = rule.nodes[i];
      weights[i] = rule.weights[i];
    }
  }
};

/// The games without a rule derive from this empty base instead.
struct no_normal_rule {
  void fill_rule() {}
};

}  // namespace minimax::games::detail
