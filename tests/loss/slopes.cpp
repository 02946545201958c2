// The losses' analytic slopes equal the derivatives dual numbers give, over the whole real line.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "minimax/core/dual.hpp"
#include "minimax/loss/minimax.hpp"
#include "minimax/loss/non_saturating.hpp"
#include "minimax/loss/wasserstein.hpp"

namespace {

template <class Loss>
void check_slopes(const Loss& loss) {
  using minimax::dual;
  for (double v = -700; v <= 700; v += v > -40 && v < 40 ? 0.37 : 13.1) {
    INFO("v = " << v);
    const double eps = std::numeric_limits<double>::epsilon();
    const double g = loss.generator(dual<double>(v, 1.0)).derivative;
    const double r = loss.discriminator_real(dual<double>(v, 1.0)).derivative;
    const double f = loss.discriminator_fake(dual<double>(v, 1.0)).derivative;
    CHECK(std::abs(loss.generator_slope(v) - g) <= 4 * eps * std::abs(g));
    CHECK(std::abs(loss.discriminator_real_slope(v) - r) <= 4 * eps * std::abs(r));
    CHECK(std::abs(loss.discriminator_fake_slope(v) - f) <= 4 * eps * std::abs(f));
  }
}

}  // namespace

TEST_CASE("analytic slopes of the minimax, non-saturating and Wasserstein losses") {
  check_slopes(minimax::loss::minimax{});
  check_slopes(minimax::loss::non_saturating{});
  check_slopes(minimax::loss::wasserstein{});
  // Known values: sigma(0) = 1/2.
  CHECK(minimax::loss::non_saturating{}.generator_slope(0.0) == -0.5);
  CHECK(minimax::loss::minimax{}.discriminator_fake_slope(0.0) == 0.5);
}
