// The sample distances on Thrust (1-D Wasserstein, MMD) against the Eigen backend.
// This file is compiled three times: device system CPP and OMP by the host compiler, CUDA by nvcc.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include <Eigen/Core>
#include <thrust/device_vector.h>

#include "minimax/divergence/mmd.hpp"
#include "minimax/divergence/wasserstein_1d.hpp"
#include "minimax/thrust.hpp"

namespace {

std::vector<double> normal_sample(std::size_t n, double mu, double sigma, unsigned seed) {
  std::mt19937_64 gen(seed);
  std::normal_distribution<double> z(mu, sigma);
  std::vector<double> v(n);
  for (auto& x : v) x = z(gen);
  return v;
}

double rel(double a, double b) { return std::abs(a - b) / (1e-300 + std::abs(b)); }

}  // namespace

TEST_CASE("wasserstein_1d on Thrust equals the Eigen backend's for equal and unequal sizes and several p") {
  for (const auto& [n, m] : std::vector<std::pair<std::size_t, std::size_t>>{{1, 1}, {5, 3}, {1000, 1000}, {4096, 1531}}) {
    const auto u = normal_sample(n, 0.0, 1.0, 1), v = normal_sample(m, 0.7, 2.0, 2);
    const thrust::device_vector<double> du(u.begin(), u.end()), dv(v.begin(), v.end());
    const Eigen::Map<const Eigen::VectorXd> eu(u.data(), static_cast<Eigen::Index>(n)), ev(v.data(), static_cast<Eigen::Index>(m));
    for (const double p : {1.0, 2.0, 3.5}) {
      INFO("n = " << n << ", m = " << m << ", p = " << p);
      CHECK(rel(minimax::wasserstein_1d(thrust::device, du, dv, p), minimax::wasserstein_1d(eu, ev, p)) <= 1e-13);
    }
  }
  // Known answer: a sample against itself shifted by c is at W_p = |c|.
  const auto u = normal_sample(777, 0.0, 1.0, 3);
  std::vector<double> shifted(u);
  for (auto& x : shifted) x += 0.5;
  const thrust::device_vector<double> du(u.begin(), u.end()), ds(shifted.begin(), shifted.end());
  CHECK(std::abs(minimax::wasserstein_1d(thrust::device, du, ds) - 0.5) <= 1e-14);
}

TEST_CASE("wasserstein_1d on Thrust: samples at +-1e300 and 1e-300 (the scale law W_p(cu, cv) = c W_p(u, v))") {
  // u = {0, 1, 3}, v = {0.5, 2}: W_1 = 3/4, W_2^2 = 3.75 / 6 (intervals 1/3, 1/6, 1/6, 1/3).
  for (const double c : {1e300, 1e-300}) {
    const std::vector<double> u{0, c, 3 * c}, v{0.5 * c, 2 * c};
    const thrust::device_vector<double> du(u.begin(), u.end()), dv(v.begin(), v.end());
    CHECK(rel(minimax::wasserstein_1d(thrust::device, du, dv, 1.0), 0.75 * c) <= 1e-14);
    CHECK(rel(minimax::wasserstein_1d(thrust::device, du, dv, 2.0), std::sqrt(3.75 / 6) * c) <= 1e-14);
  }
  const std::vector<double> a(500, -1e300), b(500, 1e300);
  const thrust::device_vector<double> da(a.begin(), a.end()), db(b.begin(), b.end());
  CHECK(minimax::wasserstein_1d(thrust::device, da, db, 2.0) == 2e300);  // W_2^2 = 4e600 is not a double
  const thrust::device_vector<double> same(a.begin(), a.end());
  CHECK(minimax::wasserstein_1d(thrust::device, da, same, 2.0) == 0.0);
}

TEST_CASE("mmd2 on Thrust: a Gaussian bandwidth of 1e-200 gives k(x, x) = 1 and 0 elsewhere") {
  // Points (0, 0), (1, 0) against (0, 1), (1, 1), (2, 2): MMD_b^2 = 1/2 + 1/3, MMD_u^2 = 0.
  const std::vector<double> x{0, 0, 1, 0}, y{0, 1, 1, 1, 2, 2};
  const thrust::device_vector<double> dx(x.begin(), x.end()), dy(y.begin(), y.end());
  const minimax::kernels::gaussian narrow{1e-200};
  CHECK(rel(minimax::mmd2_biased(thrust::device, dx, dy, 2, narrow), 5.0 / 6) <= 1e-15);
  CHECK(minimax::mmd2_unbiased(thrust::device, dx, dy, 2, narrow) == 0.0);
}

TEST_CASE("mmd2 on Thrust equals the Eigen backend's for each kernel") {
  const int d = 3;
  const auto x = normal_sample(200 * d, 0.0, 1.0, 4), y = normal_sample(150 * d, 0.3, 1.2, 5);
  const thrust::device_vector<double> dx(x.begin(), x.end()), dy(y.begin(), y.end());
  using rows = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  const Eigen::Map<const rows> ex(x.data(), 200, d), ey(y.data(), 150, d);
  const minimax::kernels::gaussian g{0.8};
  const minimax::kernels::laplacian l{1.5};
  const minimax::kernels::polynomial poly{3, 0.5, 1.0};
  CHECK(rel(minimax::mmd2_biased(thrust::device, dx, dy, d, g), minimax::mmd2_biased(ex, ey, g)) <= 1e-12);
  CHECK(rel(minimax::mmd2_unbiased(thrust::device, dx, dy, d, g), minimax::mmd2_unbiased(ex, ey, g)) <= 1e-12);
  CHECK(rel(minimax::mmd2_biased(thrust::device, dx, dy, d, l), minimax::mmd2_biased(ex, ey, l)) <= 1e-12);
  CHECK(rel(minimax::mmd2_unbiased(thrust::device, dx, dy, d, poly), minimax::mmd2_unbiased(ex, ey, poly)) <= 1e-12);
  // Known answer: the biased estimate of a sample against itself is 0 (to rounding).
  CHECK(std::abs(minimax::mmd2_biased(thrust::device, dx, dx, d, g)) <= 1e-14);
}

namespace {
// A user's kernel: the inverse multiquadric k = (1 + |x - y|^2 / c^2)^(-1/2), with the Eigen
// backend's two-point form and the one-scalar form the Thrust backend looks for.
struct inverse_multiquadric {
  double c = 1.0;
  template <class A, class B>
  double operator()(const A& x, const B& y) const {
    return of_squared_distance((x - y).squaredNorm());
  }
  template <class T>
  MINIMAX_HOST_DEVICE T of_squared_distance(T squared_distance) const {
    return T(1) / sqrt(T(1) + squared_distance / T(c * c));
  }
  void validate(const char* function) const { minimax::require_positive(function, "c", c); }
};
}  // namespace

TEST_CASE("mmd2 on Thrust: a user's kernel declaring of_squared_distance, against the Eigen backend") {
  const int d = 2;
  const auto x = normal_sample(120 * d, 0.0, 1.0, 6), y = normal_sample(90 * d, 0.5, 0.8, 7);
  const thrust::device_vector<double> dx(x.begin(), x.end()), dy(y.begin(), y.end());
  using rows = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  const Eigen::Map<const rows> ex(x.data(), 120, d), ey(y.data(), 90, d);
  const inverse_multiquadric k{0.7};
  const double biased = minimax::mmd2_biased(ex, ey, k);
  CHECK(biased > 0.0);
  CHECK(rel(minimax::mmd2_biased(thrust::device, dx, dy, d, k), biased) <= 1e-12);
  CHECK(rel(minimax::mmd2_unbiased(thrust::device, dx, dy, d, k), minimax::mmd2_unbiased(ex, ey, k)) <= 1e-12);
  CHECK_THROWS_WITH(minimax::mmd2_biased(thrust::device, dx, dy, d, inverse_multiquadric{0.0}),
                    Catch::Contains("minimax::mmd2_biased") && Catch::Contains("c"));
}

TEST_CASE("bad samples are named") {
  const thrust::device_vector<double> good(std::vector<double>{0.0, 1.0, 2.0, 3.0});
  const thrust::device_vector<double> bad(std::vector<double>{0.0, NAN, 2.0, 3.0});
  const thrust::device_vector<double> empty;
  CHECK_THROWS_WITH(minimax::wasserstein_1d(thrust::device, good, bad),
                    Catch::Contains("minimax::wasserstein_1d: v[1] must be finite"));
  CHECK_THROWS_AS(minimax::wasserstein_1d(thrust::device, empty, good), minimax::invalid_argument);
  CHECK_THROWS_AS(minimax::wasserstein_1d(thrust::device, good, good, 0.5), minimax::invalid_argument);
  const minimax::kernels::gaussian g{1.0};
  CHECK_THROWS_WITH(minimax::mmd2_biased(thrust::device, good, bad, 2, g), Catch::Contains("minimax::mmd2_biased: y[1]"));
  CHECK_THROWS_AS(minimax::mmd2_biased(thrust::device, good, good, 3, g), minimax::invalid_argument);
  CHECK_THROWS_AS(minimax::mmd2_unbiased(thrust::device, good, good, 4, g), minimax::invalid_argument);
  CHECK_THROWS_AS(minimax::mmd2_biased(thrust::device, good, good, 2, minimax::kernels::gaussian{-1.0}),
                  minimax::invalid_argument);
}
