#pragma once
// Statistical yardsticks for the sampling tests: the Kolmogorov-Smirnov statistic against a cdf and
// the standard errors of the sample mean and variance. The draws come from a fixed seed, so every
// test is deterministic; the bounds are those a correct sampler passes with probability > 0.999.

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <vector>

namespace minimax::test {

/// D_n = sup_x |F_n(x) - F(x)| of the samples against the cdf F.
template <class Cdf>
double ks_statistic(const Eigen::VectorXd& samples, Cdf cdf) {
  std::vector<double> x(samples.data(), samples.data() + samples.size());
  std::sort(x.begin(), x.end());
  const double n = static_cast<double>(x.size());
  double d = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double f = cdf(x[i]);
    d = std::max({d, f - static_cast<double>(i) / n, static_cast<double>(i + 1) / n - f});
  }
  return d;
}

/// The KS critical value at level 0.001 for large n: 1.95 / sqrt(n).
inline double ks_critical(Eigen::Index n) { return 1.95 / std::sqrt(static_cast<double>(n)); }

/// The sample mean.
inline double sample_mean(const Eigen::VectorXd& x) { return x.mean(); }

/// The unbiased sample variance.
inline double sample_variance(const Eigen::VectorXd& x) {
  const double m = x.mean();
  return (x.array() - m).square().sum() / static_cast<double>(x.size() - 1);
}

}  // namespace minimax::test
