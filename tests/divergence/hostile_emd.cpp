// emd() on extreme costs: huge, tiny, huge dynamic range, negative, -0, and the rejected inf / NaN;
// and POT's degenerate emd cases (test/test_ot.py).
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include <Eigen/Core>
#include <minimax/divergence/emd.hpp>

namespace mm = minimax;
using Mat = Eigen::MatrixXd;
using Vec = Eigen::VectorXd;

namespace {
// A 3 x 3 problem with a unique optimal plan: the identity / 3 for cost 1 - I (cost 0) shifted.
Mat base_cost() {
  Mat c(3, 3);
  c << 1, 5, 9, 4, 2, 7, 8, 6, 3;  // the diagonal is the unique optimum (cost 6 / 3 = 2)
  return c;
}
}  // namespace

TEST_CASE("emd: every cost 1e308 gives cost 1e308, a feasible plan, and is optimal", "[emd][hostile]") {
  const Vec a = Vec::Constant(4, 0.25);
  const Mat c = Mat::Constant(4, 4, 1e308);
  const auto r = mm::emd(a, a, c);
  CHECK(r.status == mm::transport_status::optimal);
  CHECK(r.cost == Approx(1e308).epsilon(1e-12));
  CHECK((r.plan.rowwise().sum() - a).cwiseAbs().maxCoeff() <= 1e-15);
  CHECK((r.plan.colwise().sum().transpose() - a).cwiseAbs().maxCoeff() <= 1e-15);
  CHECK(r.f.allFinite());
  CHECK(r.g.allFinite());
}

TEST_CASE("emd: positive scaling of the costs scales the cost and keeps the plan", "[emd][hostile]") {
  const Vec a = Vec::Constant(3, 1.0 / 3);
  const Mat c = base_cost();
  const auto ref = mm::emd(a, a, c);
  REQUIRE(std::abs(ref.cost - 2.0) <= 1e-15);
  for (double s : {1e300, 1e-300, 1e150, 1e-150, 1e30, 1e-30}) {
    INFO("scale " << s);
    const auto r = mm::emd(a, a, Mat(c * s));
    CHECK(r.status == mm::transport_status::optimal);
    CHECK((r.plan - ref.plan).cwiseAbs().maxCoeff() <= 1e-15);
    CHECK(std::abs(r.cost - 2.0 * s) <= 1e-14 * 2.0 * s);
    // strong duality in the scaled units
    CHECK(std::abs(a.dot(r.f) + a.dot(r.g) - r.cost) <= 1e-12 * r.cost);
  }
}

TEST_CASE("emd: huge dynamic range, negative costs and -0", "[emd][hostile]") {
  const Vec a = Vec::Constant(3, 1.0 / 3);
  SECTION("one huge cost next to tiny ones: the huge arc is avoided") {
    Mat c = base_cost() * 1e-200;
    c(0, 2) = 1e300;
    const auto r = mm::emd(a, a, c);
    CHECK(r.status == mm::transport_status::optimal);
    CHECK(r.plan(0, 2) == 0.0);
    // Solved at the scale of max|C| = 1e300, where the 1e-200 entries are zero: the plan is optimal
    // to that tolerance (any plan avoiding the huge arc), so its cost is among the tiny ones.
    CHECK(r.cost >= 0.0);
    CHECK(r.cost <= 9e-200);
  }
  SECTION("negative costs: C - 100 moves the cost by -100 and keeps the plan") {
    const auto ref = mm::emd(a, a, base_cost());
    const auto r = mm::emd(a, a, Mat(base_cost().array() - 100.0));
    CHECK(r.status == mm::transport_status::optimal);
    CHECK((r.plan - ref.plan).cwiseAbs().maxCoeff() <= 1e-15);
    CHECK(std::abs(r.cost - (2.0 - 100.0)) <= 1e-12);
    const auto big = mm::emd(a, a, Mat(base_cost() * (-1e308 / 9.0)));  // every cost negative, down to -1e308
    CHECK(big.status == mm::transport_status::optimal);
    // the same plan as for -C, the cost scaled by 1e308 / 9
    const auto flipped = mm::emd(a, a, Mat(-base_cost()));
    CHECK((big.plan - flipped.plan).cwiseAbs().maxCoeff() <= 1e-15);
    CHECK(std::abs(big.cost - flipped.cost * (1e308 / 9.0)) <= 1e-12 * 1e308);
  }
  SECTION("-0 is zero") {
    Mat c = Mat::Constant(2, 2, -0.0);
    c(0, 1) = 1;
    c(1, 0) = 1;
    const Vec h = Vec::Constant(2, 0.5);
    const auto r = mm::emd(h, h, c);
    CHECK(r.status == mm::transport_status::optimal);
    CHECK(r.cost == 0.0);
    CHECK(r.plan(0, 0) == 0.5);
    CHECK(r.plan(1, 1) == 0.5);
  }
}

TEST_CASE("emd: inf and NaN costs are refused, naming the entry", "[emd][hostile]") {
  const Vec a = Vec::Constant(2, 0.5);
  Mat c = Mat::Zero(2, 2);
  c(1, 0) = std::numeric_limits<double>::infinity();
  CHECK_THROWS_WITH(mm::emd(a, a, c), Catch::Contains("minimax::emd: cost(1, 0) must be finite, got inf"));
  c(1, 0) = std::numeric_limits<double>::quiet_NaN();
  CHECK_THROWS_WITH(mm::emd(a, a, c), Catch::Contains("minimax::emd: cost(1, 0) must be finite, got nan"));
  CHECK_THROWS_AS(mm::emd(a, a, c), mm::invalid_argument);
}

TEST_CASE("emd: POT test_ot test_emd_empty: uniform weights, zero cost", "[emd][hostile]") {
  // POT's test_emd_empty calls ot.emd([], [], M) (uniform weights implied); minimax takes explicit
  // masses: uniform masses and M = dist(u, u) with u = 0..9 give the identity / n at cost 0.
  const int n = 10;
  Mat c(n, n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) c(i, j) = double(i - j) * double(i - j);
  const Vec a = Vec::Constant(n, 1.0 / n);
  const auto r = mm::emd(a, a, c);
  CHECK(r.status == mm::transport_status::optimal);
  CHECK(r.cost == 0.0);
  CHECK((r.plan - Mat::Identity(n, n) / n).cwiseAbs().maxCoeff() <= 1e-16);
}

TEST_CASE("emd: POT test_ot test_emd_degenerate-style ties: all costs equal", "[emd][hostile]") {
  // Every plan is optimal; the result must be feasible, have cost = the constant, and not cycle.
  const Vec a = Vec::Constant(50, 1.0 / 50);
  const auto r = mm::emd(a, a, Mat::Constant(50, 50, 3.0));
  CHECK(r.status == mm::transport_status::optimal);
  CHECK(std::abs(r.cost - 3.0) <= 1e-13);
  CHECK((r.plan.rowwise().sum() - a).cwiseAbs().maxCoeff() <= 1e-15);
  CHECK((r.plan.colwise().sum().transpose() - a).cwiseAbs().maxCoeff() <= 1e-15);
}
