// Tests for include/minimax/divergence/sliced_wasserstein.hpp: the exact value in 1-D, the closed
// form E(theta . t)^2 = |t|^2 / d for translates, the 1/sqrt(L) fall of the Monte-Carlo error,
// reproducibility from the seed, and every rejected input.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include <Eigen/Core>
#include <minimax/divergence/sliced_wasserstein.hpp>
#include <minimax/divergence/wasserstein_1d.hpp>

namespace mm = minimax;
using Mat = Eigen::MatrixXd;

namespace {
Mat cloud(int n, int d, unsigned seed) {
  std::mt19937_64 gen(seed);
  std::normal_distribution<double> normal;
  Mat x(n, d);
  for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = normal(gen);
  return x;
}
}  // namespace

TEST_CASE("sliced_wasserstein: in 1-D it is W_p", "[sliced]") {
  const Mat x = cloud(30, 1, 1), y = cloud(17, 1, 2);
  const Eigen::VectorXd u = x.col(0), v = y.col(0);
  for (double p : {1.0, 2.0, 3.0}) {
    CHECK(mm::sliced_wasserstein(x, y, p, 5, 9) == Approx(mm::wasserstein_1d(u, v, p)).epsilon(1e-14));
  }
}

TEMPLATE_TEST_CASE("sliced_wasserstein: translates, SW_2^2 -> |t|^2 / d", "[sliced]", float, double) {
  using T = TestType;
  using M = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;
  // Y = X + t: every projection is a translate by theta . t, so W_2^2 = (theta . t)^2 exactly and
  // SW_2^2 = E (theta . t)^2 = |t|^2 / d for theta uniform on the sphere.
  const M x = cloud(20, 3, 3).cast<T>();
  const Eigen::Matrix<T, 1, 3> t(1, -2, 2);  // |t|^2 = 9, d = 3: SW_2^2 = 3
  const M y = x.rowwise() + t;
  const T sw = mm::sliced_wasserstein(x, y, T(2), 20000, 1);
  // Var (theta . t)^2 = |t|^4 (E c^4 - (E c^2)^2) = 81 (3/15 - 1/9) for c = theta_1 in 3-D.
  const double sd = std::sqrt(81 * (3.0 / 15 - 1.0 / 9) / 20000);
  CHECK(std::abs(double(sw * sw) - 3) <= 4 * sd);
}

TEST_CASE("sliced_wasserstein: Monte-Carlo error falls like 1/sqrt(L); seeded", "[sliced]") {
  const Mat x = cloud(10, 3, 4);
  const Eigen::RowVector3d t(1, -2, 2);
  const Mat y = x.rowwise() + t;
  auto rms = [&](std::size_t l) {
    double s = 0;
    for (std::uint64_t seed = 0; seed < 60; ++seed) {
      const double sw = mm::sliced_wasserstein(x, y, 2.0, l, 1000 + seed);
      s += (sw * sw - 3) * (sw * sw - 3);
    }
    return std::sqrt(s / 60);
  };
  const double e16 = rms(16), e256 = rms(256);
  // Theory: the RMS error is sd / sqrt(L) with sd^2 = 81 (3/15 - 1/9) = 7.2; the ratio of the two is 4.
  CHECK(e16 == Approx(std::sqrt(7.2 / 16)).epsilon(0.3));
  CHECK(e256 == Approx(std::sqrt(7.2 / 256)).epsilon(0.3));
  CHECK(e16 / e256 == Approx(4).epsilon(0.35));
  // Reproducible from the seed; another seed gives another estimate.
  CHECK(mm::sliced_wasserstein(x, y, 2.0, 50, 7) == mm::sliced_wasserstein(x, y, 2.0, 50, 7));
  CHECK(mm::sliced_wasserstein(x, y, 2.0, 50, 7) != mm::sliced_wasserstein(x, y, 2.0, 50, 8));
}

TEST_CASE("sliced_wasserstein: bad input names the function and the value", "[sliced]") {
  const Mat x = cloud(5, 2, 1), y = cloud(4, 2, 2);
  CHECK_THROWS_WITH(mm::sliced_wasserstein(x, y, 0.5), "minimax::sliced_wasserstein: p must be finite and >= 1, got 0.5");
  CHECK_THROWS_WITH(mm::sliced_wasserstein(x, y, 2.0, 0), "minimax::sliced_wasserstein: projections must be positive, got 0");
  CHECK_THROWS_WITH(mm::sliced_wasserstein(x, Mat(4, 3)), "minimax::sliced_wasserstein: the dimensions of x and y (columns) must have the same size, got 2 and 3");
  CHECK_THROWS_WITH(mm::sliced_wasserstein(Mat(0, 2), y), "minimax::sliced_wasserstein: x (rows) must not be empty, got 0");
  Mat bad = x;
  bad(0, 0) = std::nan("");
  CHECK_THROWS_AS(mm::sliced_wasserstein(bad, y), mm::invalid_argument);
}
