// Tests for include/minimax/divergence/emd.hpp: brute force over all permutations (Birkhoff), the
// 1-D sorted matching, the LP's duality (complementary slackness, equal objectives), degenerate
// problems, and every rejected input.
#include <catch2/catch.hpp>
#include <rapidcheck/catch.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>
#include <vector>

#include <Eigen/Core>
#include <minimax/divergence/emd.hpp>
#include <minimax/divergence/wasserstein_1d.hpp>

namespace mm = minimax;
using Mat = Eigen::MatrixXd;
using Vec = Eigen::VectorXd;

namespace {
// The optimal assignment cost (1/n) min_s sum_i C(i, s(i)): for uniform masses 1/n the optimal
// plan can be taken to be a permutation (Birkhoff-von Neumann).
double brute_force(const Mat& c) {
  std::vector<int> s(static_cast<std::size_t>(c.rows()));
  std::iota(s.begin(), s.end(), 0);
  double best = std::numeric_limits<double>::infinity();
  do {
    double t = 0;
    for (Eigen::Index i = 0; i < c.rows(); ++i) t += c(i, s[static_cast<std::size_t>(i)]);
    best = std::min(best, t);
  } while (std::next_permutation(s.begin(), s.end()));
  return best / static_cast<double>(c.rows());
}

// Feasibility, complementary slackness and strong duality of a result.
void check_certificate(const mm::emd_result<double>& r, const Vec& a, const Vec& b, const Mat& c) {
  const double scale = c.cwiseAbs().maxCoeff() + 1;
  const double tol = 1e-12 * scale;
  CHECK(r.status == mm::transport_status::optimal);
  CHECK((r.plan.array() >= 0).all());
  CHECK((r.plan.rowwise().sum() - a).cwiseAbs().maxCoeff() <= 1e-14);
  CHECK((r.plan.colwise().sum().transpose() - b).cwiseAbs().maxCoeff() <= 1e-14);
  for (Eigen::Index i = 0; i < c.rows(); ++i) {
    for (Eigen::Index j = 0; j < c.cols(); ++j) {
      const double slack = c(i, j) - r.f(i) - r.g(j);
      CHECK(slack >= -tol);
      if (r.plan(i, j) > 0) CHECK(std::abs(slack) <= tol);
    }
  }
  CHECK(std::abs(a.dot(r.f) + b.dot(r.g) - r.cost) <= tol);
  CHECK(std::abs((r.plan.array() * c.array()).sum() - r.cost) <= tol);
}
}  // namespace

TEST_CASE("emd: equals the brute-force assignment on small uniform problems", "[emd]") {
  rc::prop("n = m <= 7, integer costs", [] {
    const auto n = *rc::gen::inRange<int>(1, 8);
    Mat c(n, n);
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < n; ++j) c(i, j) = *rc::gen::inRange(0, 20);  // small range: many ties
    const Vec a = Vec::Constant(n, 1.0 / n);
    const auto r = mm::emd(a, a, c);
    const double reference = brute_force(c);
    RC_ASSERT(std::abs(r.cost - reference) <= 1e-13 * (1 + reference));
    RC_ASSERT(r.status == mm::transport_status::optimal);
  });
  rc::prop("point clouds in the plane, Euclidean cost", [] {
    const auto n = *rc::gen::inRange<int>(1, 8);
    Mat x(n, 2), y(n, 2);
    for (int i = 0; i < n; ++i)
      for (int k = 0; k < 2; ++k) {
        x(i, k) = *rc::gen::inRange(-100, 100) / 10.0;
        y(i, k) = *rc::gen::inRange(-100, 100) / 10.0;
      }
    const Vec a = Vec::Constant(n, 1.0 / n);
    const auto r = mm::emd(x, a, y, a, mm::costs::euclidean{});
    const double reference = brute_force(mm::cost_matrix(x, y, mm::costs::euclidean{}));
    RC_ASSERT(std::abs(r.cost - reference) <= 1e-13 * (1 + reference));
  });
}

TEST_CASE("emd: in 1-D it equals the sorted matching (wasserstein_1d)", "[emd]") {
  std::mt19937_64 gen(7);
  std::normal_distribution<double> normal;
  for (int trial = 0; trial < 5; ++trial) {
    const int n = 40 + 13 * trial, m = 31 + 7 * trial;
    Vec u(n), v(m);
    for (int i = 0; i < n; ++i) u(i) = normal(gen);
    for (int i = 0; i < m; ++i) v(i) = 2 + 0.5 * normal(gen);
    const Vec a = Vec::Constant(n, 1.0 / n), b = Vec::Constant(m, 1.0 / m);
    const Mat x = u, y = v;
    const auto r1 = mm::emd(x, a, y, b, mm::costs::euclidean{});
    CHECK(std::abs(r1.cost - mm::wasserstein_1d(u, v, 1.0)) <= 1e-13);
    const auto r2 = mm::emd(x, a, y, b, mm::costs::sq_euclidean{});
    CHECK(std::abs(std::sqrt(r2.cost) - mm::wasserstein_1d(u, v, 2.0)) <= 1e-13);
    check_certificate(r2, a, b, mm::cost_matrix(x, y, mm::costs::sq_euclidean{}));
  }
}

TEST_CASE("emd: duality certificate on random problems of moderate size", "[emd]") {
  std::mt19937_64 gen(11);
  std::uniform_real_distribution<double> unif(0, 1);
  for (int trial = 0; trial < 4; ++trial) {
    const int n = 30 + 20 * trial, m = 50 - 5 * trial;
    Vec a(n), b(m);
    for (int i = 0; i < n; ++i) a(i) = unif(gen);
    for (int i = 0; i < m; ++i) b(i) = unif(gen);
    a /= a.sum();
    b *= a.sum() / b.sum();
    Mat c(n, m);
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < m; ++j) c(i, j) = trial == 3 ? std::floor(4 * unif(gen)) : unif(gen);  // trial 3: ties
    check_certificate(mm::emd(a, b, c), a, b, c);
  }
}

TEST_CASE("emd: degenerate problems", "[emd]") {
  SECTION("zero masses: rows and columns of the plan are zero, duals still certify") {
    Vec a(4), b(3);
    a << 0.5, 0, 0.5, 0;
    b << 0, 0.25, 0.75;
    Mat c(4, 3);
    c << 1, 2, 3, 0, 0, 0, 3, 1, 2, 9, 9, 9;
    const auto r = mm::emd(a, b, c);
    // By hand: row 0 must send to columns 1 and 2, row 2 likewise; the best is 0.25 of row 2 to
    // column 1 (cost 1) and the rest to column 2: 0.5 * 3 + 0.25 * 1 + 0.25 * 2 = 2.25; the other
    // split, 0.25 * 2 + 0.25 * 3 + 0.5 * 2 = 2.25 as well: a tie.
    CHECK(r.cost == Approx(2.25).epsilon(1e-15));
    CHECK(r.plan.row(1).isZero());
    CHECK(r.plan.row(3).isZero());
    CHECK(r.plan.col(0).isZero());
    check_certificate(r, a, b, c);
  }
  SECTION("identical clouds cost 0; all costs equal is any plan") {
    Mat x(5, 3);
    x.setRandom();
    const Vec a = Vec::Constant(5, 0.2);
    CHECK(mm::emd(x, a, x, a, mm::costs::euclidean{}).cost == 0.0);
    const Mat c = Mat::Constant(5, 5, 2.5);
    CHECK(mm::emd(a, a, c).cost == Approx(2.5).epsilon(1e-15));
  }
  SECTION("a single point against many: the plan is forced") {
    Vec a(1), b(3);
    a << 3;
    b << 1, 1, 1;  // equal totals, not normalised: the cost scales with the mass
    Mat c(1, 3);
    c << 1, 2, 4;
    const auto r = mm::emd(a, b, c);
    CHECK(r.cost == Approx(7).epsilon(1e-15));
    CHECK(r.plan.isApprox(b.transpose()));
  }
  SECTION("the iteration limit is reported") {
    Mat c(6, 6);
    for (int i = 0; i < 6; ++i)
      for (int j = 0; j < 6; ++j) c(i, j) = (i - j) * (i - j);
    const Vec a = Vec::Constant(6, 1.0 / 6);
    mm::emd_options options;
    options.max_iterations = 1;
    const auto r = mm::emd(a, a, c, options);
    CHECK(r.status == mm::transport_status::iteration_limit);
    CHECK(r.iterations == 1);
  }
}

TEST_CASE("emd: float", "[emd]") {
  Eigen::VectorXf a(3), b(3);
  a << 0.2f, 0.3f, 0.5f;
  b << 0.5f, 0.3f, 0.2f;
  Eigen::MatrixXf c(3, 3);
  c << 0, 1, 2, 1, 0, 1, 2, 1, 0;
  // 1-D on points 0, 1, 2 with cost |i - j|: W1 = integral |F - G| = |0.2 - 0.5| + |0.5 - 0.8| = 0.6.
  CHECK(std::abs(mm::emd(a, b, c).cost - 0.6f) <= 8 * std::numeric_limits<float>::epsilon());
}

TEST_CASE("emd: bad input names the function and the value", "[emd]") {
  Vec a(2), b(2), empty(0);
  a << 0.5, 0.5;
  b << 0.5, 0.5;
  const Mat c = Mat::Zero(2, 2);
  CHECK_THROWS_WITH(mm::emd(a, b, Mat::Zero(2, 3)),
                    "minimax::emd: the cost matrix must be 2 x 2 (size(a) x size(b)), got 2 x 3");
  Mat cn = c;
  cn(1, 0) = std::nan("");
  CHECK_THROWS_WITH(mm::emd(a, b, cn), "minimax::emd: cost(1, 0) must be finite, got nan");
  Vec neg = a;
  neg(0) = -0.5;
  CHECK_THROWS_WITH(mm::emd(neg, b, c), "minimax::emd: a[0] must be non-negative and finite, got -0.5");
  Vec big = b;
  big(1) = 1.5;
  CHECK_THROWS_WITH(mm::emd(a, big, c),
                    "minimax::emd: a and b must have the same total mass (they are never rescaled), got 1 and 2");
  CHECK_THROWS_WITH(mm::emd(empty, b, c), "minimax::emd: a must not be empty, got 0");
  CHECK_THROWS_WITH(mm::emd(Vec::Zero(2), Vec::Zero(2), c), "minimax::emd: the total mass of a must be positive, got 0");
  Vec inf = a;
  inf(1) = std::numeric_limits<double>::infinity();
  CHECK_THROWS_AS(mm::emd(inf, b, c), mm::invalid_argument);
  const Mat x = Mat::Zero(2, 2), y3 = Mat::Zero(2, 3);
  CHECK_THROWS_WITH(mm::emd(x, a, y3, b, mm::costs::euclidean{}),
                    "minimax::cost_matrix: the dimensions of x and y (columns) must have the same size, got 2 and 3");
  CHECK_THROWS_WITH(mm::emd(x, Vec::Constant(3, 1.0 / 3), x, b, mm::costs::euclidean{}),
                    "minimax::emd: the rows of x and the masses a must have the same size, got 2 and 3");
}
