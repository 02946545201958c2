// Tests of include/minimax/theory/value_function.hpp: V(1/2) = -log 4 for every pair, V(D*) = C(G)
// = -log 4 + 2 JSD against the library's jsd (pmfs) and closed forms (uniforms), D* beats other
// discriminators, the non-saturating loss at D*, -inf/+inf edges and bad input.
#include <minimax/divergence/jsd.hpp>
#include <minimax/prob.hpp>
#include <minimax/theory/value_function.hpp>

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "../proofs/family.hpp"

namespace mm = minimax;
using Catch::Matchers::Contains;
constexpr double eps = std::numeric_limits<double>::epsilon();

TEST_CASE("V(D = 1/2, G) = -log 4 for every pair", "[theory][value_function]") {
  mm::test::for_each_pair([](const std::string& name, const auto& p, const auto& q) {
    INFO(name);
    const auto half = [](auto) { return 0.5; };
    const mm::estimate v = mm::value_function(half, p, q);
    CHECK(std::abs(v.value + std::log(4.0)) <= 4 * v.error_estimate + 8 * eps);
    CHECK(v.error_estimate < 1e-12);
  });
}

TEST_CASE("C(G) = V(D*) >= V(D) and C lies in [-log 4, 0]", "[theory][value_function]") {
  mm::test::for_each_pair([](const std::string& name, const auto& p, const auto& q) {
    INFO(name);
    const mm::estimate c = mm::virtual_training_criterion(p, q);
    CHECK(c.value >= -std::log(4.0) - 4 * c.error_estimate - 8 * eps);
    CHECK(c.value <= 4 * c.error_estimate + 8 * eps);
    const auto other = [](auto x) { return 0.25 + 0.5 * ((static_cast<long>(std::floor(static_cast<double>(x))) % 2 == 0)); };
    const mm::estimate v = mm::value_function(other, p, q);
    CHECK(v.value <= c.value + 4 * (v.error_estimate + c.error_estimate));
  });
}

TEST_CASE("C(G) against closed forms and the library's JSD", "[theory][value_function]") {
  const double log4 = std::log(4.0);
  const auto disjoint = mm::virtual_training_criterion(mm::uniform{0, 1}, mm::uniform{2, 3});
  CHECK(std::abs(disjoint.value) <= 4 * disjoint.error_estimate + 8 * eps);
  const auto half = mm::virtual_training_criterion(mm::uniform{0, 2}, mm::uniform{1, 3});
  CHECK(std::abs(half.value + std::log(2.0)) <= 4 * half.error_estimate + 8 * eps);
  const auto p = mm::pmf::from({0.1, 0.2, 0.3, 0.4, 0.0}), q = mm::pmf::from({0.0, 0.4, 0.3, 0.2, 0.1});
  const auto c = mm::virtual_training_criterion(p, q);
  const double reference = -log4 + 2 * mm::jsd(p, q);
  CHECK(std::abs(c.value - reference) <= 4 * c.error_estimate + 8 * eps);
  const double as_double = mm::virtual_training_criterion(p, q);  // converts
  CHECK(as_double == c.value);
}

TEST_CASE("non-saturating loss at D*: E_q[-log D*] for disjoint, equal and pmf pairs", "[theory][value_function]") {
  // Equal: -log(1/2) = log 2; disjoint: D* = 0 on p_g's support, the loss is +inf.
  const auto equal = mm::non_saturating_generator_loss(mm::optimal_discriminator(mm::normal{0, 1}, mm::normal{0, 1}),
                                                       mm::normal{0, 1}, mm::normal{0, 1});
  CHECK(std::abs(equal.value - std::log(2.0)) <= 4 * equal.error_estimate + 8 * eps);
  const auto p = mm::uniform{0, 1}, q = mm::uniform{2, 3};
  CHECK(mm::non_saturating_generator_loss(mm::optimal_discriminator(p, q), p, q).value ==
        std::numeric_limits<double>::infinity());
  // pmfs: -sum q_i log(p_i/(p_i+q_i)).
  const auto a = mm::pmf::from({0.5, 0.5}), b = mm::pmf::from({0.25, 0.75});
  const double expected = -(0.25 * std::log(0.5 / 0.75) + 0.75 * std::log(0.5 / 1.25));
  const auto ns = mm::non_saturating_generator_loss(mm::optimal_discriminator(a, b), a, b);
  CHECK(std::abs(ns.value - expected) <= 4 * ns.error_estimate + 8 * eps);
}

TEST_CASE("V is -inf when D = 0 on p_data's support", "[theory][value_function]") {
  const auto zero = [](double) { return 0.0; };
  CHECK(mm::value_function(zero, mm::normal{0, 1}, mm::normal{1, 1}).value == -std::numeric_limits<double>::infinity());
  // ... but not when D = 0 only where p_data vanishes (0 log 0 = 0).
  const auto d = [](double x) { return x < 1.5 ? 1.0 : 0.0; };
  const auto v = mm::value_function(d, mm::uniform{0, 1}, mm::uniform{2, 3});
  CHECK(std::abs(v.value) <= 4 * v.error_estimate);
}

TEST_CASE("value_function: bad input", "[theory][value_function]") {
  const auto outside = [](double x) { return x > 0 ? 1.5 : 0.5; };
  CHECK_THROWS_AS(mm::value_function(outside, mm::normal{0, 1}, mm::normal{1, 1}), mm::invalid_argument);
  CHECK_THROWS_WITH(mm::value_function(outside, mm::normal{0, 1}, mm::normal{1, 1}),
                    Contains("minimax::value_function") && Contains("[0, 1]") && Contains("1.5"));
  const auto nan = [](Eigen::Index) { return std::numeric_limits<double>::quiet_NaN(); };
  CHECK_THROWS_AS(mm::value_function(nan, mm::pmf::from({0.5, 0.5}), mm::pmf::from({0.5, 0.5})), mm::invalid_argument);
  const auto half = [](Eigen::Index) { return 0.5; };
  CHECK_THROWS_WITH(mm::value_function(half, mm::pmf::from({0.5, 0.5}), mm::pmf::from({0.2, 0.3, 0.5})),
                    Contains("minimax::value_function") && Contains("2 and 3"));
  CHECK_THROWS_AS(mm::virtual_training_criterion(mm::pmf::from({1.0}), mm::pmf::from({0.5, 0.5})),
                  mm::invalid_argument);
}
