// Tests for include/minimax/divergence/frechet.hpp: W2 between 1-D normals, commuting covariances,
// a 2 x 2 non-commuting case against a 50-digit reference, rank deficiency, samples, bad input.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <random>

#include <Eigen/Core>
#include <minimax/divergence/frechet.hpp>

#include "reference.hpp"

namespace mm = minimax;
using minimax::test::high;

TEMPLATE_TEST_CASE("frechet: 1-D normals, W2 = sqrt((m1 - m2)^2 + (s1 - s2)^2)", "[frechet]", float, double) {
  using T = TestType;
  using V = Eigen::Matrix<T, 1, 1>;
  const T eps = std::numeric_limits<T>::epsilon();
  for (auto [m1, s1, m2, s2] : {std::array<T, 4>{0, 1, 0, 1}, std::array<T, 4>{1, 2, -1, T(0.5)},
                                std::array<T, 4>{T(0.3), T(0.01), T(0.3), 3}}) {
    const V mu1(m1), mu2(m2), c1(s1 * s1), c2(s2 * s2);
    const T expected = std::sqrt((m1 - m2) * (m1 - m2) + (s1 - s2) * (s1 - s2));
    CHECK(std::abs(mm::gaussian_w2(mu1, c1, mu2, c2) - expected) <= 32 * eps * (1 + expected));
  }
}

TEST_CASE("frechet: commuting covariances have the closed form", "[frechet]") {
  // S1 = Q diag(l) Q^T, S2 = Q diag(k) Q^T: the trace term is sum (sqrt(l_i) - sqrt(k_i))^2.
  Eigen::Vector3d l(1, 4, 0.25), k(9, 1, 0.04), mu1(1, 2, 3), mu2(0, 2, 5);
  const Eigen::Matrix3d q = Eigen::Quaterniond(Eigen::AngleAxisd(0.7, Eigen::Vector3d(1, 2, 2).normalized()))
                                .toRotationMatrix();
  const Eigen::Matrix3d s1 = q * l.asDiagonal() * q.transpose(), s2 = q * k.asDiagonal() * q.transpose();
  const double expected = (mu1 - mu2).squaredNorm() + (l.cwiseSqrt() - k.cwiseSqrt()).squaredNorm();
  CHECK(mm::frechet_distance(mu1, s1, mu2, s2) == Approx(expected).epsilon(1e-14));
  // Symmetric in its two Gaussians; zero between a Gaussian and itself.
  CHECK(mm::frechet_distance(mu2, s2, mu1, s1) == Approx(expected).epsilon(1e-14));
  CHECK(mm::frechet_distance(mu1, s1, mu1, s1) <= 1e-14);
}

TEST_CASE("frechet: 2 x 2 non-commuting case against a 50-digit reference", "[frechet]") {
  // For 2 x 2 SPD M: Tr M^{1/2} = sqrt(Tr M + 2 sqrt(det M)); with M = S1^{1/2} S2 S1^{1/2},
  // Tr M = Tr(S1 S2) and det M = det S1 det S2.
  Eigen::Matrix2d s1, s2;
  s1 << 2, 0.7, 0.7, 1;
  s2 << 0.5, -0.3, -0.3, 3;
  const Eigen::Vector2d mu1(0.1, -0.2), mu2(1.3, 0.4);
  const high a = 2, b = high(7) / 10, d = 1, e = high(1) / 2, f = high(-3) / 10, g = 3;
  const high tr12 = a * e + b * f + b * f + d * g;
  const high det1 = a * d - b * b, det2 = e * g - f * f;
  const high trace_root = sqrt(tr12 + 2 * sqrt(det1 * det2));
  const high dm = (high(13) / 10 - high(1) / 10) * (high(13) / 10 - high(1) / 10) +
                  (high(4) / 10 + high(2) / 10) * (high(4) / 10 + high(2) / 10);
  const high reference = dm + a + d + e + g - 2 * trace_root;
  const double computed = mm::frechet_distance(mu1, s1, mu2, s2);
  CHECK(std::abs(computed - static_cast<double>(reference)) <= 64 * std::numeric_limits<double>::epsilon() * 7);
}

TEST_CASE("frechet: rank-deficient covariances are reported and handled", "[frechet]") {
  Eigen::Matrix2d s1 = Eigen::Vector2d(1, 0).asDiagonal(), s2 = Eigen::Vector2d(4, 0).asDiagonal();
  const Eigen::Vector2d mu = Eigen::Vector2d::Zero();
  mm::frechet_info info;
  // Degenerate Gaussians on the same line: W2^2 = (1 - 2)^2.
  CHECK(mm::frechet_distance(mu, s1, mu, s2, &info) == Approx(1.0).epsilon(1e-15));
  CHECK(info.rank_deficient);
  CHECK(info.rank1 == 1);
  CHECK(info.rank2 == 1);
  // A covariance with a rounding-size negative eigenvalue is clamped, not rejected.
  Eigen::Matrix2d s3;
  s3 << 1, 1, 1, 1 - 1e-17;
  CHECK_NOTHROW(mm::frechet_distance(mu, s3, mu, s1, &info));
  CHECK(info.rank1 == 1);
  mm::frechet_distance(mu, Eigen::Matrix2d(Eigen::Matrix2d::Identity()), mu, s1 + s2 + Eigen::Matrix2d::Identity(), &info);
  CHECK_FALSE(info.rank_deficient);
}

TEST_CASE("frechet: from samples", "[frechet]") {
  std::mt19937_64 gen(3);
  std::normal_distribution<double> normal;
  Eigen::MatrixXd x(200, 3);
  for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = normal(gen);
  // A translate by t: equal covariances, so d_F^2 = |t|^2 exactly (up to rounding).
  const Eigen::RowVector3d t(0.5, -1, 2);
  const Eigen::MatrixXd y = x.rowwise() + t;
  mm::frechet_info info;
  CHECK(mm::frechet_distance_from_samples(x, y, &info) == Approx(t.squaredNorm()).epsilon(1e-12));
  CHECK_FALSE(info.rank_deficient);
  // Hand-computed fits agree.
  const Eigen::Vector3d mx = x.colwise().mean().transpose();
  const Eigen::MatrixXd cx = (x.rowwise() - mx.transpose()).transpose() * (x.rowwise() - mx.transpose()) / 199.0;
  const Eigen::MatrixXd z = 2 * x;
  const Eigen::Vector3d mz = 2 * mx;
  const Eigen::MatrixXd cz = 4 * cx;
  CHECK(mm::frechet_distance_from_samples(x, z) == Approx(mm::frechet_distance(mx, cx, mz, cz)).epsilon(1e-12));
  // Scaling by 2: d_F^2 = |mu|^2 + Tr(S + 4S - 2 * 2S) = |mu|^2 + Tr S.
  CHECK(mm::frechet_distance_from_samples(x, z) == Approx(mx.squaredNorm() + cx.trace()).epsilon(1e-12));
  // n <= d: rank deficient.
  const Eigen::MatrixXd few = x.topRows(3);
  mm::frechet_distance_from_samples(few, x, &info);
  CHECK(info.rank_deficient);
  CHECK(info.rank1 <= 2);
}

TEST_CASE("frechet: bad input names the function and the value", "[frechet]") {
  const Eigen::Vector2d mu = Eigen::Vector2d::Zero();
  const Eigen::Matrix2d id = Eigen::Matrix2d::Identity();
  Eigen::Matrix2d asym;
  asym << 1, 0.5, 0, 1;
  CHECK_THROWS_WITH(mm::frechet_distance(mu, asym, mu, id),
                    "minimax::frechet_distance: cov1 must be symmetric (max |S - S^T|), got 0.5");
  Eigen::Matrix2d neg;
  neg << 1, 0, 0, -1;
  CHECK_THROWS_AS(mm::frechet_distance(mu, id, mu, neg), mm::domain_error);
  CHECK_THROWS_WITH(mm::frechet_distance(mu, Eigen::Matrix3d(Eigen::Matrix3d::Identity()), mu, id),
                    "minimax::frechet_distance: cov1 must be 2 x 2, got 3 x 3");
  CHECK_THROWS_WITH(mm::frechet_distance(Eigen::Vector3d(0, 0, 0), Eigen::Matrix3d(Eigen::Matrix3d::Identity()), mu, id),
                    "minimax::frechet_distance: mu1 and mu2 must have the same size, got 3 and 2");
  Eigen::Vector2d nan_mu(0, std::nan(""));
  CHECK_THROWS_WITH(mm::frechet_distance(nan_mu, id, mu, id), "minimax::frechet_distance: mu1 must be finite, got nan");
  CHECK_THROWS_WITH(mm::frechet_distance(Eigen::VectorXd(0), Eigen::MatrixXd(0, 0), mu, id),
                    "minimax::frechet_distance: mu1 must not be empty, got 0");
  CHECK_THROWS_WITH(mm::frechet_distance_from_samples(Eigen::MatrixXd(1, 2), Eigen::MatrixXd::Zero(5, 2)),
                    "minimax::frechet_distance_from_samples: x must have at least 2 rows (points), got 1");
  CHECK_THROWS_WITH(mm::frechet_distance_from_samples(Eigen::MatrixXd::Zero(4, 2), Eigen::MatrixXd::Zero(5, 3)),
                    "minimax::frechet_distance_from_samples: the dimensions of x and y (columns) must have the same size, got 2 and 3");
}
