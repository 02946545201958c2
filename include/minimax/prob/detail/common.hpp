#pragma once
// Internals shared by the distributions: argument checks and the n-draw sampling loop.

#include <Eigen/Core>
#include <cmath>
#include <cstddef>
#include <string>
#include <string_view>

#include "minimax/core/error.hpp"
#include "minimax/prob/random.hpp"

namespace minimax::detail {

/// Throws minimax::domain_error unless 0 <= p <= 1 (NaN included).
template <class T>
void require_probability(std::string_view function, T p) {
  if (!(p >= T(0) && p <= T(1))) raise_domain_error(function, "p must lie in [0, 1]", p);
}

/// Throws minimax::invalid_argument for a NaN argument x (infinite x is allowed).
template <class T>
void require_not_nan(std::string_view function, T x) {
  if (x != x) raise_invalid_argument(function, "x must not be NaN", x);
}

/// Throws minimax::invalid_argument for a negative draw count.
inline void require_count(std::string_view function, Eigen::Index n) {
  if (n < 0) raise_invalid_argument(function, "the number of draws must be non-negative", n);
}

/// n independent draws of a one-dimensional distribution, as a column vector.
template <class T, class D>
Eigen::Matrix<T, Eigen::Dynamic, 1> sample_vector(std::string_view function, const D& d, rng& g, Eigen::Index n) {
  require_count(function, n);
  Eigen::Matrix<T, Eigen::Dynamic, 1> out(n);
  for (Eigen::Index i = 0; i < n; ++i) out[i] = sample(d, g);
  return out;
}

/// n independent draws of a multivariate distribution, one per row.
template <class D>
Eigen::MatrixXd sample_rows(std::string_view function, const D& d, rng& g, Eigen::Index n) {
  require_count(function, n);
  Eigen::MatrixXd out(n, dimension(d));
  for (Eigen::Index i = 0; i < n; ++i) out.row(i) = sample(d, g).transpose();
  return out;
}

/// Throws minimax::invalid_argument unless x has `dimension` entries, none NaN.
inline void require_point(const char* function, Eigen::Index dimension, const Eigen::Ref<const Eigen::VectorXd>& x) {
  require_same_size(function, "x and the distribution's dimension", static_cast<std::size_t>(x.size()),
                    static_cast<std::size_t>(dimension));
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    if (x[i] != x[i]) raise_invalid_argument(function, "x[" + std::to_string(i) + "] must not be NaN", x[i]);
  }
}

}  // namespace minimax::detail
