#pragma once
/// \file
/// \brief Empirical distributions of samples: one-dimensional (ecdf, quantile, bootstrap) and N×d.

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "minimax/core/deferred.hpp"
#include "minimax/core/error.hpp"
#include "minimax/core/summation.hpp"
#include "minimax/prob/detail/common.hpp"
#include "minimax/prob/random.hpp"
#include "minimax/quadrature/interval.hpp"

namespace minimax {

/// \brief The empirical distribution \f$\hat P_n = \frac1n\sum_i \delta_{x_i}\f$ of n real samples.
///
/// Like a point mass it has no density (pdf is not provided). Its cdf is the ecdf
/// \f$\hat F_n(x) = \#\{i : x_i \le x\}/n\f$; its quantile is the generalised inverse of the ecdf,
/// \f$\hat F_n^{-1}(p) = x_{(\lceil np\rceil)}\f$ (Hyndman–Fan type 1; \f$x_{(1)}\f$ at \f$p = 0\f$);
/// its draws are bootstrap draws (uniform choice among the samples, with replacement).
///
/// \throws minimax::invalid_argument for no samples or a sample that is not finite.
class empirical {
 public:
  /// The scalar type.
  using value_type = double;

  /// From samples in an Eigen vector (copied, then sorted).
  explicit empirical(const Eigen::Ref<const Eigen::VectorXd>& samples)
      : sorted_(samples.data(), samples.data() + samples.size()) {
    validate_and_sort();
  }
  /// From samples in a std::vector (copied, then sorted).
  explicit empirical(std::vector<double> samples) : sorted_(std::move(samples)) { validate_and_sort(); }

  /// The samples in increasing order \f$x_{(1)} \le \dots \le x_{(n)}\f$.
  const std::vector<double>& sorted() const noexcept { return sorted_; }
  /// The number of samples n.
  std::size_t size() const noexcept { return sorted_.size(); }

 private:
  void validate_and_sort() {
    require_non_empty("minimax::empirical", "samples", sorted_.size());
    for (std::size_t i = 0; i < sorted_.size(); ++i) {
      require_finite("minimax::empirical", "samples[" + std::to_string(i) + "]", sorted_[i]);
    }
    std::sort(sorted_.begin(), sorted_.end());
  }

  std::vector<double> sorted_;
};

/// \brief \f$\hat F_n(x) = \#\{i : x_i \le x\}/n\f$. \throws minimax::invalid_argument for NaN x.
inline double cdf(const empirical& d, double x) {
  detail::require_not_nan("minimax::cdf(empirical)", x);
  const auto count = std::upper_bound(d.sorted().begin(), d.sorted().end(), x) - d.sorted().begin();
  return static_cast<double>(count) / static_cast<double>(d.size());
}

/// \brief \f$x_{(k)}\f$ with \f$k = \lceil np\rceil\f$ (the smallest k with \f$k/n \ge p\f$), \f$x_{(1)}\f$ at
/// \f$p = 0\f$. k is found in integers, so \f$p = 0.3\f$ with \f$n = 10\f$ gives \f$x_{(3)}\f$ despite
/// \f$10 \times 0.3 > 3\f$ in floating point. \throws minimax::domain_error for p outside [0, 1].
inline double quantile(const empirical& d, double p) {
  detail::require_probability("minimax::quantile(empirical)", p);
  const double n = static_cast<double>(d.size());
  auto k = static_cast<std::size_t>(std::ceil(n * p));
  while (k > 1 && static_cast<double>(k - 1) / n >= p) --k;
  while (k < d.size() && static_cast<double>(k) / n < p) ++k;
  if (k == 0) k = 1;
  return d.sorted()[k - 1];
}

/// \brief The support \f$[x_{(1)}, x_{(n)}]\f$.
inline interval<double> support(const empirical& d) { return {d.sorted().front(), d.sorted().back()}; }

/// \brief \f$\frac1n\sum_i x_i\f$ (compensated).
inline double mean(const empirical& d) { return compensated_sum(d.sorted()) / static_cast<double>(d.size()); }

/// \brief \f$\frac1n\sum_i (x_i - \bar x)^2\f$: the variance of \f$\hat P_n\f$ itself (divisor n, not n - 1).
inline double variance(const empirical& d) {
  const double m = mean(d);
  neumaier_sum<double> s;
  for (double x : d.sorted()) s += (x - m) * (x - m);
  return s.value() / static_cast<double>(d.size());
}

/// \brief One bootstrap draw: \f$x_{(k)}\f$ with k uniform (rng::index()).
inline double sample(const empirical& d, rng& g) { return d.sorted()[g.index(d.size())]; }

/// \brief n bootstrap draws as a vector. \throws minimax::invalid_argument for n < 0.
inline Eigen::VectorXd sample(const empirical& d, rng& g, Eigen::Index n) {
  return detail::sample_vector<double>("minimax::sample(empirical)", d, g, n);
}

/// \brief The empirical distribution of N points in \f$\mathbb{R}^d\f$, the rows of an N×d matrix.
///
/// No density; mean, covariance, dimension and bootstrap draws of whole rows.
/// \throws minimax::invalid_argument for no rows, no columns or a non-finite entry.
class empirical_multivariate {
 public:
  /// From the N×d matrix of points, one per row (copied).
  explicit empirical_multivariate(Eigen::MatrixXd points) : points_(std::move(points)) {
    constexpr const char* function = "minimax::empirical_multivariate";
    require_non_empty(function, "points", static_cast<std::size_t>(points_.rows()));
    require_non_empty(function, "the dimension", static_cast<std::size_t>(points_.cols()));
    for (Eigen::Index j = 0; j < points_.cols(); ++j) {
      for (Eigen::Index i = 0; i < points_.rows(); ++i) {
        require_finite(function, "points(" + std::to_string(i) + ", " + std::to_string(j) + ")", points_(i, j));
      }
    }
  }

  /// The points, one per row.
  const Eigen::MatrixXd& points() const noexcept { return points_; }
  /// The number of points N.
  Eigen::Index size() const noexcept { return points_.rows(); }
  /// The dimension d.
  Eigen::Index dimension() const noexcept { return points_.cols(); }

 private:
  Eigen::MatrixXd points_;
};

/// \brief The dimension d.
inline Eigen::Index dimension(const empirical_multivariate& d) { return d.dimension(); }

/// \brief \f$\bar x = \frac1N\sum_i x_i\f$.
template <class Unused = void>  // compiled only where called: see docs/building.md
Eigen::VectorXd mean(const empirical_multivariate& d) {
  return late<Unused>(d.points()).colwise().mean().transpose();
}

/// \brief \f$\frac1N\sum_i (x_i - \bar x)(x_i - \bar x)^\top\f$ (divisor N: the covariance of the empirical measure).
template <class Unused = void>  // compiled only where called: see docs/building.md
Eigen::MatrixXd covariance(const empirical_multivariate& d) {
  const Eigen::MatrixXd centred = late<Unused>(d.points()).rowwise() - mean(d).transpose();
  return centred.transpose() * centred / static_cast<double>(d.size());
}

/// \brief One bootstrap draw: a row chosen uniformly (rng::index()).
template <class Unused = void>  // compiled only where called: see docs/building.md
Eigen::VectorXd sample(const empirical_multivariate& d, rng& g) {
  return late<Unused>(d.points()).row(static_cast<Eigen::Index>(g.index(static_cast<std::uint64_t>(d.size())))).transpose();
}

/// \brief n bootstrap draws, one per row (n×d). \throws minimax::invalid_argument for n < 0.
template <class = void>  // compiled only where called: see docs/building.md
Eigen::MatrixXd sample(const empirical_multivariate& d, rng& g, Eigen::Index n) {
  return detail::sample_rows("minimax::sample(empirical_multivariate)", d, g, n);
}

}  // namespace minimax
