// Tests for include/minimax/quadrature/integrate.hpp: integrals with closed forms, to relative 1e-10
// or better, on finite, half-infinite and infinite ranges, with an endpoint singularity; the error
// estimate bounds the true error; and every bad input.
#include <catch2/catch.hpp>

#include <cmath>
#include <type_traits>
#include <limits>
#include <numbers>
#include <string>

#include <minimax/quadrature/integrate.hpp>

namespace mm = minimax;

namespace {
constexpr double eps = std::numeric_limits<double>::epsilon();
constexpr double inf = std::numeric_limits<double>::infinity();

// |value - exact| within the relative target, and within a small multiple of the error estimate
// (plus rounding): the estimate is a real bound, not decoration.
void check_known(const mm::quadrature_result<double>& r, double exact, double relative) {
  INFO("value " << r.value << " exact " << exact << " estimate " << r.error_estimate);
  CHECK(std::abs(r.value - exact) <= relative * std::abs(exact));
  CHECK(std::abs(r.value - exact) <= 10 * r.error_estimate + 16 * eps * std::abs(exact));
  CHECK(r.evaluations > 0);
  CHECK(r.l1_norm >= std::abs(r.value) * (1 - 1e-12));
}
}  // namespace

// A quadrature result is a minimax::estimate with the rule's diagnostics: the theory takes it as one.
static_assert(std::is_base_of_v<mm::estimate, mm::quadrature_result<double>>);
static_assert(std::is_base_of_v<mm::basic_estimate<long double>, mm::quadrature_result<long double>>);

TEST_CASE("integrate: the result is an estimate of the integral, its value and error as the rule's", "[quadrature]") {
  const auto r = mm::integrate([](double x) { return std::exp(x); }, 0.0, 1.0);
  const mm::estimate e = r;
  CHECK(e.value == r.value);
  CHECK(e.error_estimate == r.error_estimate);
  const double value = r;
  CHECK(value == r.value);
  // And it is the integral: e - 1 to a few epsilons, within the error the rule claims.
  check_known(r, std::expm1(1.0), 4 * eps);
  CHECK(r.error_estimate > 0);
}

TEST_CASE("integrate: x^k on [0, 1] and [0, 3] by tanh_sinh", "[quadrature]") {
  for (int k = 0; k <= 12; ++k) {
    INFO("k = " << k);
    const auto r = mm::integrate([k](double x) { return std::pow(x, k); }, 0, 1);
    CHECK(r.method == mm::quadrature_method::tanh_sinh);
    check_known(r, 1.0 / (k + 1), 1e-13);
    const auto s = mm::integrate([k](double x) { return std::pow(x, k); }, 0.0, 3.0);
    check_known(s, std::pow(3.0, k + 1) / (k + 1), 1e-13);
  }
}

TEST_CASE("integrate: endpoint singularities on a finite interval", "[quadrature]") {
  check_known(mm::integrate([](double x) { return std::log(x); }, 0, 1), -1.0, 1e-13);
  check_known(mm::integrate([](double x) { return 1 / std::sqrt(x); }, 0, 1), 2.0, 1e-12);
  // int_0^1 log(x) log(1 - x) dx = 2 - pi^2/6
  check_known(mm::integrate([](double x) { return std::log(x) * std::log1p(-x); }, 0, 1),
              2 - std::numbers::pi * std::numbers::pi / 6, 1e-12);
}

TEST_CASE("integrate: an endpoint singularity away from 0 is resolved at the left end as at the right", "[quadrature]") {
  // The left end's abscissae are formed as a + d from the distance d to a: for a = 1, 3 (|a| >= 1/2)
  // they keep their relative accuracy and never round onto a. The mirror images must agree.
  const auto left = mm::integrate([](double x) { return 1 / std::sqrt(x - 1); }, 1, 2);
  const auto right = mm::integrate([](double x) { return 1 / std::sqrt(2 - x); }, 1, 2);
  check_known(left, 2.0, 1e-8);
  check_known(right, 2.0, 1e-8);
  CHECK(std::abs(left.value - right.value) <= 4 * eps);
  check_known(mm::integrate([](double x) { return std::log(x - 3); }, 3, 4), -1.0, 1e-14);
  check_known(mm::integrate([](double x) { return std::log(4 - x); }, 3, 4), -1.0, 1e-14);
}

TEST_CASE("SciPy TestQuad.test_singular: a piecewise integrand, whole and split at its breakpoints", "[quadrature]") {
  // sin x on (0, 2.5), e^-x on [2.5, 5], 0 beyond, over [0, 10]: 1 - cos 2.5 + e^-2.5 - e^-5.
  const auto f = [](double x) { return x < 2.5 ? std::sin(x) : (x <= 5 ? std::exp(-x) : 0.0); };
  const double exact = 1 - std::cos(2.5) + std::exp(-2.5) - std::exp(-5.0);
  // Split at the breakpoints (SciPy's points=[2.5, 5.0]) each piece is smooth.
  const auto a = mm::integrate(f, 0.0, 2.5), b = mm::integrate(f, 2.5, 5.0), c = mm::integrate(f, 5.0, 10.0);
  CHECK(std::abs(a.value + b.value + c.value - exact) <= a.error_estimate + b.error_estimate + c.error_estimate + 8 * eps);
  CHECK(std::abs(a.value + b.value + c.value - exact) <= 1e-14);
  // Whole, the jumps cost accuracy, but the rule must neither abort (an abscissa rounding onto
  // a = 0.5-or-more ends) nor claim an accuracy it lacks.
  const auto whole = mm::integrate(f, 0.5, 10.0);
  const double exact_whole = exact - (1 - std::cos(0.5));
  INFO("whole " << whole.value << " estimate " << whole.error_estimate);
  CHECK(std::abs(whole.value - exact_whole) <= whole.error_estimate);
}

TEST_CASE("integrate: infinite ranges pick exp_sinh and sinh_sinh", "[quadrature]") {
  const auto gauss = mm::integrate([](double x) { return std::exp(-x * x); }, -inf, inf);
  CHECK(gauss.method == mm::quadrature_method::sinh_sinh);
  check_known(gauss, std::sqrt(std::numbers::pi), 1e-14);
  const auto expo = mm::integrate([](double x) { return std::exp(-x); }, 0, inf);
  CHECK(expo.method == mm::quadrature_method::exp_sinh);
  check_known(expo, 1.0, 1e-14);
  // (-inf, b]: int_{-inf}^{1} e^{x} dx = e
  check_known(mm::integrate([](double x) { return std::exp(x); }, -inf, 1.0), std::numbers::e, 1e-14);
  // a shifted half line: int_2^inf e^{-x} = e^{-2}
  check_known(mm::integrate([](double x) { return std::exp(-x); }, 2.0, inf), std::exp(-2.0), 1e-13);
  // Gamma(5/2) = 3 sqrt(pi) / 4, with the sqrt singularity of the integrand's derivative at 0
  check_known(mm::integrate([](double x) { return x * std::sqrt(x) * std::exp(-x); }, 0, inf),
              0.75 * std::sqrt(std::numbers::pi), 1e-12);
  // float bounds (INFINITY is a float) with a double integrand integrate in double
  const auto wide = mm::integrate([](double x) { return std::exp(-x * x); }, -INFINITY, INFINITY);
  check_known(wide, std::sqrt(std::numbers::pi), 1e-14);
}

TEST_CASE("integrate: the normal density and its variance", "[quadrature]") {
  const double mu = 0.7, sigma = 1.3;
  const auto pdf = [&](double x) {
    const double z = (x - mu) / sigma;
    return std::exp(-z * z / 2) / (sigma * std::sqrt(2 * std::numbers::pi));
  };
  check_known(mm::integrate(pdf, mm::real_line()), 1.0, 1e-13);
  check_known(mm::integrate([&](double x) { return (x - mu) * (x - mu) * pdf(x); }, -inf, inf), sigma * sigma, 1e-12);
  // half the mass on each side of the mean
  check_known(mm::integrate(pdf, mu, inf), 0.5, 1e-13);
}

TEST_CASE("integrate_gauss_kronrod on finite and infinite ranges", "[quadrature]") {
  const auto r = mm::integrate_gauss_kronrod<15>([](double x) { return std::cos(x); }, 0.0, std::numbers::pi / 2);
  CHECK(r.method == mm::quadrature_method::gauss_kronrod);
  check_known(r, 1.0, 1e-14);
  check_known(mm::integrate_gauss_kronrod<31>([](double x) { return 1 / (1 + x * x); }, -inf, inf), std::numbers::pi,
              1e-12);
  check_known(mm::integrate_gauss_kronrod<21>([](double x) { return std::exp(-x); }, 0, inf), 1.0, 1e-12);
  check_known(mm::integrate_gauss_kronrod<61>([](double x) { return std::exp(x); }, -inf, 0), 1.0, 1e-12);
}

TEST_CASE("integrate: options and float", "[quadrature]") {
  mm::quadrature_options<double> loose;
  loose.relative_tolerance = 1e-3;
  loose.max_refinements = 3;
  const auto coarse = mm::integrate([](double x) { return std::exp(x); }, 0, 1, loose);
  const auto fine = mm::integrate([](double x) { return std::exp(x); }, 0, 1);
  CHECK(coarse.evaluations <= fine.evaluations);
  check_known(fine, std::numbers::e - 1, 1e-14);
  const auto f = mm::integrate([](float x) { return x * x; }, 0.0f, 2.0f);
  CHECK(std::abs(f.value - 8.0f / 3) <= 4 * std::numeric_limits<float>::epsilon() * 3);
  CHECK(mm::integrate([](double x) { return x; }, 1.5, 1.5).value == 0.0);
  CHECK(mm::to_string(mm::quadrature_method::exp_sinh) == "exp_sinh");
}

TEST_CASE("integrate: a workspace keeps the rules' tables and changes no bit of the results", "[quadrature]") {
  // A peaked integrand that needs deep refinements, on each kind of range.
  const auto peak = [](double x) { return std::exp(-3000 * (x - 0.3) * (x - 0.3)) * std::log1p(x * x); };
  const auto tail = [](double x) { return std::exp(-x) * std::cos(x); };
  const auto line = [](double x) { return 1 / (1 + x * x); };
  mm::quadrature_workspace<double> workspace;
  CHECK(workspace.size() == 0);
  mm::quadrature_options<double> shared;
  shared.workspace = &workspace;
  for (int repeat = 0; repeat < 2; ++repeat) {
    const auto a = mm::integrate(peak, 0.0, 1.0), b = mm::integrate(peak, 0.0, 1.0, shared);
    CHECK(a.value == b.value);
    CHECK(a.error_estimate == b.error_estimate);
    CHECK(a.evaluations == b.evaluations);
    CHECK(mm::integrate(tail, 0.0, inf).value == mm::integrate(tail, 0.0, inf, shared).value);
    CHECK(mm::integrate(line, -inf, inf).value == mm::integrate(line, -inf, inf, shared).value);
  }
  check_known(mm::integrate(tail, 0.0, inf, shared), 0.5, 1e-12);  // Re 1/(1 - i) = 1/2
  CHECK(workspace.size() == 3);  // one rule of each kind, built once for the two rounds
  shared.max_refinements = 8;
  CHECK(mm::integrate(peak, 0.0, 1.0, shared).value == Approx(mm::integrate(peak, 0.0, 1.0).value).epsilon(1e-8));
  CHECK(workspace.size() == 4);  // a rule per refinement limit
}

TEST_CASE("integrate: bad input and a NaN integrand are reported", "[quadrature]") {
  const auto one = [](double) { return 1.0; };
  const double qnan = std::numeric_limits<double>::quiet_NaN();
  CHECK_THROWS_WITH(mm::integrate(one, 1.0, 0.0), "minimax::integrate: the bounds must satisfy a <= b, got a = 1, b = 0");
  CHECK_THROWS_WITH(mm::integrate(one, qnan, 1.0), "minimax::integrate: the lower bound a must not be NaN, got nan");
  CHECK_THROWS_AS(mm::integrate(one, 0.0, qnan), mm::invalid_argument);
  CHECK_THROWS_AS(mm::integrate(one, inf, inf), mm::invalid_argument);
  CHECK_THROWS_AS(mm::integrate_gauss_kronrod<15>(one, 2.0, 1.0), mm::invalid_argument);
  mm::quadrature_options<double> bad;
  bad.relative_tolerance = -1;
  CHECK_THROWS_AS(mm::integrate(one, 0.0, 1.0, bad), mm::invalid_argument);
  bad.relative_tolerance = 1e-8;
  bad.max_refinements = 0;
  CHECK_THROWS_AS(mm::integrate(one, 0.0, 1.0, bad), mm::invalid_argument);
  // NaN inside: the message gives the abscissa
  const auto hole = [](double x) { return x > 0.5 ? std::numeric_limits<double>::quiet_NaN() : x; };
  CHECK_THROWS_AS(mm::integrate(hole, 0.0, 1.0), mm::domain_error);
  try {
    (void)mm::integrate(hole, 0.0, 1.0);
  } catch (const mm::domain_error& e) {
    const std::string what = e.what();
    CHECK(what.rfind("minimax::integrate: the integrand returned NaN at x, got ", 0) == 0);
    const double at = std::stod(what.substr(what.rfind(' ') + 1));
    CHECK(at > 0.5);
  }
  CHECK_THROWS_AS(mm::integrate_gauss_kronrod<15>(hole, 0.0, 1.0), mm::domain_error);
  // a non-integrable pole inside the interval
  CHECK_THROWS_AS(mm::integrate([](double x) { return 1 / (x * x); }, -1.0, 1.0), mm::domain_error);
}
