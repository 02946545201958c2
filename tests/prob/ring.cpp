// Tests for include/minimax/prob/ring.hpp: mode positions, the density at a mode (closed form),
// normalisation by nested quadrature, validation and the frequencies of draws per mode.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <numbers>

#include <minimax/prob/ring.hpp>
#include <minimax/quadrature/integrate.hpp>

namespace mm = minimax;

namespace {
constexpr double eps = std::numeric_limits<double>::epsilon();
}

TEST_CASE("ring: modes on the circle at angles 2 pi j / k", "[prob][ring]") {
  const mm::ring r(8, 2.0, 0.02);
  REQUIRE(r.modes().rows() == 8);
  REQUIRE(r.modes().cols() == 2);
  CHECK(mm::dimension(r) == 2);
  CHECK(r.radius() == 2.0);
  CHECK(r.sigma() == 0.02);
  CHECK(r.modes()(0, 0) == 2.0);
  CHECK(r.modes()(0, 1) == 0.0);
  CHECK(std::abs(r.modes()(2, 0)) <= 4 * eps);  // (0, 2)
  CHECK(std::abs(r.modes()(2, 1) - 2) <= 4 * eps);
  CHECK(std::abs(r.modes()(1, 0) - std::sqrt(2.0)) <= 4 * eps);
  CHECK(std::abs(r.modes()(4, 0) + 2) <= 4 * eps);
  for (Eigen::Index j = 0; j < 8; ++j) CHECK(std::abs(r.modes().row(j).norm() - 2) <= 4 * eps);
  CHECK(mm::mean(r).norm() <= 16 * eps);
}

TEST_CASE("ring: density at a mode and far away", "[prob][ring]") {
  const double sigma = 0.02;
  const mm::ring r(8, 2.0, sigma);
  // At a mode the other modes are >= 2 * 2 sin(pi/8) / sigma = 76 standard deviations away:
  // p(m_0) = (1/8) / (2 pi sigma^2) to rounding (their terms are e^-2900).
  const double at_mode = 1.0 / 8 / (2 * std::numbers::pi * sigma * sigma);
  CHECK(std::abs(mm::pdf(r, Eigen::Vector2d(2, 0)) - at_mode) <= 16 * eps * at_mode);
  CHECK(std::abs(mm::log_pdf(r, Eigen::Vector2d(2, 0)) - std::log(at_mode)) <= 16 * eps * std::abs(std::log(at_mode)));
  // at the centre every mode is 2 away: p(0) = e^{-4/(2 sigma^2)} / (2 pi sigma^2), far below underflow
  const double log_centre = -4 / (2 * sigma * sigma) - std::log(2 * std::numbers::pi * sigma * sigma);
  CHECK(mm::pdf(r, Eigen::Vector2d(0, 0)) == 0.0);
  CHECK(std::abs(mm::log_pdf(r, Eigen::Vector2d(0, 0)) - log_centre) <= 16 * eps * std::abs(log_centre));
}

TEST_CASE("ring: integrates to 1 (nested quadrature)", "[prob][ring]") {
  const mm::ring r(3, 1.0, 0.3);
  const auto inner = [&](double x) {
    return mm::integrate([&](double y) { return mm::pdf(r, Eigen::Vector2d(x, y)); }, -4.0, 4.0).value;
  };
  CHECK(std::abs(mm::integrate(inner, -4.0, 4.0).value - 1) <= 1e-10);
}

TEST_CASE("ring: validation", "[prob][ring]") {
  CHECK_THROWS_WITH(mm::ring(0, 1.0, 0.1), "minimax::ring: the number of modes k must be positive, got 0");
  CHECK_THROWS_AS(mm::ring(4, -1.0, 0.1), mm::invalid_argument);
  CHECK_THROWS_WITH(mm::ring(4, 1.0, 0.0), "minimax::isotropic_mixture: sigma must be positive and finite, got 0");
  const mm::ring r(4, 1.0, 0.1);
  CHECK_THROWS_AS(mm::pdf(r, Eigen::Vector3d(0, 0, 0)), mm::invalid_argument);
  CHECK_THROWS_AS(mm::log_pdf(r, Eigen::Vector2d(std::nan(""), 0)), mm::invalid_argument);
}

TEST_CASE("ring: draws visit every mode equally", "[prob][ring]") {
  const mm::ring r(8, 2.0, 0.02);
  mm::rng g(8);
  const Eigen::Index n = 80000;
  const Eigen::MatrixXd x = mm::sample(r, g, n);
  REQUIRE(x.cols() == 2);
  Eigen::VectorXd counts = Eigen::VectorXd::Zero(8);
  double spread = 0;
  for (Eigen::Index i = 0; i < n; ++i) {
    Eigen::Index nearest = 0;
    (r.modes().rowwise() - x.row(i)).rowwise().squaredNorm().minCoeff(&nearest);
    counts[nearest] += 1;
    spread += (x.row(i) - r.modes().row(nearest)).squaredNorm();
  }
  const double expected = static_cast<double>(n) / 8;
  for (Eigen::Index j = 0; j < 8; ++j) CHECK(std::abs(counts[j] - expected) <= 5 * std::sqrt(expected * 7 / 8));
  // E|x - m|^2 = 2 sigma^2, a chi-square with 2 degrees of freedom: standard error 2 sigma^2 / sqrt(n)
  const double s2 = 2 * 0.02 * 0.02;
  CHECK(std::abs(spread / static_cast<double>(n) - s2) <= 5 * s2 / std::sqrt(static_cast<double>(n)));
}
