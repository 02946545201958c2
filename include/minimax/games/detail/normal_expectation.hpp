#pragma once
/// \file
/// \brief A fixed quadrature rule for \f$\mathbb{E}_{t \sim N(0,1)}[g(t)]\f$, usable with any scalar type
/// (dual numbers included), for the games whose losses are Gaussian expectations.

#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

#include <Eigen/Core>
#include <Eigen/Eigenvalues>

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
    // Gauss–Legendre on [-1, 1] by Golub–Welsch.
    Eigen::MatrixXd jacobi = Eigen::MatrixXd::Zero(points, points);
    for (int k = 1; k < points; ++k) {
      const double b = k / std::sqrt(4.0 * k * k - 1.0);
      jacobi(k, k - 1) = jacobi(k - 1, k) = b;
    }
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(jacobi);
    const double width = 2.0 * half_width / panels;
    const double inv_sqrt_2pi = 0.398942280401432677939946059934381868;
    for (int p = 0; p < panels; ++p) {
      const double centre = -half_width + (p + 0.5) * width;
      for (int i = 0; i < points; ++i) {
        const double x = solver.eigenvalues()[i];
        const double v0 = solver.eigenvectors()(0, i);
        const double t = centre + 0.5 * width * x;
        nodes.push_back(t);
        weights.push_back(2.0 * v0 * v0 * 0.5 * width * inv_sqrt_2pi * std::exp(-0.5 * t * t));
      }
    }
  }
  std::size_t size() const { return nodes.size(); }
};

/// \brief Copies a game's rule into a point game's inline arrays of `size` entries (ensembles carry
/// the rule with the game to the device). Throws, naming `function`, when the rule's size differs.
inline void copy_rule_inline(const char* function, const std::vector<double>& nodes, const std::vector<double>& weights,
                             double* inline_nodes, double* inline_weights, std::size_t size) {
  if (nodes.size() != size || weights.size() != size) {
    raise_invalid_argument(function,
                           "the number of quadrature nodes and weights must be " + std::to_string(size) +
                               " (the point game's inline rule)",
                           nodes.size() != size ? nodes.size() : weights.size());
  }
  for (std::size_t i = 0; i < size; ++i) {
    inline_nodes[i] = nodes[i];
    inline_weights[i] = weights[i];
  }
}

}  // namespace minimax::games::detail
