// Tests of include/minimax/divergence/f_divergence_density.hpp: quadrature of D_f between densities
// against closed forms (relative 1e-10 or better), far-apart densities, and infinite divergences.
// Disjoint, touching and nested supports are in hostile_supports.cpp.
#include <minimax/divergence/f_divergence_density.hpp>
#include <minimax/divergence/kl_normal.hpp>

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

namespace mm = minimax;
namespace f = minimax::f;

TEST_CASE("KL between normals by quadrature matches the closed form to 1e-10 relative", "[density]") {
  for (auto [m1, s1, m2, s2] : {std::tuple{0.0, 1.0, 1.0, 1.0}, std::tuple{0.0, 1.0, 0.0, 2.0},
                                std::tuple{-3.0, 0.5, 2.0, 4.0}, std::tuple{0.0, 1.0, 0.3, 1.1},
                                std::tuple{10.0, 2.0, -10.0, 3.0}}) {
    const mm::normal p{m1, s1}, q{m2, s2};
    const auto r = mm::f_divergence<f::kl>(p, q);
    CAPTURE(m1, s1, m2, s2, r.value, r.error_estimate);
    CHECK(r.value == Approx(mm::kl(p, q)).epsilon(1e-10));
    CHECK(r.error_estimate >= 0.0);
    CHECK(mm::f_divergence<f::reverse_kl>(p, q).value == Approx(mm::kl(q, p)).epsilon(1e-10));
  }
}

TEST_CASE("Hellinger, TV and Pearson between normals by quadrature match their closed forms", "[density]") {
  const mm::normal p{0.0, 1.0}, q{0.7, 1.3};
  CHECK(mm::f_divergence<f::squared_hellinger>(p, q).value == Approx(mm::squared_hellinger(p, q)).epsilon(1e-10));
  // Equal sigmas: TV = 2 Phi(|dm| / (2 sigma)) - 1 = erf(|dm| / (2 sqrt 2 sigma)); Pearson = exp(dm^2/sigma^2) - 1.
  const mm::normal a{0.0, 1.5}, b{1.2, 1.5};
  // |p - q| has a kink where p = q; the line is cut there, so each piece is smooth.
  const auto tv = mm::f_divergence<f::total_variation>(a, b);
  const double tv_exact = std::erf(1.2 / (2 * std::sqrt(2.0) * 1.5));
  CHECK(tv.value == Approx(tv_exact).epsilon(1e-13));
  CHECK(std::abs(tv.value - tv_exact) <= tv.error_estimate + 4 * std::numeric_limits<double>::epsilon());
  CHECK(mm::f_divergence<f::pearson>(a, b).value == Approx(std::expm1(1.2 * 1.2 / (1.5 * 1.5))).epsilon(1e-10));
  CHECK(mm::f_divergence<f::neyman>(a, b).value == Approx(std::expm1(1.2 * 1.2 / (1.5 * 1.5))).epsilon(1e-10));
  // Pearson between different sigmas: s2^2 / (s1 sqrt(2 s2^2 - s1^2)) exp(dm^2 / (2 s2^2 - s1^2)) - 1.
  const double s1 = 1.0, s2 = 1.3, dm = 0.7, w = 2 * s2 * s2 - s1 * s1;
  CHECK(mm::f_divergence<f::pearson>(p, q).value == Approx(s2 * s2 / (s1 * std::sqrt(w)) * std::exp(dm * dm / w) - 1).epsilon(1e-10));
}

TEST_CASE("JSD and the GAN divergence by quadrature: identities and far-apart densities", "[density]") {
  const mm::normal p{0.0, 1.0}, q{1.0, 2.0};
  const double two_jsd = mm::f_divergence<f::jensen_shannon>(p, q).value;
  // D_gan = 2 JSD - log 4.
  CHECK(mm::f_divergence<f::gan>(p, q).value == Approx(two_jsd - std::log(4.0)).epsilon(1e-10));
  // Symmetry and the bounds.
  CHECK(mm::f_divergence<f::jensen_shannon>(q, p).value == Approx(two_jsd).epsilon(1e-10));
  CHECK(two_jsd > 0.0);
  CHECK(two_jsd < 2 * std::log(2.0));
  // N(0,1) and N(80,1) overlap by about Phi(-40) ~ 1e-350: 2 JSD = 2 log 2 to double precision.
  const auto far = mm::f_divergence<f::jensen_shannon>(mm::normal{0, 1}, mm::normal{80, 1});
  CHECK(far.value == Approx(2 * std::log(2.0)).epsilon(1e-12));
  CHECK(mm::f_divergence<f::total_variation>(mm::normal{0, 1}, mm::normal{80, 1}).value == Approx(1.0).epsilon(1e-12));
}

TEST_CASE("the integral of the same density against itself is 0 for every generator", "[density]") {
  const mm::normal p{0.3, 0.8};
  CHECK(mm::f_divergence<f::kl>(p, p).value == 0.0);
  CHECK(mm::f_divergence<f::jensen_shannon>(p, p).value == 0.0);
  CHECK(mm::f_divergence<f::squared_hellinger>(p, p).value == 0.0);
  CHECK(mm::f_divergence<f::total_variation>(p, p).value == 0.0);
}

TEST_CASE("log-space integrand: limits where one density underflows", "[density]") {
  const double ninf = -std::numeric_limits<double>::infinity();
  CHECK(mm::detail::log_perspective<f::kl>(ninf, ninf) == 0.0);
  CHECK(mm::detail::log_perspective<f::kl>(ninf, -3.0) == 0.0);
  CHECK(std::isinf(mm::detail::log_perspective<f::kl>(-3.0, ninf)));
  CHECK(mm::detail::log_perspective<f::jensen_shannon>(-3.0, ninf) == Approx(std::exp(-3.0) * std::log(2.0)).epsilon(1e-15));
  // Far in a tail, p/q overflows but the log form stays finite: p log(p/q) with log p = -700, log q = -1400.
  CHECK(mm::detail::log_perspective<f::kl>(-700.0, -1400.0) == Approx(std::exp(-700.0) * 700).epsilon(1e-15));
  CHECK(mm::detail::log_perspective<f::pearson>(-3.0, -3.0 + 1e-9) == Approx(std::exp(-3.0 + 1e-9) * 1e-18).epsilon(1e-6));
}

TEST_CASE("nearly equal normals: JS, Hellinger and TV keep their digits, the estimate covers log_pdf's rounding", "[density]") {
  // N(0,1) against N(1e-9, 1): 2 JSD = chi^2/4 + O(d^4) = d^2/4, KL = d^2/2, squared Hellinger
  // 2(1 - e^(-d^2/8)), TV = erf(d / (2 sqrt 2)). The log-densities' difference keeps only ~7 digits
  // here (each log_pdf rounds to eps of itself), which the error estimate must cover.
  const double d = 1e-9;
  const mm::normal p{0, 1}, q{d, 1};
  const auto check = [](const mm::quadrature_result<double>& r, double exact, double truncation) {
    INFO("value " << r.value << " exact " << exact << " estimate " << r.error_estimate);
    CHECK(std::abs(r.value - exact) <= r.error_estimate + truncation);
    CHECK(std::abs(r.value - exact) <= 1e-6 * std::abs(exact));
  };
  check(mm::f_divergence<f::jensen_shannon>(p, q), d * d / 4, d * d * d * d);
  check(mm::f_divergence<f::gan>(p, q), d * d / 4 - std::log(4.0), 4 * std::numeric_limits<double>::epsilon());
  check(mm::f_divergence<f::kl>(p, q), d * d / 2, 0.0);
  check(mm::f_divergence<f::squared_hellinger>(p, q), -2 * std::expm1(-d * d / 8), 0.0);
  check(mm::f_divergence<f::total_variation>(p, q), std::erf(d / (2 * std::sqrt(2.0))), 0.0);
}
