// A generator defined outside the library gets every fast path a library generator gets: the
// triangular discrimination f(u) = (u - 1)^2 / (u + 1), Delta(P, Q) = sum (p - q)^2 / (p + q), with
// its conjugate and the optional members pmf_term, log_space_term, derivative_at_log_ratio and
// conjugate_of_derivative_at_log_ratio (docs/f_divergences.md, "Your own generator"). Counters in the
// optional members show that they were called; the values are checked against closed forms and
// 50-digit sums, and against high-precision quadrature for densities.
#include <minimax/divergence/f_divergence.hpp>
#include <minimax/divergence/f_divergence_density.hpp>
#include <minimax/prob/normal.hpp>
#include <minimax/prob/pmf.hpp>
#include <minimax/prob/uniform.hpp>
#include <minimax/proofs/f_gan_bound.hpp>

#include <boost/math/quadrature/sinh_sinh.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <random>
#include <reference.hpp>
#include <string>

namespace mm = minimax;
using mm::test::high;

namespace {

constexpr double eps = std::numeric_limits<double>::epsilon();

int pmf_term_calls = 0;
int log_space_calls = 0;

// The FGenerator contract alone: f, f*, f', the activation, the perspective and the limits.
struct triangular_core {
  template <class T>
  static T f(T u) noexcept {
    return u < T(0) ? std::numeric_limits<T>::quiet_NaN() : (u - T(1)) * (u - T(1)) / (u + T(1));
  }
  // f(u) = u - 3 + 4/(u+1): f*(t) = -1 for t <= -3 (the sup at u = 0), 4 - t - 4 sqrt(1 - t) on
  // [-3, 1] (at 1 + u = 2 / sqrt(1 - t)), +inf for t > 1.
  template <class T>
  static T conjugate(T t) noexcept {
    if (t != t) return t;
    if (t > T(1)) return std::numeric_limits<T>::infinity();
    if (t <= T(-3)) return T(-1);
    return T(4) - t - T(4) * std::sqrt(T(1) - t);
  }
  template <class T>
  static T derivative(T u) noexcept {
    return u < T(0) ? std::numeric_limits<T>::quiet_NaN() : T(1) - T(4) / ((u + T(1)) * (u + T(1)));
  }
  // onto (-3, 1), the range of f'
  template <class T>
  static T activation(T v) noexcept {
    return T(1) - T(4) / (T(1) + std::exp(v));
  }
  // (p - q)^2 / (p + q): the limits q f(0+) = q and p lim f(u)/u = p come out of the formula itself.
  template <class T>
  static T perspective(T p, T q) noexcept {
    if (!(p >= T(0)) || !(q >= T(0)) || std::isinf(p) || std::isinf(q)) return std::numeric_limits<T>::quiet_NaN();
    const T s = p + q;
    return s > T(0) ? (p - q) * (p - q) / s : T(0);
  }
  template <class T>
  static constexpr T at_zero() noexcept {
    return T(1);
  }
  template <class T>
  static constexpr T slope_at_infinity() noexcept {
    return T(1);
  }
  template <class T>
  static constexpr T conjugate_domain_lower() noexcept {
    return -std::numeric_limits<T>::infinity();
  }
  template <class T>
  static constexpr T conjugate_domain_upper() noexcept {
    return T(1);
  }
  static constexpr bool conjugate_domain_closed = true;
};

// The same generator with the optional members.
struct triangular : triangular_core {
  static constexpr const char* name = "triangular discrimination";
  template <class T>
  static T pmf_term(T p, T q) noexcept {
    ++pmf_term_calls;
    const T s = p + q;
    return s > T(0) ? (p - q) * (p - q) / s : T(0);
  }
  // max(p, q) (1 - e^-d)^2 / (1 + e^-d), d = |lp - lq|: no cancellation where p ~ q.
  template <class T>
  static T log_space_term(T lp, T lq) {
    ++log_space_calls;
    const T e = std::expm1(-std::abs(lp - lq));
    return std::exp(std::max(lp, lq)) * e * e / (T(2) + e);
  }
  // f'(e^l) = 1 - 4 sigma(-l)^2 and f*(f'(e^l)) = 3 - 4 sigma(-l) (1 + sigma(l)), without e^l.
  template <class T>
  static T derivative_at_log_ratio(T l) {
    const T s = mm::sigmoid(-l);
    return T(1) - T(4) * s * s;
  }
  template <class T>
  static T conjugate_of_derivative_at_log_ratio(T l) {
    return T(3) - T(4) * mm::sigmoid(-l) * (T(1) + mm::sigmoid(l));
  }
};

static_assert(mm::FGenerator<triangular_core> && mm::FGenerator<triangular>);
static_assert(mm::detail::has_pmf_term<triangular, double> && !mm::detail::has_pmf_term<triangular_core, double>);
static_assert(mm::detail::has_log_space_term<triangular, double> &&
              !mm::detail::has_log_space_term<triangular_core, double>);
static_assert(!mm::detail::has_pmf_divergence<triangular, double>);
static_assert(mm::detail::has_derivative_at_log_ratio<triangular, double>);
static_assert(mm::detail::has_conjugate_of_derivative_at_log_ratio<triangular, double>);
// The library's generators declare theirs the same way.
static_assert(mm::detail::has_pmf_divergence<mm::f::kl, double> && mm::detail::has_pmf_term<mm::f::kl, double>);
static_assert(mm::detail::has_log_space_term<mm::f::pearson, double>);
static_assert(mm::detail::kink_where_densities_cross<mm::f::total_variation>() &&
              !mm::detail::kink_where_densities_cross<triangular>());
static_assert(mm::detail::equals_virtual_training_criterion<mm::f::gan>() &&
              !mm::detail::equals_virtual_training_criterion<triangular>());

Eigen::VectorXd random_pmf(int n, unsigned seed) {
  std::mt19937_64 gen(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  Eigen::VectorXd p(n);
  for (int i = 0; i < n; ++i) p(i) = u(gen) < 0.05 ? 0.0 : u(gen);
  return p / p.sum();
}

high delta_reference(const Eigen::VectorXd& p, const Eigen::VectorXd& q) {
  high sum = 0;
  for (Eigen::Index i = 0; i < p.size(); ++i) {
    const high a = p(i), b = q(i);
    if (a + b > 0) sum += (a - b) * (a - b) / (a + b);
  }
  return sum;
}

double rel(double x, const high& ref) { return static_cast<double>(abs(high(x) - ref) / ref); }

}  // namespace

TEST_CASE("a user's generator: the pmf path sums its pmf_term", "[user_generator]") {
  const Eigen::VectorXd p = random_pmf(1000, 1), q = random_pmf(1000, 2);
  const high ref = delta_reference(p, q);
  pmf_term_calls = 0;
  const double v = mm::f_divergence<triangular>(p, q);
  CHECK(pmf_term_calls == 1000);  // once per pair: the pmf_term path, not the perspective loop
  CAPTURE(v, static_cast<double>(ref));
  CHECK(rel(v, ref) <= 4 * eps);
  // The contract alone takes the generic perspective loop: the same value, no call of pmf_term.
  pmf_term_calls = 0;
  const double generic = mm::f_divergence<triangular_core>(p, q);
  CHECK(pmf_term_calls == 0);
  CHECK(rel(generic, ref) <= 4 * eps);
  // minimax::pmf arguments, the limits at disjoint supports (Delta = 2) and equal pmfs (0).
  CHECK(mm::f_divergence<triangular>(mm::pmf::from(p), mm::pmf::from(q)) == v);
  CHECK(mm::f_divergence<triangular>(Eigen::VectorXd{{0.5, 0.5, 0.0}}, Eigen::VectorXd{{0.0, 0.0, 1.0}}) == 2.0);
  CHECK(mm::f_divergence<triangular>(p, p) == 0.0);
  // Validation is the library's, with its messages.
  Eigen::VectorXd bad = p;
  bad(7) = -bad(7);
  CHECK_THROWS_AS(mm::f_divergence<triangular>(bad, q), mm::invalid_argument);
}

TEST_CASE("a user's generator: the density path integrates its log_space_term, with an error estimate",
          "[user_generator]") {
  // U(0, 1) against U(0, 2): (1 - 1/2)^2 / (3/2) on [0, 1], then q f(0+) = 1/2 on [1, 2]: 2/3.
  log_space_calls = 0;
  const auto u = mm::f_divergence<triangular>(mm::uniform{0.0, 1.0}, mm::uniform{0.0, 2.0});
  CHECK(log_space_calls > 0);
  CAPTURE(u.value, u.error_estimate);
  CHECK(std::abs(u.value - 2.0 / 3.0) <= std::max(u.error_estimate, 4 * eps));
  CHECK(u.error_estimate <= 1e-12);
  // N(0, 1) against N(1, 1.5), against sinh-sinh quadrature in long double.
  const mm::normal p{0.0, 1.0}, q{1.0, 1.5};
  const auto pdf = [](long double x, long double m, long double s) {
    const long double z = (x - m) / s;
    return std::exp(-z * z / 2) / (s * std::sqrt(2 * 3.14159265358979323846264338327950288L));
  };
  const long double ref = boost::math::quadrature::sinh_sinh<long double>().integrate([&](long double x) {
    const long double a = pdf(x, 0, 1), b = pdf(x, 1, 1.5L);
    return a + b > 0 ? (a - b) * (a - b) / (a + b) : 0.0L;
  });
  log_space_calls = 0;
  const auto r = mm::f_divergence<triangular>(p, q);
  CHECK(log_space_calls > 0);
  CAPTURE(r.value, r.error_estimate, static_cast<double>(ref));
  CHECK(std::abs(r.value - static_cast<double>(ref)) <= std::max(r.error_estimate, 1e-14));
  CHECK(r.error_estimate <= 1e-10 * r.value);
  // The contract alone integrates the perspective of the exponentials: the same value.
  const auto generic = mm::f_divergence<triangular_core>(p, q);
  CHECK(generic.value == Approx(r.value).epsilon(1e-12));
}

TEST_CASE("a user's generator: the f-GAN bound proof holds for it", "[user_generator]") {
  const auto check = [](const auto& p, const auto& q) {
    const auto pr = mm::proofs::f_gan_bound<triangular>(p, q);
    INFO(mm::proofs::to_table(pr));
    CHECK(pr.holds());
    CHECK(pr.title.find("triangular discrimination") != std::string::npos);
    CHECK(pr.steps.size() == 4);  // no GAN-only steps
  };
  check(mm::normal{0.0, 1.0}, mm::normal{1.0, 1.5});
  check(mm::normal{0.0, 1.0}, mm::normal{30.0, 1.0});  // p/q leaves the doubles: T* from log p - log q
  check(mm::uniform{0.0, 2.0}, mm::uniform{1.0, 3.0});
  check(mm::pmf::from({0.5, 0.5, 0.0, 0.0}), mm::pmf::from({0.0, 0.25, 0.25, 0.5}));
  // The title of a generator without a name.
  CHECK(mm::proofs::f_gan_bound<triangular_core>(mm::normal{0.0, 1.0}, mm::normal{1.0, 1.0}).title.find(", f generator") !=
        std::string::npos);
}
