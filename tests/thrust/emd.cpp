// Batched exact assignment (auction with epsilon scaling and a certificate) on Thrust against the
// CPU network simplex, minimax::emd, problem by problem.
// This file is compiled three times: device system CPP and OMP by the host compiler, CUDA by nvcc.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <vector>

#include <Eigen/Core>

#include "minimax/backend/thrust/emd.hpp"
#include "minimax/divergence/cost.hpp"
#include "minimax/divergence/emd.hpp"
#include "thrust_helpers.hpp"

namespace {

using minimax_test::cloud;

struct clouds {
  minimax::transport_batch shape;
  std::vector<double> x, y;
};

// Problem k: n points of N(0, 1)^d against n points of N(mu_k, 0.7^2)^d.
clouds random_clouds(long problems, long n, int d, unsigned seed) {
  std::mt19937_64 gen(seed);
  std::normal_distribution<double> z(0.0, 1.0);
  clouds out{{problems, n, n, d}, {}, {}};
  for (long k = 0; k < problems; ++k) {
    const double mu = 0.3 * static_cast<double>(k);
    for (long i = 0; i < n * d; ++i) out.x.push_back(z(gen));
    for (long j = 0; j < n * d; ++j) out.y.push_back(mu + 0.7 * z(gen));
  }
  return out;
}

Eigen::MatrixXd matrix_of(const std::vector<double>& cost, long k, long n) {
  Eigen::MatrixXd c(n, n);
  for (long i = 0; i < n; ++i)
    for (long j = 0; j < n; ++j) c(i, j) = cost[static_cast<std::size_t>((k * n + i) * n + j)];
  return c;
}

// sigma of problem k is a permutation of 0..n-1.
bool is_permutation(const std::vector<long>& s, long k, long n) {
  std::vector<char> seen(static_cast<std::size_t>(n), 0);
  for (long i = 0; i < n; ++i) {
    const long j = s[static_cast<std::size_t>(k * n + i)];
    if (j < 0 || j >= n || seen[static_cast<std::size_t>(j)]) return false;
    seen[static_cast<std::size_t>(j)] = 1;
  }
  return true;
}

// The certificate and the cost of problem k, checked against emd on the matrix C, with `unique`
// when the optimal permutation is unique (then emd's plan must be that permutation matrix / n).
void check_problem(const minimax::emd_batch_result& out, long k, long n, const Eigen::MatrixXd& C, bool unique) {
  INFO("problem " << k << ", n = " << n);
  const auto kk = static_cast<std::size_t>(k);
  const Eigen::VectorXd w = Eigen::VectorXd::Constant(n, 1.0 / static_cast<double>(n));
  const auto ref = minimax::emd(w, w, C);
  REQUIRE(ref.status == minimax::transport_status::optimal);
  REQUIRE(out.status[kk] == minimax::assignment_status::optimal);
  REQUIRE(is_permutation(out.assignment, k, n));
  const double scale = C.cwiseAbs().maxCoeff();
  INFO("cost " << out.cost[kk] << " vs emd " << ref.cost << ", gap " << out.duality_gap[kk] << ", infeasibility "
               << out.dual_infeasibility[kk] << ", bids " << out.bids[kk] << ", rounds " << out.rounds[kk]
               << ", refinement passes " << out.refinement_passes[kk]);
  CHECK(std::abs(out.cost[kk] - ref.cost) <= 1e-12 * std::abs(ref.cost) + 1e-15 * scale);
  // The reported cost is the mean assigned cost of the reported permutation.
  double mean = 0.0;
  for (long i = 0; i < n; ++i) mean += C(i, out.assignment[kk * static_cast<std::size_t>(n) + static_cast<std::size_t>(i)]);
  mean /= static_cast<double>(n);
  CHECK(std::abs(out.cost[kk] - mean) <= 1e-14 * (std::abs(mean) + scale));
  // Certificate: a tiny gap, dual feasibility to rounding, and the dual value equal to the cost.
  CHECK(out.duality_gap[kk] >= 0.0);
  CHECK(out.duality_gap[kk] <= out.tolerance[kk]);
  CHECK(out.duality_gap[kk] <= 1e-12 * std::abs(ref.cost) + 1e-14 * scale);
  CHECK(out.dual_infeasibility[kk] <= 1e-14 * scale);
  double dual = 0.0, worst = -INFINITY;
  for (long i = 0; i < n; ++i) {
    for (long j = 0; j < n; ++j) {
      worst = std::max(worst, out.f[kk * static_cast<std::size_t>(n) + static_cast<std::size_t>(i)] +
                                  out.g[kk * static_cast<std::size_t>(n) + static_cast<std::size_t>(j)] - C(i, j));
    }
    dual += out.f[kk * static_cast<std::size_t>(n) + static_cast<std::size_t>(i)] +
            out.g[kk * static_cast<std::size_t>(n) + static_cast<std::size_t>(i)];
  }
  dual /= static_cast<double>(n);
  CHECK(worst <= 1e-14 * scale);
  CHECK(std::abs(dual - out.cost[kk]) <= 1e-12 * std::abs(ref.cost) + 1e-13 * scale);
  if (unique) {
    for (long i = 0; i < n; ++i) {
      const long s = out.assignment[kk * static_cast<std::size_t>(n) + static_cast<std::size_t>(i)];
      CHECK(std::abs(ref.plan(i, s) - 1.0 / static_cast<double>(n)) <= 1e-15);
      CHECK(ref.plan.row(i).cwiseAbs().sum() - std::abs(ref.plan(i, s)) <= 1e-15);
    }
  }
}

}  // namespace

TEST_CASE("random point clouds: the cost, the permutation and the plan of minimax::emd, squared Euclidean") {
  minimax::emd_batch_options opts;
  opts.bidding = GENERATE(minimax::auction_bidding::jacobi, minimax::auction_bidding::gauss_seidel);
  for (const long n : {1L, 2L, 5L, 16L, 33L, 64L}) {
    for (const unsigned seed : {1U, 2U, 3U}) {
      const int d = seed == 3U ? 3 : 2;
      const auto in = random_clouds(4, n, d, seed + 100U * static_cast<unsigned>(n));
      const auto out = minimax::emd_batch(thrust::device, in.shape, in.x, in.y, opts);
      REQUIRE(out.cost.size() == 4);
      for (long k = 0; k < 4; ++k) {
        const Eigen::MatrixXd C =
            minimax::cost_matrix(cloud(in.x, k, n, d), cloud(in.y, k, n, d), minimax::costs::sq_euclidean{});
        check_problem(out, k, n, C, true);
      }
    }
  }
}

TEST_CASE("random point clouds: the same for the Euclidean cost (W1)") {
  minimax::emd_batch_options opts;
  opts.bidding = GENERATE(minimax::auction_bidding::jacobi, minimax::auction_bidding::gauss_seidel);
  for (const long n : {3L, 24L, 64L}) {
    for (const unsigned seed : {5U, 6U}) {
      const auto in = random_clouds(5, n, 2, seed + 10U * static_cast<unsigned>(n));
      const auto out = minimax::emd_batch(thrust::device, in.shape, in.x, in.y, opts, minimax::costs::euclidean{});
      for (long k = 0; k < 5; ++k) {
        const Eigen::MatrixXd C =
            minimax::cost_matrix(cloud(in.x, k, n, 2), cloud(in.y, k, n, 2), minimax::costs::euclidean{});
        check_problem(out, k, n, C, true);
      }
    }
  }
}

TEST_CASE("a user's cost matrices of any sign and scale") {
  minimax::emd_batch_options opts;
  opts.bidding = GENERATE(minimax::auction_bidding::jacobi, minimax::auction_bidding::gauss_seidel);
  std::mt19937_64 gen(11);
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  for (const double scale : {1.0, 1e-9, 1e9}) {
    const long K = 6, n = 20;
    std::vector<double> cost(static_cast<std::size_t>(K * n * n));
    for (auto& c : cost) c = scale * u(gen);
    const auto out = minimax::emd_batch(thrust::device, K, n, cost, opts);
    for (long k = 0; k < K; ++k) check_problem(out, k, n, matrix_of(cost, k, n), true);
  }
}

TEST_CASE("costs of extreme magnitude are solved scaled by a power of two, as minimax::emd solves them") {
  std::mt19937_64 gen(13);
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  const long K = 3, n = 12;
  std::vector<double> cost(static_cast<std::size_t>(K * n * n));
  const double scales[] = {1e307, 1e-300, 1e-315};  // the last one subnormal: few bits, ties
  for (long k = 0; k < K; ++k)
    for (long e = 0; e < n * n; ++e) cost[static_cast<std::size_t>(k * n * n + e)] = scales[k] * u(gen);
  // A range max C - min C near twice the largest double in the first problem.
  cost[0] = -1.7e308;
  cost[1] = 1.7e308;
  const auto out = minimax::emd_batch(thrust::device, K, n, cost);
  check_problem(out, 1, n, matrix_of(cost, 1, n), true);
  for (long k : {0L, 2L}) {
    INFO("problem " << k);
    const auto kk = static_cast<std::size_t>(k);
    const Eigen::VectorXd w = Eigen::VectorXd::Constant(n, 1.0 / static_cast<double>(n));
    const auto ref = minimax::emd(w, w, matrix_of(cost, k, n));
    CHECK(out.status[kk] == minimax::assignment_status::optimal);
    CHECK(is_permutation(out.assignment, k, n));
    CHECK(std::isfinite(out.cost[kk]));
    CHECK(std::abs(out.cost[kk] - ref.cost) <= 1e-12 * std::abs(ref.cost));
    CHECK(out.duality_gap[kk] <= out.tolerance[kk]);
  }
}

TEST_CASE("a batch mixing problems of different schedules: each keeps its own assignment") {
  // Problem 0 has equal costs (one phase), 1 random costs (14 phases), 2 integer costs; the first
  // stays assigned while the others run their later phases.
  const auto bidding = GENERATE(minimax::auction_bidding::jacobi, minimax::auction_bidding::gauss_seidel);
  minimax::emd_batch_options opts;
  opts.bidding = bidding;
  std::mt19937_64 gen(17);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  const long K = 3, n = 15;
  std::vector<double> cost(static_cast<std::size_t>(K * n * n));
  for (long e = 0; e < n * n; ++e) {
    cost[static_cast<std::size_t>(e)] = 0.5;
    cost[static_cast<std::size_t>(n * n + e)] = u(gen);
    cost[static_cast<std::size_t>(2 * n * n + e)] = std::floor(4 * u(gen));
  }
  const auto out = minimax::emd_batch(thrust::device, K, n, cost, opts);
  CHECK(out.phases[0] == 1);
  CHECK(out.phases[1] == 14);
  for (long k = 0; k < K; ++k) check_problem(out, k, n, matrix_of(cost, k, n), k == 1);
}

TEST_CASE("1-D: the optimal assignment of a convex cost is the monotone one") {
  std::mt19937_64 gen(4);
  std::normal_distribution<double> z(0.0, 1.0);
  const long n = 50;
  std::vector<double> x(n), y(n);
  for (auto& v : x) v = z(gen);
  for (auto& v : y) v = 2.0 + 3.0 * z(gen);
  const auto out = minimax::emd_batch(thrust::device, minimax::transport_batch{1, n, n, 1}, x, y);
  REQUIRE(out.status[0] == minimax::assignment_status::optimal);
  std::vector<long> rx(n), ry(n);
  std::iota(rx.begin(), rx.end(), 0L);
  std::iota(ry.begin(), ry.end(), 0L);
  std::sort(rx.begin(), rx.end(), [&](long a, long b) { return x[static_cast<std::size_t>(a)] < x[static_cast<std::size_t>(b)]; });
  std::sort(ry.begin(), ry.end(), [&](long a, long b) { return y[static_cast<std::size_t>(a)] < y[static_cast<std::size_t>(b)]; });
  double w22 = 0.0;
  for (long r = 0; r < n; ++r) {
    const double dxy = x[static_cast<std::size_t>(rx[static_cast<std::size_t>(r)])] - y[static_cast<std::size_t>(ry[static_cast<std::size_t>(r)])];
    w22 += dxy * dxy;
    CHECK(out.assignment[static_cast<std::size_t>(rx[static_cast<std::size_t>(r)])] == ry[static_cast<std::size_t>(r)]);
  }
  w22 /= static_cast<double>(n);
  CHECK(std::abs(out.cost[0] - w22) <= 1e-13 * w22);
}

TEST_CASE("ties: equal costs, duplicated points and small integer costs give emd's cost and a permutation") {
  minimax::emd_batch_options opts;
  opts.bidding = GENERATE(minimax::auction_bidding::jacobi, minimax::auction_bidding::gauss_seidel);
  SECTION("every cost equal (and all zero)") {
    for (const double value : {2.5, 0.0, -1.0}) {
      const long K = 3, n = 17;
      const std::vector<double> cost(static_cast<std::size_t>(K * n * n), value);
      const auto out = minimax::emd_batch(thrust::device, K, n, cost, opts);
      for (long k = 0; k < K; ++k) check_problem(out, k, n, matrix_of(cost, k, n), false);
      CHECK(out.cost[0] == value);
    }
  }
  SECTION("duplicated points: y is x shuffled, every point twice") {
    std::mt19937_64 gen(9);
    std::normal_distribution<double> z(0.0, 1.0);
    const long n = 32;
    const int d = 2;
    std::vector<double> x;
    for (long i = 0; i < n / 2; ++i) {
      const double a = z(gen), b = z(gen);
      x.insert(x.end(), {a, b, a, b});
    }
    std::vector<long> order(n);
    std::iota(order.begin(), order.end(), 0L);
    std::shuffle(order.begin(), order.end(), gen);
    std::vector<double> y;
    for (const long i : order) y.insert(y.end(), x.begin() + i * d, x.begin() + (i + 1) * d);
    // And a second problem with the same duplicated x against fresh points.
    std::vector<double> x2 = x, y2 = y;
    for (long j = 0; j < n * d; ++j) y2[static_cast<std::size_t>(j)] = z(gen);
    x.insert(x.end(), x2.begin(), x2.end());
    y.insert(y.end(), y2.begin(), y2.end());
    const minimax::transport_batch shape{2, n, n, d};
    const auto out = minimax::emd_batch(thrust::device, shape, x, y, opts);
    for (long k = 0; k < 2; ++k) {
      const Eigen::MatrixXd C =
          minimax::cost_matrix(cloud(x, k, n, d), cloud(y, k, n, d), minimax::costs::sq_euclidean{});
      check_problem(out, k, n, C, false);
    }
    CHECK(out.cost[0] == 0.0);
  }
  SECTION("integer costs in {0, 1, 2, 3}: many optimal permutations") {
    std::mt19937_64 gen(21);
    std::uniform_int_distribution<int> u(0, 3);
    const long K = 8, n = 24;
    std::vector<double> cost(static_cast<std::size_t>(K * n * n));
    for (auto& c : cost) c = u(gen);
    const auto out = minimax::emd_batch(thrust::device, K, n, cost, opts);
    for (long k = 0; k < K; ++k) {
      check_problem(out, k, n, matrix_of(cost, k, n), false);
      // n times the cost is the integer sum of the assigned costs.
      const double total = out.cost[static_cast<std::size_t>(k)] * static_cast<double>(n);
      CHECK(std::abs(total - std::round(total)) <= 1e-12);
    }
  }
}

TEST_CASE("uniform masses are accepted, other masses and n != m refused") {
  const auto in = random_clouds(2, 6, 2, 8);
  const std::vector<double> w(12, 1.0 / 6.0);
  const auto with = minimax::emd_batch(thrust::device, in.shape, in.x, w, in.y, w);
  const auto without = minimax::emd_batch(thrust::device, in.shape, in.x, in.y);
  CHECK(with.cost == without.cost);
  CHECK(with.assignment == without.assignment);
  std::vector<double> skewed = w;
  skewed[7] = 0.2;
  skewed[8] = 1.0 / 6.0 - (0.2 - 1.0 / 6.0);
  CHECK_THROWS_WITH(minimax::emd_batch(thrust::device, in.shape, in.x, w, in.y, skewed),
                    Catch::Contains("minimax::emd_batch: only uniform masses 1/n") &&
                        Catch::Contains("y mass 1 of problem 1 differs, got 0.2"));
  CHECK_THROWS_AS(minimax::emd_batch(thrust::device, in.shape, in.x, std::vector<double>(11, 1.0 / 6.0), in.y, w),
                  minimax::invalid_argument);
  const std::vector<double> y_short(2 * 4 * 2, 0.0);
  CHECK_THROWS_WITH(minimax::emd_batch(thrust::device, minimax::transport_batch{2, 6, 4, 2}, in.x, y_short),
                    Catch::Contains("minimax::emd_batch: only assignment problems") && Catch::Contains("got 6 and 4"));
}

TEST_CASE("emd_batch: bad input is named") {
  const minimax::transport_batch shape{1, 2, 2, 1};
  const std::vector<double> x{0.0, 1.0}, y{0.0, 3.0};
  CHECK_THROWS_WITH(minimax::emd_batch(thrust::device, minimax::transport_batch{0, 2, 2, 1}, x, y),
                    Catch::Contains("minimax::emd_batch: the number of problems must be >= 1, got 0"));
  CHECK_THROWS_WITH(minimax::emd_batch(thrust::device, minimax::transport_batch{1, 2, 2, 0}, x, y),
                    Catch::Contains("the dimension must be >= 1"));
  CHECK_THROWS_WITH(minimax::emd_batch(thrust::device, shape, std::vector<double>{0.0}, y),
                    Catch::Contains("x points and problems x points x dimension must have the same size, got 1 and 2"));
  CHECK_THROWS_WITH(minimax::emd_batch(thrust::device, shape, x, std::vector<double>{0.0, NAN}),
                    Catch::Contains("y point coordinate 1 must be finite, got nan"));
  CHECK_THROWS_WITH(minimax::emd_batch(thrust::device, shape, std::vector<double>{-1e200, 0.0}, std::vector<double>{1e200, 0.0}),
                    Catch::Contains("the cost between x point 0 and y point 0 of problem 0 is not finite"));
  // The Euclidean cost of the same points is finite (2e200), and that of points 1e-170 apart is not
  // lost to the underflow of its square, as minimax::cost_matrix gives them.
  {
    const std::vector<double> fx{-1e200, 0.0, 0.0, 0.0}, fy{1e200, 0.0, 1e-170, 1e-170};
    const auto far = minimax::emd_batch(thrust::device, minimax::transport_batch{2, 1, 1, 2}, fx, fy, {},
                                        minimax::costs::euclidean{});
    for (long k = 0; k < 2; ++k) {
      const Eigen::MatrixXd C = minimax::cost_matrix(cloud(fx, k, 1, 2), cloud(fy, k, 1, 2), minimax::costs::euclidean{});
      check_problem(far, k, 1, C, true);
      CHECK(far.cost[static_cast<std::size_t>(k)] == C(0, 0));
    }
    CHECK(far.cost[0] == 2e200);
    CHECK(std::abs(far.cost[1] - std::sqrt(2.0) * 1e-170) <= 1e-15 * 1e-170);
  }
  minimax::emd_batch_options bad;
  bad.tolerance = -1.0;
  CHECK_THROWS_WITH(minimax::emd_batch(thrust::device, shape, x, y, bad),
                    Catch::Contains("the tolerance must be non-negative and finite, got -1"));
  bad = {};
  bad.scaling_factor = 1.0;
  CHECK_THROWS_WITH(minimax::emd_batch(thrust::device, shape, x, y, bad),
                    Catch::Contains("the scaling factor must lie in (0, 1), got 1"));
  std::vector<double> cost(2 * 3 * 3, 1.0);
  CHECK_THROWS_WITH(minimax::emd_batch(thrust::device, 2, 3, std::vector<double>(17, 1.0)),
                    Catch::Contains("the cost matrices and problems x n x n must have the same size, got 17 and 18"));
  cost[9 + 5] = INFINITY;
  CHECK_THROWS_WITH(minimax::emd_batch(thrust::device, 2, 3, cost),
                    Catch::Contains("minimax::emd_batch: cost(1, 2) of problem 1 must be finite, got inf"));
  cost[9 + 5] = NAN;
  CHECK_THROWS_WITH(minimax::emd_batch(thrust::device, 2, 3, cost),
                    Catch::Contains("minimax::emd_batch: cost(1, 2) of problem 1 must be finite, got nan"));
  CHECK_THROWS_WITH(minimax::emd_batch(thrust::device, 1, 0, std::vector<double>{}),
                    Catch::Contains("the number of points per problem must be >= 1, got 0"));
}

TEST_CASE("the round limit is reported, not hidden; the certificate holds without the refinement") {
  const auto in = random_clouds(3, 16, 2, 31);
  const auto bidding = GENERATE(minimax::auction_bidding::jacobi, minimax::auction_bidding::gauss_seidel);
  minimax::emd_batch_options opts;
  opts.bidding = bidding;
  opts.max_rounds = 2;
  const auto cut = minimax::emd_batch(thrust::device, in.shape, in.x, in.y, opts);
  for (long k = 0; k < 3; ++k) {
    CHECK(cut.status[static_cast<std::size_t>(k)] == minimax::assignment_status::round_limit);
    CHECK(std::isnan(cut.cost[static_cast<std::size_t>(k)]));
  }
  for (long k = 0; k < 3; ++k) CHECK(cut.rounds[static_cast<std::size_t>(k)] == 2);
  opts.max_rounds = static_cast<std::size_t>(-1);  // no limit at all
  const auto unlimited = minimax::emd_batch(thrust::device, in.shape, in.x, in.y, opts);
  for (long k = 0; k < 3; ++k) CHECK(unlimited.status[static_cast<std::size_t>(k)] == minimax::assignment_status::optimal);
  opts = {};
  opts.bidding = bidding;
  const auto refined = minimax::emd_batch(thrust::device, in.shape, in.x, in.y, opts);
  opts.refine_prices = false;
  const auto plain = minimax::emd_batch(thrust::device, in.shape, in.x, in.y, opts);
  for (long k = 0; k < 3; ++k) {
    const auto kk = static_cast<std::size_t>(k);
    CHECK(plain.refinement_passes[kk] == 0);
    CHECK(plain.status[kk] == minimax::assignment_status::optimal);
    // eps-complementary slackness: the gap is at most the final epsilon.
    CHECK(plain.duality_gap[kk] <= plain.epsilon[kk] * (1 + 1e-6));
    CHECK(plain.assignment == refined.assignment);
    CHECK(refined.duality_gap[kk] <= plain.duality_gap[kk]);
  }
}
