// Tests for include/minimax/core/error.hpp: the message names the function and the value, and the
// exception types derive from the standard ones a caller catches.
#include <catch2/catch.hpp>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

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

// Where the standard library has no floating-point std::to_chars (WebAssembly's libc++), values are
// printed by shortest_text_by_printf: it must read back to the same value with the fewest significant
// digits that do (one fewer does not), as many as std::to_chars' shortest form where that exists, so
// a message reads the same on every platform. The WebAssembly build runs this test too.
TEST_CASE("errors: the printf fallback prints the shortest round-trip text", "[core][error]") {
  const auto significant_digits = [](const std::string& text) {
    const std::string mantissa = text.substr(0, text.find_first_of("eE"));
    std::string digits;
    for (char c : mantissa)
      if (c >= '0' && c <= '9') digits += c;
    const auto first = digits.find_first_not_of('0');
    if (first == std::string::npos) return 1;
    digits = digits.substr(first);
    return static_cast<int>(digits.find_last_not_of('0') + 1);
  };
  const auto reads_back = [](auto x, int digits) {
    char buffer[64];
    const int length = std::snprintf(buffer, sizeof buffer, "%.*Lg", digits, static_cast<long double>(x));
    return length > 0 && length < static_cast<int>(sizeof buffer) && static_cast<decltype(x)>(std::strtold(buffer, nullptr)) == x;
  };
  std::mt19937_64 bits(20261204);
  std::vector<double> values{0.1, 1.0 / 3, -2.5, 1e-300, 5e-324, 1.7976931348623157e308, 123456789.0, 1e16, 0.0,
                             -0.0, 2.0 / 3, 1e-5, 100.0};
  for (int i = 0; i < 2000; ++i) {
    const std::uint64_t u = bits();
    double x;
    std::memcpy(&x, &u, sizeof x);
    if (std::isfinite(x)) values.push_back(x);
  }
  const auto check_shortest = [&](auto x) {
    const std::string text = mm::detail::shortest_text_by_printf(x);
    INFO("x printed as " << text);
    CHECK(static_cast<decltype(x)>(std::strtold(text.c_str(), nullptr)) == x);
    CHECK(std::signbit(std::strtold(text.c_str(), nullptr)) == std::signbit(x));
    const int digits = significant_digits(text);
    if (digits > 1) CHECK_FALSE(reads_back(x, digits - 1));
#if defined(__cpp_lib_to_chars)
    // std::to_chars' shortest digits, in scientific form (the plain form may print an integral
    // value's digits in full instead)
    char buffer[64];
    const auto end = std::to_chars(buffer, buffer + sizeof buffer, x, std::chars_format::scientific).ptr;
    CHECK(digits == significant_digits(std::string(buffer, end)));
#endif
  };
  for (const double x : values) check_shortest(x);
  for (const float x : {0.1f, 1.0f / 3, 3.4028235e38f, 1e-45f, -7.5f}) check_shortest(x);
  CHECK(mm::detail::shortest_text_by_printf(std::numeric_limits<double>::quiet_NaN()) == "nan");
  CHECK(mm::detail::shortest_text_by_printf(-std::numeric_limits<double>::infinity()) == "-inf");
  CHECK(mm::detail::to_text(0.1) == "0.1");
  CHECK(mm::detail::to_text(-2.5) == "-2.5");
}
