// Tour section: the quadrature adaptor on integrals with closed forms.
#include <cmath>
#include <limits>
#include <numbers>
#include <string>

#include <minimax/quadrature.hpp>

#include "tour.hpp"

//! [quadrature tour]
MINIMAX_TOUR_SECTION(210, "quadrature: integrate() on known integrals (rule chosen from the bounds)") {
  namespace mm = minimax;
  constexpr double inf = std::numeric_limits<double>::infinity();
  const auto show = [&r](const std::string& what, const mm::quadrature_result<double>& q, double exact, double rel) {
    r.check(what + " [" + std::string(mm::to_string(q.method)) + "]", q.value, exact, rel * std::abs(exact));
    r.check_that("  |error| <= 10 x its estimate + rounding (" + std::to_string(q.evaluations) + " evaluations)",
                 std::abs(q.value - exact) <= 10 * q.error_estimate + 16 * 2.3e-16 * std::abs(exact));
  };
  show("int_0^1 x^7 = 1/8", mm::integrate([](double x) { return std::pow(x, 7); }, 0, 1), 0.125, 1e-14);
  show("int_0^1 log x = -1 (endpoint singularity)", mm::integrate([](double x) { return std::log(x); }, 0, 1), -1.0, 1e-13);
  show("int exp(-x^2) = sqrt(pi)", mm::integrate([](double x) { return std::exp(-x * x); }, -inf, inf),
       std::sqrt(std::numbers::pi), 1e-14);
  show("int_0^inf exp(-x) = 1", mm::integrate([](double x) { return std::exp(-x); }, 0, inf), 1.0, 1e-14);
  show("int x^2 phi(x) = 1 (the normal's variance)",
       mm::integrate([](double x) { return x * x * std::exp(-x * x / 2) / std::sqrt(2 * std::numbers::pi); }, -inf, inf),
       1.0, 1e-13);
  show("Gauss-Kronrod 31: int 1/(1+x^2) = pi",
       mm::integrate_gauss_kronrod<31>([](double x) { return 1 / (1 + x * x); }, -inf, inf), std::numbers::pi, 1e-12);
  bool threw = false;
  try {
    (void)mm::integrate([](double x) { return std::sqrt(x - 0.5); }, 0.0, 1.0);
  } catch (const mm::domain_error&) {
    threw = true;
  }
  r.check_that("a NaN from the integrand is an error naming x, not a silent NaN", threw);
}
//! [quadrature tour]
