// Hostile shapes: a matrix passed where a one-dimensional sample, pmf or weight vector is expected
// is rejected with a message naming the argument and its shape, never flattened; where a batch of
// columns makes sense (wasserstein_1d, as POT's wasserstein_1d on 2-D arrays) it is a separate,
// named function. Cases from POT's test/test_1d_solver.py (test_wasserstein_1d) and minimax's own.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <string>

#include <Eigen/Core>
#include <minimax/divergence/chi2.hpp>
#include <minimax/divergence/emd.hpp>
#include <minimax/divergence/entropy.hpp>
#include <minimax/divergence/f_divergence.hpp>
#include <minimax/divergence/f_generators.hpp>
#include <minimax/divergence/frechet.hpp>
#include <minimax/divergence/hellinger.hpp>
#include <minimax/divergence/jsd.hpp>
#include <minimax/divergence/kl.hpp>
#include <minimax/divergence/sinkhorn.hpp>
#include <minimax/divergence/total_variation.hpp>
#include <minimax/divergence/wasserstein_1d.hpp>

namespace mm = minimax;
using Catch::Matchers::Contains;
using Vec = Eigen::VectorXd;
using Mat = Eigen::MatrixXd;

namespace {
// |N(0, 1)| draws normalised to sum 1, as POT's test draws rho_u and rho_v.
Vec abs_normal_weights(Eigen::Index n, unsigned seed) {
  std::mt19937_64 gen(seed);
  std::normal_distribution<double> normal;
  Vec w(n);
  for (auto& x : w) x = std::abs(normal(gen));
  return w / w.sum();
}
}  // namespace

TEST_CASE("wasserstein_1d: POT test_1d_solver test_wasserstein_1d test 1, W1 of weights on one support", "[hostile_shapes]") {
  // W_1 = integral |F - G| dx, and F - G is constant between consecutive support points.
  const Eigen::Index n = 100;
  const Vec x = Vec::LinSpaced(n, 0, 5);
  const Vec rho_u = abs_normal_weights(n, 0), rho_v = abs_normal_weights(n, 1);
  double exact = 0, cumulative = 0;
  for (Eigen::Index i = 0; i + 1 < n; ++i) {
    cumulative += rho_u(i) - rho_v(i);
    exact += std::abs(cumulative) * (x(i + 1) - x(i));
  }
  CHECK(mm::wasserstein_1d(x, x, rho_u, rho_v, 1.0) == Approx(exact).epsilon(1e-12));
}

TEST_CASE("wasserstein_1d: POT test_1d_solver test_wasserstein_1d test 2, a translation by 1", "[hostile_shapes]") {
  const Vec x = Vec::LinSpaced(100, 0, 5);
  const Vec shifted = x.array() + 1.0;
  CHECK(mm::wasserstein_1d(x, shifted, 2.0) == Approx(1.0).epsilon(1e-14));
}

TEST_CASE("wasserstein_1d: POT test_1d_solver test_wasserstein_1d test 3, arrays: a matrix is rejected, "
          "a batch of columns goes through wasserstein_1d_columns",
          "[hostile_shapes]") {
  const Eigen::Index n = 100;
  Mat X(n, 2);
  X.col(0) = Vec::LinSpaced(n, 0, 5);
  X.col(1) = X.col(0) * 10.0;
  const Vec rho_u = abs_normal_weights(n, 0), rho_v = abs_normal_weights(n, 1);
  CHECK_THROWS_AS(mm::wasserstein_1d(X, X, rho_u, rho_v, 2.0), mm::invalid_argument);
  CHECK_THROWS_WITH(mm::wasserstein_1d(X, X, rho_u, rho_v, 2.0),
                    "minimax::wasserstein_1d: u (for a batch of columns, see wasserstein_1d_columns) must be a vector "
                    "(one row or one column), got 100 x 2");
  const Vec res = mm::wasserstein_1d_columns(X, X, rho_u, rho_v, 2.0);
  REQUIRE(res.size() == 2);
  // POT: 100 W_2^2(column 0) = W_2^2(column 1); minimax returns W_2, so the factor is 10.
  CHECK(res(1) == Approx(10 * res(0)).epsilon(1e-12));
  CHECK(res(0) == mm::wasserstein_1d(Vec(X.col(0)), Vec(X.col(0)), rho_u, rho_v, 2.0));
  CHECK(res(0) > 0);
}

TEST_CASE("wasserstein_1d: two n x 2 matrices are rejected, not flattened", "[hostile_shapes]") {
  Mat u(5, 2), v(5, 2);
  u.setRandom();
  v.setRandom();
  CHECK_THROWS_WITH(mm::wasserstein_1d(u, v),
                    "minimax::wasserstein_1d: u (for a batch of columns, see wasserstein_1d_columns) must be a vector "
                    "(one row or one column), got 5 x 2");
  CHECK_THROWS_WITH(mm::wasserstein_1d(Vec(u.col(0)), v),
                    "minimax::wasserstein_1d: v (for a batch of columns, see wasserstein_1d_columns) must be a vector "
                    "(one row or one column), got 5 x 2");
  // Column by column, each is the vector form: u shifted by 1 is at W_1 = 1 from u.
  const Mat w = u.array() + 1.0;
  const Vec columns = mm::wasserstein_1d_columns(u, w);
  REQUIRE(columns.size() == 2);
  CHECK(columns(0) == Approx(1.0).epsilon(1e-14));
  CHECK(columns(1) == Approx(1.0).epsilon(1e-14));
  CHECK_THROWS_WITH(mm::wasserstein_1d_columns(u, Mat(5, 3)),
                    "minimax::wasserstein_1d_columns: the columns of u and v must have the same size, got 2 and 3");
}

TEST_CASE("wasserstein_1d: weights given as a matrix are rejected; row vectors are vectors", "[hostile_shapes]") {
  const Vec u = Vec::LinSpaced(4, 0, 3), v = Vec::LinSpaced(4, 1, 4);
  const Mat w = Mat::Constant(2, 2, 0.25);
  const Vec w4 = Vec::Constant(4, 0.25);
  CHECK_THROWS_WITH(mm::wasserstein_1d(u, v, w, w4),
                    "minimax::wasserstein_1d: u_weights must be a vector (one row or one column), got 2 x 2");
  CHECK_THROWS_WITH(mm::wasserstein_1d(u, v, w4, w),
                    "minimax::wasserstein_1d: v_weights must be a vector (one row or one column), got 2 x 2");
  // One row is a vector too: the same value as the column.
  const Eigen::RowVectorXd ur = u.transpose();
  CHECK(mm::wasserstein_1d(ur, v) == 1.0);
  CHECK(mm::wasserstein_1d(ur, v, Eigen::RowVectorXd(w4.transpose()), w4) == 1.0);
}

TEST_CASE("emd and sinkhorn: masses given as a matrix are rejected through the mass checks", "[hostile_shapes]") {
  const Mat a = Mat::Constant(2, 2, 0.25);
  const Vec b = Vec::Constant(4, 0.25);
  const Mat cost = Mat::Ones(4, 4);
  CHECK_THROWS_WITH(mm::emd(a, b, cost), "minimax::emd: a must be a vector (one row or one column), got 2 x 2");
  CHECK_THROWS_WITH(mm::emd(b, a, cost), "minimax::emd: b must be a vector (one row or one column), got 2 x 2");
  CHECK_THROWS_AS(mm::sinkhorn(a, b, cost, 0.1), mm::invalid_argument);
  CHECK_THROWS_WITH(mm::sinkhorn(a, b, cost, 0.1), Contains("a must be a vector (one row or one column), got 2 x 2"));
  CHECK_THROWS_WITH(mm::sinkhorn(b, a, cost, 0.1), Contains("b must be a vector (one row or one column), got 2 x 2"));
  // Vectors still work: the uniform masses on one cost of 1 everywhere cost 1.
  CHECK(mm::emd(b, b, cost).cost == Approx(1.0).epsilon(1e-14));
}

TEST_CASE("frechet_distance: a mean given as a matrix is rejected", "[hostile_shapes]") {
  const Mat mu = Mat::Zero(2, 2);
  const Vec mu4 = Vec::Zero(4);
  const Mat cov = Mat::Identity(4, 4);
  CHECK_THROWS_WITH(mm::frechet_distance(mu, cov, mu4, cov),
                    "minimax::frechet_distance: mu1 must be a vector (one row or one column), got 2 x 2");
  CHECK_THROWS_WITH(mm::frechet_distance(mu4, cov, mu, cov),
                    "minimax::frechet_distance: mu2 must be a vector (one row or one column), got 2 x 2");
  const Vec mu1 = Vec::Constant(4, 1.0);
  CHECK(mm::frechet_distance(Eigen::RowVectorXd(mu1.transpose()), cov, mu4, cov) == Approx(4.0).epsilon(1e-14));
}

TEST_CASE("pmf divergences: a matrix is rejected, not flattened (kl, reverse_kl, jsd, entropy, cross_entropy, "
          "total_variation, hellinger, chi2, f_divergence)",
          "[hostile_shapes]") {
  const Mat p = Mat::Constant(2, 2, 0.25);
  const Vec q = Vec::Constant(4, 0.25);
  const auto is_vector_error = Contains("must be a vector");
  CHECK_THROWS_WITH(mm::kl(p, q), is_vector_error);
  CHECK_THROWS_WITH(mm::kl(q, p), is_vector_error);
  CHECK_THROWS_WITH(mm::reverse_kl(p, q), is_vector_error);
  CHECK_THROWS_WITH(mm::jsd(p, q), is_vector_error);
  CHECK_THROWS_WITH(mm::entropy(p), is_vector_error);
  CHECK_THROWS_WITH(mm::cross_entropy(q, p), is_vector_error);
  CHECK_THROWS_WITH(mm::total_variation(p, q), is_vector_error);
  CHECK_THROWS_WITH(mm::squared_hellinger(p, q), is_vector_error);
  CHECK_THROWS_WITH(mm::hellinger_distance(q, p), is_vector_error);
  CHECK_THROWS_WITH(mm::pearson_chi2(p, q), is_vector_error);
  CHECK_THROWS_WITH(mm::neyman_chi2(q, p), is_vector_error);
  CHECK_THROWS_WITH(mm::f_divergence<mm::f::total_variation>(p, q), is_vector_error);
  CHECK_THROWS_WITH(mm::f_divergence<mm::f::kl>(q, p), is_vector_error);
  CHECK_THROWS_AS(mm::kl(p, q), mm::invalid_argument);
  // The same numbers as vectors are fine: equal pmfs are at divergence 0, entropy log 4.
  CHECK(mm::kl(q, q) == 0.0);
  CHECK(mm::entropy(q) == Approx(std::log(4.0)).epsilon(1e-15));
}
