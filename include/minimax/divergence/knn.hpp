#pragma once
/// \file
/// \brief k-nearest-neighbour estimators from samples: differential entropy (Kozachenko–Leonenko)
/// and KL divergence (Wang, Kulkarni and Verdú 2009).
///
/// Samples are the rows of an \f$n\times d\f$ Eigen matrix (a column vector is \f$d = 1\f$);
/// distances are Euclidean. With \f$\rho_k(i)\f$ the distance from \f$x_i\f$ to its k-th nearest
/// neighbour among the other \f$x_j\f$ and \f$\nu_k(i)\f$ the distance to its k-th nearest neighbour
/// among the \f$m\f$ samples \f$y_j\f$ of Q,
/// \f[ \hat H = \psi(n) - \psi(k) + \log V_d + \frac{d}{n}\sum_i \log\rho_k(i), \qquad
///     V_d = \frac{\pi^{d/2}}{\Gamma(d/2+1)}, \f]
/// \f[ \widehat{\mathrm{KL}}(P\|Q) = \frac{d}{n}\sum_i\log\frac{\nu_k(i)}{\rho_k(i)} + \log\frac{m}{n-1}. \f]
/// Both are consistent (\f$n, m\to\infty\f$ with k fixed) for densities; the bias at finite n
/// depends on k and on the smoothness of the densities, and the statistical error is of order
/// \f$1/\sqrt n\f$. In nats.
///
/// Ties: the estimators need \f$\rho_k > 0\f$ and \f$\nu_k > 0\f$ (a zero distance is a density
/// estimate of \f$+\infty\f$). A sample with k + 1 coincident points, or a point of x that coincides
/// with k points of y, is rejected with minimax::domain_error naming the row; no jitter is added.
/// Neighbours are found by sorting in one dimension (\f$O(n\log n + nk)\f$) and by brute force in
/// several (\f$O(n(n+m)d)\f$, fine for some thousands of points).

#include <Eigen/Core>
#include <algorithm>
#include <boost/math/special_functions/digamma.hpp>
#include <cmath>
#include <limits>
#include <string>
#include <type_traits>
#include <vector>

#include "minimax/core/error.hpp"
#include "minimax/core/summation.hpp"

namespace minimax {

namespace detail {

template <class D>
Eigen::Matrix<typename D::Scalar, Eigen::Dynamic, Eigen::Dynamic> validated_samples(const char* function,
                                                                                  const char* name,
                                                                                  const Eigen::DenseBase<D>& x) {
  using T = typename D::Scalar;
  static_assert(std::is_floating_point_v<T>, "minimax: samples must hold float, double or long double");
  Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic> m = x.derived();
  require_non_empty(function, name, static_cast<std::size_t>(m.rows()));
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    for (Eigen::Index j = 0; j < m.cols(); ++j)
      if (!(m(i, j) - m(i, j) == T(0)))
        raise_invalid_argument(function,
                               std::string(name) + "(" + std::to_string(i) + ", " + std::to_string(j) +
                                   ") must be finite",
                               m(i, j));
  return m;
}

/// Divides the samples by 2^e (exact) when their largest entry is outside [2^-250, 2^250], so that
/// squared distances neither overflow nor underflow; returns e (0 when nothing was done).
template <class T>
int rescale_samples(Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>& x,
                    std::type_identity_t<Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>>* y) {
  T largest = x.cwiseAbs().maxCoeff();
  if (y != nullptr) largest = std::max(largest, y->cwiseAbs().maxCoeff());
  if (!(largest > T(0)) || (largest <= std::ldexp(T(1), 250) && largest >= std::ldexp(T(1), -250))) return 0;
  const int e = std::ilogb(largest);
  x = x.unaryExpr([e](T v) { return std::scalbn(v, -e); });
  if (y != nullptr) *y = y->unaryExpr([e](T v) { return std::scalbn(v, -e); });
  return e;
}

inline void check_k(const char* function, int k, Eigen::Index n, Eigen::Index needed_extra, const char* name) {
  if (k < 1) raise_invalid_argument(function, "k must be at least 1", k);
  if (n < k + needed_extra) {
    raise_invalid_argument(function,
                           std::string(name) + " needs at least " + std::to_string(k + needed_extra) +
                               " rows for k = " + std::to_string(k),
                           n);
  }
}

/// Distance from sorted[i] to its k-th nearest neighbour among the others (1-D, sorted input).
template <class T>
T kth_within_sorted(const std::vector<T>& s, std::size_t i, int k) {
  std::size_t left = i, right = i;  // next candidates are left-1 and right+1
  T d = 0;
  for (int found = 0; found < k; ++found) {
    const bool has_left = left > 0, has_right = right + 1 < s.size();
    const T dl = has_left ? s[i] - s[left - 1] : T(0);
    const T dr = has_right ? s[right + 1] - s[i] : T(0);
    if (has_left && (!has_right || dl <= dr)) {
      d = dl;
      --left;
    } else {
      d = dr;
      ++right;
    }
  }
  return d;
}

/// Distance from x to its k-th nearest point of the sorted sample s (1-D).
template <class T>
T kth_to_sorted(const std::vector<T>& s, T x, int k) {
  std::size_t right = static_cast<std::size_t>(std::lower_bound(s.begin(), s.end(), x) - s.begin());
  std::size_t left = right;  // candidates: s[left-1] (<= x side) and s[right]
  T d = 0;
  for (int found = 0; found < k; ++found) {
    const bool has_left = left > 0, has_right = right < s.size();
    const T dl = has_left ? x - s[left - 1] : T(0);
    const T dr = has_right ? s[right] - x : T(0);
    if (has_left && (!has_right || dl <= dr)) {
      d = dl;
      --left;
    } else {
      d = dr;
      ++right;
    }
  }
  return d;
}

/// k-th smallest squared distance from row i of x to the rows of y (skipping row `skip` of y).
template <class M>
typename M::Scalar kth_squared_brute(const M& x, Eigen::Index i, const M& y, Eigen::Index skip, int k,
                                     std::vector<typename M::Scalar>& best) {
  using T = typename M::Scalar;
  best.assign(static_cast<std::size_t>(k), std::numeric_limits<T>::infinity());  // sorted ascending
  for (Eigen::Index j = 0; j < y.rows(); ++j) {
    if (j == skip) continue;
    const T d2 = (y.row(j) - x.row(i)).squaredNorm();
    if (d2 < best.back()) {
      std::size_t pos = best.size() - 1;
      while (pos > 0 && best[pos - 1] > d2) {
        best[pos] = best[pos - 1];
        --pos;
      }
      best[pos] = d2;
    }
  }
  return best.back();
}

/// For each row of x: the k-th neighbour distance within x (excluding itself), or to y when given.
template <class T>
std::vector<T> kth_distances(const Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>& x,
                             const Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>* y, int k) {
  using std::sqrt;
  const auto n = static_cast<std::size_t>(x.rows());
  std::vector<T> out(n);
  if (x.cols() == 1) {
    if (y == nullptr) {
      std::vector<std::size_t> order(n);
      for (std::size_t i = 0; i < n; ++i) order[i] = i;
      std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return x(static_cast<Eigen::Index>(a), 0) < x(static_cast<Eigen::Index>(b), 0);
      });
      std::vector<T> s(n);
      for (std::size_t i = 0; i < n; ++i) s[i] = x(static_cast<Eigen::Index>(order[i]), 0);
      for (std::size_t i = 0; i < n; ++i) out[order[i]] = kth_within_sorted(s, i, k);
    } else {
      std::vector<T> s(y->data(), y->data() + y->rows());
      std::sort(s.begin(), s.end());
      for (std::size_t i = 0; i < n; ++i) out[i] = kth_to_sorted(s, x(static_cast<Eigen::Index>(i), 0), k);
    }
    return out;
  }
  std::vector<T> best;
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    const T d2 = y == nullptr ? kth_squared_brute(x, i, x, i, k, best) : kth_squared_brute(x, i, *y, -1, k, best);
    out[static_cast<std::size_t>(i)] = sqrt(d2);
  }
  return out;
}

}  // namespace detail

/// \brief Kozachenko–Leonenko estimate of the differential entropy \f$h(P) = -\int p\log p\f$ (nats)
/// from the rows of x (\f$n\times d\f$ samples of P), with the k-th nearest neighbour:
/// \f$\hat H = \psi(n) - \psi(k) + \log V_d + \frac{d}{n}\sum_i\log\rho_k(i)\f$.
///
/// Scales: \f$h(cX) = h(X) + d\log c\f$; samples whose largest entry is outside
/// \f$[2^{-250}, 2^{250}]\f$ are divided by a power of 2 \f$2^e\f$ first (exact) and \f$d\,e\log 2\f$
/// added back, so squared distances neither overflow nor underflow.
/// \param x samples, one per row; a column vector is a 1-D sample.
/// \param k the neighbour order, \f$1 \le k < n\f$ (default 1; larger k lowers the variance and
///   raises the bias).
/// \throws minimax::invalid_argument for an empty or non-finite sample, \f$k < 1\f$ or \f$n \le k\f$;
///   minimax::domain_error when a point has a zero k-th neighbour distance (k + 1 coincident points).
template <class D>
typename D::Scalar knn_entropy(const Eigen::DenseBase<D>& x, int k = 1) {
  using T = typename D::Scalar;
  using std::log;
  constexpr const char* fn = "minimax::knn_entropy";
  auto xs = detail::validated_samples(fn, "x", x);
  detail::check_k(fn, k, xs.rows(), 1, "x");
  const int e = detail::rescale_samples(xs, nullptr);
  const auto rho = detail::kth_distances<T>(xs, nullptr, k);
  const T n = T(xs.rows()), d = T(xs.cols());
  neumaier_sum<T> sum_log;
  for (std::size_t i = 0; i < rho.size(); ++i) {
    if (!(rho[i] > T(0))) {
      raise_domain_error(fn, "x has k + 1 coincident points (zero k-th neighbour distance) at row",
                         static_cast<long long>(i));
    }
    sum_log += log(rho[i]);
  }
  using boost::math::digamma;
  const T pi = T(3.141592653589793238462643383279502884L);
  const T log_unit_ball = d / 2 * log(pi) - std::lgamma(d / 2 + T(1));
  const T value = digamma(n) - digamma(T(k)) + log_unit_ball + d / n * sum_log.value();
  return e == 0 ? value : value + d * T(e) * T(0.693147180559945309417232121458176568L);
}

/// \brief Wang–Kulkarni–Verdú estimate of \f$\mathrm{KL}(P\|Q)\f$ (nats) from samples x of P
/// (\f$n\times d\f$) and y of Q (\f$m\times d\f$):
/// \f$\widehat{\mathrm{KL}} = \frac{d}{n}\sum_i\log\frac{\nu_k(i)}{\rho_k(i)} + \log\frac{m}{n-1}\f$.
///
/// The estimate can be negative at finite n (the true KL is not). It is invariant under a common
/// scaling of x and y; samples whose largest entry is outside \f$[2^{-250}, 2^{250}]\f$ are divided
/// by a power of 2 first (exact), so squared distances neither overflow nor underflow.
/// \throws minimax::invalid_argument for an empty or non-finite sample, different dimensions,
///   \f$k < 1\f$, \f$n \le k\f$ or \f$m < k\f$; minimax::domain_error for a zero neighbour distance
///   (coincident points, see \ref knn.hpp).
template <class DX, class DY>
typename DX::Scalar knn_kl(const Eigen::DenseBase<DX>& x, const Eigen::DenseBase<DY>& y, int k = 1) {
  using T = typename DX::Scalar;
  static_assert(std::is_same_v<T, typename DY::Scalar>,
                "minimax::knn_kl: both samples must have the same scalar type");
  using std::log;
  constexpr const char* fn = "minimax::knn_kl";
  auto xs = detail::validated_samples(fn, "x", x);
  auto ys = detail::validated_samples(fn, "y", y);
  if (xs.cols() != ys.cols()) {
    raise_invalid_argument(fn, "x and y must have the same dimension (columns)",
                           std::to_string(xs.cols()) + " and " + std::to_string(ys.cols()));
  }
  detail::check_k(fn, k, xs.rows(), 1, "x");
  detail::check_k(fn, k, ys.rows(), 0, "y");
  detail::rescale_samples(xs, &ys);  // the estimate is invariant under a common scaling
  const auto rho = detail::kth_distances<T>(xs, nullptr, k);
  const auto nu = detail::kth_distances<T>(xs, &ys, k);
  neumaier_sum<T> sum_log;
  for (std::size_t i = 0; i < rho.size(); ++i) {
    if (!(rho[i] > T(0))) {
      raise_domain_error(fn, "x has k + 1 coincident points (zero k-th neighbour distance) at row",
                         static_cast<long long>(i));
    }
    if (!(nu[i] > T(0))) {
      raise_domain_error(fn, "a point of x coincides with k points of y (zero k-th neighbour distance) at row",
                         static_cast<long long>(i));
    }
    sum_log += log(nu[i] / rho[i]);
  }
  const T n = T(xs.rows()), m = T(ys.rows()), d = T(xs.cols());
  return d / n * sum_log.value() + log(m / (n - T(1)));
}

}  // namespace minimax
