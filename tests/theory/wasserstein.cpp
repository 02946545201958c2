// Tests of include/minimax/theory/wasserstein.hpp: W1 by cdfs against closed forms (shifted normals:
// |d|, scaled normals: |s1 - s2| sqrt(2/pi), uniforms), the critic is 1-Lipschitz with the slope
// sign(F_Q - F_P), and its objective attains W1.
#include <minimax/prob.hpp>
#include <minimax/theory/wasserstein.hpp>

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

namespace mm = minimax;
constexpr double eps = std::numeric_limits<double>::epsilon();

TEST_CASE("W1 by cdfs: closed forms", "[theory][wasserstein]") {
  const auto check = [](const auto& p, const auto& q, double expected) {
    const mm::estimate w = mm::wasserstein_1_cdf(p, q);
    INFO(w.value << " vs " << expected << ", error " << w.error_estimate);
    CHECK(std::abs(w.value - expected) <= 4 * w.error_estimate + 16 * eps * expected);
    CHECK(w.error_estimate < 1e-9);
  };
  check(mm::normal{0, 1}, mm::normal{2.5, 1}, 2.5);
  check(mm::normal{0, 1}, mm::normal{0, 2}, std::sqrt(2 / M_PI));
  check(mm::uniform{0, 1}, mm::uniform{2, 3}, 2.0);
  check(mm::uniform{0, 1}, mm::uniform{0, 2}, 0.5);
}

TEST_CASE("the critic is 1-Lipschitz with slope sign(F_Q - F_P)", "[theory][wasserstein]") {
  const mm::normal p{0, 1}, q{0, 2};
  const auto f = mm::wasserstein_critic(p, q);
  // The wider Q has more mass in both tails: F_Q - F_P > 0 for x < 0 and < 0 for x > 0, so
  // f = -|x| (up to a constant) and E_P f - E_Q f = E_Q|x| - E_P|x| = (2 - 1) sqrt(2/pi).
  for (double x : {-5.0, -1.0, -0.1, 0.1, 1.0, 5.0}) CHECK(f.slope(x) == (x < 0 ? 1.0 : -1.0));
  CHECK(std::abs((f(3.0) - f(0.0)) + 3.0) <= 16 * eps);
  CHECK(std::abs((f(-2.0) - f(0.0)) + 2.0) <= 16 * eps);
  for (double x = -10; x < 10; x += 0.37) CHECK(std::abs(f(x + 0.37) - f(x)) <= 0.37 + 64 * eps * (1 + std::abs(f(x))));
}
