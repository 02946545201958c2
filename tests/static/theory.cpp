// Static tests of the theory and proofs floors: only compile-time checks; compiling this file is
// passing it. Which argument kinds the theory accepts (the concepts behind its static_asserts), and
// the types its functions return.
#include <minimax/prob.hpp>
#include <minimax/proofs.hpp>
#include <minimax/theory.hpp>

#include <Eigen/Core>
#include <type_traits>

namespace mm = minimax;

// Pairs: two pmfs or two 1-D densities; never a pmf with a density, nor a float density, nor an mvn.
static_assert(mm::detail::theory_pair<mm::pmf, mm::pmf>);
static_assert(mm::detail::theory_pair<mm::normal, mm::uniform>);
static_assert(mm::detail::theory_pair<mm::normal, mm::mixture>);
static_assert(!mm::detail::theory_pair<mm::pmf, mm::normal>, "a pmf and a density are not a pair");
static_assert(!mm::detail::theory_pair<mm::normal, mm::pmf>);
static_assert(!mm::detail::theory_density<mm::normal_distribution<float>>, "the theory works in double precision");
static_assert(!mm::detail::theory_density<mm::mvn>, "the theory's integrals are 1-D");
static_assert(!mm::detail::theory_measure<double>);

// Points: an outcome index for pmfs, a real number for densities.
static_assert(std::is_same_v<mm::detail::point_t<mm::pmf>, Eigen::Index>);
static_assert(std::is_same_v<mm::detail::point_t<mm::normal>, double>);

// Return types: estimates (convertible to double), callables, proofs.
static_assert(std::is_same_v<decltype(mm::virtual_training_criterion(mm::normal{}, mm::normal{})), mm::estimate>);
static_assert(std::is_convertible_v<mm::estimate, double>);
static_assert(std::is_same_v<decltype(mm::optimal_discriminator(mm::pmf::uniform(2), mm::pmf::uniform(2))(Eigen::Index{0})), double>);
static_assert(std::is_invocable_r_v<double, decltype(mm::optimal_discriminator(mm::normal{}, mm::normal{})), double>);
static_assert(std::is_same_v<decltype(mm::proofs::global_optimum(mm::normal{}, mm::normal{})), mm::proofs::proof>);
static_assert(std::is_same_v<decltype(mm::proofs::criterion_convexity(mm::pmf::uniform(2), mm::pmf::uniform(2), mm::pmf::uniform(2))),
                             mm::proofs::proof>);
static_assert(std::is_same_v<decltype(mm::proofs::functional_descent(mm::normal{}, mm::normal{})), mm::proofs::proof>);
static_assert(std::is_same_v<decltype(mm::proofs::bilinear_flow(1.0, 0.0)), mm::proofs::proof>);
static_assert(std::is_same_v<decltype(mm::proofs::maximum_likelihood_gradient(mm::normal{}, mm::normal{})), mm::proofs::proof>);
static_assert(std::is_same_v<decltype(mm::proofs::vanishing_gradient(mm::uniform{0, 1}, 2.0, 1.0)), mm::proofs::proof>);
static_assert(std::is_same_v<decltype(mm::proofs::non_saturating_gradient(mm::normal{}, mm::normal{})), mm::proofs::proof>);
static_assert(std::is_same_v<decltype(mm::proofs::minimax_maximin(mm::pmf::uniform(2), mm::pmf::uniform(2))), mm::proofs::proof>);

// A proof's verdict is a plain bool, and steps compare by relation.
static_assert(std::is_same_v<decltype(std::declval<const mm::proofs::proof&>().holds()), bool>);
static_assert(std::is_same_v<decltype(std::declval<const mm::proofs::step&>().residual()), double>);
static_assert(mm::proofs::error_multiple == 4.0);
