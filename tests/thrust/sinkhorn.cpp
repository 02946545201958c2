// Batched Sinkhorn on Thrust against minimax::sinkhorn, problem by problem.
// This file is compiled three times: device system CPP and OMP by the host compiler, CUDA by nvcc.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <vector>

#include <Eigen/Core>

#include "minimax/divergence/cost.hpp"
#include "minimax/divergence/sinkhorn.hpp"
#include "minimax/thrust.hpp"
#include "thrust_helpers.hpp"

namespace {

using minimax_test::cloud;

struct transport_problems {
  minimax::transport_batch shape;
  std::vector<double> x, a, y, b;
};

// Problem k: n points of N(0, 1)^d against m points of N(mu_k, 0.5^2)^d, random masses (some zero).
transport_problems random_batch(long problems, long n, long m, int d, unsigned seed) {
  std::mt19937_64 gen(seed);
  std::normal_distribution<double> z(0.0, 1.0);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  transport_problems out{{problems, n, m, d}, {}, {}, {}, {}};
  for (long k = 0; k < problems; ++k) {
    const double mu = 0.25 * static_cast<double>(k);
    for (long i = 0; i < n * d; ++i) out.x.push_back(z(gen));
    for (long j = 0; j < m * d; ++j) out.y.push_back(mu + 0.5 * z(gen));
    auto masses = [&](long count, std::vector<double>& w) {
      std::vector<double> raw(static_cast<std::size_t>(count));
      double total = 0;
      for (auto& r : raw) total += (r = u(gen) < 0.1 ? 0.0 : u(gen) + 0.1);
      for (const double r : raw) w.push_back(r / total);
    };
    masses(n, out.a);
    masses(m, out.b);
  }
  return out;
}

Eigen::VectorXd masses_of(const std::vector<double>& v, long k, long count) {
  return Eigen::Map<const Eigen::VectorXd>(v.data() + k * count, count);
}

}  // namespace

TEST_CASE("every problem of a batch agrees with minimax::sinkhorn") {
  const auto in = random_batch(6, 40, 30, 2, 7);
  minimax::sinkhorn_options opts;
  opts.tolerance = 1e-11;
  opts.epsilon_scaling = false;
  const double eps = 0.1;
  const auto out = minimax::sinkhorn_batch(thrust::device, in.shape, in.x, in.a, in.y, in.b, eps, opts);
  for (long k = 0; k < in.shape.problems; ++k) {
    INFO("problem " << k);
    const Eigen::MatrixXd C = minimax::cost_matrix(cloud(in.x, k, 40, 2), cloud(in.y, k, 30, 2),
                                                   minimax::costs::sq_euclidean{});
    const auto ref = minimax::sinkhorn(masses_of(in.a, k, 40), masses_of(in.b, k, 30), C, eps, opts);
    REQUIRE(ref.converged);
    CHECK(out.converged[static_cast<std::size_t>(k)] == 1);
    CHECK(out.marginal_error[static_cast<std::size_t>(k)] <= 1e-10);
    CHECK(std::abs(out.cost[static_cast<std::size_t>(k)] - ref.cost) <= 1e-9 * (1 + ref.cost));
    CHECK(std::abs(out.value[static_cast<std::size_t>(k)] - ref.value) <= 1e-9 * (1 + std::abs(ref.value)));
  }
}

TEST_CASE("a small epsilon stays finite (log domain), and the cost approaches the exact OT cost") {
  // Two one-point-per-mode clouds in 1-D: the exact plan moves 0 -> 0 and 1 -> 3 (cost 4) / 2.
  const minimax::transport_batch shape{1, 2, 2, 1};
  const std::vector<double> x{0.0, 1.0}, a{0.5, 0.5}, y{0.0, 3.0}, b{0.5, 0.5};
  minimax::sinkhorn_options opts;
  opts.tolerance = 1e-9;  // the potentials' rounding, 1e-16 |g| / eps, is 1e-12 here
  const auto out = minimax::sinkhorn_batch(thrust::device, shape, x, a, y, b, 1e-3, opts);
  CHECK(out.converged[0] == 1);
  INFO("iterations " << out.iterations[0] << ", marginal error " << out.marginal_error[0]);
  CHECK(std::isfinite(out.f[0]));
  CHECK(std::abs(out.cost[0] - 2.0) <= 1e-9);
}

TEST_CASE("sinkhorn_batch: bad input is named") {
  const minimax::transport_batch shape{1, 2, 2, 1};
  const std::vector<double> x{0.0, 1.0}, a{0.5, 0.5}, y{0.0, 3.0}, b{0.5, 0.5};
  CHECK_THROWS_WITH(minimax::sinkhorn_batch(thrust::device, shape, x, std::vector<double>{0.5, 0.6}, y, b, 0.1),
                    Catch::Contains("minimax::sinkhorn_batch: x masses of problem 0 must sum to 1"));
  CHECK_THROWS_WITH(minimax::sinkhorn_batch(thrust::device, shape, x, a, y, std::vector<double>{1.5, -0.5}, 0.1),
                    Catch::Contains("y mass 1 of problem 0 must be non-negative and finite"));
  CHECK_THROWS_AS(minimax::sinkhorn_batch(thrust::device, shape, x, a, y, b, 0.0), minimax::invalid_argument);
  CHECK_THROWS_AS(minimax::sinkhorn_batch(thrust::device, shape, std::vector<double>{0.0}, a, y, b, 0.1),
                  minimax::invalid_argument);
  CHECK_THROWS_AS(minimax::sinkhorn_batch(thrust::device, shape, std::vector<double>{0.0, NAN}, a, y, b, 0.1),
                  minimax::invalid_argument);
  CHECK_THROWS_AS(minimax::sinkhorn_batch(thrust::device, minimax::transport_batch{0, 2, 2, 1}, x, a, y, b, 0.1),
                  minimax::invalid_argument);
}
