// Tests of include/minimax/proofs/discriminator_optimality.hpp: Proposition 1 holds over the hard
// family; the perturbed discriminators lose by the second-order amount; a wrong D is caught.
#include <minimax/proofs/discriminator_optimality.hpp>

#include <catch2/catch.hpp>
#include <cmath>

#include "family.hpp"

namespace mm = minimax;

TEST_CASE("Proposition 1 holds at every step over the hard family", "[proofs][discriminator_optimality]") {
  mm::test::for_each_pair([](const std::string& name, const auto& p, const auto& q) {
    INFO(name);
    const auto pr = mm::proofs::discriminator_optimality(p, q);
    INFO(mm::proofs::to_table(pr));
    CHECK(pr.holds());
    CHECK(pr.steps.size() == 7);
  });
}

TEST_CASE("Proposition 1: perturbations lose strictly where both densities overlap", "[proofs][discriminator_optimality]") {
  const auto pr = mm::proofs::discriminator_optimality(mm::normal{0, 1}, mm::normal{1, 1});
  // V(D*) - V(D_delta) = delta^2/2 int (p+q) D*(1-D*) tanh^2 + O(delta^3) > 0: far above the errors.
  for (std::size_t k = 1; k <= 4; ++k) {
    CHECK(pr.steps[k].reference.value - pr.steps[k].value > 100 * pr.steps[k].tolerance());
  }
  CHECK(pr.steps[5].value <= 1e-7);
}

TEST_CASE("Proposition 1: a discriminator other than D* would fail the argmax step", "[proofs][discriminator_optimality]") {
  // The pointwise step compares with D*: a y that is not a/(a+b) differs by far more than the
  // Brent bracket. Here the step is rebuilt with D = q/(p+q) in place of D*.
  auto pr = mm::proofs::discriminator_optimality(mm::normal{0, 1}, mm::normal{1, 1});
  auto& s = pr.steps[5];
  const double wrong = std::abs(mm::sigmoid(0.5 - 2.0) - mm::sigmoid(2.0 - 0.5));  // at x = 2
  s.value = wrong;
  CHECK_FALSE(pr.holds());
}
