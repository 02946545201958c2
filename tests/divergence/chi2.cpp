// Tests of include/minimax/divergence/chi2.hpp against hand values and the +inf conventions.
#include <minimax/divergence/chi2.hpp>

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

namespace mm = minimax;
using Catch::Matchers::Contains;

TEMPLATE_TEST_CASE("Pearson and Neyman chi2: hand values", "[chi2]", float, double, long double) {
  using T = TestType;
  Eigen::Matrix<T, Eigen::Dynamic, 1> p(3), q(3);
  p << T(0.5), T(0.25), T(0.25);
  q << T(0.25), T(0.25), T(0.5);
  // Pearson: 0.0625/0.25 + 0 + 0.0625/0.5 = 0.375; Neyman: 0.0625/0.5 + 0 + 0.0625/0.25 = 0.375.
  const T e = std::numeric_limits<T>::epsilon();
  CHECK(mm::pearson_chi2(p, q) == Approx(0.375).epsilon(4 * e));
  CHECK(mm::neyman_chi2(p, q) == Approx(0.375).epsilon(4 * e));
  Eigen::Matrix<T, Eigen::Dynamic, 1> r(3);
  r << T(0.5), T(0.5), T(0);
  // Pearson(r||p): 0 + 0.0625/0.25 + 0.0625/0.25 = 0.5
  CHECK(mm::pearson_chi2(r, p) == Approx(0.5).epsilon(4 * e));
  CHECK(mm::neyman_chi2(p, r) == Approx(0.5).epsilon(4 * e));
}

TEST_CASE("chi2 conventions: +inf off the support, 0 for p = q = 0", "[chi2]") {
  Eigen::VectorXd p(3), q(3);
  p << 0.5, 0.5, 0.0;
  q << 0.0, 0.5, 0.5;
  CHECK(mm::pearson_chi2(p, q) == std::numeric_limits<double>::infinity());
  CHECK(mm::neyman_chi2(p, q) == std::numeric_limits<double>::infinity());
  Eigen::VectorXd a(3), b(3);
  a << 0.5, 0.5, 0.0;
  b << 0.25, 0.75, 0.0;
  CHECK(mm::pearson_chi2(a, b) == Approx(0.0625 / 0.25 + 0.0625 / 0.75).epsilon(4e-16));
  CHECK(mm::neyman_chi2(a, b) == mm::pearson_chi2(b, a));
  CHECK_THROWS_WITH(mm::pearson_chi2(a, Eigen::VectorXd::Constant(3, 0.5).eval()),
                    Contains("minimax::pearson_chi2: q must sum to 1") && Contains("got 1.5"));
  CHECK_THROWS_WITH(mm::neyman_chi2(Eigen::VectorXd(0), Eigen::VectorXd(0)), Contains("minimax::neyman_chi2: p must not be empty"));
}
