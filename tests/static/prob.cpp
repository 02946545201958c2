// Static tests of the prob floor: only compile-time checks; compiling this file is passing it.
#include <minimax/prob.hpp>
#include <minimax/quadrature.hpp>

#include <random>
#include <vector>
#include <type_traits>

namespace mm = minimax;

// The concepts say which types are distributions and which have a density.
static_assert(mm::UnivariateDensity<mm::normal>);
static_assert(mm::UnivariateDensity<mm::normal_distribution<float>>);
static_assert(mm::UnivariateDistribution<mm::pmf>);
static_assert(!mm::UnivariateDensity<mm::pmf>, "a pmf has masses, not a Lebesgue density");
static_assert(mm::MultivariateDensity<mm::mvn>);
static_assert(!mm::UnivariateDistribution<mm::mvn>);
static_assert(mm::Density<mm::normal> && mm::Density<mm::mvn> && !mm::Density<mm::pmf>);
static_assert(!mm::Density<double>);
// The generator drives the standard algorithms.
static_assert(std::uniform_random_bit_generator<mm::rng>);
// interval deduces double from integers, float from floats.
static_assert(std::is_same_v<decltype(mm::interval{0, 1}), mm::interval<double>>);
static_assert(std::is_same_v<decltype(mm::interval{0.0f, 1.0f}), mm::interval<float>>);
static_assert(mm::interval{0, 1}.contains(0.5) && !mm::interval{0, 1}.contains(1.5));
static_assert(mm::real_line().length() == std::numeric_limits<double>::infinity());
// A point mass and an empirical distribution have cdf, quantile and draws but no density.
static_assert(mm::UnivariateDistribution<mm::dirac> && !mm::UnivariateDensity<mm::dirac>,
              "pdf of a point mass must not compile");
static_assert(mm::UnivariateDistribution<mm::empirical> && !mm::UnivariateDensity<mm::empirical>);
static_assert(mm::UnivariateDensity<mm::uniform> && mm::UnivariateDensity<mm::uniform_distribution<float>>);
// A mixture has a density type-wise (a point-mass component is a runtime error).
static_assert(mm::UnivariateDensity<mm::mixture>);
static_assert(mm::MultivariateDensity<mm::ring> && mm::MultivariateDensity<mm::grid>);
static_assert(!mm::MultivariateDensity<mm::empirical_multivariate>);
static_assert(mm::MultivariateDensity<mm::isotropic_mixture>);
// Densities that declare where they are not smooth (docs/concepts.md), and one that need not.
static_assert(mm::HasBreakpoints<mm::uniform> && mm::HasBreakpoints<mm::mixture>);
static_assert(!mm::HasBreakpoints<mm::normal>);
// The braced form of the design sketch compiles.
static_assert(std::is_constructible_v<mm::mixture, std::vector<double>, std::vector<mm::mixture_component>>);
