// Batched exact assignment (minimax::emd_batch, auction with epsilon scaling and a certificate)
// against the CPU network simplex (minimax::emd) looped over the same problems: K problems of n
// points against n points in 2-D, squared Euclidean cost, both biddings. Prints the medians of
// 5 runs, the largest relative cost difference, gap and iteration counts.
// Usage: bench_thrust_emd [problems] [points]
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

#include <Eigen/Core>

#include "minimax/backend/thrust/emd.hpp"
#include "minimax/divergence/cost.hpp"
#include "minimax/divergence/emd.hpp"
#include "timing.hpp"

int main(int argc, char** argv) {
  const long problems = argc > 1 ? std::atol(argv[1]) : 64;
  const long n = argc > 2 ? std::atol(argv[2]) : 64;
  const int d = 2;
  std::mt19937_64 gen(3);
  std::normal_distribution<double> z(0.0, 1.0);
  std::vector<double> x, y;
  for (long k = 0; k < problems; ++k) {
    for (long i = 0; i < n * d; ++i) x.push_back(z(gen));
    for (long i = 0; i < n * d; ++i) y.push_back(1.0 + 0.5 * z(gen));
  }
  const minimax::transport_batch shape{problems, n, n, d};
  std::vector<Eigen::MatrixXd> costs;
  for (long k = 0; k < problems; ++k) {
    const Eigen::MatrixXd X = Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
        x.data() + k * n * d, n, d);
    const Eigen::MatrixXd Y = Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
        y.data() + k * n * d, n, d);
    costs.push_back(minimax::cost_matrix(X, Y, minimax::costs::sq_euclidean{}));
  }
  const Eigen::VectorXd w = Eigen::VectorXd::Constant(n, 1.0 / static_cast<double>(n));
  std::vector<double> reference(static_cast<std::size_t>(problems));
  const double t_cpu = median_seconds(5, [&] {
    for (long k = 0; k < problems; ++k) {
      reference[static_cast<std::size_t>(k)] = minimax::emd(w, w, costs[static_cast<std::size_t>(k)]).cost;
    }
  });
  std::printf("system %s: %ld assignment problems of %ld x %ld points (d = %d), squared Euclidean\n", bench_system(),
              problems, n, n, d);
  std::printf("minimax::emd (network simplex, CPU, one thread) looped: %.2f ms\n", 1e3 * t_cpu);
  for (const auto bidding : {minimax::auction_bidding::jacobi, minimax::auction_bidding::gauss_seidel}) {
    minimax::emd_batch_options opts;
    opts.bidding = bidding;
    minimax::emd_batch_result out;
    const double t = median_seconds(5, [&] { out = minimax::emd_batch(thrust::device, shape, x, y, opts); });
    double worst = 0, gap = 0;
    long bids = 0, rounds = 0, passes = 0, optimal = 0;
    for (long k = 0; k < problems; ++k) {
      const auto kk = static_cast<std::size_t>(k);
      worst = std::max(worst, std::abs(out.cost[kk] - reference[kk]) / reference[kk]);
      gap = std::max(gap, out.duality_gap[kk] / reference[kk]);
      bids = std::max(bids, out.bids[kk]);
      rounds = std::max(rounds, out.rounds[kk]);
      passes = std::max(passes, out.refinement_passes[kk]);
      optimal += out.status[kk] == minimax::assignment_status::optimal ? 1 : 0;
    }
    std::printf("minimax::emd_batch, %s bidding: %.2f ms (%.2fx the loop); %ld/%ld certified optimal, largest "
                "relative cost difference %.2e, gap/cost %.2e; at most %ld bids, %ld rounds, %ld refinement passes "
                "per problem\n",
                bidding == minimax::auction_bidding::jacobi ? "Jacobi" : "Gauss-Seidel", 1e3 * t, t_cpu / t, optimal,
                problems, worst, gap, bids, rounds, passes);
  }
  return 0;
}
