#pragma once
/// \file
/// \brief The WGAN optimum in one dimension (Arjovsky et al. 2017): \f$W_1 = \int|F_P - F_Q|\,dx\f$
/// and an optimal 1-Lipschitz critic, the piecewise-linear function with slope \f$\operatorname{sign}(F_Q - F_P)\f$.

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "minimax/core/error.hpp"
#include "minimax/theory/detail/pair.hpp"
#include "minimax/theory/estimate.hpp"

namespace minimax {

/// \brief An optimal critic of the Kantorovich–Rubinstein dual for two 1-D densities:
/// \f[ W_1(P, Q) = \sup_{\|f\|_L \le 1} \mathbb{E}_P[f] - \mathbb{E}_Q[f]
///   = \int f'(x)\,(F_Q(x) - F_P(x))\,dx \quad\text{(integration by parts)}, \f]
/// maximised by \f$f'(x) = \operatorname{sign}(F_Q(x) - F_P(x))\f$ (0 where the cdfs agree).
///
/// The crossings of the cdfs are located on a grid (the pair's breakpoints, each gap split in 32)
/// and refined by bisection to rounding; between consecutive knots the slope is the sign at the
/// midpoint, so the critic is piecewise linear and exactly 1-Lipschitz. Normalised by
/// \f$f(x_0) = 0\f$ at the first knot \f$x_0\f$ (the objective ignores constants). Crossings closer
/// than the grid step may be missed, which costs optimality, never the Lipschitz bound.
template <class P, class Q>
class wasserstein_critic_t {
 public:
  /// The critic of (P, Q).
  wasserstein_critic_t(const P& p, const Q& q) {
    auto gap = [&](double x) { return cdf(q, x) - cdf(p, x); };
    const auto cuts = detail::pair_breakpoints(p, q);
    std::vector<double> grid;
    for (std::size_t k = 0; k + 1 < cuts.size(); ++k) {
      for (int j = 0; j < 32; ++j) grid.push_back(cuts[k] + (cuts[k + 1] - cuts[k]) * j / 32.0);
    }
    grid.push_back(cuts.back());
    knots_.push_back(grid.front());
    for (std::size_t k = 0; k + 1 < grid.size(); ++k) {
      double lo = grid[k], hi = grid[k + 1];
      const double glo = gap(lo), ghi = gap(hi);
      if ((glo < 0 && ghi > 0) || (glo > 0 && ghi < 0)) {
        for (int it = 0; it < 200 && hi - lo > 4 * std::numeric_limits<double>::epsilon() * std::max(1.0, std::abs(hi)); ++it) {
          const double mid = (lo + hi) / 2;
          ((gap(mid) < 0) == (glo < 0) ? lo : hi) = mid;
        }
        knots_.push_back((lo + hi) / 2);
      }
      knots_.push_back(grid[k + 1]);
    }
    std::sort(knots_.begin(), knots_.end());
    knots_.erase(std::unique(knots_.begin(), knots_.end()), knots_.end());
    auto sign = [&](double x) {
      const double g = gap(x);
      return g > 0 ? 1.0 : (g < 0 ? -1.0 : 0.0);
    };
    left_slope_ = sign(knots_.front() - 1);
    right_slope_ = sign(knots_.back() + 1);
    values_.push_back(0.0);
    for (std::size_t k = 0; k + 1 < knots_.size(); ++k) {
      slopes_.push_back(sign((knots_[k] + knots_[k + 1]) / 2));
      values_.push_back(values_.back() + slopes_.back() * (knots_[k + 1] - knots_[k]));
    }
  }
  /// \f$f(x)\f$: piecewise linear through the knots, extended linearly beyond them.
  double operator()(double x) const {
    if (x <= knots_.front()) return left_slope_ * (x - knots_.front());
    if (x >= knots_.back()) return values_.back() + right_slope_ * (x - knots_.back());
    const auto it = std::upper_bound(knots_.begin(), knots_.end(), x);
    const std::size_t k = static_cast<std::size_t>(it - knots_.begin()) - 1;
    return values_[k] + slopes_[k] * (x - knots_[k]);
  }
  /// \f$f'(x) \in \{-1, 0, 1\}\f$ (the right derivative at a knot).
  double slope(double x) const {
    if (x < knots_.front()) return left_slope_;
    if (x >= knots_.back()) return right_slope_;
    const auto it = std::upper_bound(knots_.begin(), knots_.end(), x);
    return slopes_[static_cast<std::size_t>(it - knots_.begin()) - 1];
  }
  /// The knots: grid points and the located crossings of the cdfs, sorted.
  const std::vector<double>& knots() const noexcept { return knots_; }

 private:
  std::vector<double> knots_, values_, slopes_;
  double left_slope_ = 0, right_slope_ = 0;
};

/// \brief An optimal 1-Lipschitz critic for \f$W_1(P, Q)\f$ of two 1-D densities (see
/// wasserstein_critic_t).
template <class P, class Q>
wasserstein_critic_t<P, Q> wasserstein_critic(const P& p, const Q& q) {
  static_assert(detail::theory_density<P> && detail::theory_density<Q>,
                "minimax::wasserstein_critic: P and Q must be 1-D densities");
  return wasserstein_critic_t<P, Q>(p, q);
}

/// \brief \f$W_1(P, Q) = \int_{-\infty}^{\infty} |F_P(x) - F_Q(x)|\,dx\f$ by quadrature, split at the
/// critic's knots (so the kinks where the cdfs cross are piece ends), with its error estimate.
/// An independent route to the value minimax::wasserstein_1d computes from the quantile functions.
template <class P, class Q>
estimate wasserstein_1_cdf(const P& p, const Q& q) {
  static_assert(detail::theory_density<P> && detail::theory_density<Q>,
                "minimax::wasserstein_1_cdf: P and Q must be 1-D densities");
  const auto critic = wasserstein_critic(p, q);
  const auto sp = support(p), sq = support(q);
  const double lo = std::min(sp.lower, sq.lower), hi = std::max(sp.upper, sq.upper);
  const minimax::estimate r =
      detail::integrate_pieces([&](double x) { return std::abs(cdf(p, x) - cdf(q, x)); }, critic.knots(), lo, hi);
  return {r.value, r.error_estimate};
}

}  // namespace minimax
