// Tests of include/minimax/divergence/density_divergences.hpp: the named divergences on densities
// against closed forms (each within its error estimate and 1e-10 relative or better), the choice of
// the closed form where one exists, the scaling of jsd and hellinger_distance, and kl on samples
// against knn_kl and against the closed form it estimates.
#include <minimax/divergence/chi2.hpp>
#include <minimax/divergence/density_divergences.hpp>
#include <minimax/divergence/hellinger.hpp>
#include <minimax/divergence/jsd.hpp>
#include <minimax/divergence/kl.hpp>
#include <minimax/divergence/total_variation.hpp>
#include <minimax/prob/mixture.hpp>
#include <minimax/prob/mvn.hpp>
#include <minimax/prob/normal.hpp>
#include <minimax/prob/pmf.hpp>
#include <minimax/prob/random.hpp>
#include <minimax/prob/uniform.hpp>

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <numbers>
#include <type_traits>

namespace mm = minimax;
namespace f = minimax::f;

namespace {

constexpr double eps = std::numeric_limits<double>::epsilon();

// |value - exact| within the error estimate (plus a few eps of the scale) and within rel relative.
template <class R>
void check_against(const R& r, double exact, double rel) {
  CAPTURE(r.value, r.error_estimate, exact);
  CHECK(r.error_estimate >= 0.0);
  CHECK(std::abs(r.value - exact) <= r.error_estimate + 8 * eps * std::abs(exact));
  CHECK(r.value == Approx(exact).epsilon(rel));
}

}  // namespace

TEST_CASE("kl and reverse_kl of a uniform and a normal equal their closed forms", "[density][named]") {
  // KL(U(0,1) || N(0,1)) = -h(U) + E_U[x^2]/2 + log(2 pi)/2 = 1/6 + log(2 pi)/2; the reverse is +inf
  // (the normal has mass outside [0, 1]).
  const mm::uniform u{0.0, 1.0};
  const mm::normal n{0.0, 1.0};
  const auto forward = mm::kl(u, n);
  static_assert(std::is_same_v<std::remove_cvref_t<decltype(forward)>, mm::quadrature_result<double>>);
  check_against(forward, 1.0 / 6.0 + 0.5 * std::log(2 * std::numbers::pi), 1e-12);
  CHECK(mm::reverse_kl(n, u).value == Approx(forward.value).epsilon(1e-14));
  const auto reverse = mm::kl(n, u);
  CHECK(reverse.value == std::numeric_limits<double>::infinity());
  CHECK(reverse.error_estimate == 0.0);
  CHECK(mm::reverse_kl(u, n).value == std::numeric_limits<double>::infinity());
}

TEST_CASE("the closed forms are chosen where they exist: kl and squared_hellinger of two normals", "[density][named]") {
  const mm::normal p{0.0, 1.0}, q{0.7, 1.3};
  static_assert(std::is_same_v<decltype(mm::kl(p, q)), double>, "kl(normal, normal) is the closed form");
  static_assert(std::is_same_v<decltype(mm::squared_hellinger(p, q)), double>);
  // The quadrature of the same divergences (through a mixture of one normal, which has no closed
  // form) agrees with them.
  const mm::mixture mp{{1.0}, {p}};
  check_against(mm::kl(mp, q), mm::kl(p, q), 1e-11);
  check_against(mm::squared_hellinger(mp, q), mm::squared_hellinger(p, q), 1e-11);
}

TEST_CASE("jsd of densities is half the f-divergence, log 2 on disjoint supports", "[density][named]") {
  const mm::normal p{0.0, 1.0};
  const mm::mixture q{{0.3, 0.7}, {mm::normal{-2.0, 0.5}, mm::normal{1.5, 1.0}}};
  const auto full = mm::f_divergence<f::jensen_shannon>(p, q);
  const auto half = mm::jsd(p, q);
  CHECK(half.value == full.value / 2);
  CHECK(half.error_estimate == full.error_estimate / 2);
  CHECK(half.value > 0.0);
  CHECK(half.value < std::log(2.0));
  CHECK(mm::jsd(q, p).value == Approx(half.value).epsilon(1e-12));  // symmetric
  check_against(mm::jsd(mm::uniform{0.0, 1.0}, mm::uniform{5.0, 6.0}), std::log(2.0), 1e-15);
  check_against(mm::jsd(mm::uniform{0.0, 1.0}, mm::uniform{1.0, 2.0}), std::log(2.0), 1e-15);
}

TEST_CASE("total_variation, hellinger_distance and the chi2 of densities equal their closed forms", "[density][named]") {
  // Equal sigmas: TV = erf(|dm| / (2 sqrt 2 sigma)), chi2 = exp(dm^2 / sigma^2) - 1 both ways,
  // Bhattacharyya coefficient exp(-dm^2 / (8 sigma^2)).
  const double dm = 1.2, s = 1.5;
  const mm::mixture a{{1.0}, {mm::normal{0.0, s}}};
  const mm::normal b{dm, s};
  check_against(mm::total_variation(a, b), std::erf(dm / (2 * std::sqrt(2.0) * s)), 1e-12);
  const double chi2 = std::expm1(dm * dm / (s * s));
  check_against(mm::pearson_chi2(a, b), chi2, 1e-10);
  check_against(mm::neyman_chi2(a, b), chi2, 1e-10);
  const double bc = std::exp(-dm * dm / (8 * s * s));
  check_against(mm::squared_hellinger(a, b), 2 * (1 - bc), 1e-11);
  const auto h = mm::hellinger_distance(a, b);
  CHECK(h.value == Approx(std::sqrt(1 - bc)).epsilon(1e-11));
  CHECK(std::abs(h.value - std::sqrt(1 - bc)) <= h.error_estimate + 8 * eps);
  // Uniforms: TV(U(0,2), U(1,3)) = 1/2; H^2/2 = 1 - BC = 1/2; chi2(U(0,1) || U(0,2)) = 1.
  check_against(mm::total_variation(mm::uniform{0.0, 2.0}, mm::uniform{1.0, 3.0}), 0.5, 1e-12);
  CHECK(mm::hellinger_distance(mm::uniform{0.0, 2.0}, mm::uniform{1.0, 3.0}).value == Approx(std::sqrt(0.5)).epsilon(1e-12));
  check_against(mm::pearson_chi2(mm::uniform{0.0, 1.0}, mm::uniform{0.0, 2.0}), 1.0, 1e-12);
  CHECK(mm::neyman_chi2(mm::uniform{0.0, 1.0}, mm::uniform{0.0, 2.0}).value == std::numeric_limits<double>::infinity());
  // Identical densities: every divergence is 0 and the Hellinger distance too.
  const mm::normal n{0.3, 0.8};
  const mm::mixture mn{{1.0}, {n}};
  CHECK(mm::total_variation(mn, n).value <= 1e-12);
  CHECK(mm::hellinger_distance(mn, n).value <= 1e-6);
}

TEST_CASE("the pmf overloads are unchanged: a number, the same as the f-divergence", "[density][named]") {
  Eigen::VectorXd p(3), q(3);
  p << 0.2, 0.5, 0.3;
  q << 0.4, 0.4, 0.2;
  static_assert(std::is_same_v<decltype(mm::kl(p, q)), double>);
  static_assert(std::is_same_v<decltype(mm::jsd(p, q)), double>);
  CHECK(mm::kl(p, q) == Approx(mm::f_divergence<f::kl>(p, q)).epsilon(4 * eps));
  CHECK(mm::jsd(mm::pmf::from({0.2, 0.5, 0.3}), mm::pmf::from({0.4, 0.4, 0.2})) == mm::jsd(p, q));
}

TEST_CASE("kl of samples is knn_kl, and estimates the closed form", "[samples][named]") {
  mm::rng gen(20261203);
  const int n = 4000;
  Eigen::MatrixXd x(n, 2), y(n, 2);
  const mm::normal unit{0.0, 1.0}, wide{0.5, 2.0};
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < 2; ++j) {
      x(i, j) = mm::sample(unit, gen);
      y(i, j) = mm::sample(wide, gen);
    }
  }
  const mm::empirical_multivariate ex{x}, ey{y};
  CHECK(mm::kl(ex, ey) == mm::knn_kl(x, y));
  CHECK(mm::kl(ex, ey, 3) == mm::knn_kl(x, y, 3));
  // Independent coordinates: KL of the product is twice the 1-D closed form (0.4431 nats each).
  const double exact = 2 * mm::kl(unit, wide);
  CHECK(std::abs(mm::kl(ex, ey, 3) - exact) < 0.1 * exact);
  // One dimension through minimax::empirical.
  const Eigen::VectorXd x1 = x.col(0), y1 = y.col(0);
  const mm::empirical e1{x1}, f1{y1};
  CHECK(mm::kl(e1, f1) == mm::knn_kl(x1, y1));
  CHECK(std::abs(mm::kl(e1, f1, 3) - exact / 2) < 0.1 * exact);
  CHECK_THROWS_WITH(mm::kl(e1, f1, 0), Catch::Contains("minimax::knn_kl"));
}
