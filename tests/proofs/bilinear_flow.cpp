// Tests of include/minimax/proofs/bilinear_flow.hpp: exercise 7.2 holds from several starts; the
// flow's radius against its closed form, the RK4 amplification |R|^2 = 1 - dt^6/72 + dt^8/576, and
// the spiral's radius r0 (1 + h^2)^{K/2}; a scheme error larger than the bound fails the verdict.
#include <minimax/proofs/bilinear_flow.hpp>

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

namespace mm = minimax;

TEST_CASE("exercise 7.2 holds from several starts", "[proofs][bilinear_flow]") {
  for (auto [x, y] : {std::pair{1.0, 0.0}, std::pair{1.0, 0.5}, std::pair{-3.0, 2.0}, std::pair{1e-6, -1e-6}}) {
    for (double h : {0.01, 0.1, 0.5}) {
      const auto pr = mm::proofs::bilinear_flow(x, y, h, 40);
      INFO(mm::proofs::to_table(pr));
      CHECK(pr.holds());
      const double r0 = std::hypot(x, y);
      CHECK(std::abs(pr.steps.back().value / r0 - std::pow(1 + h * h, 20.0)) <= 64 * std::numeric_limits<double>::epsilon());
    }
  }
}

TEST_CASE("exercise 7.2: RK4's radius drift is the closed form", "[proofs][bilinear_flow]") {
  // Over one turn with dt = 0.1 (63 steps) the radius^2 shrinks by |R|^{2N}: visible, and exact.
  const double dt = 2 * M_PI / 63;
  const auto pr = mm::proofs::bilinear_flow(2, 0, 0.1, 10, dt);
  REQUIRE(pr.holds());
  const double m2 = 1 - std::pow(dt, 6) / 72 + std::pow(dt, 8) / 576;
  CHECK(std::abs(pr.steps[2].value - 4 * (1 - std::pow(m2, 63))) <= 1e-12);
  CHECK(pr.steps[2].value > 1e-6);
}

TEST_CASE("exercise 7.2: a wrong growth factor fails", "[proofs][bilinear_flow]") {
  auto pr = mm::proofs::bilinear_flow(1, 1, 0.2, 5);
  REQUIRE(pr.holds());
  pr.steps.back().reference.value *= std::pow(1 + 0.2 * 0.2, -0.5);  // one factor sqrt(1 + h^2) short
  CHECK_FALSE(pr.holds());
}

TEST_CASE("bilinear_flow: bad input", "[proofs][bilinear_flow]") {
  CHECK_THROWS_WITH(mm::proofs::bilinear_flow(0, 0), Catch::Matchers::Contains("minimax::proofs::bilinear_flow") &&
                                                         Catch::Matchers::Contains("equilibrium"));
  CHECK_THROWS_AS(mm::proofs::bilinear_flow(std::nan(""), 1), mm::invalid_argument);
  CHECK_THROWS_AS(mm::proofs::bilinear_flow(1, 0, -0.1), mm::invalid_argument);
  CHECK_THROWS_AS(mm::proofs::bilinear_flow(1, 0, 0.1, 0), mm::invalid_argument);
  CHECK_THROWS_AS(mm::proofs::bilinear_flow(1, 0, 0.1, 10, 0.0), mm::invalid_argument);
}
