// Tests for include/minimax/prob/mvn.hpp: log_pdf against the closed forms (a product of 1-D normals
// for a diagonal covariance; the explicit 2-D bivariate formula with correlation), the normalising
// constant by nested quadrature, validation, and the moments of draws.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <numbers>

#include <minimax/prob/mvn.hpp>
#include <minimax/prob/normal.hpp>
#include <minimax/quadrature/integrate.hpp>

namespace mm = minimax;

namespace {
constexpr double eps = std::numeric_limits<double>::epsilon();
}

TEST_CASE("mvn: diagonal covariance is a product of normals", "[prob][mvn]") {
  Eigen::VectorXd mu(3);
  mu << 1, -2, 0.5;
  Eigen::VectorXd sd(3);
  sd << 0.5, 2, 1;
  const mm::mvn d(mu, sd.array().square().matrix().asDiagonal());
  CHECK(mm::dimension(d) == 3);
  Eigen::VectorXd x(3);
  x << 0.3, 1.0, -4.0;
  double expected = 0;
  for (int i = 0; i < 3; ++i) expected += mm::log_pdf(mm::normal{mu[i], sd[i]}, x[i]);
  CHECK(std::abs(mm::log_pdf(d, x) - expected) <= 16 * eps * std::abs(expected));
  CHECK(std::abs(mm::pdf(d, x) - std::exp(expected)) <= 64 * eps * std::exp(expected));
  // far away the density underflows, its logarithm does not
  const Eigen::VectorXd far = Eigen::VectorXd::Constant(3, 100.0);
  double far_expected = 0;
  for (int i = 0; i < 3; ++i) far_expected += mm::log_pdf(mm::normal{mu[i], sd[i]}, 100.0);
  CHECK(mm::pdf(d, far) == 0.0);
  CHECK(std::abs(mm::log_pdf(d, far) - far_expected) <= 16 * eps * std::abs(far_expected));
  CHECK(std::abs(d.log_determinant() - 2 * std::log(0.5 * 2 * 1)) <= 8 * eps);
}

TEST_CASE("mvn: correlated 2-D against the bivariate closed form", "[prob][mvn]") {
  const double s1 = 1.5, s2 = 0.7, rho = -0.6;
  Eigen::Vector2d mu(0.5, -1.0);
  Eigen::Matrix2d cov;
  cov << s1 * s1, rho * s1 * s2, rho * s1 * s2, s2 * s2;
  const mm::mvn d(mu, cov);
  for (const Eigen::Vector2d& x : {Eigen::Vector2d(0.5, -1.0), Eigen::Vector2d(2.0, 0.3), Eigen::Vector2d(-3.0, 1.0)}) {
    const double z1 = (x[0] - mu[0]) / s1, z2 = (x[1] - mu[1]) / s2;
    const double q = (z1 * z1 - 2 * rho * z1 * z2 + z2 * z2) / (1 - rho * rho);
    const double expected = -q / 2 - std::log(2 * std::numbers::pi * s1 * s2 * std::sqrt(1 - rho * rho));
    CHECK(std::abs(mm::log_pdf(d, x) - expected) <= 32 * eps * std::max(1.0, std::abs(expected)));
  }
  // the normalising constant: nested quadrature of the density over R^2 is 1
  const auto inner = [&](double x) {
    return mm::integrate([&](double y) { return mm::pdf(d, Eigen::Vector2d(x, y)); }, -20.0, 20.0).value;
  };
  const auto total = mm::integrate(inner, -20.0, 20.0);
  CHECK(std::abs(total.value - 1) <= 1e-10);
}

TEST_CASE("mvn: validation names the offending value", "[prob][mvn]") {
  Eigen::Matrix2d asym;
  asym << 1, 0.3, 0.0, 1;
  CHECK_THROWS_WITH(mm::mvn(Eigen::Vector2d(0, 0), asym),
                    "minimax::mvn: covariance must be symmetric (C(1, 0) - C(0, 1) shown), got -0.3");
  Eigen::Matrix2d indefinite;
  indefinite << 1, 2, 2, 1;  // eigenvalues 3 and -1
  CHECK_THROWS_AS(mm::mvn(Eigen::Vector2d(0, 0), indefinite), mm::invalid_argument);
  Eigen::Matrix2d negative;
  negative << 1, 0, 0, -2;
  CHECK_THROWS_WITH(mm::mvn(Eigen::Vector2d(0, 0), negative),
                    "minimax::mvn: covariance must be positive definite (smallest eigenvalue shown), got -2");
  Eigen::Matrix2d singular;
  singular << 1, 1, 1, 1;
  CHECK_THROWS_AS(mm::mvn(Eigen::Vector2d(0, 0), singular), mm::invalid_argument);
  CHECK_THROWS_AS(mm::mvn(Eigen::Vector3d(0, 0, 0), Eigen::Matrix2d::Identity()), mm::invalid_argument);
  CHECK_THROWS_AS(mm::mvn(Eigen::VectorXd(), Eigen::MatrixXd()), mm::invalid_argument);
  CHECK_THROWS_AS(mm::mvn(Eigen::Vector2d(0, 0), Eigen::MatrixXd::Identity(2, 3)), mm::invalid_argument);
  CHECK_THROWS_WITH(mm::mvn(Eigen::Vector2d(0, std::nan("")), Eigen::Matrix2d::Identity()),
                    "minimax::mvn: mean[1] must be finite, got nan");
  Eigen::Matrix2d inf_cov = Eigen::Matrix2d::Identity();
  inf_cov(1, 1) = std::numeric_limits<double>::infinity();
  CHECK_THROWS_AS(mm::mvn(Eigen::Vector2d(0, 0), inf_cov), mm::invalid_argument);
  const mm::mvn d(Eigen::Vector2d(0, 0), Eigen::Matrix2d::Identity());
  CHECK_THROWS_WITH(mm::log_pdf(d, Eigen::Vector3d(0, 0, 0)),
                    "minimax::log_pdf(mvn): x and the distribution's dimension must have the same size, got 3 and 2");
  CHECK_THROWS_AS(mm::pdf(d, Eigen::Vector2d(0, std::nan(""))), mm::invalid_argument);
  mm::rng g(1);
  CHECK_THROWS_AS(mm::sample(d, g, -1), mm::invalid_argument);
}

TEST_CASE("mvn: nearly singular covariance keeps a finite log density", "[prob][mvn]") {
  Eigen::Matrix2d cov;
  cov << 1, 1 - 1e-10, 1 - 1e-10, 1;
  const mm::mvn d(Eigen::Vector2d(0, 0), cov);
  // det = 1 - (1 - 1e-10)^2 = 2e-10 - 1e-20
  CHECK(std::abs(d.log_determinant() - std::log(2e-10 - 1e-20)) <= 1e-6);
  CHECK(std::isfinite(mm::log_pdf(d, Eigen::Vector2d(1, -1))));
}

TEST_CASE("mvn: draws have the mean and covariance", "[prob][mvn]") {
  Eigen::Vector2d mu(1, -1);
  Eigen::Matrix2d cov;
  cov << 2, 0.8, 0.8, 1;
  const mm::mvn d(mu, cov);
  mm::rng g(123);
  const Eigen::Index n = 100000;
  const Eigen::MatrixXd x = mm::sample(d, g, n);
  REQUIRE(x.rows() == n);
  REQUIRE(x.cols() == 2);
  const Eigen::RowVector2d m = x.colwise().mean();
  const double nn = static_cast<double>(n);
  for (int i = 0; i < 2; ++i) CHECK(std::abs(m[i] - mu[i]) <= 5 * std::sqrt(cov(i, i) / nn));
  const Eigen::MatrixXd centred = x.rowwise() - m;
  const Eigen::Matrix2d s = centred.transpose() * centred / (nn - 1);
  for (int i = 0; i < 2; ++i) {
    for (int j = 0; j < 2; ++j) {
      // Var of the sample covariance: (S_ii S_jj + S_ij^2) / n
      CHECK(std::abs(s(i, j) - cov(i, j)) <= 5 * std::sqrt((cov(i, i) * cov(j, j) + cov(i, j) * cov(i, j)) / nn));
    }
  }
  mm::rng a(4), b(4);
  const Eigen::VectorXd one = mm::sample(d, a);
  const double z0 = b.normal(), z1 = b.normal();
  const Eigen::Matrix2d l = d.cholesky_factor();
  CHECK(std::abs(one[0] - (1 + l(0, 0) * z0)) <= 4 * eps * 4);
  CHECK(std::abs(one[1] - (-1 + l(1, 0) * z0 + l(1, 1) * z1)) <= 4 * eps * 4);
}
