// Tests for include/minimax/prob/empirical.hpp: the ecdf and its inverse (type 1) by hand-counted
// answers, moments with divisor n, bootstrap draws, the N×d form, and validation.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <vector>

#include <minimax/prob/empirical.hpp>

namespace mm = minimax;

TEST_CASE("empirical: ecdf and quantile", "[prob][empirical]") {
  const mm::empirical e(std::vector<double>{3, 1, 4, 1, 5, 9, 2, 6, 5, 3});  // sorted: 1 1 2 3 3 4 5 5 6 9
  CHECK(e.size() == 10);
  CHECK(e.sorted().front() == 1.0);
  CHECK(mm::cdf(e, 0.5) == 0.0);
  CHECK(mm::cdf(e, 1.0) == 0.2);
  CHECK(mm::cdf(e, 3.0) == 0.5);
  CHECK(mm::cdf(e, 8.9) == 0.9);
  CHECK(mm::cdf(e, 9.0) == 1.0);
  CHECK(mm::quantile(e, 0.0) == 1.0);
  CHECK(mm::quantile(e, 0.1) == 1.0);
  CHECK(mm::quantile(e, 0.3) == 2.0);   // ceil(10 * 0.3) = 3 although 10 * 0.3 > 3 in floating point
  CHECK(mm::quantile(e, 0.31) == 3.0);
  CHECK(mm::quantile(e, 0.5) == 3.0);
  CHECK(mm::quantile(e, 0.95) == 9.0);
  CHECK(mm::quantile(e, 1.0) == 9.0);
  CHECK(mm::support(e) == (mm::interval<double>{1.0, 9.0}));
  CHECK(mm::mean(e) == 3.9);
  // sum of squares of deviations from 3.9: 54.9, divisor n
  CHECK(std::abs(mm::variance(e) - 5.49) <= 8 * std::numeric_limits<double>::epsilon() * 5.49);
  // the ecdf's generalised inverse: F(Q(p)) >= p and F(just below Q(p)) < p
  for (double p : {0.05, 0.2, 0.21, 0.6, 0.99}) {
    const double q = mm::quantile(e, p);
    CHECK(mm::cdf(e, q) >= p);
    CHECK(mm::cdf(e, std::nextafter(q, -1e9)) < p);
  }
}

TEST_CASE("empirical: bootstrap draws", "[prob][empirical]") {
  Eigen::VectorXd v(4);
  v << 0.0, 1.0, 2.0, 10.0;
  const mm::empirical e(v);
  mm::rng g(9);
  const Eigen::Index n = 40000;
  const Eigen::VectorXd x = mm::sample(e, g, n);
  for (Eigen::Index i = 0; i < n; ++i) REQUIRE((x[i] == 0 || x[i] == 1 || x[i] == 2 || x[i] == 10));
  CHECK(std::abs(x.mean() - mm::mean(e)) <= 5 * std::sqrt(mm::variance(e) / static_cast<double>(n)));
}

TEST_CASE("empirical_multivariate: moments and draws", "[prob][empirical]") {
  Eigen::MatrixXd pts(3, 2);
  pts << 0, 0, 2, 0, 1, 3;
  const mm::empirical_multivariate e(pts);
  CHECK(mm::dimension(e) == 2);
  CHECK(e.size() == 3);
  CHECK(mm::mean(e).isApprox(Eigen::Vector2d(1, 1)));
  Eigen::Matrix2d cov;
  cov << 2.0 / 3, 0, 0, 2.0;  // x: {-1, 1, 0}; y: {-1, -1, 2}; xy: {1, -1, 0}
  CHECK((mm::covariance(e) - cov).norm() <= 1e-15);
  mm::rng g(1);
  const Eigen::MatrixXd x = mm::sample(e, g, 100);
  for (Eigen::Index i = 0; i < 100; ++i) {
    bool found = false;
    for (Eigen::Index k = 0; k < 3; ++k) found = found || x.row(i) == pts.row(k);
    CHECK(found);
  }
}

TEST_CASE("empirical: validation", "[prob][empirical]") {
  CHECK_THROWS_WITH(mm::empirical(std::vector<double>{}), "minimax::empirical: samples must not be empty, got 0");
  CHECK_THROWS_WITH(mm::empirical(std::vector<double>{1, std::nan("")}), "minimax::empirical: samples[1] must be finite, got nan");
  CHECK_THROWS_AS(mm::empirical_multivariate(Eigen::MatrixXd(0, 2)), mm::invalid_argument);
  const mm::empirical e(std::vector<double>{1});
  CHECK_THROWS_AS(mm::quantile(e, -0.1), mm::domain_error);
  CHECK(mm::quantile(e, 0.7) == 1.0);
}
