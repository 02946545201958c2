// Tests of include/minimax/proofs/criterion_convexity.hpp: Proposition 2's convexity holds along
// mixture paths over the hard family; the path's criterion matches -log 4 + 2 JSD of the mixed pmf
// (minimax::jsd, an independent route); functional descent reaches -log 4 while a normal fitted to a
// bimodal p_data stops short (and reaches it when p_data is normal itself).
#include <minimax/divergence/jsd.hpp>
#include <minimax/proofs/criterion_convexity.hpp>

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "family.hpp"

namespace mm = minimax;

TEST_CASE("Proposition 2: C is convex along mixture paths over the hard family", "[proofs][criterion_convexity]") {
  mm::test::for_each_density_pair([](const std::string& name, const auto& p, const auto& q) {
    INFO(name);
    const auto pr = mm::proofs::criterion_convexity(p, q, mm::normal{-1, 2});
    INFO(mm::proofs::to_table(pr));
    CHECK(pr.holds());
    CHECK(pr.steps.size() == 10);
    CHECK(pr.at("smallest second difference, step 0.1").value >= 0);
  });
  mm::test::for_each_pmf_pair([](const std::string& name, const auto& p, const auto& q) {
    INFO(name);
    const auto pr = mm::proofs::criterion_convexity(p, q, mm::pmf::uniform(p.size()));
    INFO(mm::proofs::to_table(pr));
    CHECK(pr.holds());
  });
}

TEST_CASE("Proposition 2: the path's criterion against -log 4 + 2 JSD of the mixed pmf", "[proofs][criterion_convexity]") {
  const auto p = mm::pmf::from({0.1, 0.2, 0.3, 0.4});
  const auto a = mm::pmf::from({0.5, 0.5, 0.0, 0.0}), b = mm::pmf::from({0.0, 0.0, 0.25, 0.75});
  const double eps = std::numeric_limits<double>::epsilon();
  for (double t : {0.0, 0.25, 0.5, 0.75, 1.0}) {
    const Eigen::VectorXd q = (1 - t) * a.probabilities() + t * b.probabilities();
    const double expected = -std::log(4.0) + 2 * mm::jsd(p.probabilities(), q);
    const auto c = mm::proofs::detail::criterion_on_path(p, a, b, t);
    CHECK(std::abs(c.value - expected) <= 4 * c.error_estimate + 8 * eps);
  }
  // C'' at 1/2 by its closed form on pmfs: sum (b - a)^2 p / (q (p + q)).
  double curvature = 0;
  for (Eigen::Index i = 0; i < 4; ++i) {
    const double q = (a[i] + b[i]) / 2, d = b[i] - a[i];
    curvature += d * d * p[i] / (q * (p[i] + q));
  }
  const auto pr = mm::proofs::criterion_convexity(p, a, b);
  REQUIRE(pr.holds());
  CHECK(std::abs(pr.steps[9].value - curvature) <= 4 * pr.steps[9].error_estimate + 8 * eps * curvature);
}

TEST_CASE("Proposition 2: known values on the path", "[proofs][criterion_convexity]") {
  // p_a = p_data: C(p_a) = -log 4; disjoint uniforms: C = 0.
  const auto pr = mm::proofs::criterion_convexity(mm::uniform{0, 1}, mm::uniform{0, 1}, mm::uniform{2, 3});
  REQUIRE(pr.holds());
  CHECK(std::abs(pr.steps[0].value + std::log(4.0)) <= 4 * pr.steps[0].error_estimate + 1e-15);
  CHECK(std::abs(pr.steps[2].value) <= 4 * pr.steps[2].error_estimate + 1e-15);
  // A wrong chord (the curve above it) fails.
  auto broken = pr;
  broken.steps[5].value = broken.steps[5].reference.value + 0.01;
  CHECK_FALSE(broken.holds());
}

TEST_CASE("functional descent reaches -log 4; a normal fitted to a bimodal p_data does not", "[proofs][criterion_convexity]") {
  const double log4 = std::log(4.0);
  const auto bimodal = mm::mixture{{0.5, 0.5}, {mm::normal{-3, 0.5}, mm::normal{3, 0.5}}};
  const auto pr = mm::proofs::functional_descent(bimodal, mm::normal{1, 1});
  INFO(mm::proofs::to_table(pr));
  CHECK(pr.holds());
  CHECK(std::abs(pr.steps[1].value + log4) <= 4 * pr.steps[1].error_estimate + 1e-15);
  // The gap parameter space leaves: at least a tenth of a nat above -log 4 (it is about 0.59).
  CHECK(pr.steps.back().reference.value + log4 > 0.1);
  // p_data normal: the family contains it, and parameter descent closes the gap.
  const auto normal_data = mm::proofs::functional_descent(mm::normal{0.5, 1.5}, mm::normal{-1, 1});
  INFO(mm::proofs::to_table(normal_data));
  CHECK(normal_data.holds());
  CHECK(normal_data.steps.back().reference.value + log4 < 1e-6);
}

TEST_CASE("criterion_convexity and functional_descent: bad input", "[proofs][criterion_convexity]") {
  CHECK_THROWS_AS(mm::proofs::criterion_convexity(mm::pmf::from({0.5, 0.5}), mm::pmf::from({0.5, 0.5}),
                                                  mm::pmf::from({0.2, 0.3, 0.5})),
                  mm::invalid_argument);
  CHECK_THROWS_WITH(mm::proofs::functional_descent(mm::normal{0, 1}, mm::normal{0, 1}, 1),
                    Catch::Matchers::Contains("minimax::proofs::functional_descent") && Catch::Matchers::Contains("cells"));
  CHECK_THROWS_AS(mm::proofs::functional_descent(mm::normal{0, 1}, mm::normal{0, 1}, 100, 0), mm::invalid_argument);
  CHECK_THROWS_AS(mm::proofs::functional_descent(mm::normal{0, 1}, mm::normal{0, 1}, 100, 10, -1.0), mm::invalid_argument);
  CHECK_THROWS_AS(mm::proofs::functional_descent(mm::normal{0, 1}, mm::normal{0, 1}, 100, 10, 0.5, std::nan("")),
                  mm::invalid_argument);
}
