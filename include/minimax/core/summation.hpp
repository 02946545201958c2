#pragma once
/// \file
/// \brief Compensated (Neumaier) and pairwise summation.
///
/// Divergences are sums of many terms of mixed sign and size; a plain loop loses up to
/// \f$n\varepsilon\sum|x_i|\f$. The two summations here cut that:
/// - neumaier_sum / compensated_sum(): error at most \f$2\varepsilon|S| + O(n\varepsilon^2)\sum|x_i|\f$,
///   independent of the order of the terms to first order;
/// - pairwise_sum(): error \f$O(\varepsilon \log_2 n)\sum|x_i|\f$, the order of a tree reduction,
///   which is what a parallel backend computes, so it is the reference for backend agreement.

#include <cmath>
#include <cstddef>
#include <iterator>
#include <type_traits>

#include "minimax/core/config.hpp"

namespace minimax {

/// \brief A running sum with Neumaier's compensation (Kahan–Babuška).
///
/// Each addition \f$t = s + x\f$ also records the rounding error \f$(s - t) + x\f$ or
/// \f$(x - t) + s\f$, whichever operand is larger, and value() adds the accumulated errors back.
/// Infinite terms are summed as IEEE arithmetic says (\f$+\infty\f$ stays \f$+\infty\f$,
/// \f$+\infty - \infty\f$ is NaN); the compensation is not updated from an infinite sum, so it cannot
/// turn an infinite result into NaN.
template <class T>
struct neumaier_sum {
  T sum{0};           ///< the plain running sum
  T compensation{0};  ///< the accumulated rounding errors

  /// Adds one term.
  MINIMAX_HOST_DEVICE constexpr neumaier_sum& operator+=(T x) noexcept {
    using std::abs;
    const T t = sum + x;
    if (t - t == T(0)) {  // t is finite: its rounding error is representable
      compensation += abs(sum) >= abs(x) ? (sum - t) + x : (x - t) + sum;
    }
    sum = t;
    return *this;
  }

  /// Merges another running sum into this one (for parallel reductions: each part is summed
  /// with its own compensation, and the parts' sums are added with compensation).
  MINIMAX_HOST_DEVICE constexpr neumaier_sum& operator+=(const neumaier_sum& other) noexcept {
    *this += other.sum;
    compensation += other.compensation;
    return *this;
  }

  /// The compensated sum.
  MINIMAX_HOST_DEVICE constexpr T value() const noexcept {
    // An infinite or NaN sum is the answer as it is; adding the compensation could only spoil it.
    return sum - sum == T(0) ? sum + compensation : sum;
  }
};

/// \brief \f$\sum_i x_i\f$ of any range (std containers, Eigen vectors, arrays), compensated.
/// An empty range sums to 0.
template <class Range>
constexpr auto compensated_sum(const Range& range) {
  using T = std::remove_cvref_t<decltype(*std::begin(range))>;
  neumaier_sum<T> acc;
  for (const auto& x : range) acc += x;
  return acc.value();
}

namespace detail {
template <class Iterator>
constexpr auto pairwise_sum(Iterator first, std::size_t n) {
  using T = std::remove_cvref_t<decltype(*first)>;
  constexpr std::size_t block = 64;  // below this, a plain loop: its error is bounded by the block length
  if (n <= block) {
    T s{0};
    for (std::size_t i = 0; i < n; ++i, ++first) s += *first;
    return s;
  }
  const std::size_t half = n / 2;
  Iterator middle = first;
  std::advance(middle, static_cast<std::ptrdiff_t>(half));
  return pairwise_sum(first, half) + pairwise_sum(middle, n - half);
}
}  // namespace detail

/// \brief \f$\sum_i x_i\f$ by pairwise (cascade) summation: blocks of 64 terms summed in a loop,
/// then combined as a balanced binary tree. An empty range sums to 0.
template <class Range>
constexpr auto pairwise_sum(const Range& range) {
  const auto n = static_cast<std::size_t>(std::distance(std::begin(range), std::end(range)));
  return detail::pairwise_sum(std::begin(range), n);
}

}  // namespace minimax
