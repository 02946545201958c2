// Tests of include/minimax/theory/least_squares.hpp: D* against (b p + a q)/(p + q), its conventions,
// the criterion against closed forms (equal: 0, disjoint: 1, pmfs by hand) and bad input.
#include <minimax/prob.hpp>
#include <minimax/theory/least_squares.hpp>

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

namespace mm = minimax;
using Catch::Matchers::Contains;
constexpr double eps = std::numeric_limits<double>::epsilon();

TEST_CASE("LSGAN D* = (b p + a q)/(p + q)", "[theory][least_squares]") {
  const mm::normal p{0, 1}, q{1, 1};
  const auto d = mm::least_squares_discriminator(p, q, -1.0, 1.0);
  for (double x : {-2.0, 0.0, 0.5, 3.0}) {
    const double a = mm::pdf(p, x), b = mm::pdf(q, x);
    CHECK(std::abs(d(x) - (a - b) / (a + b)) <= 8 * eps);
  }
  const auto u = mm::least_squares_discriminator(mm::uniform{0, 1}, mm::uniform{2, 3}, 0.0, 1.0);
  CHECK(u(0.5) == 1.0);
  CHECK(u(2.5) == 0.0);
  CHECK(u(1.5) == 0.5);  // neither: (a + b)/2
}

TEST_CASE("LSGAN criterion: closed forms", "[theory][least_squares]") {
  const auto eq = mm::least_squares_criterion(mm::normal{0, 1}, mm::normal{0, 1}, -1, 1, 0);
  CHECK(std::abs(eq.value) <= 4 * eq.error_estimate + 4 * eps);
  const auto dis = mm::least_squares_criterion(mm::uniform{0, 1}, mm::uniform{2, 3}, -1, 1, 0);
  CHECK(std::abs(dis.value - 1) <= 4 * dis.error_estimate + 4 * eps);
  // pmfs: 1/2 sum (p - q)^2/(p + q).
  const auto a = mm::pmf::from({0.2, 0.8}), b = mm::pmf::from({0.6, 0.4});
  const double expected = 0.5 * (0.16 / 0.8 + 0.16 / 1.2);
  const auto c = mm::least_squares_criterion(a, b, -1, 1, 0);
  CHECK(std::abs(c.value - expected) <= 4 * c.error_estimate + 8 * eps);
}

TEST_CASE("LSGAN: bad input", "[theory][least_squares]") {
  CHECK_THROWS_WITH(mm::least_squares_discriminator(mm::normal{0, 1}, mm::normal{1, 1}, std::nan(""), 1.0),
                    Contains("minimax::least_squares_discriminator") && Contains("a must be finite"));
  CHECK_THROWS_AS(mm::least_squares_criterion(mm::pmf::from({1.0}), mm::pmf::from({0.5, 0.5}), -1, 1, 0),
                  mm::invalid_argument);
}
