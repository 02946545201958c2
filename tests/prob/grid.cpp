// Tests for include/minimax/prob/grid.hpp: the lattice of modes, symmetric about 0 to the bit, the
// density at a mode (closed form), validation and draws.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <numbers>
#include <set>

#include <minimax/prob/grid.hpp>

namespace mm = minimax;

TEST_CASE("grid(5, 2, 0.05) has modes at {-4, -2, 0, 2, 4}^2", "[prob][grid]") {
  const mm::grid g(5, 2.0, 0.05);
  REQUIRE(g.modes().rows() == 25);
  std::set<std::pair<double, double>> modes;
  for (Eigen::Index k = 0; k < 25; ++k) modes.insert({g.modes()(k, 0), g.modes()(k, 1)});
  std::set<std::pair<double, double>> expected;
  for (double a : {-4.0, -2.0, 0.0, 2.0, 4.0}) {
    for (double b : {-4.0, -2.0, 0.0, 2.0, 4.0}) expected.insert({a, b});
  }
  CHECK(modes == expected);
  CHECK(g.modes()(0, 0) == -4.0);  // row i*k + j is (c_i, c_j)
  CHECK(g.modes()(1, 1) == -2.0);
  CHECK(mm::mean(g).norm() == 0.0);
  // an even side: {-1.5, -0.5, 0.5, 1.5} s, exactly symmetric
  const mm::grid even(4, 0.3, 0.01);
  for (Eigen::Index k = 0; k < 16; ++k) CHECK(even.modes()(k, 0) == -even.modes()(15 - k, 0));
  CHECK(even.modes()(0, 0) == -1.5 * 0.3);
  CHECK(even.spacing() == 0.3);
}

TEST_CASE("grid: density at a mode", "[prob][grid]") {
  const double sigma = 0.05;
  const mm::grid g(5, 2.0, sigma);
  // neighbours are 40 standard deviations away: their terms are e^-800, below rounding
  const double at_mode = 1.0 / 25 / (2 * std::numbers::pi * sigma * sigma);
  const double eps = std::numeric_limits<double>::epsilon();
  CHECK(std::abs(mm::pdf(g, Eigen::Vector2d(2, -4)) - at_mode) <= 16 * eps * at_mode);
  // halfway between two modes on an edge: two equal nearest terms at distance 1 each
  const double log_mid = std::log(2.0 / 25) - 1 / (2 * sigma * sigma) - std::log(2 * std::numbers::pi * sigma * sigma);
  CHECK(std::abs(mm::log_pdf(g, Eigen::Vector2d(-4, 1)) - log_mid) <= 16 * eps * std::abs(log_mid));
}

TEST_CASE("grid: validation and draws", "[prob][grid]") {
  CHECK_THROWS_AS(mm::grid(0, 1.0, 0.1), mm::invalid_argument);
  CHECK_THROWS_WITH(mm::grid(3, 0.0, 0.1), "minimax::grid: spacing must be positive and finite, got 0");
  CHECK_THROWS_AS(mm::grid(3, 1.0, -0.1), mm::invalid_argument);
  const mm::grid g(3, 1.0, 0.01);
  mm::rng r(5);
  const Eigen::Index n = 45000;
  const Eigen::MatrixXd x = mm::sample(g, r, n);
  Eigen::VectorXd counts = Eigen::VectorXd::Zero(9);
  for (Eigen::Index i = 0; i < n; ++i) {
    Eigen::Index nearest = 0;
    (g.modes().rowwise() - x.row(i)).rowwise().squaredNorm().minCoeff(&nearest);
    counts[nearest] += 1;
  }
  const double expected = static_cast<double>(n) / 9;
  for (Eigen::Index j = 0; j < 9; ++j) CHECK(std::abs(counts[j] - expected) <= 5 * std::sqrt(expected * 8 / 9));
}
