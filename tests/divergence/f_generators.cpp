// Tests of include/minimax/divergence/f_generators.hpp: every generator against its definition.
#include <minimax/divergence/f_generators.hpp>

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <rapidcheck/catch.h>
#include <string>
#include <tuple>

namespace mm = minimax;
namespace f = minimax::f;

namespace {

const double ln2 = std::log(2.0);
const double eps = std::numeric_limits<double>::epsilon();

template <class F>
double f_at_one_known() {
  return std::is_same_v<F, f::gan> ? -std::log(4.0) : 0.0;  // the GAN generator is not normalised
}

// A point of dom f* chosen from a number in [0, 1).
template <class F>
double point_in_domain(double s) {
  const double lo = F::template conjugate_domain_lower<double>();
  const double hi = F::template conjugate_domain_upper<double>();
  // Pearson's f* = t^2/4 + t is the conjugate of (u-1)^2 over the whole line; over u >= 0 the two
  // agree for t >= -2, where the maximiser u = 1 + t/2 is not negative.
  if (std::isinf(lo) && std::isinf(hi)) return 11.9 * s - 1.9;
  if (std::isinf(lo)) return hi - 10.0 * s - 1e-3;
  return lo + (hi - lo) * s;
}

// sup_u (u t - f(u)) by a brute-force search over a log grid of u, refined by golden sections.
template <class F>
double conjugate_by_search(double t) {
  auto g = [t](double u) { return u * t - F::f(u); };
  double best_u = 0, best = g(0.0);
  for (int i = -400; i <= 400; ++i) {
    const double u = std::pow(10.0, i / 50.0);
    if (g(u) > best) best = g(u), best_u = u;
  }
  double a = best_u / std::pow(10.0, 1 / 50.0), b = best_u * std::pow(10.0, 1 / 50.0);
  const double r = (std::sqrt(5.0) - 1) / 2;
  for (int it = 0; it < 200; ++it) {
    const double c = b - r * (b - a), d = a + r * (b - a);
    if (g(c) > g(d)) b = d; else a = c;
  }
  return std::max(best, g((a + b) / 2));
}

}  // namespace

#define ALL_GENERATORS f::kl, f::reverse_kl, f::pearson, f::neyman, f::squared_hellinger, f::jensen_shannon, \
                       f::gan, f::total_variation

TEMPLATE_TEST_CASE("f(1) is 0 (-log 4 for the GAN generator) in float, double and long double", "[f]",
                   ALL_GENERATORS) {
  STATIC_REQUIRE(mm::FGenerator<TestType>);
  CHECK(TestType::f(1.0) == Approx(f_at_one_known<TestType>()).margin(2 * eps));
  CHECK(TestType::f(1.0f) == Approx(f_at_one_known<TestType>()).margin(4e-7));
  CHECK(static_cast<double>(TestType::f(1.0L)) == Approx(f_at_one_known<TestType>()).margin(2 * eps));
}

TEMPLATE_TEST_CASE("f is convex: midpoint inequality at random points", "[f][property]", ALL_GENERATORS) {
  rc::prop("f((a+b)/2) <= (f(a)+f(b))/2", [](unsigned ia, unsigned ib) {
    const double a = (ia % 100000) / 1000.0, b = (ib % 100000) / 1000.0;  // [0, 100)
    const double lhs = TestType::f((a + b) / 2), rhs = (TestType::f(a) + TestType::f(b)) / 2;
    if (std::isinf(rhs)) return;  // f(0) = +inf for reverse KL and Neyman
    RC_ASSERT(lhs <= rhs + 64 * eps * (1 + std::abs(rhs)));
  });
}

TEMPLATE_TEST_CASE("f' matches a central finite difference of f", "[f]", ALL_GENERATORS) {
  for (double u : {0.03, 0.4, 0.9, 1.7, 6.0, 55.0}) {
    const double h = 1e-5 * u;
    const double fd = (TestType::f(u + h) - TestType::f(u - h)) / (2 * h);
    CHECK(TestType::derivative(u) == Approx(fd).epsilon(1e-7).margin(1e-8));
  }
}

TEMPLATE_TEST_CASE("f* is the convex conjugate: equals sup_u (u t - f(u)) found by search", "[f]",
                   ALL_GENERATORS) {
  for (double s : {0.05, 0.3, 0.5, 0.7, 0.95}) {
    const double t = point_in_domain<TestType>(s);
    CAPTURE(t);
    CHECK(TestType::conjugate(t) == Approx(conjugate_by_search<TestType>(t)).epsilon(1e-9).margin(1e-9));
  }
}

TEMPLATE_TEST_CASE("Fenchel-Young: f(u) + f*(t) >= u t, with equality at t = f'(u)", "[f][property]",
                   ALL_GENERATORS) {
  rc::prop("inequality", [](unsigned iu, unsigned is) {
    const double u = (iu % 1000000) / 10000.0;  // [0, 100)
    const double t = point_in_domain<TestType>((is % 10000) / 10000.0);
    const double lhs = TestType::f(u) + TestType::conjugate(t);
    RC_ASSERT(lhs >= u * t - 64 * eps * (1 + std::abs(u * t) + std::abs(TestType::f(u))));
  });
  rc::prop("equality at t = f'(u)", [](unsigned iu) {
    const double u = 1e-3 + (iu % 1000000) / 20000.0;  // (0, 50)
    const double t = TestType::derivative(u);
    RC_PRE(mm::f::in_conjugate_domain<TestType>(t));
    const double lhs = TestType::f(u) + TestType::conjugate(t);
    RC_ASSERT(std::abs(lhs - u * t) <= 1e-12 * (1 + std::abs(u * t) + std::abs(TestType::f(u))));
  });
}

TEMPLATE_TEST_CASE("the output activation maps every real into dom f*", "[f][property]", ALL_GENERATORS) {
  // Beyond |v| ~ 36 the activations that approach an open end round onto it in double.
  rc::prop("g_f(v) in dom f*", [](int iv) {
    const double v = (iv % 30000) / 1000.0;  // (-30, 30)
    const double t = TestType::activation(v);
    RC_ASSERT(mm::f::in_conjugate_domain<TestType>(t));
    RC_ASSERT(std::isfinite(TestType::conjugate(t)));
  });
}

TEMPLATE_TEST_CASE("perspective limits: f(0+) and lim f(u)/u against the function itself", "[f]",
                   ALL_GENERATORS) {
  // f(0+): f at a tiny u approaches at_zero() (log-type divergence is slow: compare to f(1e-300)).
  const double f0 = TestType::template at_zero<double>();
  if (std::isinf(f0)) {
    CHECK(TestType::f(1e-300) > 600);
  } else {
    CHECK(TestType::f(1e-12) == Approx(f0).margin(1e-5));
  }
  // lim f(u)/u at u = 1e12: the next-order terms are O(log(u)/u) or O(u^-1/2).
  const double slope = TestType::template slope_at_infinity<double>();
  if (std::isinf(slope)) {
    CHECK(TestType::f(1e12) / 1e12 > 20);
  } else {
    CHECK(TestType::f(1e12) / 1e12 == Approx(slope).margin(3e-6));
  }
  // The perspective applies them, and agrees with q f(p/q) inside.
  CHECK(TestType::perspective(0.3, 0.0) == (std::isinf(slope) ? slope : 0.3 * slope));
  CHECK(TestType::perspective(0.0, 0.4) == (std::isinf(f0) ? f0 : 0.4 * f0));
  CHECK(TestType::perspective(0.0, 0.0) == 0.0);
  // JS and GAN cancel between their two log terms (a factor ~14 here): 128 eps.
  CHECK(TestType::perspective(0.3, 0.4) == Approx(0.4 * TestType::f(0.3 / 0.4)).epsilon(128 * eps).margin(1e-300));
  CHECK(std::isnan(TestType::perspective(-0.1, 0.4)));
  CHECK(std::isnan(TestType::perspective(0.1, std::numeric_limits<double>::quiet_NaN())));
}

TEST_CASE("named generator values: the limits derived by hand", "[f]") {
  CHECK(f::jensen_shannon::perspective(0.25, 0.0) == 0.25 * ln2);  // p log(2p/p)
  CHECK(f::gan::perspective(0.25, 0.0) == 0.0);                    // p log(p/p)
  CHECK(f::neyman::perspective(0.25, 0.0) == 0.25);
  CHECK(f::squared_hellinger::perspective(0.25, 0.0) == 0.25);
  CHECK(f::total_variation::perspective(0.25, 0.0) == 0.125);
  CHECK(f::reverse_kl::perspective(0.25, 0.0) == 0.0);
  CHECK(std::isinf(f::kl::perspective(0.25, 0.0)));
  CHECK(std::isinf(f::pearson::perspective(0.25, 0.0)));
  CHECK(std::isinf(f::reverse_kl::perspective(0.0, 0.25)));
  CHECK(f::jensen_shannon::perspective(0.0, 0.25) == 0.25 * ln2);
  CHECK(f::pearson::perspective(0.0, 0.25) == 0.25);
  // The optimal critic of the GAN row is log D* with D* = p/(p+q).
  CHECK(f::gan::derivative(0.3 / 0.7) == Approx(std::log(0.3 / (0.3 + 0.7))).epsilon(4 * eps));
  // Out of dom f* the conjugate is +inf.
  CHECK(std::isinf(f::jensen_shannon::conjugate(ln2)));
  CHECK(std::isinf(f::gan::conjugate(0.0)));
  CHECK(std::isinf(f::total_variation::conjugate(0.5000001)));
  CHECK(f::total_variation::conjugate(0.5) == 0.5);
  CHECK(std::isinf(f::reverse_kl::conjugate(0.0)));
  CHECK(std::isinf(f::neyman::conjugate(1.0)));
  CHECK(std::isinf(f::squared_hellinger::conjugate(1.0)));
  CHECK(std::isnan(f::kl::f(-1.0)));
  CHECK(std::isnan(f::kl::conjugate(std::numeric_limits<double>::quiet_NaN())));
}
