#pragma once
/// \file
/// \brief Finite mixtures of one-dimensional distributions, components of different kinds allowed.

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <variant>
#include <vector>

#include "minimax/core/deferred.hpp"
#include "minimax/core/error.hpp"
#include "minimax/core/logsumexp.hpp"
#include "minimax/core/summation.hpp"
#include "minimax/prob/detail/common.hpp"
#include "minimax/prob/dirac.hpp"
#include "minimax/prob/normal.hpp"
#include "minimax/prob/pmf.hpp"
#include "minimax/prob/random.hpp"
#include "minimax/prob/uniform.hpp"
#include "minimax/quadrature/interval.hpp"

namespace minimax {

/// \brief One component of a mixture: a normal, a uniform or a point mass.
using mixture_component = std::variant<normal, uniform, dirac>;

/// \brief The mixture \f$\sum_k w_k P_k\f$ with weights \f$w_k \ge 0\f$, \f$\sum_k w_k = 1\f$:
/// \f[ F(x) = \sum_k w_k F_k(x), \qquad p(x) = \sum_k w_k p_k(x). \f]
///
/// Components may be of different kinds: `mixture m{{0.3, 0.7}, {normal{-2, 0.5}, normal{2, 1}}}`,
/// or `mixture{{0.9, 0.1}, {normal{0, 1}, uniform{-5, 5}}}`. A mixture with a point mass of positive
/// weight has no density: pdf() and log_pdf() then throw minimax::domain_error (cdf, quantile and
/// sample still work). Components of zero weight are kept but never contribute.
///
/// \throws minimax::invalid_argument for no components, sizes that differ, or a weight that is
/// negative or not finite; minimax::domain_error when the weights do not sum to 1 within
/// pmf::default_tolerance() (they are not renormalised).
class mixture {
 public:
  /// The scalar type.
  using value_type = double;

  /// \f$\sum_k w_k P_k\f$, validated.
  mixture(std::vector<double> weights, std::vector<mixture_component> components)
      : weights_(make_weights(weights, components.size())), components_(std::move(components)) {}

  /// The weights \f$w_k\f$ as a validated pmf.
  const pmf& weights() const noexcept { return weights_; }
  /// The components \f$P_k\f$.
  const std::vector<mixture_component>& components() const noexcept { return components_; }
  /// The number of components.
  std::size_t size() const noexcept { return components_.size(); }

 private:
  static pmf make_weights(const std::vector<double>& w, std::size_t n) {
    constexpr const char* function = "minimax::mixture";
    require_non_empty(function, "components", n);
    require_same_size(function, "weights and components", w.size(), n);
    Eigen::VectorXd v(static_cast<Eigen::Index>(n));
    for (std::size_t k = 0; k < n; ++k) {
      if (!(w[k] >= 0) || !std::isfinite(w[k])) {
        raise_invalid_argument(function, "weights[" + std::to_string(k) + "] must be non-negative and finite", w[k]);
      }
      v[static_cast<Eigen::Index>(k)] = w[k];
    }
    const double total = compensated_sum(v);
    const double tolerance = pmf::default_tolerance(v.size());
    if (!(std::abs(total - 1) <= tolerance)) {
      raise_domain_error(function, "the weights must sum to 1 within " + detail::to_text(tolerance), total);
    }
    return pmf::from(std::move(v), tolerance);
  }

  pmf weights_;
  std::vector<mixture_component> components_;
};

namespace detail {
inline void require_density(const char* function, const mixture& m) {
  for (std::size_t k = 0; k < m.size(); ++k) {
    if (m.weights()[static_cast<Eigen::Index>(k)] > 0 && std::holds_alternative<dirac>(m.components()[k])) {
      raise_domain_error(function, "a point mass of positive weight has no density; the component is", k);
    }
  }
}
}  // namespace detail

/// \brief \f$\log p(x) = \log\sum_k \exp(\log w_k + \log p_k(x))\f$ by logsumexp, so it is finite
/// wherever one component's log-density is, even where every \f$p_k(x)\f$ underflows.
/// \throws minimax::domain_error when a point mass has positive weight; minimax::invalid_argument for NaN x.
template <class Unused = void>  // compiled only where called: see docs/building.md
double log_pdf(const mixture& m, double x) {
  detail::require_not_nan("minimax::log_pdf(mixture)", x);
  detail::require_density("minimax::log_pdf(mixture)", m);
  std::vector<double> terms;
  terms.reserve(m.size());
  for (std::size_t k = 0; k < m.size(); ++k) {
    const double w = m.weights()[static_cast<Eigen::Index>(k)];
    if (w == 0) continue;
    const double lp = std::visit(
        [x](const auto& c) -> double {
          if constexpr (std::is_same_v<std::decay_t<decltype(c)>, dirac>) {
            return std::numeric_limits<double>::quiet_NaN();  // excluded by require_density
          } else {
            return log_pdf(c, x);
          }
        },
        late<Unused>(m).components()[k]);
    terms.push_back(std::log(w) + lp);
  }
  return logsumexp(terms);
}

/// \brief \f$p(x) = \sum_k w_k p_k(x)\f$. \throws as log_pdf(const mixture&, double).
template <class Unused = void>  // compiled only where called: see docs/building.md
double pdf(const mixture& m, double x) {
  detail::require_not_nan("minimax::pdf(mixture)", x);
  detail::require_density("minimax::pdf(mixture)", m);
  neumaier_sum<double> s;
  for (std::size_t k = 0; k < m.size(); ++k) {
    const double w = m.weights()[static_cast<Eigen::Index>(k)];
    if (w == 0) continue;
    s += w * std::visit(
                 [x](const auto& c) -> double {
                   if constexpr (std::is_same_v<std::decay_t<decltype(c)>, dirac>) {
                     return 0;  // excluded by require_density
                   } else {
                     return pdf(c, x);
                   }
                 },
                 late<Unused>(m).components()[k]);
  }
  return s.value();
}

/// \brief \f$F(x) = \sum_k w_k F_k(x)\f$. \throws minimax::invalid_argument for NaN x.
template <class Unused = void>  // compiled only where called: see docs/building.md
double cdf(const mixture& m, double x) {
  detail::require_not_nan("minimax::cdf(mixture)", x);
  neumaier_sum<double> s;
  for (std::size_t k = 0; k < m.size(); ++k) {
    const double w = m.weights()[static_cast<Eigen::Index>(k)];
    if (w > 0) s += w * std::visit([x](const auto& c) { return cdf(c, x); }, late<Unused>(m).components()[k]);
  }
  return std::min(1.0, s.value());
}

/// \brief The support: the smallest interval holding every component of positive weight.
template <class Unused = void>  // compiled only where called: see docs/building.md
interval<double> support(const mixture& m) {
  interval<double> hull{std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity()};
  for (std::size_t k = 0; k < m.size(); ++k) {
    if (m.weights()[static_cast<Eigen::Index>(k)] == 0) continue;
    const auto s = std::visit([](const auto& c) { return support(c); }, late<Unused>(m).components()[k]);
    hull.lower = std::min(hull.lower, s.lower);
    hull.upper = std::max(hull.upper, s.upper);
  }
  return hull;
}

/// \brief Where the density is not smooth (see HasBreakpoints): the breakpoints of every component
/// of positive weight that declares them (a uniform's ends; a normal has none), sorted, without repeats.
template <class Unused = void>  // compiled only where called: see docs/building.md
std::vector<double> breakpoints(const mixture& m) {
  std::vector<double> points;
  for (std::size_t k = 0; k < m.size(); ++k) {
    if (m.weights()[static_cast<Eigen::Index>(k)] == 0) continue;
    std::visit(
        [&points](const auto& c) {
          if constexpr (requires { breakpoints(c); }) {
            for (double x : breakpoints(c)) points.push_back(x);
          }
        },
        late<Unused>(m).components()[k]);
  }
  std::sort(points.begin(), points.end());
  points.erase(std::unique(points.begin(), points.end()), points.end());
  return points;
}

/// \brief \f$F^{-1}(p) = \inf\{x : F(x) \ge p\}\f$ by bisection to adjacent doubles.
///
/// The root is bracketed by \f$\min_k F_k^{-1}(p)\f$ and \f$\max_k F_k^{-1}(p)\f$ over components of
/// positive weight (F is their weighted average); at \f$p = 0\f$ and \f$p = 1\f$ it is the end of the
/// support. About 64 to 2100 evaluations of F (more when the bracket is infinite).
/// \throws minimax::domain_error for p outside [0, 1].
template <class Unused = void>  // compiled only where called: see docs/building.md
double quantile(const mixture& m, double p) {
  detail::require_probability("minimax::quantile(mixture)", p);
  if (p == 0) return support<Unused>(m).lower;
  if (p == 1) return support<Unused>(m).upper;
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (std::size_t k = 0; k < m.size(); ++k) {
    if (m.weights()[static_cast<Eigen::Index>(k)] == 0) continue;
    const double q = std::visit([p](const auto& c) { return quantile(c, p); }, late<Unused>(m).components()[k]);
    lo = std::min(lo, q);
    hi = std::max(hi, q);
  }
  if (cdf<Unused>(m, hi) < p) return hi;  // rounding in F: hi is the best answer available
  // Invariant: F(lo) < p <= F(hi). It already holds unless F(lo) = p, which happens whenever every
  // component has the same p-quantile (one component, say): F is then flat at p to rounding on a
  // whole interval below lo, so move down by a doubling step (not ulp by ulp, which could take
  // ~10^18 steps through the subnormals) until F drops below p; the bisection then finds the edge.
  if (cdf<Unused>(m, lo) >= p) {
    double step = std::max(std::abs(lo), 1.0) * std::numeric_limits<double>::epsilon();
    hi = lo;
    for (;;) {
      const double next = hi - step;
      if (!(next > -std::numeric_limits<double>::infinity())) return hi;  // F = p down to -infinity
      if (cdf<Unused>(m, next) < p) {
        lo = next;
        break;
      }
      hi = next;
      step *= 2;
    }
  }
  for (int i = 0; i < 2200; ++i) {
    double mid = lo / 2 + hi / 2;
    if (mid <= lo || mid >= hi) break;
    (cdf<Unused>(m, mid) >= p ? hi : lo) = mid;
  }
  return hi;
}

/// \brief \f$\mathbb{E}X = \sum_k w_k \mu_k\f$.
template <class Unused = void>  // compiled only where called: see docs/building.md
double mean(const mixture& m) {
  neumaier_sum<double> s;
  for (std::size_t k = 0; k < m.size(); ++k) {
    const double w = m.weights()[static_cast<Eigen::Index>(k)];
    if (w > 0) s += w * std::visit([](const auto& c) { return mean(c); }, late<Unused>(m).components()[k]);
  }
  return s.value();
}

/// \brief \f$\operatorname{Var}X = \sum_k w_k\big(\sigma_k^2 + (\mu_k - \mu)^2\big)\f$ (law of total variance).
template <class Unused = void>  // compiled only where called: see docs/building.md
double variance(const mixture& m) {
  const double mu = mean<Unused>(m);
  neumaier_sum<double> s;
  for (std::size_t k = 0; k < m.size(); ++k) {
    const double w = m.weights()[static_cast<Eigen::Index>(k)];
    if (w == 0) continue;
    std::visit(
        [&](const auto& c) {
          const double d = mean(c) - mu;
          s += w * (variance(c) + d * d);
        },
        late<Unused>(m).components()[k]);
  }
  return s.value();
}

/// \brief One draw: a component k with probability \f$w_k\f$ (sample of the weights' pmf), then a
/// draw of \f$P_k\f$.
template <class Unused = void>  // compiled only where called: see docs/building.md
double sample(const mixture& m, rng& g) {
  const auto k = static_cast<std::size_t>(sample(m.weights(), g));
  return std::visit([&g](const auto& c) { return static_cast<double>(sample(c, g)); }, late<Unused>(m).components()[k]);
}

/// \brief n independent draws as a vector. \throws minimax::invalid_argument for n < 0.
template <class Unused = void>  // compiled only where called: see docs/building.md
Eigen::VectorXd sample(const mixture& m, rng& g, Eigen::Index n) {
  return detail::sample_vector<double>("minimax::sample(mixture)", late<Unused>(m), g, n);
}

}  // namespace minimax
