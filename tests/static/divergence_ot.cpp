// Static tests of the transport and kernel distances: only compile-time checks; compiling this
// file is passing it.
#include <minimax/divergence/cost.hpp>
#include <minimax/divergence/emd.hpp>
#include <minimax/divergence/energy.hpp>
#include <minimax/divergence/frechet.hpp>
#include <minimax/divergence/mmd.hpp>
#include <minimax/divergence/sinkhorn.hpp>
#include <minimax/divergence/sliced_wasserstein.hpp>
#include <minimax/divergence/wasserstein_1d.hpp>
#include <minimax/prob/normal.hpp>

#include <type_traits>

#include <Eigen/Core>

namespace mm = minimax;

// Costs are named types; a matrix is not a ground cost (so the point-cloud overloads of emd and
// sinkhorn_divergence never capture a call with a cost matrix).
static_assert(mm::GroundCost<mm::costs::euclidean> && mm::GroundCost<mm::costs::sq_euclidean>);
static_assert(!mm::GroundCost<Eigen::MatrixXd> && !mm::GroundCost<double>);
static_assert(mm::costs::sq_euclidean{}(4.0) == 4.0);

// Results carry the scalar type of the input.
using dvec = Eigen::VectorXd;
using dmat = Eigen::MatrixXd;
using fvec = Eigen::VectorXf;
using fmat = Eigen::MatrixXf;
static_assert(std::is_same_v<decltype(mm::emd(dvec{}, dvec{}, dmat{})), mm::emd_result<double>>);
static_assert(std::is_same_v<decltype(mm::emd(fvec{}, fvec{}, fmat{})), mm::emd_result<float>>);
static_assert(std::is_same_v<decltype(mm::sinkhorn(dvec{}, dvec{}, dmat{}, 0.1)), mm::sinkhorn_result<double>>);
static_assert(std::is_same_v<decltype(mm::wasserstein_1d(fvec{}, fvec{}, 1.0f)), float>);
static_assert(std::is_same_v<decltype(mm::wasserstein_1d(mm::normal{}, mm::normal{}, 2.0)), double>);
static_assert(std::is_same_v<decltype(mm::frechet_distance(dvec{}, dmat{}, dvec{}, dmat{})), double>);
static_assert(std::is_same_v<decltype(mm::mmd2_unbiased(fmat{}, fmat{}, mm::kernels::gaussian{})), float>);
static_assert(std::is_same_v<decltype(mm::energy_distance(dmat{}, dmat{})), double>);
static_assert(std::is_same_v<decltype(mm::sliced_wasserstein(dmat{}, dmat{})), double>);

// Kernels and options are plain aggregates with defaults.
static_assert(std::is_aggregate_v<mm::kernels::gaussian> && std::is_aggregate_v<mm::kernels::polynomial>);
static_assert(mm::kernels::polynomial{}.degree == 2 && mm::kernels::laplacian{}.sigma == 1.0);
static_assert(mm::sinkhorn_options{}.tolerance == 1e-9 && mm::sinkhorn_options{}.epsilon_scaling);
static_assert(mm::transport_status::optimal != mm::transport_status::iteration_limit);
