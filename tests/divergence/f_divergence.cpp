// Tests of include/minimax/divergence/f_divergence.hpp: D_f of pmfs against 50-digit evaluations of
// the definition, the vectorised kernels against the generic one, and every bad input.
#include <minimax/divergence/f_divergence.hpp>

#include <catch2/catch.hpp>
#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <rapidcheck/catch.h>
#include <reference.hpp>
#include <vector>

namespace mm = minimax;
namespace f = minimax::f;
using mm::test::high;
using Catch::Matchers::Contains;

namespace {

// A pmf from small integer weights (zeros allowed), normalised by one division per entry.
template <class T>
Eigen::Matrix<T, Eigen::Dynamic, 1> pmf_from_weights(const std::vector<unsigned>& w) {
  Eigen::Matrix<T, Eigen::Dynamic, 1> p(static_cast<Eigen::Index>(w.size()));
  T total = 0;
  for (unsigned x : w) total += T(x);
  for (std::size_t i = 0; i < w.size(); ++i) p(static_cast<Eigen::Index>(i)) = T(w[i]) / total;
  return p;
}

// The definition, in 50 digits, from the same rounded inputs; also the scale of the rounding error:
// sum |terms| (the summation) plus sum (p + q) (each log of a rounded ratio is off by about eps, and
// the two logs of a JS pair cancel to much less than either).
template <class F, class T>
std::pair<high, high> reference(const Eigen::Matrix<T, Eigen::Dynamic, 1>& p, const Eigen::Matrix<T, Eigen::Dynamic, 1>& q) {
  high sum = 0, scale = 0;
  for (Eigen::Index i = 0; i < p.size(); ++i) {
    const high t = F::perspective(high(p(i)), high(q(i)));
    sum += t;
    scale += abs(t) + high(p(i)) + high(q(i));
  }
  return {sum, scale};
}

template <class F, class T>
void check_against_reference(const Eigen::Matrix<T, Eigen::Dynamic, 1>& p, const Eigen::Matrix<T, Eigen::Dynamic, 1>& q,
                             double eps_factor) {
  const T computed = mm::f_divergence<F>(p, q);
  const auto [ref, scale] = reference<F>(p, q);
  if (isinf(ref)) {
    CHECK(computed == static_cast<T>(ref));
    return;
  }
  const double tol = eps_factor * static_cast<double>(std::numeric_limits<T>::epsilon()) * static_cast<double>(scale);
  CHECK(std::abs(static_cast<double>(computed) - static_cast<double>(ref)) <= tol + 1e-300);
}

}  // namespace

#define ALL_GENERATORS f::kl, f::reverse_kl, f::pearson, f::neyman, f::squared_hellinger, f::jensen_shannon, \
                       f::gan, f::total_variation

TEMPLATE_TEST_CASE("D_f of fixed pmfs matches the 50-digit definition (float, double, long double)", "[f_divergence]",
                   ALL_GENERATORS) {
  const std::vector<unsigned> a{1, 7, 3, 0, 9, 2, 5}, b{4, 2, 6, 1, 3, 8, 2}, c{0, 3, 3, 5, 0, 1, 1};
  // Log terms cancel pairwise for JS/GAN (a factor up to ~15 at these ratios): 64 eps of sum |terms|.
  check_against_reference<TestType>(pmf_from_weights<double>(a), pmf_from_weights<double>(b), 64);
  check_against_reference<TestType>(pmf_from_weights<double>(a), pmf_from_weights<double>(c), 64);
  check_against_reference<TestType>(pmf_from_weights<double>(c), pmf_from_weights<double>(a), 64);
  check_against_reference<TestType>(pmf_from_weights<float>(a), pmf_from_weights<float>(b), 64);
  check_against_reference<TestType>(pmf_from_weights<long double>(a), pmf_from_weights<long double>(b), 64);
}

TEMPLATE_TEST_CASE("D_f of random pmfs matches the 50-digit definition", "[f_divergence][property]", ALL_GENERATORS) {
  rc::prop("within 64 eps of sum |terms|", [] {
    const auto n = *rc::gen::inRange<std::size_t>(1, 3000);
    auto w = *rc::gen::container<std::vector<unsigned>>(n, rc::gen::inRange<unsigned>(0, 1000));
    auto v = *rc::gen::container<std::vector<unsigned>>(n, rc::gen::inRange<unsigned>(0, 1000));
    w[0] += 1;
    v[0] += 1;
    const auto p = pmf_from_weights<double>(w), q = pmf_from_weights<double>(v);
    const double computed = mm::f_divergence<TestType>(p, q);
    const auto [ref, scale] = reference<TestType>(p, q);
    if (isinf(ref)) {
      RC_ASSERT(computed == static_cast<double>(ref));
    } else {
      RC_ASSERT(std::abs(computed - static_cast<double>(ref)) <=
                64 * std::numeric_limits<double>::epsilon() * static_cast<double>(scale) + 1e-300);
    }
  });
}

TEMPLATE_TEST_CASE("the vectorised kernels agree with the generic perspective loop", "[f_divergence]", f::kl,
                   f::reverse_kl, f::squared_hellinger, f::jensen_shannon, f::total_variation) {
  std::vector<unsigned> w(5000), v(5000);
  for (std::size_t i = 0; i < w.size(); ++i) {
    w[i] = static_cast<unsigned>((i * 7919) % 101);
    v[i] = static_cast<unsigned>((i * 104729 + 13) % 89);
  }
  const auto p = pmf_from_weights<double>(w), q = pmf_from_weights<double>(v);
  mm::detail::contiguous_vector<double> pv, qv;
  mm::detail::view_dense("t", "p", p, pv);
  mm::detail::view_dense("t", "q", q, qv);
  const double generic = mm::detail::f_divergence_generic<TestType>("t", pv, qv);
  const double fast = mm::f_divergence<TestType>(p, q);
  CHECK(fast == Approx(generic).epsilon(1e-13).margin(1e-300));
}

TEST_CASE("f_divergence accepts row vectors, expressions, strided views and pmf-like objects", "[f_divergence]") {
  Eigen::VectorXd p(3), q(3);
  p << 0.2, 0.3, 0.5;
  q << 0.1, 0.6, 0.3;
  const double expected = 0.2 * std::log(2.0) + 0.3 * std::log(0.5) + 0.5 * std::log(0.5 / 0.3);
  CHECK(mm::f_divergence<f::kl>(p, q) == Approx(expected).epsilon(4e-16));
  CHECK(mm::f_divergence<f::kl>(p.transpose(), q.transpose()) == mm::f_divergence<f::kl>(p, q));
  CHECK(mm::f_divergence<f::kl>(p.array(), (0.5 * q + 0.5 * q).array()) == Approx(expected).epsilon(4e-16));
  Eigen::MatrixXd m(2, 3);  // column-major: a row is a strided view
  m.row(0) = p.transpose();
  m.row(1) = q.transpose();
  CHECK(mm::f_divergence<f::kl>(m.row(0), m.row(1)) == mm::f_divergence<f::kl>(p, q));
  struct holder {
    Eigen::VectorXd v;
    const Eigen::VectorXd& probabilities() const { return v; }
  };
  CHECK(mm::f_divergence<f::kl>(holder{p}, holder{q}) == mm::f_divergence<f::kl>(p, q));
  CHECK(mm::f_divergence<f::kl>(holder{p}, q) == mm::f_divergence<f::kl>(p, q));
}

TEST_CASE("every bad input is rejected with a message naming the function and the value", "[f_divergence]") {
  Eigen::VectorXd p(3), q(3), empty(0), two(2);
  p << 0.2, 0.3, 0.5;
  q << 0.1, 0.6, 0.3;
  two << 0.5, 0.5;
  const double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
  CHECK_THROWS_AS(mm::f_divergence<f::kl>(empty, empty), mm::invalid_argument);
  CHECK_THROWS_WITH(mm::f_divergence<f::kl>(empty, empty), Contains("minimax::f_divergence: p must not be empty"));
  CHECK_THROWS_AS(mm::f_divergence<f::kl>(p, two), mm::invalid_argument);
  CHECK_THROWS_WITH(mm::f_divergence<f::kl>(p, two), Contains("must have the same size, got 3 and 2"));
  Eigen::VectorXd bad = p;
  bad(1) = -0.1;
  CHECK_THROWS_AS(mm::f_divergence<f::kl>(bad, q), mm::invalid_argument);
  CHECK_THROWS_WITH(mm::f_divergence<f::kl>(bad, q), Contains("p[1] must be non-negative and finite, got -0.1"));
  bad(1) = nan;
  CHECK_THROWS_WITH(mm::f_divergence<f::pearson>(q, bad), Contains("q[1] must be non-negative and finite, got nan"));
  bad(1) = inf;
  CHECK_THROWS_WITH(mm::f_divergence<f::jensen_shannon>(bad, q), Contains("p[1] must be non-negative and finite, got inf"));
  bad = p;
  bad(2) = 0.6;  // sums to 1.1
  CHECK_THROWS_AS(mm::f_divergence<f::kl>(bad, q), mm::domain_error);
  CHECK_THROWS_WITH(mm::f_divergence<f::kl>(bad, q), Contains("p must sum to 1") && Contains("got 1.1"));
  CHECK_THROWS_WITH(mm::f_divergence<f::total_variation>(q, bad), Contains("q must sum to 1"));
  // Off by 1e-7 is rejected for double (tolerance sqrt(eps) ~ 1.5e-8), accepted for float (3.5e-4).
  bad = p;
  bad(0) += 1e-7;
  CHECK_THROWS_AS(mm::f_divergence<f::kl>(bad, q), mm::domain_error);
  CHECK_NOTHROW(mm::f_divergence<f::kl>(bad.cast<float>().eval(), q.cast<float>().eval()));
  Eigen::MatrixXd matrix = Eigen::MatrixXd::Constant(2, 2, 0.25);
  CHECK_THROWS_WITH(mm::f_divergence<f::kl>(matrix, matrix), Contains("p must be a vector") && Contains("2x2"));
  // A bad entry past the first block is found and named.
  Eigen::VectorXd big = Eigen::VectorXd::Constant(3000, 1.0 / 3000);
  big(2500) = -1;
  CHECK_THROWS_WITH(mm::f_divergence<f::kl>(big, big), Contains("p[2500] must be non-negative"));
}

TEST_CASE("the vectorisable log is within 2 ulps of the 50-digit log over the whole normal range", "[f_divergence]") {
  std::vector<double> xs{std::numeric_limits<double>::min(), std::numeric_limits<double>::max(), 1.0,
                         std::nextafter(1.0, 0.0), std::nextafter(1.0, 2.0), 0.7071067811865476, 1.4142135623730951,
                         2.0, 0.5, 1e-300, 3e300};
  std::uint64_t state = 12345;
  for (int i = 0; i < 4000; ++i) {  // log-uniform over the range, plus a dense sample near 1
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    const double u = static_cast<double>(state >> 11) * 0x1.0p-53;
    xs.push_back(i % 2 ? std::exp(-708 + 1416 * u) : 0.5 + 1.5 * u);
  }
  double worst = 0;
  for (double x : xs) worst = std::max(worst, mm::test::ulp_distance(mm::detail::log_normal_positive(x), log(high(x))));
  CHECK(worst <= 2);
  // The fused KL loop (whatever instruction set it runs on here) gives p log(p/q) - p + q term by
  // term within 12 eps relative, through the ratios near 1 where the series applies.
  Eigen::ArrayXd p = Eigen::ArrayXd::LinSpaced(100, 1e-6, 1e-2), q = Eigen::ArrayXd::LinSpaced(100, 2e-2, 3e-6);
  Eigen::ArrayXd out(100);
  mm::detail::kl_terms(p.data(), q.data(), out.data(), 100);
  double worst_term = 0;
  for (int i = 0; i < 100; ++i) {
    const high ref = high(p[i]) * log(high(p[i]) / high(q[i])) - high(p[i]) + high(q[i]);
    worst_term = std::max(worst_term, static_cast<double>(abs(high(out[i]) - ref) / ref));
  }
  CHECK(worst_term <= 12 * std::numeric_limits<double>::epsilon());
}

#ifdef MINIMAX_DETAIL_LOG_DISPATCH
TEST_CASE("the fused KL and JSD blocks: the AVX-512 and AVX2 clones give the same bits, the baseline the same sums",
          "[f_divergence]") {
  namespace d = minimax::detail;
  if (!d::cpu_has_avx2_fma()) {
    WARN("no AVX2 + FMA on this processor: only the baseline runs");
    return;
  }
  // 1003 entries (not a multiple of the vector width), with zeros, subnormals and tiny q.
  const Eigen::Index n = 1003;
  std::vector<double> p(n), q(n), out_a(2 * n), out_b(2 * n), out_c(2 * n);
  std::uint64_t state = 12345;
  const auto uniform = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return double(state >> 11) * 0x1.0p-53;
  };
  const auto fill = [&](bool tiny) {
    for (Eigen::Index i = 0; i < n; ++i) {
      p[i] = uniform();
      q[i] = uniform();
      if (i % 97 == 0) p[i] = 0.0;
      if (i % 89 == 0) q[i] = 0.0;
      if (!tiny && i % 89 == 0) p[i] = 0.0;      // finite: no p > 0 where q = 0
      if (tiny && i % 101 == 0) q[i] = 1e-310;  // a block for the exact path (and p > 0 = q: infinite)
    }
  };
  const auto same_bits = [](const d::fused_block& a, const d::fused_block& b) {
    return std::bit_cast<std::uint64_t>(a.terms) == std::bit_cast<std::uint64_t>(b.terms) &&
           std::bit_cast<std::uint64_t>(a.lone) == std::bit_cast<std::uint64_t>(b.lone) &&
           std::bit_cast<std::uint64_t>(a.mass_p) == std::bit_cast<std::uint64_t>(b.mass_p) &&
           std::bit_cast<std::uint64_t>(a.mass_q) == std::bit_cast<std::uint64_t>(b.mass_q) && a.recheck == b.recheck;
  };
  for (const bool tiny : {false, true})
  for (const bool jsd : {false, true}) {
    INFO((jsd ? "jsd" : "kl") << (tiny ? ", with subnormal q" : ""));
    fill(tiny);
    const auto avx2 = jsd ? d::jsd_avx2(p.data(), q.data(), out_a.data(), n) : d::kl_avx2(p.data(), q.data(), out_a.data(), n);
    const auto base = jsd ? d::jsd_baseline(p.data(), q.data(), out_c.data(), n)
                          : d::kl_baseline(p.data(), q.data(), out_c.data(), n);
    if (!tiny) {
      CHECK(!avx2.recheck);
      CHECK(!base.recheck);
      CHECK(std::abs(avx2.terms - base.terms) <= 64 * std::numeric_limits<double>::epsilon() * std::abs(base.terms));
      CHECK(avx2.mass_p == Approx(base.mass_p).epsilon(1e-14));
    } else if (!jsd) {
      CHECK(avx2.recheck);  // a q in (0, 4 DBL_MIN) sends KL's block to the exact path
    }
    if (d::cpu_has_avx512()) {
      const auto avx512 =
          jsd ? d::jsd_avx512(p.data(), q.data(), out_b.data(), n) : d::kl_avx512(p.data(), q.data(), out_b.data(), n);
      CHECK(same_bits(avx2, avx512));
      CHECK(std::equal(out_a.begin(), out_a.end(), out_b.begin(),
                       [](double x, double y) { return std::bit_cast<std::uint64_t>(x) == std::bit_cast<std::uint64_t>(y); }));
    } else {
      WARN("no AVX-512 on this processor: its clone is not run");
    }
  }
}
#endif
