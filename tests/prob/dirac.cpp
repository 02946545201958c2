// Tests for include/minimax/prob/dirac.hpp: the point mass's cdf, quantile, moments and draws; that
// it has no density is checked at compile time in tests/static/prob.cpp.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include <minimax/prob/dirac.hpp>

namespace mm = minimax;

TEST_CASE("dirac: cdf, quantile, mass, moments, draws", "[prob][dirac]") {
  const mm::dirac d{1.5};
  CHECK(mm::cdf(d, 1.4999999) == 0.0);
  CHECK(mm::cdf(d, 1.5) == 1.0);  // right-continuous
  CHECK(mm::cdf(d, -std::numeric_limits<double>::infinity()) == 0.0);
  CHECK(mm::mass(d, 1.5) == 1.0);
  CHECK(mm::mass(d, 1.0) == 0.0);
  for (double p : {0.0, 1e-300, 0.5, 1.0}) CHECK(mm::quantile(d, p) == 1.5);
  CHECK(mm::mean(d) == 1.5);
  CHECK(mm::variance(d) == 0.0);
  CHECK(mm::support(d) == (mm::interval<double>{1.5, 1.5}));
  mm::rng g(3), h(3);
  CHECK(mm::sample(d, g) == 1.5);
  CHECK((mm::sample(d, g, 4).array() == 1.5).all());
  CHECK(g.uniform() == h.uniform());  // drawing a point mass does not consume randomness
}

TEST_CASE("dirac: validation", "[prob][dirac]") {
  CHECK_THROWS_WITH(mm::dirac(std::nan("")), "minimax::dirac: x0 must be finite, got nan");
  CHECK_THROWS_AS(mm::dirac(std::numeric_limits<double>::infinity()), mm::invalid_argument);
  const mm::dirac d{0};
  CHECK_THROWS_AS(mm::quantile(d, -0.5), mm::domain_error);
  CHECK_THROWS_AS(mm::cdf(d, std::nan("")), mm::invalid_argument);
  CHECK_THROWS_AS(mm::mass(d, std::nan("")), mm::invalid_argument);
}
