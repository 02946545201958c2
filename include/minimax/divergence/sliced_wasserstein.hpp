#pragma once
/// \file
/// \brief The sliced Wasserstein distance: \f$W_p\f$ of one-dimensional projections, averaged over
/// random directions drawn from a seeded, reproducible generator.
///
/// \f[ SW_p(P, Q) = \Big(\int_{S^{d-1}} W_p^p(\theta_\# P, \theta_\# Q)\, d\sigma(\theta)\Big)^{1/p}
///     \approx \Big(\frac1L \sum_{l=1}^L W_p^p(\theta_l \cdot X, \theta_l \cdot Y)\Big)^{1/p}, \f]
/// with \f$\theta_l\f$ uniform on the sphere. The Monte-Carlo error of the average falls like
/// \f$1/\sqrt L\f$.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

#include <Eigen/Core>

#include "minimax/core/error.hpp"
#include "minimax/divergence/cost.hpp"
#include "minimax/divergence/wasserstein_1d.hpp"

namespace minimax {

namespace detail {

// A standard normal from std::mt19937_64 by Box-Muller, written out here so that the directions
// are the same on every platform (std::normal_distribution is implementation-defined; the
// engine is not).
template <class T>
T box_muller(std::mt19937_64& gen) {
  constexpr double scale = 1.0 / 9007199254740992.0;  // 2^-53
  const double u1 = (static_cast<double>(gen() >> 11) + 1) * scale;  // in (0, 1]
  const double u2 = static_cast<double>(gen() >> 11) * scale;        // in [0, 1)
  return static_cast<T>(std::sqrt(-2 * std::log(u1)) * std::cos(6.283185307179586476925286766559 * u2));
}

}  // namespace detail

/// \brief \f$SW_p\f$ (not \f$SW_p^p\f$) between the empirical distributions of `x` (\f$n \times d\f$)
/// and `y` (\f$m \times d\f$), one point per row, estimated with `projections` directions.
///
/// Direction \f$l\f$ is a vector of \f$d\f$ standard normals (Box–Muller over
/// `std::mt19937_64(seed)`, the same on every platform) normalised to unit length, so the
/// directions are uniform on the sphere and the result is a deterministic function of the seed.
/// Each projected \f$W_p^p\f$ is exact (wasserstein_1d()); in 1-D the result is \f$W_p\f$ itself.
/// Cost \f$O(L\,(n+m)(d + \log(n+m)))\f$. Scales: \f$SW_p(cx, cy) = c\,SW_p(x, y)\f$, so samples
/// whose largest entry is outside \f$[2^{-100}, 2^{100}]\f$ are divided by a power of 2 bringing it
/// near 1 (exact) and the result multiplied back: points at \f$10^{\pm 200}\f$ give their distance,
/// not \f$\infty\f$ or 0.
/// \throws minimax::invalid_argument for empty samples, samples of different dimensions,
/// non-finite entries, \f$p < 1\f$, or projections = 0.
template <class DX, class DY>
typename DX::Scalar sliced_wasserstein(const Eigen::MatrixBase<DX>& x, const Eigen::MatrixBase<DY>& y,
                                       typename DX::Scalar p = 2, std::size_t projections = 100,
                                       std::uint64_t seed = 0) {
  using T = typename DX::Scalar;
  constexpr const char* fn = "minimax::sliced_wasserstein";
  detail::require_order(fn, p);
  if (projections == 0) raise_invalid_argument(fn, "projections must be positive", projections);
  detail::require_clouds(fn, x, y);
  const T largest = std::max(x.cwiseAbs().maxCoeff(), y.cwiseAbs().maxCoeff());
  if (largest > T(0) && (largest > std::ldexp(T(1), 100) || largest < std::ldexp(T(1), -100))) {
    const int e = std::ilogb(largest);
    using M = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;
    const M xs = x.derived().unaryExpr([e](T v) { return std::scalbn(v, -e); });
    const M ys = y.derived().unaryExpr([e](T v) { return std::scalbn(v, -e); });
    return std::scalbn(sliced_wasserstein(xs, ys, p, projections, seed), e);
  }
  const Eigen::Index d = x.cols();
  std::mt19937_64 gen(seed);
  Eigen::Matrix<T, Eigen::Dynamic, 1> theta(d);
  std::vector<T> px(static_cast<std::size_t>(x.rows())), py(static_cast<std::size_t>(y.rows()));
  neumaier_sum<T> total;
  for (std::size_t l = 0; l < projections; ++l) {
    T norm = 0;
    do {
      for (Eigen::Index k = 0; k < d; ++k) theta(k) = detail::box_muller<T>(gen);
      norm = theta.norm();
    } while (!(norm > T(0)));
    theta /= norm;
    for (Eigen::Index i = 0; i < x.rows(); ++i) px[static_cast<std::size_t>(i)] = x.row(i).dot(theta);
    for (Eigen::Index i = 0; i < y.rows(); ++i) py[static_cast<std::size_t>(i)] = y.row(i).dot(theta);
    detail::sort_values(px);
    detail::sort_values(py);
    total += detail::sorted_wp_pow(px, py, p);
  }
  return detail::root_p(total.value() / static_cast<T>(projections), p);
}

}  // namespace minimax
