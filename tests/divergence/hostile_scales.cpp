// Hostile scales: extreme but finite inputs whose answers are finite, where intermediate values
// (squares of differences, products of covariances, 2 sigma^2) used to overflow or underflow.
// Each answer is checked against a closed form; for a scaled problem, against the scale law
// (W_p(cu, cv) = c W_p(u, v), d_F^2 homogeneous of degree 2, D(cx, cy) = sqrt(c) D(x, y),
// h(cX) = h(X) + d log c, KL and MMD with sigma scaled alike invariant).
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include <Eigen/Core>
#include <minimax/divergence/cost.hpp>
#include <minimax/divergence/emd.hpp>
#include <minimax/divergence/energy.hpp>
#include <minimax/divergence/frechet.hpp>
#include <minimax/divergence/knn.hpp>
#include <minimax/divergence/mmd.hpp>
#include <minimax/divergence/sliced_wasserstein.hpp>
#include <minimax/divergence/wasserstein_1d.hpp>
#include <minimax/metrics/parzen.hpp>

namespace mm = minimax;
using Catch::Matchers::Contains;
using Vec = Eigen::VectorXd;
using Mat = Eigen::MatrixXd;

namespace {
bool close(double value, double exact, double rel) { return std::abs(value - exact) <= rel * std::abs(exact); }
}  // namespace

TEST_CASE("wasserstein_1d: samples at +-1e300 give 2e300 for every p, not inf", "[hostile_scales]") {
  const Vec u = Vec::Constant(1000, -1e300), v = Vec::Constant(1000, 1e300);
  CHECK(mm::wasserstein_1d(u, v, 1.0) == 2e300);
  CHECK(mm::wasserstein_1d(u, v, 2.0) == 2e300);
  CHECK(close(mm::wasserstein_1d(u, v, 3.0), 2e300, 1e-15));
  const Vec w = Vec::Constant(1000, 1e-3);
  CHECK(close(mm::wasserstein_1d(u, v, w, w, 1.0), 2e300, 1e-12));
  CHECK(close(mm::wasserstein_1d(u, v, w, w, 2.0), 2e300, 1e-12));
  // At the largest double the differences themselves overflow.
  const double big = std::numeric_limits<double>::max();
  const Vec a = Vec::Constant(3, -big), b = Vec::Constant(3, big);
  CHECK(std::isinf(mm::wasserstein_1d(a, b)));  // W_1 = 2 max is not a double
  const Vec half = Vec::Constant(3, big / 2);
  CHECK(mm::wasserstein_1d(b, half) == big / 2);
}

TEST_CASE("wasserstein_1d: the scale law W_p(cu, cv) = c W_p(u, v) at c = 1e300 and 1e-300", "[hostile_scales]") {
  // u = {0, 1, 3}, v = {0.5, 2}: the quantile functions pair 0-0.5 (1/3), 1-0.5 (1/6), 1-2 (1/6),
  // 3-2 (1/3), so W_1 = (0.5 * 2 + 0.5 + 1 + 1 * 2) / 6 = 3/4 and W_2^2 = (0.25 * 2 + 0.25 + 1 + 2) / 6.
  Vec u(3), v(2);
  u << 0, 1, 3;
  v << 0.5, 2;
  const double w1 = 0.75, w2 = std::sqrt(3.75 / 6);
  for (double c : {1e300, 1e-300, 1e200}) {
    const Vec cu = u * c, cv = v * c;
    CHECK(close(mm::wasserstein_1d(cu, cv, 1.0), c * w1, 1e-14));
    CHECK(close(mm::wasserstein_1d(cu, cv, 2.0), c * w2, 1e-14));
    CHECK(close(mm::wasserstein_1d(cu, cv, 3.0), c * std::cbrt((0.125 * 2 + 0.125 + 1 + 2) / 6), 1e-14));
  }
  // A difference whose square is below the smallest double: W_2 of {0} and {1e-300}.
  CHECK(mm::wasserstein_1d(Vec::Zero(1), Vec::Constant(1, 1e-300), 2.0) == 1e-300);
}

TEST_CASE("frechet_distance: identical covariances 1e155 I give 0, not NaN", "[hostile_scales]") {
  const Vec mu = Vec::Zero(3);
  const Mat cov = Mat::Identity(3, 3) * 1e155;
  CHECK(mm::frechet_distance(mu, cov, mu, cov) == 0.0);
  // N(0, 1e155 I) and N(0, 4e155 I): d (sqrt(1e155) - sqrt(4e155))^2 = 3e155.
  CHECK(close(mm::frechet_distance(mu, cov, mu, Mat(cov * 4)), 3e155, 1e-13));
  // And at 1e-160, where the product of the covariances underflows: 3e-160.
  const Mat tiny = Mat::Identity(3, 3) * 1e-160;
  CHECK(close(mm::frechet_distance(mu, tiny, mu, Mat(tiny * 4)), 3e-160, 1e-13));
  // Means add |mu1 - mu2|^2: 1-D, d_F^2 = (m1 - m2)^2 + (s1 - s2)^2 with s = 1e100, 3e100.
  Mat s1(1, 1), s2(1, 1);
  s1 << 1e200;
  s2 << 9e200;
  CHECK(close(mm::frechet_distance(Vec::Constant(1, 1e100), s1, Vec::Constant(1, -1e100), s2), 4e200 + 4e200, 1e-13));
}

TEST_CASE("frechet_distance_from_samples: the scale law d_F^2(cx, cy) = c^2 d_F^2(x, y) at c = 1e150", "[hostile_scales]") {
  // x: the corners of a square of side 2 around 0 (mean 0, covariance 4/3 I); y: the same shifted by (1, 0)
  // and stretched by 2 (mean (1, 0), covariance 16/3 I). d_F^2 = 1 + 2 (sqrt(4/3) - sqrt(16/3))^2 = 1 + 2 * 4/3.
  Mat x(4, 2);
  x << -1, -1, -1, 1, 1, -1, 1, 1;
  Mat y = 2 * x;
  y.col(0).array() += 1;
  const double exact = 1 + 8.0 / 3;
  CHECK(close(mm::frechet_distance_from_samples(x, y), exact, 1e-13));
  for (double c : {1e150, 1e-150}) {
    CHECK(close(mm::frechet_distance_from_samples(Mat(c * x), Mat(c * y)), c * c * exact, 1e-13));
  }
}

TEST_CASE("energy_distance: points at 1e200 and 1e-200, and at +-1e300", "[hostile_scales]") {
  // The unit square's corners (0,0), (1,0) against (0,1), (1,1): D^2 = (1 + sqrt 2) - 1/2 - 1/2 = sqrt 2
  // at scale 1, so D = sqrt(sqrt(2) c) at scale c.
  Mat x(2, 2), y(2, 2);
  x << 0, 0, 1, 0;
  y << 0, 1, 1, 1;
  CHECK(close(mm::energy_distance(x, y), std::sqrt(std::sqrt(2.0)), 1e-14));
  for (double c : {1e200, 1e-200, 1e250}) {
    CHECK(close(mm::energy_distance(Mat(c * x), Mat(c * y)), std::sqrt(std::sqrt(2.0) * c), 1e-14));
  }
  // 1-D, one point each: D^2 = 2 |x - y| = 4e300.
  CHECK(close(mm::energy_distance(Vec::Constant(1, -1e300), Vec::Constant(1, 1e300)), 2e150, 1e-15));
}

TEST_CASE("knn_entropy and knn_kl: samples at 1e200 and 1e-200 (closed forms)", "[hostile_scales]") {
  // x = c {0, 1, 3}: rho = c, c, 2c, so H = psi(3) - psi(1) + log 2 + (3 log c + log 2) / 3
  // (1-D); on the first axis of the plane, H = 3/2 + log pi + 2 (3 log c + log 2) / 3.
  // y = c {0.5, 2}: nu = c/2, c/2, c, so KL = (d / 3) 3 log(1/2) + log(2 / 2) = -d log 2.
  for (double c : {1e200, 1e-200}) {
    Vec x(3), y(2);
    x << 0, c, 3 * c;
    y << 0.5 * c, 2 * c;
    CHECK(close(mm::knn_entropy(x), 1.5 + std::log(2.0) + std::log(c) + std::log(2.0) / 3, 1e-13));
    CHECK(close(mm::knn_kl(x, y), -std::log(2.0), 1e-13));
    Mat x2 = Mat::Zero(3, 2), y2 = Mat::Zero(2, 2);
    x2.col(0) = x;
    y2.col(0) = y;
    const double pi = 3.141592653589793;
    CHECK(close(mm::knn_entropy(x2), 1.5 + std::log(pi) + 2 * std::log(c) + 2 * std::log(2.0) / 3, 1e-13));
    CHECK(close(mm::knn_kl(x2, y2), -2 * std::log(2.0), 1e-13));
  }
}

TEST_CASE("mmd2: a Gaussian bandwidth of 1e-200, and points and bandwidth at 1e200", "[hostile_scales]") {
  Mat x(2, 2), y(3, 2);
  x << 0, 0, 1, 0;
  y << 0, 1, 1, 1, 2, 2;
  // sigma -> 0: k is 1 on the diagonal, 0 elsewhere: MMD_b^2 = 1/2 + 1/3, MMD_u^2 = 0.
  const mm::kernels::gaussian narrow{1e-200};
  CHECK(mm::mmd2_biased(x, y, narrow) == Approx(5.0 / 6).epsilon(1e-15));
  CHECK(mm::mmd2_unbiased(x, y, narrow) == 0.0);
  // sigma = 1, squared distances xx: 1; yy: 1, 5, 2; xy: 1, 2, 8, 2, 1, 5.
  auto e = [](double d2) { return std::exp(-d2 / 2); };
  const double exact = (2 + 2 * e(1)) / 4 + (3 + 2 * (e(1) + e(5) + e(2))) / 9 -
                       2 * (2 * e(1) + 2 * e(2) + e(8) + e(5)) / 6;
  CHECK(close(mm::mmd2_biased(x, y, mm::kernels::gaussian{1.0}), exact, 1e-13));
  for (double c : {1e200, 1e-200}) {
    CHECK(close(mm::mmd2_biased(Mat(c * x), Mat(c * y), mm::kernels::gaussian{c}), exact, 1e-13));
  }
}

TEST_CASE("parzen_log_likelihood: sigma = 1e-200, and points and sigma at 1e200", "[hostile_scales]") {
  Mat g(3, 2), t(1, 2);
  g << 0, 0, 1, 0, 0, 1;
  t << 0, 0;
  const double pi = 3.141592653589793;
  // sigma -> 0 with the test point on a generated one: log(1/n) - log(2 pi) - 2 log sigma.
  CHECK(close(mm::metrics::parzen_log_likelihood(g, t, 1e-200).mean, -std::log(3.0) - std::log(2 * pi) + 400 * std::log(10.0),
              1e-14));
  // sigma = 1: log((1 + 2 e^{-1/2}) / 3) - log(2 pi); at scale c with sigma = c, minus 2 log c.
  const double exact = std::log((1 + 2 * std::exp(-0.5)) / 3) - std::log(2 * pi);
  CHECK(close(mm::metrics::parzen_log_likelihood(g, t, 1.0).mean, exact, 1e-14));
  for (double c : {1e200, 1e-200}) {
    CHECK(close(mm::metrics::parzen_log_likelihood(Mat(c * g), Mat(c * t), c).mean, exact - 2 * std::log(c), 1e-13));
  }
}

TEST_CASE("emd<euclidean>: points at +-1e200 are transported; sq_euclidean's 4e400 is an error that says so",
          "[hostile_scales]") {
  // Two points on a line at +-c moved up by c: W_1 = c.
  const double c = 1e200;
  Mat x(2, 2), y(2, 2);
  x << -c, 0, c, 0;
  y << -c, c, c, c;
  const Vec a = Vec::Constant(2, 0.5);
  const auto r = mm::emd(x, a, y, a, mm::costs::euclidean{});
  CHECK(close(r.cost, c, 1e-14));
  const Mat cost = mm::cost_matrix<mm::costs::euclidean>(x, y);
  CHECK(cost(0, 0) == c);
  CHECK(close(cost(0, 1), std::sqrt(5.0) * c, 1e-15));
  CHECK_THROWS_WITH(mm::emd(x, a, y, a, mm::costs::sq_euclidean{}),
                    Contains("minimax::cost_matrix: the cost between x.row(0) and y.row(0) is not finite (the points "
                             "are too far apart for the ground cost)"));
  // Points 2e-200 apart: their squared distance underflows, the distance does not.
  Mat p(1, 1), q(1, 1);
  p << 1e-200;
  q << 3e-200;
  CHECK(mm::cost_matrix<mm::costs::euclidean>(p, q)(0, 0) == 2e-200);
}

TEST_CASE("sliced_wasserstein: the scale law SW_p(cx, cy) = c SW_p(x, y) at c = 1e200 and 1e-200", "[hostile_scales]") {
  // In 1-D SW_p is W_p: u = {0, 1, 3}, v = {0.5, 2} are at W_2 = sqrt(3.75 / 6) (see wasserstein_1d above).
  Vec u(3), v(2);
  u << 0, 1, 3;
  v << 0.5, 2;
  Mat x(4, 3), y(5, 3);
  x << 0, 1, 2, 1, 0, 0, 3, 1, 1, -1, 2, 0;
  y << 1, 1, 1, 0, 0, 2, 2, 2, 0, 1, -1, 1, 0, 3, 0;
  const double base = mm::sliced_wasserstein(x, y, 2.0, 50, 7);
  for (double c : {1e200, 1e-200}) {
    CHECK(close(mm::sliced_wasserstein(Mat(c * u), Mat(c * v), 2.0), c * std::sqrt(3.75 / 6), 1e-14));
    CHECK(close(mm::sliced_wasserstein(Mat(c * x), Mat(c * y), 2.0, 50, 7), c * base, 1e-13));
  }
}
