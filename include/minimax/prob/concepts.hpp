#pragma once
/// \file
/// \brief The contracts a distribution satisfies, stated as concepts.
///
/// A one-dimensional distribution `d` of value type `T` is used through free functions found by
/// argument-dependent lookup, as in Boost.Math:
/// - UnivariateDistribution: `cdf(d, x)`, `quantile(d, p)`, `support(d)` (an interval<T>) and
///   `sample(d, g)` with a minimax::rng `g`;
/// - UnivariateDensity: in addition, `pdf(d, x)` and `log_pdf(d, x)`, the density with respect to
///   Lebesgue measure. A point mass (dirac) is a distribution but not a density.
///
/// A density may also declare `breakpoints(d)`: the points where it is not smooth (the ends of its
/// support, interior jumps and kinks), as a `std::vector<T>` (detected by HasBreakpoints). The
/// quadrature of \ref f_divergence_density.hpp cuts the line there; a density that declares none is
/// cut at its support's ends only.
///
/// A multivariate density over \f$\mathbb{R}^d\f$ (mvn, ring, grid) offers `pdf(d, x)`,
/// `log_pdf(d, x)` on an `Eigen::VectorXd`, `dimension(d)` and `sample(d, g)`.
///
/// To make a type of your own usable wherever minimax takes a distribution, give it a `value_type`
/// and those free functions in its namespace.

#include <Eigen/Core>
#include <concepts>
#include <type_traits>
#include <vector>

#include "minimax/core/concepts.hpp"
#include "minimax/prob/random.hpp"
#include "minimax/quadrature/interval.hpp"

namespace minimax {

/// \brief A distribution on the real line: `cdf`, `quantile`, `support` and `sample`.
template <class D>
concept UnivariateDistribution = Real<typename D::value_type> &&
    requires(const D& d, typename D::value_type x, rng& g) {
  { cdf(d, x) } -> std::convertible_to<typename D::value_type>;
  { quantile(d, x) } -> std::convertible_to<typename D::value_type>;
  { support(d) } -> std::convertible_to<interval<typename D::value_type>>;
  { sample(d, g) } -> std::convertible_to<typename D::value_type>;
};

/// \brief A distribution on the real line with a density: also `pdf(d, x)` and `log_pdf(d, x)`.
template <class D>
concept UnivariateDensity = UnivariateDistribution<D> && requires(const D& d, typename D::value_type x) {
  { pdf(d, x) } -> std::convertible_to<typename D::value_type>;
  { log_pdf(d, x) } -> std::convertible_to<typename D::value_type>;
};

/// \brief A univariate distribution that declares where its density is not smooth:
/// `breakpoints(d)`, found by argument-dependent lookup, returns the points (in any order, repeats
/// allowed) where the density or one of its derivatives jumps: the finite ends of the support, and
/// interior kinks or jumps (a uniform's \f$a, b\f$; a mixture's components' ends). Between two
/// consecutive breakpoints the density must be smooth (analytic, for the double-exponential rules)
/// and either positive throughout or zero throughout.
///
/// A type of one's own opts in with, in its namespace,
/// `std::vector<double> breakpoints(const my_density& d) { return {d.left, d.mode, d.right}; }`.
template <class D>
concept HasBreakpoints = UnivariateDistribution<D> && requires(const D& d) {
  { breakpoints(d) } -> std::convertible_to<std::vector<typename D::value_type>>;
};

/// \brief A density on \f$\mathbb{R}^d\f$: `pdf`, `log_pdf` of an `Eigen::VectorXd`, `dimension`, `sample`.
template <class D>
concept MultivariateDensity = requires(const D& d, const Eigen::VectorXd& x, rng& g) {
  { pdf(d, x) } -> std::convertible_to<double>;
  { log_pdf(d, x) } -> std::convertible_to<double>;
  { dimension(d) } -> std::convertible_to<Eigen::Index>;
  { sample(d, g) } -> std::convertible_to<Eigen::VectorXd>;
};

/// \brief Anything with a density: a UnivariateDensity or a MultivariateDensity.
template <class D>
concept Density = UnivariateDensity<D> || MultivariateDensity<D>;

namespace detail {
/// Eigen dense objects (matrices, arrays, their blocks and expressions).
template <class P>
concept eigen_dense = std::is_base_of_v<Eigen::DenseBase<std::remove_cvref_t<P>>, std::remove_cvref_t<P>>;
/// Objects that carry a validated probability vector (minimax::pmf).
template <class P>
concept has_probabilities = requires(const P& p) {
  { p.probabilities() } -> eigen_dense;
};
}  // namespace detail

/// \brief A probability mass function as the pmf divergences take it: a dense Eigen vector or
/// expression of masses (validated by the function that takes it: finite, non-negative, summing to 1
/// within a tolerance), or an object whose `probabilities()` returns one (minimax::pmf).
///
/// A type of one's own opts in with a `probabilities()` member returning an Eigen vector.
template <class P>
concept Pmf = detail::eigen_dense<P> || detail::has_probabilities<P>;

}  // namespace minimax
