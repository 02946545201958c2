// Tests for include/minimax/divergence/sinkhorn.hpp: the 2 x 2 closed form, marginals, the
// monotone approach to the exact cost (emd) as eps -> 0, invariances, underflow of exp(-C/eps),
// warm starts, the debiased divergence, and every rejected input.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <random>

#include <Eigen/Core>
#include <minimax/core/sigmoid.hpp>
#include <minimax/divergence/emd.hpp>
#include <minimax/divergence/sinkhorn.hpp>

namespace mm = minimax;
using Mat = Eigen::MatrixXd;
using Vec = Eigen::VectorXd;

namespace {
Mat random_cloud(int n, int d, unsigned seed, double shift = 0) {
  std::mt19937_64 gen(seed);
  std::uniform_real_distribution<double> u(0, 1);
  Mat x(n, d);
  for (int i = 0; i < n; ++i)
    for (int k = 0; k < d; ++k) x(i, k) = u(gen) + shift;
  return x;
}
}  // namespace

TEMPLATE_TEST_CASE("sinkhorn: 2 x 2 closed form", "[sinkhorn]", float, double) {
  using T = TestType;
  using V = Eigen::Matrix<T, Eigen::Dynamic, 1>;
  using M = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;
  // a = b = (1/2, 1/2), C = [[0, 1], [1, 0]]: by symmetry P = [[p, 1/2 - p], [1/2 - p, p]] with
  // P11 / P12 = exp(1/eps), so the transport cost is 1 - sigmoid(1/eps) = sigmoid(-1/eps).
  V a(2);
  a << T(0.5), T(0.5);
  M c(2, 2);
  c << 0, 1, 1, 0;
  mm::sinkhorn_options o;
  o.tolerance = std::is_same_v<T, float> ? 1e-6 : 1e-13;
  for (T eps : {T(2), T(0.5), T(0.1), T(0.02)}) {
    const auto r = mm::sinkhorn(a, a, c, eps, o);
    CHECK(r.converged);
    const T expected = mm::sigmoid(-1 / eps);
    CHECK(std::abs(r.cost - expected) <= 64 * std::numeric_limits<T>::epsilon());
  }
}

TEST_CASE("sinkhorn: marginals, and the cost decreases to the exact cost as eps -> 0", "[sinkhorn]") {
  const Mat x = random_cloud(30, 2, 1), y = random_cloud(25, 2, 2, 0.3);
  const Vec a = Vec::Constant(30, 1.0 / 30), b = Vec::Constant(25, 1.0 / 25);
  const Mat c = mm::cost_matrix(x, y, mm::costs::sq_euclidean{});
  const double exact = mm::emd(a, b, c).cost;
  double previous = std::numeric_limits<double>::infinity();
  for (double eps : {1.0, 0.1, 0.01, 0.001}) {
    const auto r = mm::sinkhorn(a, b, c, eps);
    REQUIRE(r.converged);
    CHECK(r.marginal_error <= 2e-9);
    CHECK((r.plan.rowwise().sum() - a).cwiseAbs().sum() <= 2e-9);
    CHECK((r.plan.colwise().sum().transpose() - b).cwiseAbs().sum() <= 2e-9);
    CHECK((r.plan.array() >= 0).all());
    // The entropic plan is feasible, so its cost is at least the optimum (up to the marginal error).
    CHECK(r.cost >= exact - 1e-8);
    CHECK(r.cost < previous);  // monotone in eps
    // OT_eps = cost + eps KL(P | a x b) >= cost, and at convergence equals the dual <a,f> + <b,g>.
    CHECK(r.value >= r.cost - 1e-12);
    CHECK(std::abs(r.value - (a.dot(r.f) + b.dot(r.g))) <= 1e-8);
    previous = r.cost;
  }
  CHECK(previous - exact <= 1e-3 * exact);
}

TEST_CASE("sinkhorn: invariances", "[sinkhorn]") {
  const Mat x = random_cloud(12, 3, 3), y = random_cloud(9, 3, 4);
  const Vec a = Vec::Constant(12, 1.0 / 12), b = Vec::Constant(9, 1.0 / 9);
  const Mat c = mm::cost_matrix(x, y, mm::costs::euclidean{});
  const auto base = mm::sinkhorn(a, b, c, 0.1);
  SECTION("C + alpha_i + beta_j leaves the plan unchanged; the cost moves by <a, alpha> + <b, beta>") {
    Vec alpha(12), beta(9);
    for (int i = 0; i < 12; ++i) alpha(i) = 0.1 * i;
    for (int j = 0; j < 9; ++j) beta(j) = -0.05 * j;
    const Mat c2 = c + alpha.replicate(1, 9) + beta.transpose().replicate(12, 1);
    const auto r = mm::sinkhorn(a, b, c2, 0.1);
    CHECK((r.plan - base.plan).cwiseAbs().maxCoeff() <= 1e-9);
    CHECK(std::abs(r.cost - (base.cost + a.dot(alpha) + b.dot(beta))) <= 1e-9);
  }
  SECTION("permuting the points permutes the plan") {
    Eigen::PermutationMatrix<Eigen::Dynamic> perm(12);
    for (int i = 0; i < 12; ++i) perm.indices()(i) = (5 * i + 3) % 12;
    const Mat c2 = perm * c;
    const auto r = mm::sinkhorn(a, b, c2, 0.1);
    CHECK((r.plan - perm * base.plan).cwiseAbs().maxCoeff() <= 1e-10);
    CHECK(std::abs(r.cost - base.cost) <= 1e-10);
  }
  SECTION("swapping a and b transposes the plan") {
    const Mat ct = c.transpose();
    const auto r = mm::sinkhorn(b, a, ct, 0.1);
    // Equal up to the stop tolerance (one solve ends with exact rows, the other with exact columns).
    CHECK((r.plan - base.plan.transpose()).cwiseAbs().maxCoeff() <= 2e-9);
  }
}

TEST_CASE("sinkhorn: converges where exp(-C/eps) underflows", "[sinkhorn]") {
  // C + 1000 with eps = 0.05: exp(-C/eps) <= exp(-20000) is 0 in double for EVERY entry, so a
  // kernel-domain Sinkhorn divides 0 by 0. A constant added to C changes neither the plan nor the
  // transport cost beyond that constant, so the shifted problem must give the unshifted answer.
  const Mat x = random_cloud(20, 2, 5), y = random_cloud(20, 2, 6);
  const Vec a = Vec::Constant(20, 0.05);
  const Mat c = mm::cost_matrix(x, y, mm::costs::sq_euclidean{});
  const Mat shifted = c.array() + 1000.0;
  REQUIRE(std::exp(-shifted.minCoeff() / 0.05) == 0.0);
  const auto reference = mm::sinkhorn(a, a, c, 0.05);
  REQUIRE(reference.converged);
  for (bool scaling : {true, false}) {
    mm::sinkhorn_options o;
    o.epsilon_scaling = scaling;
    const auto r = mm::sinkhorn(a, a, shifted, 0.05, o);
    CHECK(r.converged);
    CHECK(r.marginal_error <= 2e-9);
    CHECK(std::abs((r.cost - 1000.0) - reference.cost) <= 1e-9);
    CHECK((r.plan - reference.plan).cwiseAbs().maxCoeff() <= 1e-9);
  }
}

TEST_CASE("sinkhorn: warm start and iteration limit", "[sinkhorn]") {
  const Mat x = random_cloud(15, 2, 7), y = random_cloud(15, 2, 8);
  const Vec a = Vec::Constant(15, 1.0 / 15);
  const Mat c = mm::cost_matrix(x, y, mm::costs::sq_euclidean{});
  mm::sinkhorn_options o;
  o.tolerance = 1e-12;
  const auto cold = mm::sinkhorn(a, a, c, 0.05, o);
  REQUIRE(cold.converged);
  const auto warm = mm::sinkhorn(a, a, c, 0.05, o, cold.f, cold.g);
  CHECK(warm.converged);
  CHECK(warm.iterations <= 2);
  CHECK(std::abs(warm.cost - cold.cost) <= 1e-12);
  o.max_iterations = 3;
  o.epsilon_scaling = false;
  const auto cut = mm::sinkhorn(a, a, c, 0.01, o);
  CHECK_FALSE(cut.converged);
  CHECK(cut.status == mm::transport_status::iteration_limit);
  CHECK(cut.iterations == 3);
}

TEST_CASE("sinkhorn: zero masses", "[sinkhorn]") {
  Vec a(3), b(2);
  a << 0.5, 0, 0.5;
  b << 0.5, 0.5;
  Mat c(3, 2);
  c << 0, 1, 7, 7, 1, 0;
  const auto r = mm::sinkhorn(a, b, c, 0.1);
  CHECK(r.converged);
  CHECK(r.plan.row(1).isZero());
  // The remaining 2 x 2 problem is the closed form above.
  CHECK(std::abs(r.cost - mm::sigmoid(-10.0)) <= 1e-12);
  CHECK(std::isfinite(r.f(1)));
}

TEST_CASE("sinkhorn_divergence: zero for equal measures, positive otherwise", "[sinkhorn]") {
  const Mat x = random_cloud(25, 2, 9);
  const Vec a = Vec::Constant(25, 0.04);
  // The same measure with its points listed in another order: S must vanish (to the tolerance).
  Eigen::PermutationMatrix<Eigen::Dynamic> perm(25);
  for (int i = 0; i < 25; ++i) perm.indices()(i) = (7 * i + 2) % 25;
  const Mat xp = perm * x;
  for (double eps : {0.5, 0.05}) {
    CHECK(std::abs(mm::sinkhorn_divergence(x, a, xp, a, mm::costs::sq_euclidean{}, eps)) <= 1e-8);
    for (double shift : {0.05, 0.3}) {
      const Mat y = x.array() + shift;
      const double s = mm::sinkhorn_divergence(x, a, y, a, mm::costs::sq_euclidean{}, eps);
      CHECK(s > 0);
      CHECK(std::abs(s - 2 * shift * shift) <= 1e-8);  // the translate identity below
    }
  }
  // A translate y = x + t with the squared Euclidean cost: C^{xy}_ij = C^{xx}_ij + alpha_i + beta_j + |t|^2
  // with <a, alpha> + <a, beta> = 0, so OT_eps(x, y) = OT_eps(x, x) + |t|^2 = OT_eps(y, y) + |t|^2 and
  // S_eps = |t|^2 exactly, for every eps.
  const Mat y = x.array() + 0.3;
  for (double eps : {1.0, 0.1, 0.02}) {
    CHECK(std::abs(mm::sinkhorn_divergence(x, a, y, a, mm::costs::sq_euclidean{}, eps) - 0.18) <= 1e-8);
  }
  // A cost matrix that is not symmetric takes the general route for the self terms.
  const Mat cxy = mm::cost_matrix(x, y, mm::costs::sq_euclidean{});
  Mat caa = mm::cost_matrix(x, x, mm::costs::sq_euclidean{});
  caa(0, 1) += 1e-3;  // no longer symmetric
  CHECK(std::isfinite(mm::sinkhorn_divergence(a, a, cxy, caa, mm::cost_matrix(y, y, mm::costs::sq_euclidean{}), 1.0)));
}

TEST_CASE("sinkhorn: bad input names the function and the value", "[sinkhorn]") {
  Vec a(2), b(2);
  a << 0.5, 0.5;
  b << 0.25, 0.75;
  const Mat c = Mat::Zero(2, 2);
  CHECK_THROWS_WITH(mm::sinkhorn(a, b, c, 0.0), "minimax::sinkhorn: eps must be positive and finite, got 0");
  CHECK_THROWS_AS(mm::sinkhorn(a, b, c, -1.0), mm::invalid_argument);
  CHECK_THROWS_AS(mm::sinkhorn(a, b, c, std::numeric_limits<double>::infinity()), mm::invalid_argument);
  CHECK_THROWS_WITH(mm::sinkhorn(a, b, Mat::Zero(3, 2), 0.1),
                    "minimax::sinkhorn: the cost matrix must be 2 x 2 (size(a) x size(b)), got 3 x 2");
  Vec neg = a;
  neg(1) = -0.5;
  CHECK_THROWS_WITH(mm::sinkhorn(neg, b, c, 0.1), "minimax::sinkhorn: a[1] must be non-negative and finite, got -0.5");
  CHECK_THROWS_WITH(mm::sinkhorn(a, Vec::Constant(2, 1.0), c, 0.1),
                    "minimax::sinkhorn: b must sum to 1 (weights are never normalised silently), got 2");
  CHECK_THROWS_WITH(mm::sinkhorn(Vec(0), b, Mat(0, 2), 0.1), "minimax::sinkhorn: a must not be empty, got 0");
  mm::sinkhorn_options o;
  o.scaling_factor = 1.5;
  CHECK_THROWS_WITH(mm::sinkhorn(a, b, c, 0.1, o), "minimax::sinkhorn: options.scaling_factor must lie in (0, 1), got 1.5");
  o = {};
  o.tolerance = -1;
  CHECK_THROWS_AS(mm::sinkhorn(a, b, c, 0.1, o), mm::invalid_argument);
  CHECK_THROWS_WITH(mm::sinkhorn(a, b, c, 0.1, {}, Vec::Zero(3), Vec::Zero(2)),
                    "minimax::sinkhorn: a and the initial f must have the same size, got 2 and 3");
  mm::sinkhorn_options few;
  few.max_iterations = 1;
  few.epsilon_scaling = false;
  const Mat x = random_cloud(5, 2, 1), y = random_cloud(5, 2, 2);
  const Vec u = Vec::Constant(5, 0.2);
  CHECK_THROWS_AS(mm::sinkhorn_divergence(x, u, y, u, mm::costs::sq_euclidean{}, 0.001, few), mm::domain_error);
}

TEST_CASE("sinkhorn: epsilon scaling runs only above the conditioning threshold", "[sinkhorn]") {
  const Mat x = random_cloud(12, 2, 21), y = random_cloud(12, 2, 22);
  const Vec a = Vec::Constant(12, 1.0 / 12);
  const Mat c = mm::cost_matrix(x, y, mm::costs::sq_euclidean{});
  const double spread = c.maxCoeff() - c.minCoeff();
  mm::sinkhorn_options on, off;
  off.epsilon_scaling = false;
  // well conditioned (spread / eps = 10 < 100): the default takes exactly the plain path
  const double easy = spread / 10;
  CHECK(mm::sinkhorn(a, a, c, easy, on).iterations == mm::sinkhorn(a, a, c, easy, off).iterations);
  // forced annealing (threshold 0) on the same problem takes another path to the same answer
  mm::sinkhorn_options forced;
  forced.scaling_threshold = 0;
  const auto annealed = mm::sinkhorn(a, a, c, easy, forced);
  const auto plain = mm::sinkhorn(a, a, c, easy, off);
  CHECK(annealed.iterations != plain.iterations);
  CHECK(std::abs(annealed.cost - plain.cost) <= 1e-9);
  // ill conditioned (spread / eps = 150 > 100): the default takes exactly the annealing path
  const double hard = spread / 150;
  on.max_iterations = forced.max_iterations = 3000;
  const auto by_default = mm::sinkhorn(a, a, c, hard, on);
  const auto by_force = mm::sinkhorn(a, a, c, hard, forced);
  CHECK(by_default.iterations == by_force.iterations);
  CHECK(by_default.cost == by_force.cost);
  mm::sinkhorn_options bad;
  bad.scaling_threshold = -1;
  CHECK_THROWS_AS(mm::sinkhorn(a, a, c, easy, bad), std::invalid_argument);
}
