// Tests for include/minimax/divergence/mmd.hpp: hand-computed values on tiny samples, the linear
// kernel's closed form |mean x - mean y|^2, brute force, unbiasedness under P = Q checked against
// the replicates' own standard error, and every rejected input.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include <Eigen/Core>
#include <minimax/divergence/mmd.hpp>

namespace mm = minimax;
using Mat = Eigen::MatrixXd;

namespace {
Mat normal_sample(int n, int d, std::mt19937_64& gen, double shift = 0) {
  std::normal_distribution<double> normal(shift, 1);
  Mat x(n, d);
  for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = normal(gen);
  return x;
}
}  // namespace

TEMPLATE_TEST_CASE("mmd: hand-computed values on two points each", "[mmd]", float, double) {
  using T = TestType;
  using M = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;
  // x = {0, 1}, y = {0, 2}, Gaussian kernel sigma = 1: k(d) = exp(-d^2 / 2).
  // Unbiased: e^{-1/2} + e^{-2} - (1 + e^{-2} + 2 e^{-1/2}) / 2 = (e^{-2} - 1) / 2 < 0.
  // Biased:   (2 + 2e^{-1/2}) / 4 + (2 + 2e^{-2}) / 4 - (1 + e^{-2} + 2e^{-1/2}) / 2 = (1 - e^{-1/2}) / 2.
  M x(2, 1), y(2, 1);
  x << 0, 1;
  y << 0, 2;
  const T eps = std::numeric_limits<T>::epsilon();
  const mm::kernels::gaussian k{1.0};
  CHECK(std::abs(mm::mmd2_unbiased(x, y, k) - (std::exp(T(-2)) - 1) / 2) <= 16 * eps);
  CHECK(mm::mmd2_unbiased(x, y, k) < 0);  // the unbiased estimate can be negative
  CHECK(std::abs(mm::mmd2_biased(x, y, k) - (1 - std::exp(T(-0.5))) / 2) <= 16 * eps);
  // Laplacian, sigma = 2: k(d) = exp(-|d| / 2). Biased: (2 + 2e^{-1/2})/4 + (2 + 2e^{-1})/4 -
  // (1 + e^{-1} + 2e^{-1/2}) / 2 = (1 - e^{-1/2}) / 2: the e^{-1} terms cancel.
  const mm::kernels::laplacian l{2.0};
  CHECK(std::abs(mm::mmd2_biased(x, y, l) - (1 - std::exp(T(-0.5))) / 2) <= 16 * eps);
}

TEST_CASE("mmd: the linear kernel gives |mean x - mean y|^2", "[mmd]") {
  std::mt19937_64 gen(1);
  const Mat x = normal_sample(40, 3, gen), y = normal_sample(30, 3, gen, 0.5);
  const mm::kernels::polynomial linear{1, 1.0, 0.0};
  const double expected = (x.colwise().mean() - y.colwise().mean()).squaredNorm();
  CHECK(mm::mmd2_biased(x, y, linear) == Approx(expected).epsilon(1e-12));
}

TEST_CASE("mmd: against brute-force double sums", "[mmd]") {
  std::mt19937_64 gen(2);
  const Mat x = normal_sample(12, 2, gen), y = normal_sample(9, 2, gen, 1);
  auto brute = [&](auto k, bool unbiased) {
    auto mean = [&](const Mat& p, const Mat& q, bool skip) {
      double s = 0;
      int count = 0;
      for (int i = 0; i < p.rows(); ++i)
        for (int j = 0; j < q.rows(); ++j) {
          if (skip && i == j) continue;
          s += k(p.row(i), q.row(j));
          ++count;
        }
      return s / count;
    };
    return mean(x, x, unbiased) + mean(y, y, unbiased) - 2 * mean(x, y, false);
  };
  auto poly = [](const auto& a, const auto& b) { return std::pow(0.5 * a.dot(b) + 1, 3); };
  auto lap = [](const auto& a, const auto& b) { return std::exp(-(a - b).cwiseAbs().sum() / 0.7); };
  auto gau = [](const auto& a, const auto& b) { return std::exp(-(a - b).squaredNorm() / (2 * 1.3 * 1.3)); };
  CHECK(mm::mmd2_unbiased(x, y, mm::kernels::polynomial{3, 0.5, 1.0}) == Approx(brute(poly, true)).epsilon(1e-12));
  CHECK(mm::mmd2_biased(x, y, mm::kernels::polynomial{3, 0.5, 1.0}) == Approx(brute(poly, false)).epsilon(1e-12));
  CHECK(mm::mmd2_unbiased(x, y, mm::kernels::laplacian{0.7}) == Approx(brute(lap, true)).epsilon(1e-12));
  CHECK(mm::mmd2_unbiased(x, y, mm::kernels::gaussian{1.3}) == Approx(brute(gau, true)).epsilon(1e-12));
  CHECK(mm::mmd2_biased(x, y, mm::kernels::gaussian{1.3}) == Approx(brute(gau, false)).epsilon(1e-12));
}

TEST_CASE("mmd: unbiased for P = Q within its standard error; the biased one is not", "[mmd]") {
  // 400 independent replicates of n = m = 30 from the same N(0, I_2). The mean of the unbiased
  // estimates must lie within 4 standard errors of 0 (the SE estimated from the replicates
  // themselves); the biased estimates' mean is positive by many standard errors.
  std::mt19937_64 gen(3);
  const int replicates = 400;
  std::vector<double> u(replicates), b(replicates);
  const mm::kernels::gaussian k{1.0};
  int negative = 0;
  for (int r = 0; r < replicates; ++r) {
    const Mat x = normal_sample(30, 2, gen), y = normal_sample(30, 2, gen);
    u[static_cast<std::size_t>(r)] = mm::mmd2_unbiased(x, y, k);
    b[static_cast<std::size_t>(r)] = mm::mmd2_biased(x, y, k);
    negative += u[static_cast<std::size_t>(r)] < 0;
  }
  auto mean_se = [&](const std::vector<double>& v) {
    double mean = 0, var = 0;
    for (double t : v) mean += t;
    mean /= replicates;
    for (double t : v) var += (t - mean) * (t - mean);
    var /= replicates - 1;
    return std::pair{mean, std::sqrt(var / replicates)};
  };
  const auto [mu, se] = mean_se(u);
  CHECK(std::abs(mu) <= 4 * se);
  const auto [mb, seb] = mean_se(b);
  CHECK(mb > 10 * seb);
  CHECK(negative > replicates / 5);  // negative a good part of the time
  // And a real difference is detected: shifted means give a mean far above 0.
  const Mat x = normal_sample(100, 2, gen), y = normal_sample(100, 2, gen, 1.0);
  CHECK(mm::mmd2_unbiased(x, y, k) > 20 * se);
}

TEST_CASE("mmd: bad input names the function and the value", "[mmd]") {
  const Mat x = Mat::Zero(3, 2), y = Mat::Ones(4, 2);
  CHECK_THROWS_WITH(mm::mmd2_biased(x, y, mm::kernels::gaussian{0.0}), "minimax::mmd2_biased: sigma must be positive and finite, got 0");
  CHECK_THROWS_WITH(mm::mmd2_unbiased(x, y, mm::kernels::laplacian{-1.0}),
                    "minimax::mmd2_unbiased: sigma must be positive and finite, got -1");
  CHECK_THROWS_WITH(mm::mmd2_biased(x, y, mm::kernels::polynomial{0, 1.0, 1.0}),
                    "minimax::mmd2_biased: degree must be >= 1, got 0");
  CHECK_THROWS_AS(mm::mmd2_biased(x, y, mm::kernels::polynomial{2, 1.0, -1.0}), mm::invalid_argument);
  CHECK_THROWS_WITH(mm::mmd2_unbiased(Mat::Zero(1, 2), y, mm::kernels::gaussian{1.0}),
                    "minimax::mmd2_unbiased: x must have at least 2 rows (points), got 1");
  CHECK_THROWS_WITH(mm::mmd2_biased(x, Mat::Zero(4, 3), mm::kernels::gaussian{1.0}),
                    "minimax::mmd2_biased: the dimensions of x and y (columns) must have the same size, got 2 and 3");
  CHECK_THROWS_WITH(mm::mmd2_biased(Mat(0, 2), y, mm::kernels::gaussian{1.0}),
                    "minimax::mmd2_biased: x (rows) must not be empty, got 0");
  Mat bad = x;
  bad(2, 1) = std::numeric_limits<double>::quiet_NaN();
  CHECK_THROWS_WITH(mm::mmd2_biased(bad, y, mm::kernels::gaussian{1.0}), "minimax::mmd2_biased: x must be finite, got nan");
}
