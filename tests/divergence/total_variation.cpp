// Tests of include/minimax/divergence/total_variation.hpp against hand-computed values and sup_A.
#include <minimax/divergence/total_variation.hpp>

#include <catch2/catch.hpp>
#include <cmath>
#include <rapidcheck/catch.h>
#include <vector>

namespace mm = minimax;
using Catch::Matchers::Contains;

TEST_CASE("total variation: hand values, disjoint supports give 1", "[tv]") {
  Eigen::VectorXd p(3), q(3), a(2), b(2);
  p << 0.2, 0.3, 0.5;
  q << 0.1, 0.6, 0.3;
  CHECK(mm::total_variation(p, q) == Approx(0.3).epsilon(4e-16));  // (0.1 + 0.3 + 0.2)/2
  a << 1.0, 0.0;
  b << 0.0, 1.0;
  CHECK(mm::total_variation(a, b) == 1.0);
  CHECK(mm::total_variation(p, p) == 0.0);
  CHECK(mm::total_variation(p, q) == mm::f_divergence<mm::f::total_variation>(p, q));
  CHECK_THROWS_WITH(mm::total_variation(p, a), Contains("minimax::total_variation: p and q must have the same size"));
}

TEST_CASE("total variation equals sup over events |P(A) - Q(A)| (brute force over all subsets)", "[tv][property]") {
  rc::prop("TV = max_A |P(A) - Q(A)|", [] {
    const auto n = *rc::gen::inRange<std::size_t>(1, 10);
    auto w = *rc::gen::container<std::vector<unsigned>>(n, rc::gen::inRange<unsigned>(0, 20));
    auto v = *rc::gen::container<std::vector<unsigned>>(n, rc::gen::inRange<unsigned>(0, 20));
    w[0] += 1;
    v[0] += 1;
    Eigen::VectorXd p(static_cast<Eigen::Index>(n)), q(static_cast<Eigen::Index>(n));
    double sw = 0, sv = 0;
    for (std::size_t i = 0; i < n; ++i) sw += w[i], sv += v[i];
    for (std::size_t i = 0; i < n; ++i) p(static_cast<Eigen::Index>(i)) = w[i] / sw, q(static_cast<Eigen::Index>(i)) = v[i] / sv;
    double best = 0;
    for (unsigned mask = 0; mask < (1u << n); ++mask) {
      double d = 0;
      for (std::size_t i = 0; i < n; ++i)
        if (mask & (1u << i)) d += p(static_cast<Eigen::Index>(i)) - q(static_cast<Eigen::Index>(i));
      best = std::max(best, std::abs(d));
    }
    RC_ASSERT(std::abs(mm::total_variation(p, q) - best) <= 1e-15);
  });
}
