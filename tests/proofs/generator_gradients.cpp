// Tests of include/minimax/proofs/generator_gradients.hpp: Arjovsky & Bottou's Theorem 2.4 on
// disjoint uniforms (the bound, the linear rate, the non-saturating contrast) and Theorem 2.5 over
// the family of full-support P_r, with the closed form d KL(N(mu, sigma^2) || N(0, 1)) = (mu, sigma - 1/sigma).
#include <minimax/proofs/generator_gradients.hpp>

#include <catch2/catch.hpp>
#include <cmath>

namespace mm = minimax;

TEST_CASE("Theorem 2.4: the gradient vanishes with the bound, on several disjoint pairs", "[proofs][generator_gradients]") {
  for (auto [r, a, b] : {std::tuple{mm::uniform{0, 1}, 2.0, 1.0}, std::tuple{mm::uniform{0, 1}, 1.0, 0.5},
                         std::tuple{mm::uniform{10, 11}, -5.0, 3.0}, std::tuple{mm::uniform{-1, 0}, 100.0, 0.01}}) {
    const auto pr = mm::proofs::vanishing_gradient(r, a, b);
    INFO(mm::proofs::to_table(pr));
    CHECK(pr.holds());
    // Linear in eps: the ratio of the gradients at eps = 1e-4 and 1e-8 is 1e4 to first order.
    CHECK(std::abs(pr.steps[2].value / pr.steps[3].value - 1e4) <= 1e4 * 1e-4);
  }
}

TEST_CASE("Theorem 2.4: the limit -E[u'(a + b z)(1, z)] in closed form", "[proofs][generator_gradients]") {
  // u' = cos/3; over z in [0, 1]: E[cos(a + bz)] = (sin(a+b) - sin a)/b and, by parts,
  // E[z cos(a + bz)] = sin(a+b)/b + (cos(a+b) - cos a)/b^2.
  const double a = 2, b = 1;
  const double e0 = (std::sin(a + b) - std::sin(a)) / b / 3;
  const double e1 = (std::sin(a + b) / b + (std::cos(a + b) - std::cos(a)) / (b * b)) / 3;
  const auto pr = mm::proofs::vanishing_gradient(mm::uniform{0, 1}, a, b);
  CHECK(std::abs(pr.steps[3].value / 1e-8 - std::hypot(e0, e1)) <= 1e-7);
}

TEST_CASE("Theorem 2.4: bad input", "[proofs][generator_gradients]") {
  CHECK_THROWS_WITH(mm::proofs::vanishing_gradient(mm::uniform{0, 1}, 0.5, 1),
                    Catch::Matchers::Contains("minimax::proofs::vanishing_gradient") && Catch::Matchers::Contains("disjoint"));
  CHECK_THROWS_AS(mm::proofs::vanishing_gradient(mm::uniform{0, 1}, 2, 0), mm::invalid_argument);
  CHECK_THROWS_AS(mm::proofs::vanishing_gradient(mm::uniform{0, 1}, std::nan(""), 1), mm::invalid_argument);
}

TEST_CASE("Theorem 2.5 over full-support P_r", "[proofs][generator_gradients]") {
  const mm::mixture heavy{{0.9, 0.1}, {mm::normal{0, 1}, mm::normal{0, 10}}};
  const mm::mixture bimodal{{0.5, 0.5}, {mm::normal{-3, 0.5}, mm::normal{3, 0.5}}};
  for (const auto& g : {mm::normal{0, 1}, mm::normal{1, 2}, mm::normal{-2, 0.5}}) {
    for (const auto& pr : {mm::proofs::non_saturating_gradient(mm::normal{0, 1}, g),
                           mm::proofs::non_saturating_gradient(mm::normal{0, 3}, g),
                           mm::proofs::non_saturating_gradient(heavy, g), mm::proofs::non_saturating_gradient(bimodal, g)}) {
      INFO(mm::proofs::to_table(pr));
      CHECK(pr.holds());
    }
  }
}

TEST_CASE("Theorem 2.5: closed-form KL gradient for P_r = N(0, 1)", "[proofs][generator_gradients]") {
  const double mu = 1.5, sigma = 0.7;
  const auto pr = mm::proofs::non_saturating_gradient(mm::normal{0, 1}, mm::normal{mu, sigma});
  REQUIRE(pr.holds());
  CHECK(std::abs(pr.steps[2].value - mu) <= 4 * pr.steps[2].error_estimate + 1e-15);
  CHECK(std::abs(pr.steps[7].value - (sigma - 1 / sigma)) <= 4 * pr.steps[7].error_estimate + 1e-15);
  // At P_g = P_r every gradient vanishes: D* = 1/2, log D* constant, E[score] = 0.
  const auto equal = mm::proofs::non_saturating_gradient(mm::normal{0, 1}, mm::normal{0, 1});
  for (const auto& s : equal.steps) CHECK(std::abs(s.value) <= 4 * s.error_estimate + 1e-15);
}

TEST_CASE("Theorem 2.5: P_r must cover P_g", "[proofs][generator_gradients]") {
  CHECK_THROWS_AS(mm::proofs::non_saturating_gradient(mm::uniform{-1, 1}, mm::normal{0, 1}), mm::domain_error);
  CHECK_THROWS_WITH(mm::proofs::non_saturating_gradient(mm::uniform{-1, 1}, mm::normal{0, 1}),
                    Catch::Matchers::Contains("minimax::proofs::non_saturating_gradient"));
}
