// Tests of include/minimax/divergence/kl_normal.hpp: the closed forms against 50-digit evaluations of
// the textbook formulas, KL additivity and rotation invariance for mvns, and singular covariances.
#include <minimax/divergence/kl_normal.hpp>

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <reference.hpp>

namespace mm = minimax;
using mm::test::high;
using Catch::Matchers::Contains;

TEST_CASE("KL between univariate normals: within a few ulps of the 50-digit formula", "[kl_normal]") {
  struct pair {
    double m1, s1, m2, s2;
  };
  for (auto [m1, s1, m2, s2] : {pair{0, 1, 1, 1}, pair{0, 1, 0, 2}, pair{-3, 0.5, 2, 4}, pair{0, 1, 0, 1 + 1e-6},
                                pair{1e-8, 1, 0, 1}, pair{5, 1e-3, 5, 1e3}, pair{0, 1.05, 0.01, 1}}) {
    const high h1 = s1, h2 = s2, dm = high(m1) - high(m2);
    const high ref = log(h2 / h1) + (h1 * h1 + dm * dm) / (2 * h2 * h2) - high(0.5);
    CAPTURE(m1, s1, m2, s2);
    CHECK(mm::test::ulp_distance(mm::kl(mm::normal{m1, s1}, mm::normal{m2, s2}), ref) <= 8);
  }
  CHECK(mm::kl(mm::normal{0, 1}, mm::normal{0, 1}) == 0.0);
}

TEST_CASE("squared Hellinger and Bhattacharyya between normals: 50-digit formula", "[kl_normal]") {
  for (auto [m1, s1, m2, s2] : {std::tuple{0.0, 1.0, 1.0, 1.0}, std::tuple{0.0, 1.0, 0.0, 3.0},
                                std::tuple{0.0, 1.0, 1e-5, 1.0}, std::tuple{2.0, 0.5, -1.0, 2.0}}) {
    const high v = high(s1) * s1 + high(s2) * s2, dm = high(m1) - high(m2);
    const high bc = sqrt(2 * high(s1) * s2 / v) * exp(-dm * dm / (4 * v));
    CAPTURE(m1, s1, m2, s2);
    CHECK(mm::test::ulp_distance(mm::bhattacharyya_coefficient(mm::normal{m1, s1}, mm::normal{m2, s2}), bc) <= 8);
    CHECK(mm::test::ulp_distance(mm::squared_hellinger(mm::normal{m1, s1}, mm::normal{m2, s2}), 2 * (1 - bc)) <= 16);
  }
}

TEST_CASE("KL between mvns: 1-D case, additivity over independent coordinates, rotation invariance", "[kl_normal]") {
  Eigen::VectorXd m1(1), m2(1);
  m1 << 0.5;
  m2 << -1.0;
  Eigen::MatrixXd c1(1, 1), c2(1, 1);
  c1 << 4.0;
  c2 << 0.25;
  CHECK(mm::kl(mm::mvn(m1, c1), mm::mvn(m2, c2)) == Approx(mm::kl(mm::normal{0.5, 2.0}, mm::normal{-1.0, 0.5})).epsilon(1e-14));
  // Diagonal covariances: the KL is the sum of the coordinates' KLs.
  Eigen::VectorXd a(3), b(3);
  a << 0.0, 1.0, -2.0;
  b << 0.5, 1.0, 0.0;
  Eigen::Vector3d sa(1.0, 2.0, 0.5), sb(1.5, 1.0, 0.5);
  const Eigen::MatrixXd ca = sa.array().square().matrix().asDiagonal(), cb = sb.array().square().matrix().asDiagonal();
  double sum = 0;
  for (int i = 0; i < 3; ++i) sum += mm::kl(mm::normal{a(i), sa(i)}, mm::normal{b(i), sb(i)});
  CHECK(mm::kl(mm::mvn(a, ca), mm::mvn(b, cb)) == Approx(sum).epsilon(1e-14));
  // An orthogonal change of coordinates leaves KL unchanged.
  const double t = 0.7;
  Eigen::Matrix3d r;
  r << std::cos(t), -std::sin(t), 0, std::sin(t), std::cos(t), 0, 0, 0, 1;
  const Eigen::MatrixXd rca = r * ca * r.transpose(), rcb = r * cb * r.transpose();
  CHECK(mm::kl_mvn(r * a, rca, r * b, rcb) == Approx(sum).epsilon(1e-13));
}

TEST_CASE("kl_mvn rejects singular and indefinite covariances and mismatched sizes", "[kl_normal]") {
  Eigen::VectorXd m = Eigen::VectorXd::Zero(2);
  Eigen::MatrixXd singular(2, 2), good = Eigen::MatrixXd::Identity(2, 2);
  singular << 1.0, 1.0, 1.0, 1.0;
  CHECK_THROWS_AS(mm::kl_mvn(m, good, m, singular), mm::invalid_argument);
  CHECK_THROWS_WITH(mm::kl_mvn(m, good, m, singular), Contains("minimax::kl_mvn: cov_q must be positive definite"));
  CHECK_THROWS_WITH(mm::kl_mvn(m, -good, m, good), Contains("cov_p must be positive definite") && Contains("got -1"));
  CHECK_THROWS_WITH(mm::kl_mvn(Eigen::VectorXd::Zero(3), good, m, good), Contains("minimax::kl_mvn:"));
  CHECK_THROWS_WITH(mm::kl(mm::mvn(m, good), mm::mvn(Eigen::VectorXd::Zero(3), Eigen::MatrixXd::Identity(3, 3))),
                    Contains("minimax::kl: the dimensions of p and q must have the same size, got 2 and 3"));
}
