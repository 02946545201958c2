// Tests for include/minimax/core/error.hpp: the message names the function and the value, and the
// exception types derive from the standard ones a caller catches.
#include <catch2/catch.hpp>

#include <limits>
#include <stdexcept>
#include <string>

#include <minimax/core/error.hpp>

namespace mm = minimax;

TEST_CASE("errors name the function and the value", "[core][error]") {
  try {
    mm::require_positive("minimax::normal", "sigma", -1.5);
    FAIL("no exception");
  } catch (const std::invalid_argument& e) {
    CHECK(std::string(e.what()) == "minimax::normal: sigma must be positive and finite, got -1.5");
  }
  try {
    mm::require_finite("minimax::f", "x", std::numeric_limits<double>::quiet_NaN());
    FAIL("no exception");
  } catch (const mm::invalid_argument& e) {
    CHECK(std::string(e.what()) == "minimax::f: x must be finite, got nan");
  }
  // the shortest round-trip text: no digits lost, none invented
  CHECK_THROWS_WITH(mm::require_non_negative("g", "w", -0.1), "g: w must be non-negative and finite, got -0.1");
  CHECK_THROWS_WITH(mm::require_positive("g", "w", std::numeric_limits<double>::infinity()),
                    "g: w must be positive and finite, got inf");
  CHECK_THROWS_WITH(mm::require_same_size("kl", "p and q", 3, 4), "kl: p and q must have the same size, got 3 and 4");
  CHECK_THROWS_AS(mm::require_non_empty("kl", "p", 0), std::invalid_argument);
  CHECK_THROWS_AS(mm::raise_domain_error("quantile", "p must lie in [0, 1]", 1.5), std::domain_error);
  CHECK_THROWS_WITH(mm::raise_domain_error("quantile", "p must lie in [0, 1]", 1.5),
                    "quantile: p must lie in [0, 1], got 1.5");
  CHECK_NOTHROW(mm::require_positive("g", "w", 1e-300));
  CHECK_NOTHROW(mm::require_non_negative("g", "w", 0.0));
  CHECK_NOTHROW(mm::require_same_size("kl", "p and q", 4, 4));
}
