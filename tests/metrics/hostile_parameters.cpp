// Hostile parameters to the metrics: a tolerance or a step that is not allowed is reported as such,
// never as a fault of the data.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include <minimax/metrics/inception_score.hpp>
#include <minimax/metrics/path_length.hpp>
#include <minimax/prob/random.hpp>

namespace mm = minimax;
using Catch::Matchers::Contains;

TEST_CASE("inception_score: a tolerance outside [0, 1) is rejected before the data are read", "[metrics][hostile]") {
  const Eigen::MatrixXd one_hot = Eigen::MatrixXd::Identity(3, 3);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (const double tolerance : {nan, -1.0, -1e-300, 1.0, 2.0, std::numeric_limits<double>::infinity()}) {
    INFO("tolerance " << tolerance);
    CHECK_THROWS_AS(mm::metrics::inception_score(one_hot, tolerance), mm::invalid_argument);
    CHECK_THROWS_WITH(mm::metrics::inception_score(one_hot, tolerance),
                      Contains("minimax::metrics::inception_score: tolerance must lie in [0, 1)"));
  }
  // with bad data as well, the tolerance is what is named
  Eigen::MatrixXd bad = one_hot;
  bad(0, 0) = 0.5;
  CHECK_THROWS_WITH(mm::metrics::inception_score(bad, nan), Contains("tolerance"));
  // valid tolerances keep their meaning: one-hot rows of equally frequent classes give IS = C
  CHECK(mm::metrics::inception_score(one_hot, 0.0) == Approx(3.0).epsilon(1e-15));
  CHECK(mm::metrics::inception_score(one_hot, 0.5) == Approx(3.0).epsilon(1e-15));
  // and a row off by more than the tolerance still blames the row
  CHECK_THROWS_WITH(mm::metrics::inception_score(bad, 0.1), Contains("row 0 must sum to 1"));
}

TEST_CASE("perceptual_path_length: epsilon must lie in (0, 1)", "[metrics][hostile]") {
  const auto identity = [](const Eigen::VectorXd& z) { return z; };
  const auto squared = [](const Eigen::VectorXd& a, const Eigen::VectorXd& b) { return (a - b).squaredNorm(); };
  for (const double epsilon : {0.0, -1e-4, 1.0, 1.5, std::numeric_limits<double>::quiet_NaN()}) {
    INFO("epsilon " << epsilon);
    mm::rng g(1);
    CHECK_THROWS_WITH(mm::metrics::perceptual_path_length(identity, squared, 2, g, 10, epsilon),
                      Contains("minimax::metrics::perceptual_path_length: epsilon must lie in (0, 1)"));
  }
  // for g = identity and the squared distance the PPL of each pair is |z2 - z1|^2, whose mean is 2k
  mm::rng g(2);
  const auto r = mm::metrics::perceptual_path_length(identity, squared, 3, g, 20000, 0.5);
  REQUIRE(r.values.size() == 20000);
  CHECK(r.standard_error > 0.0);
  CHECK(std::abs(r.mean - 6.0) <= 5.0 * r.standard_error);
}
