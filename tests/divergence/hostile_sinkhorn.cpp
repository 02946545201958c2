// Sinkhorn on POT's ill-conditioned cases (test/test_bregman.py): the 100-point 1-D problem of
// test_sinkhorn_stabilization, a1 = make_1D_gauss(100, m=30, s=10), a2 = make_1D_gauss(100, m=40, s=10),
// M = dist0(100) = (i - j)^2 (max 9801), at eps down to 1e-6 max(M). Reference: the exact cost (emd).
#include <catch2/catch.hpp>

#include <cmath>

#include <Eigen/Core>
#include <minimax/divergence/emd.hpp>
#include <minimax/divergence/sinkhorn.hpp>

namespace mm = minimax;
using Mat = Eigen::MatrixXd;
using Vec = Eigen::VectorXd;

namespace {
// ot.datasets.make_1D_gauss: exp(-(x - m)^2 / (2 s^2)) on x = 0..n-1, normalised.
Vec gauss_1d(int n, double m, double s) {
  Vec h(n);
  for (int i = 0; i < n; ++i) h(i) = std::exp(-(i - m) * (i - m) / (2 * s * s));
  return h / h.sum();
}
Mat dist0(int n) {
  Mat c(n, n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) c(i, j) = double(i - j) * double(i - j);
  return c;
}
}  // namespace

TEST_CASE("sinkhorn: POT test_bregman test_sinkhorn_stabilization, eps from 1e-3 to 1e-6 max(M)", "[sinkhorn][hostile]") {
  const int n = 100;
  const Vec a = gauss_1d(n, 30, 10), b = gauss_1d(n, 40, 10);
  const Mat c = dist0(n);
  REQUIRE(c.maxCoeff() == 9801.0);
  const double exact = mm::emd(a, b, c).cost;
  // Shifting a Gaussian by 10 under the squared cost: W_2^2 is close to 100 (the truncation to
  // 0..99 moves it a little).
  CHECK(std::abs(exact - 100.0) <= 1.0);
  // Iteration budgets: plain Sinkhorn needs ~2e5 iterations at 1e-5 max(M) and ~1.8e6 at 1e-6.
  for (auto [rel, budget] : {std::pair{1e-3, 1000}, std::pair{1e-4, 2000}, std::pair{1e-5, 10000}, std::pair{1e-6, 50000}}) {
    INFO("eps = " << rel << " max(M)");
    const double eps = rel * c.maxCoeff();
    const auto r = mm::sinkhorn(a, b, c, eps);
    CHECK(r.converged);
    CHECK(r.status == mm::transport_status::optimal);
    CHECK(r.iterations <= static_cast<std::size_t>(budget));
    CHECK(r.marginal_error <= 1e-9);
    CHECK((r.plan.rowwise().sum() - a).cwiseAbs().sum() + (r.plan.colwise().sum().transpose() - b).cwiseAbs().sum() <= 2e-9);
    // The entropic bound: 0 <= cost - exact <= eps log(n m) (up to the marginal error).
    CHECK(r.cost >= exact - 1e-6);
    CHECK(std::abs(r.cost - exact) <= eps * std::log(double(n) * n));
    CHECK(std::isfinite(r.value));
  }
}

TEST_CASE("sinkhorn: POT test_bregman test_sinkhorn_stabilization at reg = 1e-5, the status is honest", "[sinkhorn][hostile]") {
  // POT's own reg = 1e-5 (1e-9 max(M)) is out of reach of any Sinkhorn in double: the result must
  // say so rather than claim convergence, and stay finite.
  const int n = 100;
  const Vec a = gauss_1d(n, 30, 10), b = gauss_1d(n, 40, 10);
  const Mat c = dist0(n);
  mm::sinkhorn_options o;
  o.max_iterations = 20000;
  const auto r = mm::sinkhorn(a, b, c, 1e-5, o);
  CHECK(r.iterations <= 20000);
  if (!r.converged) {
    CHECK(r.status == mm::transport_status::iteration_limit);
    CHECK(r.iterations == 20000);
    CHECK(r.marginal_error > 1e-9);
  } else {
    CHECK(r.marginal_error <= 1e-9);
  }
  CHECK(std::isfinite(r.cost));
  CHECK(std::isfinite(r.marginal_error));
  CHECK((r.plan.array() >= 0).all());
}

TEST_CASE("sinkhorn: over-relaxation off gives the plain iterations, the same answer", "[sinkhorn][hostile]") {
  const int n = 100;
  const Vec a = gauss_1d(n, 30, 10), b = gauss_1d(n, 40, 10);
  const Mat c = dist0(n);
  const double eps = 1e-4 * c.maxCoeff();
  mm::sinkhorn_options plain;
  plain.overrelaxation = false;
  const auto slow = mm::sinkhorn(a, b, c, eps, plain);
  const auto fast = mm::sinkhorn(a, b, c, eps);
  REQUIRE(slow.converged);
  REQUIRE(fast.converged);
  CHECK(fast.iterations < slow.iterations);
  CHECK((fast.plan - slow.plan).cwiseAbs().sum() <= 1e-7);  // both stop at marginal error 1e-9
  CHECK(std::abs(fast.cost - slow.cost) <= 1e-6);
}
