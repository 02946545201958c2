// Tests of include/minimax/divergence/entropy.hpp: known entropies, H(P,Q) = H(P) + KL(P||Q), bases.
#include <minimax/divergence/entropy.hpp>
#include <minimax/divergence/kl.hpp>

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <rapidcheck/catch.h>
#include <reference.hpp>
#include <vector>

namespace mm = minimax;
using mm::test::high;
using Catch::Matchers::Contains;

TEMPLATE_TEST_CASE("the entropy of the uniform pmf on n points is log n", "[entropy]", float, double, long double) {
  using T = TestType;
  for (int n : {1, 2, 7, 1000, 4096}) {
    const Eigen::Matrix<T, Eigen::Dynamic, 1> p = Eigen::Matrix<T, Eigen::Dynamic, 1>::Constant(n, T(1) / T(n));
    // Reference from the rounded masses: -n * p log p in 50 digits.
    const high ph = high(p(0));
    const high ref = -high(n) * ph * log(ph);
    CAPTURE(n);
    // Inside a block of 128 the vectorised sum chains up to 128/lanes additions: 64 eps bounds it.
    CHECK(std::abs(static_cast<double>(mm::entropy(p)) - static_cast<double>(ref)) <=
          64 * static_cast<double>(std::numeric_limits<T>::epsilon()) * static_cast<double>(ref) + 1e-300);
  }
  const Eigen::Matrix<T, Eigen::Dynamic, 1> p8 = Eigen::Matrix<T, Eigen::Dynamic, 1>::Constant(8, T(0.125));
  CHECK(mm::entropy(p8, T(2)) == Approx(3.0).epsilon(4 * std::numeric_limits<T>::epsilon()));
}

TEST_CASE("entropy conventions: 0 log 0 = 0, a point mass has entropy exactly 0", "[entropy]") {
  Eigen::VectorXd d(4);
  d << 0.0, 1.0, 0.0, 0.0;
  CHECK(mm::entropy(d) == 0.0);
  CHECK(!std::signbit(mm::entropy(d)));
  Eigen::VectorXd p(3), q(3);
  p << 0.5, 0.5, 0.0;
  q << 0.0, 0.5, 0.5;
  CHECK(mm::cross_entropy(p, q) == std::numeric_limits<double>::infinity());
  CHECK(mm::cross_entropy(q, q) == Approx(std::log(2.0)).epsilon(2e-16));
  CHECK(mm::cross_entropy(p, p, 2.0) == Approx(1.0).epsilon(2e-16));
}

TEST_CASE("cross entropy = entropy + KL (property)", "[entropy][property]") {
  rc::prop("H(P,Q) = H(P) + KL(P||Q)", [] {
    const auto n = *rc::gen::inRange<std::size_t>(1, 200);
    auto w = *rc::gen::container<std::vector<unsigned>>(n, rc::gen::inRange<unsigned>(0, 30));
    auto v = *rc::gen::container<std::vector<unsigned>>(n, rc::gen::inRange<unsigned>(1, 30));
    w[0] += 1;
    Eigen::VectorXd p(static_cast<Eigen::Index>(n)), q(static_cast<Eigen::Index>(n));
    double sw = 0, sv = 0;
    for (std::size_t i = 0; i < n; ++i) sw += w[i], sv += v[i];
    for (std::size_t i = 0; i < n; ++i) p(static_cast<Eigen::Index>(i)) = w[i] / sw, q(static_cast<Eigen::Index>(i)) = v[i] / sv;
    const double lhs = mm::cross_entropy(p, q), rhs = mm::entropy(p) + mm::kl(p, q);
    RC_ASSERT(std::abs(lhs - rhs) <= 64 * std::numeric_limits<double>::epsilon() * (1 + lhs));
  });
}

TEST_CASE("entropy and cross_entropy reject bad input by name", "[entropy]") {
  Eigen::VectorXd empty(0), p(2), bad(2);
  p << 0.5, 0.5;
  bad << 0.5, std::numeric_limits<double>::quiet_NaN();
  CHECK_THROWS_WITH(mm::entropy(empty), Contains("minimax::entropy: p must not be empty"));
  CHECK_THROWS_WITH(mm::entropy(bad), Contains("minimax::entropy: p[1] must be non-negative and finite, got nan"));
  CHECK_THROWS_WITH(mm::cross_entropy(p, bad), Contains("minimax::cross_entropy: q[1]"));
  CHECK_THROWS_AS(mm::entropy(p, 1.0), mm::invalid_argument);
  Eigen::VectorXd light(2);
  light << 0.25, 0.25;
  CHECK_THROWS_AS(mm::entropy(light), mm::domain_error);
}
