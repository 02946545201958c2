// Tests of include/minimax/proofs/minimax_maximin.hpp: over pmfs with and without zeros, the
// minimax generator is p_data and the inner-loop generator collapses onto argmax D; against a
// uniform q_0, D* = p/(p + 1/n) and the collapse is onto the data's mode, with C(delta_j) in closed form.
#include <minimax/proofs/minimax_maximin.hpp>

#include <catch2/catch.hpp>
#include <cmath>

namespace mm = minimax;

TEST_CASE("minimax vs maximin holds over pmfs", "[proofs][minimax_maximin]") {
  for (const auto& p : {mm::pmf::from({0.1, 0.2, 0.4, 0.3}), mm::pmf::from({0.5, 0.5, 0.0, 0.0}),
                        mm::pmf::from({0.97, 0.01, 0.01, 0.01}), mm::pmf::from({1e-300, 0.5, 0.5 - 1e-300, 0.0})}) {
    for (const auto& q : {mm::pmf::uniform(4), mm::pmf::from({0.4, 0.3, 0.2, 0.1})}) {
      const auto pr = mm::proofs::minimax_maximin(p, q);
      INFO(mm::proofs::to_table(pr));
      CHECK(pr.holds());
    }
  }
}

TEST_CASE("against a uniform q_0 the inner generator collapses onto the data's mode", "[proofs][minimax_maximin]") {
  const auto p = mm::pmf::from({0.1, 0.2, 0.4, 0.3});
  const auto pr = mm::proofs::minimax_maximin(p, mm::pmf::uniform(4));
  REQUIRE(pr.holds());
  // j = 2 (p = 0.4): C(delta_2) = 0.4 log(0.4/1.4) - log 1.4.
  CHECK(std::abs(pr.steps[5].value - (0.4 * std::log(0.4 / 1.4) - std::log(1.4))) <= 1e-15);
  // V(D, delta_2) = sum p log(p/(p + 1/4)) + log(1 - 0.4/0.65).
  double v = std::log(1 - 0.4 / 0.65);
  for (Eigen::Index i = 0; i < 4; ++i) v += p[i] * std::log(p[i] / (p[i] + 0.25));
  CHECK(std::abs(pr.steps[4].reference.value - v) <= 1e-14);
}

TEST_CASE("minimax_maximin: bad input", "[proofs][minimax_maximin]") {
  CHECK_THROWS_AS(mm::proofs::minimax_maximin(mm::pmf::from({0.5, 0.5}), mm::pmf::uniform(3)), mm::invalid_argument);
  CHECK_THROWS_WITH(mm::proofs::minimax_maximin(mm::pmf::from({0.5, 0.5}), mm::pmf::from({1.0, 0.0})),
                    Catch::Matchers::Contains("minimax::proofs::minimax_maximin") && Catch::Matchers::Contains("q_0[1]"));
  CHECK_THROWS_AS(mm::proofs::minimax_maximin(mm::pmf::uniform(2), mm::pmf::uniform(2), 0), mm::invalid_argument);
  CHECK_THROWS_AS(mm::proofs::minimax_maximin(mm::pmf::uniform(2), mm::pmf::uniform(2), 10, -1.0), mm::invalid_argument);
}
