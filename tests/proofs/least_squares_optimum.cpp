// Tests of include/minimax/proofs/least_squares_optimum.hpp: the LSGAN result over the hard family,
// other admissible targets, known values, bad targets.
#include <minimax/proofs/least_squares_optimum.hpp>

#include <catch2/catch.hpp>
#include <cmath>

#include "family.hpp"

namespace mm = minimax;
using Catch::Matchers::Contains;

TEST_CASE("LSGAN: C = (1/2) Pearson chi2(p_data + p_g || 2 p_g) over the hard family", "[proofs][least_squares_optimum]") {
  mm::test::for_each_pair([](const std::string& name, const auto& p, const auto& q) {
    INFO(name);
    const auto pr = mm::proofs::least_squares_optimum(p, q);
    INFO(mm::proofs::to_table(pr));
    CHECK(pr.holds());
    const auto other = mm::proofs::least_squares_optimum(p, q, 0.0, 2.0, 1.0);  // b - c = 1, b - a = 2
    CHECK(other.holds());
  });
}

TEST_CASE("LSGAN: disjoint supports give 1", "[proofs][least_squares_optimum]") {
  const auto pr = mm::proofs::least_squares_optimum(mm::uniform{0, 1}, mm::uniform{2, 3});
  for (std::size_t k = 0; k < 3; ++k) CHECK(std::abs(pr.steps[k].value - 1) <= 4 * pr.steps[k].error_estimate + 1e-15);
}

TEST_CASE("LSGAN: targets that do not satisfy b - c = 1, b - a = 2", "[proofs][least_squares_optimum]") {
  CHECK_THROWS_WITH(mm::proofs::least_squares_optimum(mm::normal{0, 1}, mm::normal{1, 1}, 0.0, 1.0, 1.0),
                    Contains("minimax::proofs::least_squares_optimum") && Contains("b - c = 1"));
}
