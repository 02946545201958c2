// Tests for include/minimax/metrics/: each measure against a closed form or a brute-force value.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <type_traits>

#include <minimax/divergence/mmd.hpp>
#include <minimax/metrics.hpp>
#include <minimax/prob/grid.hpp>
#include <minimax/prob/ring.hpp>

namespace mm = minimax;
namespace metrics = minimax::metrics;

// The Monte Carlo results are minimax::mean_estimate with their extras.
static_assert(std::is_base_of_v<mm::mean_estimate, mm::metrics::kid_result>);
static_assert(std::is_base_of_v<mm::mean_estimate, mm::metrics::path_length_result>);
static_assert(std::is_same_v<decltype(mm::metrics::parzen_log_likelihood(Eigen::MatrixXd(), Eigen::MatrixXd(), 1.0)),
                             mm::mean_estimate>);

TEST_CASE("mode_coverage: counts, quality and reverse KL against hand counts", "[metrics][mode_coverage]") {
  const mm::ring ring(8, 1.0, 0.01);
  const Eigen::MatrixXd& modes = ring.modes();
  // 40 samples: 10 on each of modes 0..3 (within 3 sigma), plus 10 far from every mode
  Eigen::MatrixXd samples(50, 2);
  for (int i = 0; i < 40; ++i) samples.row(i) = modes.row(i / 10) + Eigen::RowVector2d(0.02, -0.01);
  for (int i = 40; i < 50; ++i) samples.row(i) = Eigen::RowVector2d(0.0, 0.0);  // the centre: 1 = 100 sigma away
  const auto r = metrics::mode_coverage(samples, ring);
  CHECK(r.modes_captured == 4);
  CHECK(r.high_quality_fraction == 0.8);
  CHECK(r.counts.head(4).sum() == 40);
  // q uniform on 4 of 8 modes: KL(q || u) = log 2
  CHECK(std::abs(r.reverse_kl - std::log(2.0)) <= 4 * std::numeric_limits<double>::epsilon());

  // every mode equally: KL = 0; a sample just outside 3 sigma is not high quality
  const mm::grid grid(5, 2.0, 0.05);
  Eigen::MatrixXd exact = grid.modes();
  const auto all = metrics::mode_coverage(exact, grid);
  CHECK(all.modes_captured == 25);
  CHECK(all.reverse_kl == 0.0);
  Eigen::MatrixXd outside(1, 2);
  outside << 0.0, 3 * 0.05 * 1.0001;
  CHECK(metrics::mode_coverage(outside, grid).high_quality_fraction == 0.0);
  CHECK(metrics::mode_coverage(outside, grid).reverse_kl == std::numeric_limits<double>::infinity());

  CHECK_THROWS_WITH(metrics::mode_coverage(exact, grid.modes(), -1.0),
                    "minimax::metrics::mode_coverage: sigma must be positive and finite, got -1");
  CHECK_THROWS_AS(metrics::mode_coverage(Eigen::MatrixXd(0, 2), grid), std::invalid_argument);
  CHECK_THROWS_AS(metrics::mode_coverage(Eigen::MatrixXd::Zero(3, 3), grid), std::invalid_argument);
}

TEST_CASE("parzen_log_likelihood: closed forms, far points, and sigma selection", "[metrics][parzen]") {
  // one generated point, one test point: log N(x; g, sigma^2 I)
  Eigen::MatrixXd g(1, 2), x(1, 2);
  g << 0.5, -1.0;
  x << 1.5, 0.0;
  const double sigma = 0.7;
  const double expected = -2.0 / (2 * sigma * sigma) - std::log(2 * M_PI * sigma * sigma);
  CHECK(std::abs(metrics::parzen_log_likelihood(g, x, sigma).mean - expected) <= 1e-15 * std::abs(expected));
  // two generated points at equal distance: log of the average of two equal densities = the same
  Eigen::MatrixXd g2(2, 2);
  g2 << 0.5, -1.0, 2.5, 1.0;  // both at squared distance 2 from x
  CHECK(std::abs(metrics::parzen_log_likelihood(g2, x, sigma).mean - expected) <= 1e-14 * std::abs(expected));
  // a point 100 sigma away: finite (log space), the exact quadratic value
  Eigen::MatrixXd far(1, 2);
  far << 100.0, 0.0;
  const double far_expected = -(99.5 * 99.5 + 1.0) / (2 * 0.1 * 0.1) - std::log(2 * M_PI * 0.01);
  const auto e = metrics::parzen_log_likelihood(g, far, 0.1);
  CHECK(std::isfinite(e.mean));
  CHECK(std::abs(e.mean - far_expected) <= 1e-13 * std::abs(far_expected));
  // mean ± standard error of two test points
  Eigen::MatrixXd tests(2, 2);
  tests << 1.5, 0.0, 0.5, -1.0;
  const double at_g = -std::log(2 * M_PI * sigma * sigma);
  const auto two = metrics::parzen_log_likelihood(g, tests, sigma);
  CHECK(std::abs(two.mean - 0.5 * (expected + at_g)) <= 1e-14);
  CHECK(std::abs(two.standard_error - std::abs(expected - at_g) / 2) <= 1e-14);
  // sigma selection: samples from N(0, 1) in 1-D, validation from the same: the best of a wide grid
  // is neither the smallest nor the largest candidate
  mm::rng rng(7);
  Eigen::MatrixXd gen(400, 1), val(400, 1);
  for (int i = 0; i < 400; ++i) gen(i, 0) = rng.normal();
  for (int i = 0; i < 400; ++i) val(i, 0) = rng.normal();
  const double best = metrics::parzen_select_sigma(gen, val, {0.01, 0.03, 0.1, 0.3, 1.0, 3.0});
  CHECK(best > 0.01);
  CHECK(best < 3.0);
  CHECK_THROWS_AS(metrics::parzen_log_likelihood(g, x, 0.0), std::invalid_argument);
  CHECK_THROWS_AS(metrics::parzen_log_likelihood(g, Eigen::MatrixXd(1, 3), 1.0), std::invalid_argument);
  CHECK_THROWS_AS(metrics::parzen_select_sigma(g, x, {}), std::invalid_argument);
}

TEST_CASE("kernel_inception_distance: one whole subset is the unbiased MMD^2; same distributions give ~0",
          "[metrics][kid]") {
  mm::rng rng(11);
  Eigen::MatrixXd x(300, 4), y(300, 4), z(300, 4);
  for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = rng.normal();
  for (Eigen::Index i = 0; i < y.size(); ++i) y.data()[i] = rng.normal();
  for (Eigen::Index i = 0; i < z.size(); ++i) z.data()[i] = rng.normal() + 1.0;
  const mm::kernels::polynomial cubic{3, 0.25, 1.0};
  const auto whole = metrics::kernel_inception_distance(x, y, rng, 1, 300);
  CHECK(whole.mean == mm::mmd2_unbiased(x, y, cubic));
  // same distribution: within 4 standard errors of 0; shifted: far above
  const auto same = metrics::kernel_inception_distance(x, y, rng, 50, 100);
  CHECK(std::abs(same.mean) <= 4 * same.standard_error + 1e-12);
  const auto shifted = metrics::kernel_inception_distance(x, z, rng, 50, 100);
  CHECK(shifted.mean > 10 * shifted.standard_error);
  // reproducible from a seed
  mm::rng a(3), b(3);
  CHECK(metrics::kernel_inception_distance(x, z, a, 5, 50).mean == metrics::kernel_inception_distance(x, z, b, 5, 50).mean);
  CHECK_THROWS_AS(metrics::kernel_inception_distance(x, y, rng, 0, 10), std::invalid_argument);
  CHECK_THROWS_AS(metrics::kernel_inception_distance(x, y, rng, 5, 301), std::invalid_argument);
}

TEST_CASE("inception_score: 1 for identical rows, C for balanced one-hot rows", "[metrics][inception_score]") {
  const Eigen::MatrixXd one_hot = Eigen::MatrixXd::Identity(10, 10);
  CHECK(std::abs(metrics::inception_score(one_hot) - 10.0) <= 1e-13);
  Eigen::MatrixXd same(5, 3);
  same.rowwise() = Eigen::RowVector3d(0.2, 0.3, 0.5);
  CHECK(metrics::inception_score(same) == 1.0);
  // two classes, rows (1, 0) and (0.5, 0.5): p(y) = (0.75, 0.25);
  // E KL = 0.5 [log(1/0.75)] + 0.5 [0.5 log(0.5/0.75) + 0.5 log(0.5/0.25)]
  Eigen::MatrixXd p(2, 2);
  p << 1.0, 0.0, 0.5, 0.5;
  const double kl = 0.5 * std::log(1 / 0.75) + 0.5 * (0.5 * std::log(0.5 / 0.75) + 0.5 * std::log(2.0));
  CHECK(std::abs(metrics::inception_score(p) - std::exp(kl)) <= 1e-15);
  Eigen::MatrixXd bad(1, 2);
  bad << 0.6, 0.6;
  CHECK_THROWS_WITH(metrics::inception_score(bad), "minimax::metrics::inception_score: row 0 must sum to 1, got 1.2");
  bad << -0.1, 1.1;
  CHECK_THROWS_AS(metrics::inception_score(bad), std::invalid_argument);
}

TEST_CASE("perceptual_path_length: a linear generator gives |A(z2 - z1)|^2, mean 2 tr(A^T A)", "[metrics][ppl]") {
  Eigen::MatrixXd A(3, 2);
  A << 1.0, 0.5, -0.3, 2.0, 0.0, 1.0;
  const auto g = [&](const Eigen::VectorXd& z) -> Eigen::VectorXd { return A * z; };
  const auto squared = [](const Eigen::VectorXd& a, const Eigen::VectorXd& b) { return (a - b).squaredNorm(); };
  mm::rng rng(5);
  const auto r = metrics::perceptual_path_length(g, squared, 2, rng, 4000, 1e-3);
  const double expected = 2 * (A.transpose() * A).trace();
  CHECK(std::abs(r.mean - expected) <= 4 * r.standard_error);
  CHECK(r.standard_error < 0.05 * expected);
  // each value is exactly |A (z2 - z1)|^2 (to rounding of the difference quotient)
  mm::rng replay(5);
  Eigen::VectorXd z1(2), z2(2);
  z1 << replay.normal(), replay.normal();
  z2 << replay.normal(), replay.normal();
  const double first = (A * (z2 - z1)).squaredNorm();
  CHECK(std::abs(r.values.front() - first) <= 1e-7 * first);
  CHECK_THROWS_AS(metrics::perceptual_path_length(g, squared, 2, rng, 0), std::invalid_argument);
  CHECK_THROWS_AS(metrics::perceptual_path_length(g, [](const auto&, const auto&) { return -1.0; }, 2, rng, 3),
                  std::invalid_argument);
}
