// Tests of include/minimax/proofs/wasserstein_duality.hpp: 1-D duality over the density family and
// BEGAN's bound, with the closed forms W1 = |d| (shift: the bound is tight) and sqrt(2/pi) (scale).
// Mixtures are left out: their quantile function is a root search, and the quantile line of the
// proof integrates it adaptively (minutes in a debug build).
#include <minimax/proofs/wasserstein_duality.hpp>

#include <catch2/catch.hpp>
#include <cmath>

#include "family.hpp"

namespace mm = minimax;

TEST_CASE("W1 duality in 1-D over the density family", "[proofs][wasserstein_duality]") {
  mm::test::for_each_density_pair([](const std::string& name, const auto& p, const auto& q) {
    if (name.find("mixture") != std::string::npos) return;
    INFO(name);
    const auto pr = mm::proofs::wasserstein_duality(p, q);
    INFO(mm::proofs::to_table(pr));
    CHECK(pr.holds());
  });
}

TEST_CASE("W1 duality: values", "[proofs][wasserstein_duality]") {
  const auto pr = mm::proofs::wasserstein_duality(mm::normal{0, 1}, mm::normal{0, 2});
  for (std::size_t k = 0; k < 3; ++k) CHECK(std::abs(pr.steps[k].value - std::sqrt(2 / M_PI)) <= 4 * pr.steps[k].error_estimate + 1e-15);
  // Equal means: BEGAN's bound is 0 here, far from W1.
  CHECK(pr.steps[3].value < 1e-12);
}

TEST_CASE("BEGAN's bound over the density family; tight for shifts", "[proofs][wasserstein_duality]") {
  mm::test::for_each_density_pair([](const std::string& name, const auto& p, const auto& q) {
    if (name.find("mixture") != std::string::npos) return;
    INFO(name);
    CHECK(mm::proofs::began_bound(p, q).holds());
  });
  const auto shift = mm::proofs::began_bound(mm::normal{0, 1}, mm::normal{3, 1});
  CHECK(std::abs(shift.steps[0].value - 3) <= 4 * shift.steps[0].error_estimate);
  CHECK(std::abs(shift.steps[1].value - 3) <= 1e-15);
  auto wrong = shift;
  wrong.steps[1].value = 3.1;  // a claimed bound above W1 fails
  CHECK_FALSE(wrong.holds());
}
