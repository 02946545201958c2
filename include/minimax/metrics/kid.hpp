#pragma once
/// \file
/// \brief The kernel inception distance (Bińkowski et al. 2018): unbiased MMD² with a cubic
/// polynomial kernel, averaged over random subsets.

#include <cmath>
#include <cstddef>
#include <numeric>
#include <vector>

#include <Eigen/Core>

#include "minimax/core/error.hpp"
#include "minimax/core/estimate.hpp"
#include "minimax/core/summation.hpp"
#include "minimax/divergence/mmd.hpp"
#include "minimax/prob/random.hpp"

namespace minimax::metrics {

/// \brief The result of kernel_inception_distance(): a minimax::mean_estimate (`mean`, the mean of
/// the subsets' unbiased MMD², the KID, which may be negative; `standard_error`, standard_deviation /
/// \f$\sqrt{\text{subsets}}\f$) with the subsets' spread.
struct kid_result : mean_estimate {
  double standard_deviation = 0;  ///< the subsets' sample standard deviation
};

namespace detail {
// `size` distinct row indices out of n, by a partial Fisher–Yates shuffle.
template <class = void>  // compiled only where called: see docs/building.md
Eigen::MatrixXd random_rows(const Eigen::MatrixXd& x, Eigen::Index size, rng& generator) {
  std::vector<Eigen::Index> index(static_cast<std::size_t>(x.rows()));
  std::iota(index.begin(), index.end(), Eigen::Index{0});
  Eigen::MatrixXd out(size, x.cols());
  for (Eigen::Index i = 0; i < size; ++i) {
    const auto j = static_cast<std::size_t>(i) +
                   static_cast<std::size_t>(generator.index(static_cast<std::uint64_t>(x.rows() - i)));
    std::swap(index[static_cast<std::size_t>(i)], index[j]);
    out.row(i) = x.row(index[static_cast<std::size_t>(i)]);
  }
  return out;
}
}  // namespace detail

/// \brief KID between feature sets `x` (\f$n \times d\f$) and `y` (\f$m \times d\f$), rows are points:
/// the mean over `subsets` random subsets (`subset_size` rows of each, without replacement) of the
/// unbiased MMD² (minimax::mmd2_unbiased) with the kernel \f$k(a, b) = (a^\top b / d + 1)^3\f$.
///
/// Unbiased, so it can be negative when the two sets come from the same distribution. With
/// `subset_size` equal to both set sizes and one subset it is exactly the unbiased MMD² of the sets.
/// Subsets are drawn from `generator`, so a seed reproduces the value.
/// \throws minimax::invalid_argument for subset_size < 2 or larger than a set, subsets < 1, or as
/// mmd2_unbiased().
template <class = void>  // compiled only where called: see docs/building.md
kid_result kernel_inception_distance(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y, rng& generator,
                                            int subsets = 100, Eigen::Index subset_size = 1000) {
  constexpr const char* fn = "minimax::metrics::kernel_inception_distance";
  if (subsets < 1) raise_invalid_argument(fn, "subsets must be >= 1", subsets);
  if (subset_size < 2) raise_invalid_argument(fn, "subset_size must be >= 2", subset_size);
  if (subset_size > x.rows()) raise_invalid_argument(fn, "subset_size must not exceed the rows of x", subset_size);
  if (subset_size > y.rows()) raise_invalid_argument(fn, "subset_size must not exceed the rows of y", subset_size);
  require_same_size(fn, "the dimensions of x and y (columns)", static_cast<std::size_t>(x.cols()),
                    static_cast<std::size_t>(y.cols()));
  require_non_empty(fn, "the dimension", static_cast<std::size_t>(x.cols()));
  const kernels::polynomial kernel{3, 1.0 / static_cast<double>(x.cols()), 1.0};
  std::vector<double> values;
  for (int s = 0; s < subsets; ++s) {
    const bool whole = subset_size == x.rows() && subset_size == y.rows();
    values.push_back(whole ? mmd2_unbiased(x, y, kernel)
                           : mmd2_unbiased(detail::random_rows(x, subset_size, generator),
                                           detail::random_rows(y, subset_size, generator), kernel));
  }
  kid_result r;
  const double k = static_cast<double>(values.size());
  r.mean = compensated_sum(values) / k;
  if (values.size() > 1) {
    neumaier_sum<double> squares;
    for (double v : values) squares += (v - r.mean) * (v - r.mean);
    r.standard_deviation = std::sqrt(squares.value() / (k - 1));
    r.standard_error = r.standard_deviation / std::sqrt(k);
  }
  return r;
}

}  // namespace minimax::metrics
