// Tests of include/minimax/theory/f_gan.hpp: the variational bound at T* = f'(p/q) equals closed-form
// divergences of normals (KL, reverse KL, Pearson, squared Hellinger) and of uniforms (TV), the
// GAN generator's critic is log D*, other critics give less, bad input.
#include <minimax/prob.hpp>
#include <minimax/theory/f_gan.hpp>
#include <minimax/theory/optimal_discriminator.hpp>

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

namespace mm = minimax;
using Catch::Matchers::Contains;
constexpr double eps = std::numeric_limits<double>::epsilon();

namespace {
template <class F, class P, class Q>
void check_tight(const P& p, const Q& q, double expected) {
  const mm::estimate b = mm::variational_bound<F>(mm::optimal_critic<F>(p, q), p, q);
  INFO(b.value << " vs " << expected << ", error " << b.error_estimate);
  CHECK(std::abs(b.value - expected) <= 4 * b.error_estimate + 16 * eps * std::max(1.0, std::abs(expected)));
  CHECK(b.error_estimate <= 1e-10 * std::max(1.0, std::abs(expected)));
}
}  // namespace

TEST_CASE("the bound at T* equals closed-form divergences", "[theory][f_gan]") {
  const mm::normal a{0, 1}, b{1, 2}, c{0.5, 1};
  // KL(N(m1,s1)||N(m2,s2)) = log(s2/s1) + (s1^2 + (m1-m2)^2)/(2 s2^2) - 1/2.
  check_tight<mm::f::kl>(a, b, std::log(2.0) + 2.0 / 8 - 0.5);
  // Reverse KL = KL(Q||P); equal sigmas: d^2/2.
  check_tight<mm::f::reverse_kl>(a, c, 0.125);
  // Pearson chi2 between normals of equal sigma: exp(d^2/s^2) - 1.
  check_tight<mm::f::pearson>(a, c, std::expm1(0.25));
  // Squared Hellinger (unnormalised, int (sqrt p - sqrt q)^2): 2 (1 - exp(-d^2/(8 s^2))).
  check_tight<mm::f::squared_hellinger>(a, c, 2 * -std::expm1(-0.25 / 8));
  // Total variation of U[0,2] and U[1,3]: 1/2 int |p - q| = 1/2.
  check_tight<mm::f::total_variation>(mm::uniform{0, 2}, mm::uniform{1, 3}, 0.5);
  // Jensen-Shannon generator: 2 JSD; disjoint supports: 2 log 2.
  check_tight<mm::f::jensen_shannon>(mm::uniform{0, 1}, mm::uniform{2, 3}, 2 * std::log(2.0));
  // GAN generator: 2 JSD - log 4; equal distributions: -log 4.
  check_tight<mm::f::gan>(a, a, -std::log(4.0));
}

TEST_CASE("the GAN generator's optimal critic is log D*", "[theory][f_gan]") {
  const mm::normal p{0, 1}, q{2, 0.5};
  const auto t = mm::optimal_critic<mm::f::gan>(p, q);
  const auto d = mm::optimal_discriminator(p, q);
  for (double x : {-3.0, 0.0, 1.0, 2.0, 4.0}) CHECK(std::abs(t(x) - d.log_value(x)) <= 64 * eps * std::max(1.0, std::abs(d.log_value(x))));
}

TEST_CASE("critics other than T* give less; edge conventions", "[theory][f_gan]") {
  const mm::normal p{0, 1}, q{1, 1};
  const auto t = mm::optimal_critic<mm::f::kl>(p, q);
  const double tight = mm::variational_bound<mm::f::kl>(t, p, q);
  const double loose = mm::variational_bound<mm::f::kl>([&t](double x) { return t(x) + 0.2 * std::sin(x); }, p, q);
  CHECK(loose < tight - 1e-3);
  // KL with q = 0 < p somewhere: T* = +inf there and the bound is +inf, as D_KL.
  const auto u = mm::uniform{0, 2}, v = mm::uniform{1, 3};
  CHECK(mm::variational_bound<mm::f::kl>(mm::optimal_critic<mm::f::kl>(u, v), u, v).value ==
        std::numeric_limits<double>::infinity());
  // A critic outside dom f* on Q's mass: -inf (GAN: f* needs t < 0).
  CHECK(mm::variational_bound<mm::f::gan>([](double) { return 0.5; }, p, q).value ==
        -std::numeric_limits<double>::infinity());
  // pmfs with zeros: squared Hellinger's f*(-inf) is its limit -1.
  const auto a = mm::pmf::from({0.5, 0.5, 0.0}), b = mm::pmf::from({0.0, 0.5, 0.5});
  const double h = mm::variational_bound<mm::f::squared_hellinger>(mm::optimal_critic<mm::f::squared_hellinger>(a, b), a, b);
  const double expected = 0.5 + 0.0 + 0.5;  // sum (sqrt a - sqrt b)^2
  CHECK(std::abs(h - expected) <= 8 * eps);
}

TEST_CASE("variational_bound: bad input", "[theory][f_gan]") {
  const auto nan = [](double) { return std::numeric_limits<double>::quiet_NaN(); };
  CHECK_THROWS_WITH(mm::variational_bound<mm::f::kl>(nan, mm::normal{0, 1}, mm::normal{1, 1}),
                    Contains("minimax::variational_bound") && Contains("NaN"));
  CHECK_THROWS_AS(mm::optimal_critic<mm::f::kl>(mm::pmf::from({1.0}), mm::pmf::from({0.5, 0.5})), mm::invalid_argument);
}
