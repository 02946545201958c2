#pragma once
/// \file
/// \brief A validated probability mass function on \f$\{0, \dots, n-1\}\f$.

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <initializer_list>
#include <string>

#include "minimax/core/error.hpp"
#include "minimax/core/summation.hpp"
#include "minimax/prob/detail/common.hpp"
#include "minimax/prob/random.hpp"
#include "minimax/quadrature/interval.hpp"

namespace minimax {

/// \brief A probability mass function \f$p = (p_0, \dots, p_{n-1})\f$: \f$p_i \ge 0\f$, \f$\sum_i p_i = 1\f$.
///
/// It is built only through pmf::from(), which validates and never renormalises: a vector whose
/// compensated sum differs from 1 by more than the tolerance is rejected, so a mistake upstream is
/// reported rather than hidden. Once built, the masses are fixed.
class pmf {
 public:
  /// The type of an outcome's mass and of the functions over indices.
  using value_type = double;

  /// \brief The default tolerance on \f$|\sum_i p_i - 1|\f$ for n outcomes: \f$10^{-12}\,\max(n, 1)\f$.
  ///
  /// Far above the rounding of a sum of n terms (\f$\approx n\varepsilon\f$), far below any real mistake.
  static double default_tolerance(Eigen::Index n) noexcept {
    return 1e-12 * static_cast<double>(std::max<Eigen::Index>(n, 1));
  }

  /// \brief Validates \f$p\f$ with the default tolerance (see default_tolerance()).
  /// \throws minimax::invalid_argument for an empty vector or an entry that is negative or not finite
  /// ("minimax::pmf::from: p[3] must be non-negative and finite, got -0.1");
  /// minimax::domain_error when \f$|\sum_i p_i - 1|\f$ exceeds the tolerance.
  static pmf from(Eigen::VectorXd p) {
    const double tolerance = default_tolerance(p.size());
    return from(std::move(p), tolerance);
  }

  /// \brief Validates \f$p\f$: entries finite and \f$\ge 0\f$, \f$|\sum_i p_i - 1| \le\f$ `tolerance`.
  /// \throws as from(Eigen::VectorXd); also minimax::invalid_argument for a negative or NaN tolerance.
  static pmf from(Eigen::VectorXd p, double tolerance) {
    constexpr const char* function = "minimax::pmf::from";
    require_non_negative(function, "tolerance", tolerance);
    require_non_empty(function, "p", static_cast<std::size_t>(p.size()));
    for (Eigen::Index i = 0; i < p.size(); ++i) {
      if (!(p[i] >= 0) || !std::isfinite(p[i])) {
        raise_invalid_argument(function, "p[" + std::to_string(i) + "] must be non-negative and finite", p[i]);
      }
    }
    const double total = compensated_sum(p);
    if (!(std::abs(total - 1) <= tolerance)) {
      raise_domain_error(function,
                         "the masses must sum to 1 within " + detail::to_text(tolerance) + " (no renormalisation)",
                         total);
    }
    return pmf(std::move(p));
  }

  /// \brief Validates a list of masses: `pmf::from({0.2, 0.3, 0.5})`. \throws as from(Eigen::VectorXd).
  static pmf from(std::initializer_list<double> p) {
    Eigen::VectorXd v(static_cast<Eigen::Index>(p.size()));
    std::copy(p.begin(), p.end(), v.data());
    return from(std::move(v));
  }

  /// \brief The uniform pmf \f$p_i = 1/n\f$. \throws minimax::invalid_argument for n < 1.
  static pmf uniform(Eigen::Index n) {
    if (n < 1) raise_invalid_argument("minimax::pmf::uniform", "n must be positive", n);
    return pmf(Eigen::VectorXd::Constant(n, 1.0 / static_cast<double>(n)));
  }

  /// The masses \f$p_0, \dots, p_{n-1}\f$.
  const Eigen::VectorXd& probabilities() const noexcept { return p_; }
  /// The number of outcomes n.
  Eigen::Index size() const noexcept { return p_.size(); }
  /// \f$p_i\f$ (unchecked index, as for an Eigen vector).
  double operator[](Eigen::Index i) const { return p_[i]; }
  /// \f$\sum_{j \le i} p_j\f$ for every i, compensated; the last entry is the validated total.
  const Eigen::VectorXd& cumulative() const noexcept { return cumulative_; }

 private:
  explicit pmf(Eigen::VectorXd p) : p_(std::move(p)), cumulative_(p_.size()) {
    neumaier_sum<double> running;
    for (Eigen::Index i = 0; i < p_.size(); ++i) {
      running += p_[i];
      cumulative_[i] = running.value();
    }
  }

  Eigen::VectorXd p_;
  Eigen::VectorXd cumulative_;
};

namespace detail {
inline Eigen::Index require_outcome(const char* function, const pmf& p, Eigen::Index k) {
  if (k < 0 || k >= p.size()) {
    raise_invalid_argument(function, "the outcome must lie in {0, ..., " + std::to_string(p.size() - 1) + "}", k);
  }
  return k;
}
}  // namespace detail

/// \brief The mass \f$p_k\f$ of outcome k. \throws minimax::invalid_argument for k outside \f$\{0..n-1\}\f$.
inline double pdf(const pmf& p, Eigen::Index k) { return p[detail::require_outcome("minimax::pdf(pmf)", p, k)]; }

/// \brief \f$\log p_k\f$ (\f$-\infty\f$ for a zero mass). \throws as pdf(const pmf&, Eigen::Index).
inline double log_pdf(const pmf& p, Eigen::Index k) {
  return std::log(p[detail::require_outcome("minimax::log_pdf(pmf)", p, k)]);
}

/// \brief A pmf has masses, not a Lebesgue density: pdf of a real x does not compile (use an index).
template <std::floating_point F>
double pdf(const pmf& p, F x) = delete;
/// \brief As pdf(const pmf&, F): log_pdf of a real x does not compile.
template <std::floating_point F>
double log_pdf(const pmf& p, F x) = delete;

/// \brief \f$F(x) = \sum_{k \le x} p_k\f$ for real x: 0 below 0, the compensated partial sum at
/// \f$\lfloor x\rfloor\f$, and exactly 1 from \f$n-1\f$ on. \throws minimax::invalid_argument for NaN x.
inline double cdf(const pmf& p, double x) {
  detail::require_not_nan("minimax::cdf(pmf)", x);
  if (x < 0) return 0;
  if (x >= static_cast<double>(p.size() - 1)) return 1;
  return p.cumulative()[static_cast<Eigen::Index>(std::floor(x))];
}

/// \brief The smallest outcome k with \f$F(k) \ge u\f$ (the generalised inverse); \f$u = 0\f$ gives the
/// first outcome of positive mass. \throws minimax::domain_error for u outside [0, 1].
inline double quantile(const pmf& p, double u) {
  detail::require_probability("minimax::quantile(pmf)", u);
  const Eigen::VectorXd& c = p.cumulative();
  if (u == 0) {
    Eigen::Index k = 0;
    while (p[k] == 0) ++k;  // some mass is positive: the total is 1
    return static_cast<double>(k);
  }
  const auto last = c.data() + (c.size() - 1);
  Eigen::Index k = std::lower_bound(c.data(), last, u) - c.data();  // F(n-1) is 1 by definition
  while (k > 0 && p[k] == 0) --k;  // rounding of F cannot land on an outcome of zero mass
  return static_cast<double>(k);
}

/// \brief The support \f$[0, n-1]\f$ (of the indices).
inline interval<double> support(const pmf& p) { return {0.0, static_cast<double>(p.size() - 1)}; }

/// \brief \f$\sum_k k\,p_k\f$.
inline double mean(const pmf& p) {
  neumaier_sum<double> s;
  for (Eigen::Index k = 0; k < p.size(); ++k) s += static_cast<double>(k) * p[k];
  return s.value();
}

/// \brief \f$\sum_k (k - \mathbb{E}k)^2 p_k\f$.
inline double variance(const pmf& p) {
  const double m = mean(p);
  neumaier_sum<double> s;
  for (Eigen::Index k = 0; k < p.size(); ++k) s += (static_cast<double>(k) - m) * (static_cast<double>(k) - m) * p[k];
  return s.value();
}

/// \brief One outcome, by inversion: quantile of a uniform draw in (0, 1) (so zero masses never occur).
inline double sample(const pmf& p, rng& g) { return quantile(p, g.uniform_positive()); }

/// \brief n independent outcomes as a vector of indices (stored as doubles).
/// \throws minimax::invalid_argument for n < 0.
inline Eigen::VectorXd sample(const pmf& p, rng& g, Eigen::Index n) {
  return detail::sample_vector<double>("minimax::sample(pmf)", p, g, n);
}

}  // namespace minimax
