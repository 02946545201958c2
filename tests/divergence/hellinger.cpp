// Tests of include/minimax/divergence/hellinger.hpp against the Bhattacharyya identity and hand values.
#include <minimax/divergence/hellinger.hpp>

#include <catch2/catch.hpp>
#include <cmath>
#include <rapidcheck/catch.h>
#include <vector>

namespace mm = minimax;
using Catch::Matchers::Contains;

TEST_CASE("squared Hellinger: hand values and the range [0, 2]", "[hellinger]") {
  Eigen::VectorXd p(2), q(2), a(2), b(2);
  p << 0.25, 0.75;
  q << 0.75, 0.25;
  // (1/2 - sqrt(3)/2)^2 * 2 = (1 - sqrt 3)^2 / 2 = 2 - sqrt 3
  CHECK(mm::squared_hellinger(p, q) == Approx(2 - std::sqrt(3.0)).epsilon(8e-16));
  CHECK(mm::hellinger_distance(p, q) == Approx(std::sqrt(1 - std::sqrt(3.0) / 2)).epsilon(8e-16));
  a << 1.0, 0.0;
  b << 0.0, 1.0;
  CHECK(mm::squared_hellinger(a, b) == 2.0);
  CHECK(mm::hellinger_distance(a, b) == 1.0);
  CHECK(mm::hellinger_distance(p, p) == 0.0);
  CHECK_THROWS_WITH(mm::hellinger_distance(p, Eigen::VectorXd(0)), Contains("minimax::hellinger_distance:"));
}

TEST_CASE("squared Hellinger = 2 (1 - Bhattacharyya coefficient) on random pmfs", "[hellinger][property]") {
  rc::prop("identity", [] {
    const auto n = *rc::gen::inRange<std::size_t>(1, 300);
    auto w = *rc::gen::container<std::vector<unsigned>>(n, rc::gen::inRange<unsigned>(0, 20));
    auto v = *rc::gen::container<std::vector<unsigned>>(n, rc::gen::inRange<unsigned>(0, 20));
    w[0] += 1;
    v[0] += 1;
    Eigen::VectorXd p(static_cast<Eigen::Index>(n)), q(static_cast<Eigen::Index>(n));
    double sw = 0, sv = 0;
    for (std::size_t i = 0; i < n; ++i) sw += w[i], sv += v[i];
    for (std::size_t i = 0; i < n; ++i) p(static_cast<Eigen::Index>(i)) = w[i] / sw, q(static_cast<Eigen::Index>(i)) = v[i] / sv;
    const double bc = (p.array() * q.array()).sqrt().sum();
    RC_ASSERT(std::abs(mm::squared_hellinger(p, q) - 2 * (1 - bc)) <= 1e-13);
    RC_ASSERT(mm::hellinger_distance(p, q) >= 0.0);
    RC_ASSERT(mm::hellinger_distance(p, q) <= 1.0);
  });
}
