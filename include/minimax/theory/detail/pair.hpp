#pragma once
/// \file
/// \brief Internals of the theory floor: a pair (p_data, p_g) of pmfs or of 1-D densities, and
/// \f$\int g(\log p, \log q, x)\,dx\f$ (or \f$\sum_i\f$) over it with an error estimate.

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <concepts>
#include <limits>
#include <string>
#include <type_traits>
#include <variant>
#include <utility>
#include <vector>

#include "minimax/core/error.hpp"
#include "minimax/core/logsumexp.hpp"
#include "minimax/core/summation.hpp"
#include "minimax/prob/concepts.hpp"
#include "minimax/prob/mixture.hpp"
#include "minimax/prob/normal.hpp"
#include "minimax/prob/pmf.hpp"
#include "minimax/prob/uniform.hpp"
#include "minimax/quadrature/integrate.hpp"
#include "minimax/theory/estimate.hpp"

namespace minimax::detail {

/// A pmf argument of the theory functions.
template <class P>
concept theory_pmf = std::same_as<std::remove_cvref_t<P>, pmf>;

/// A 1-D density in double precision.
template <class P>
concept theory_density = UnivariateDensity<P> && std::same_as<typename P::value_type, double>;

/// Either.
template <class P>
concept theory_measure = theory_pmf<P> || theory_density<P>;

/// Both of the same kind: two pmfs or two 1-D densities.
template <class P, class Q>
concept theory_pair = (theory_pmf<P> && theory_pmf<Q>) || (theory_density<P> && theory_density<Q>);

/// The point type: an outcome index for pmfs, a real number for densities.
template <class P>
using point_t = std::conditional_t<theory_pmf<P>, Eigen::Index, double>;

/// \f$\log p(x)\f$ for either kind (\f$-\infty\f$ where the mass or density vanishes).
inline double log_density(const pmf& p, Eigen::Index i) { return std::log(p[i]); }
template <theory_density P>
double log_density(const P& p, double x) {
  return log_pdf(p, x);
}

/// Checks the pair's sizes (pmfs); densities need no check.
template <class P, class Q>
void check_pair(const char* function, const P& p, const Q& q) {
  if constexpr (theory_pmf<P>) {
    require_same_size(function, "p_data and p_g (pmfs on the same outcomes)", static_cast<std::size_t>(p.size()),
                      static_cast<std::size_t>(q.size()));
  } else {
    (void)function;
    (void)p;
    (void)q;
  }
}

/// Points where a density changes character: support ends, modes and scale marks.
inline void add_breakpoints(const normal& d, std::vector<double>& out) {
  for (double k : {-30.0, -8.0, -3.0, -1.0, 0.0, 1.0, 3.0, 8.0, 30.0}) out.push_back(d.mean() + k * d.sigma());
}
inline void add_breakpoints(const uniform& d, std::vector<double>& out) {
  out.push_back(d.lower());
  out.push_back(d.upper());
}
inline void add_breakpoints(const dirac& d, std::vector<double>& out) { out.push_back(mean(d)); }
inline void add_breakpoints(const mixture& m, std::vector<double>& out) {
  for (std::size_t k = 0; k < m.size(); ++k) {
    if (m.weights()[static_cast<Eigen::Index>(k)] > 0) {
      std::visit([&out](const auto& c) { add_breakpoints(c, out); }, m.components()[k]);
    }
  }
}
/// Any other density: its finite support ends and a few quantiles.
template <theory_density P>
void add_breakpoints(const P& d, std::vector<double>& out) {
  const auto s = support(d);
  if (std::isfinite(s.lower)) out.push_back(s.lower);
  if (std::isfinite(s.upper)) out.push_back(s.upper);
  for (double u : {1e-9, 1e-3, 0.1, 0.5, 0.9, 1 - 1e-3, 1 - 1e-9}) {
    const double x = quantile(d, u);
    if (std::isfinite(x)) out.push_back(x);
  }
}

/// Integration settings of the theory floor: tight, so that the error estimates are too.
inline quadrature_options<double> theory_quadrature() {
  quadrature_options<double> o;
  o.relative_tolerance = 1e-12;
  return o;
}

/// The sorted breakpoints of a pair, clipped to the hull of the two supports.
template <theory_density P, theory_density Q>
std::vector<double> pair_breakpoints(const P& p, const Q& q) {
  std::vector<double> b;
  add_breakpoints(p, b);
  add_breakpoints(q, b);
  const auto sp = support(p), sq = support(q);
  const double lo = std::min(sp.lower, sq.lower), hi = std::max(sp.upper, sq.upper);
  std::vector<double> kept;
  for (double x : b) {
    if (x >= lo && x <= hi && std::isfinite(x)) kept.push_back(x);
  }
  if (std::isfinite(lo)) kept.push_back(lo);
  if (std::isfinite(hi)) kept.push_back(hi);
  std::sort(kept.begin(), kept.end());
  kept.erase(std::unique(kept.begin(), kept.end()), kept.end());
  if (kept.empty()) kept.push_back(0.0);
  return kept;
}

/// \f$\int f\f$ over \f$[lo, hi]\f$ split at `cuts` (finite, sorted), with the summed error
/// estimate plus a rounding floor of \f$8\varepsilon\int|f|\f$ per piece.
///
/// The tolerance is absolute: \f$10^{-12}\int|f|\f$ over the whole line, shared out as a relative
/// tolerance \f$10^{-12}\,L/L_k\f$ for piece k (\f$L_k\f$ from a first, coarse pass). A relative
/// tolerance per piece would make far-tail pieces, where f is tiny and its rounding noise large
/// relative to it, refine to the deepest level (hundreds of thousands of evaluations) for a
/// contribution below the total's rounding. The error reported is still each piece's own estimate.
template <class F>
minimax::estimate integrate_pieces(F&& f, const std::vector<double>& cuts, double lo, double hi) {
  const auto options = theory_quadrature();
  constexpr double eps = std::numeric_limits<double>::epsilon();
  std::vector<std::pair<double, double>> pieces;
  if (std::isinf(lo)) pieces.emplace_back(lo, cuts.front());
  for (std::size_t k = 0; k + 1 < cuts.size(); ++k) pieces.emplace_back(cuts[k], cuts[k + 1]);
  if (std::isinf(hi)) pieces.emplace_back(cuts.back(), hi);
  std::vector<double> scale(pieces.size(), 0.0);
  double total = 0;
  {
    auto coarse = options;
    coarse.max_refinements = 1;
    coarse.relative_tolerance = 1.0;
    for (std::size_t k = 0; k < pieces.size(); ++k) {
      if (!(pieces[k].first < pieces[k].second)) continue;
      scale[k] = integrate_gauss_kronrod<61>(f, pieces[k].first, pieces[k].second, coarse).l1_norm;
      total += scale[k];
    }
  }
  neumaier_sum<double> value;
  double error = 0;
  for (std::size_t k = 0; k < pieces.size(); ++k) {
    const auto [a, b] = pieces[k];
    if (!(a < b)) continue;
    auto piece_options = options;
    if (scale[k] > 0 && total > scale[k]) {
      piece_options.relative_tolerance = std::min(1.0, options.relative_tolerance * total / scale[k]);
    }
    // Adaptive Gauss-Kronrod: robust on pieces where the integrand underflows to (nearly) 0, where
    // a double-exponential rule refines to its deepest level and runs into the interval's ends.
    const auto r = integrate_gauss_kronrod<61>(f, a, b, piece_options);
    value += r.value;
    error += r.error_estimate + 8 * eps * r.l1_norm;
  }
  return {value.value(), error};
}

/// \f$\sum_i g(\log p_i, \log q_i, i)\f$ or \f$\int g(\log p(x), \log q(x), x)\,dx\f$, g returning
/// the integrand; the error is the quadrature's estimate (densities) or \f$4\varepsilon\sum|g|\f$ (pmfs).
template <class P, class Q, class G>
minimax::estimate pair_integral(const P& p, const Q& q, G&& g) {
  constexpr double eps = std::numeric_limits<double>::epsilon();
  if constexpr (theory_pmf<P>) {
    neumaier_sum<double> s;
    double l1 = 0;
    for (Eigen::Index i = 0; i < p.size(); ++i) {
      const double t = g(std::log(p[i]), std::log(q[i]), i);
      s += t;
      l1 += std::abs(t);
    }
    return {s.value(), 4 * eps * l1 + eps * static_cast<double>(p.size()) * std::abs(s.value())};
  } else {
    const auto cuts = pair_breakpoints(p, q);
    const auto sp = support(p), sq = support(q);
    const double lo = std::min(sp.lower, sq.lower), hi = std::max(sp.upper, sq.upper);
    auto f = [&](double x) { return g(log_pdf(p, x), log_pdf(q, x), x); };
    return integrate_pieces(f, cuts, lo, hi);
  }
}

/// \f$a\,h\f$ with the convention \f$0 \cdot h = 0\f$ for any h (a zero weight ignores the integrand).
inline double weighted(double log_weight, double h) {
  if (log_weight == -std::numeric_limits<double>::infinity()) return 0.0;
  return std::exp(log_weight) * h;
}

}  // namespace minimax::detail
