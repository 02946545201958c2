// Tests for include/minimax/divergence/energy.hpp: in 1-D, D^2 = 2 * integral (F - G)^2 exactly for
// empirical distributions; brute force in higher dimension; invariances; bad input.
#include <catch2/catch.hpp>
#include <rapidcheck/catch.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include <Eigen/Core>
#include <Eigen/Geometry>
#include <minimax/divergence/energy.hpp>

namespace mm = minimax;
using Mat = Eigen::MatrixXd;

namespace {
// 2 * integral (F_n - G_m)^2 dx, exact: F and G are constant between consecutive atoms.
double cdf_energy(const Eigen::VectorXd& u, const Eigen::VectorXd& v) {
  std::vector<double> pts(u.data(), u.data() + u.size());
  pts.insert(pts.end(), v.data(), v.data() + v.size());
  std::sort(pts.begin(), pts.end());
  double total = 0;
  for (std::size_t k = 0; k + 1 < pts.size(); ++k) {
    const double f = (u.array() <= pts[k]).cast<double>().mean(), g = (v.array() <= pts[k]).cast<double>().mean();
    total += (f - g) * (f - g) * (pts[k + 1] - pts[k]);
  }
  return 2 * total;
}
}  // namespace

TEST_CASE("energy: in 1-D, D^2 = 2 * integral (F - G)^2", "[energy]") {
  rc::prop("empirical distributions of any sizes", [] {
    const auto n = *rc::gen::inRange<int>(1, 12);
    const auto m = *rc::gen::inRange<int>(1, 12);
    Eigen::VectorXd u(n), v(m);
    for (int i = 0; i < n; ++i) u(i) = *rc::gen::inRange(-300, 300) / 100.0;
    for (int i = 0; i < m; ++i) v(i) = *rc::gen::inRange(-300, 300) / 100.0;
    const double d = mm::energy_distance(u, v);
    const double reference = cdf_energy(u, v);
    RC_ASSERT(std::abs(d * d - reference) <= 1e-12 * (1 + reference));
  });
  // By hand: {0} against {1}: F - G = 1 on [0, 1): D^2 = 2.
  Eigen::VectorXd a(1), b(1);
  a << 0;
  b << 1;
  CHECK(mm::energy_distance(a, b) == Approx(std::sqrt(2.0)).epsilon(1e-15));
}

TEMPLATE_TEST_CASE("energy: brute force and invariances in 3-D", "[energy]", float, double) {
  using T = TestType;
  using M = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;
  std::mt19937_64 gen(4);
  std::normal_distribution<T> normal;
  M x(15, 3), y(11, 3);
  for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = normal(gen);
  for (Eigen::Index i = 0; i < y.size(); ++i) y.data()[i] = normal(gen) + T(0.5);
  double sxy = 0, sxx = 0, syy = 0;
  for (int i = 0; i < 15; ++i)
    for (int j = 0; j < 11; ++j) sxy += (x.row(i) - y.row(j)).template cast<double>().norm();
  for (int i = 0; i < 15; ++i)
    for (int j = 0; j < 15; ++j) sxx += (x.row(i) - x.row(j)).template cast<double>().norm();
  for (int i = 0; i < 11; ++i)
    for (int j = 0; j < 11; ++j) syy += (y.row(i) - y.row(j)).template cast<double>().norm();
  const double expected = std::sqrt(2 * sxy / 165 - sxx / 225 - syy / 121);
  const double tol = 64 * std::numeric_limits<T>::epsilon();
  CHECK(std::abs(mm::energy_distance(x, y) - expected) <= tol * expected * 10);
  // Rotations and translations of both samples leave it unchanged; D(x, x) = 0; symmetric.
  const Eigen::Matrix<T, 3, 3> q =
      Eigen::AngleAxis<T>(T(1.1), Eigen::Matrix<T, 3, 1>(1, -1, 2).normalized()).toRotationMatrix();
  const Eigen::Matrix<T, 1, 3> t(1, 2, 3);
  const M xr = (x * q.transpose()).rowwise() + t, yr = (y * q.transpose()).rowwise() + t;
  CHECK(std::abs(mm::energy_distance(xr, yr) - expected) <= tol * expected * 10);
  CHECK(mm::energy_distance(x, x) <= std::sqrt(tol));
  CHECK(std::abs(mm::energy_distance(y, x) - expected) <= tol * expected * 10);
}

TEST_CASE("energy: bad input names the function and the value", "[energy]") {
  CHECK_THROWS_WITH(mm::energy_distance(Mat(0, 2), Mat::Zero(3, 2)), "minimax::energy_distance: x (rows) must not be empty, got 0");
  CHECK_THROWS_WITH(mm::energy_distance(Mat::Zero(2, 2), Mat::Zero(3, 1)),
                    "minimax::energy_distance: the dimensions of x and y (columns) must have the same size, got 2 and 1");
  Mat bad = Mat::Zero(2, 2);
  bad(0, 1) = std::numeric_limits<double>::infinity();
  CHECK_THROWS_WITH(mm::energy_distance(Mat::Zero(2, 2), bad), "minimax::energy_distance: y must be finite, got inf");
}
