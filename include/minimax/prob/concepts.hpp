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
/// A multivariate density over \f$\mathbb{R}^d\f$ (mvn, ring, grid) offers `pdf(d, x)`,
/// `log_pdf(d, x)` on an `Eigen::VectorXd`, `dimension(d)` and `sample(d, g)`.
///
/// To make a type of your own usable wherever minimax takes a distribution, give it a `value_type`
/// and those free functions in its namespace.

#include <Eigen/Core>
#include <concepts>

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

}  // namespace minimax
