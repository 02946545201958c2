// Tour section: distributions, each number against a closed form or a 40-digit reference value.
#include <cmath>
#include <limits>
#include <numbers>
#include <string>

#include <minimax/prob.hpp>
#include <minimax/quadrature.hpp>

#include "tour.hpp"

//! [prob tour]
MINIMAX_TOUR_SECTION(200, "prob: distributions (tails, round trips, normalisation, sampling)") {
  namespace mm = minimax;
  constexpr double eps = std::numeric_limits<double>::epsilon();
  constexpr double inf = std::numeric_limits<double>::infinity();
  const mm::normal n01;
  r.say("The normal's lower tail, against 40-digit values computed with mpmath:");
  // Phi(-30) = erfc(30/sqrt 2)/2 = 4.906713927148187059533809256580190471966e-198 (mpmath, 40 digits)
  r.check("cdf(normal, -30)", mm::cdf(n01, -30.0), 4.906713927148187059533809256580190471966e-198,
          4 * eps * 4.9067139271481872e-198);
  // Phi^{-1}(1e-300) = -37.04709629936119923722296250786043684435 (mpmath root of Phi(z) = 1e-300)
  r.check("quantile(normal, 1e-300)", mm::quantile(n01, 1e-300), -37.04709629936119923722296250786043684435,
          4 * eps * 37.05);
  r.check("quantile(cdf(-35)) = -35 in the far tail", mm::quantile(n01, mm::cdf(n01, -35.0)), -35.0, 8 * eps * 35);
  r.say("Where the density underflows to 0, its logarithm is still exact:");
  r.check_that("pdf(normal, 40) underflows to 0", mm::pdf(n01, 40.0) == 0.0);
  r.check("log_pdf(normal, 40) = -800 - log(2 pi)/2", mm::log_pdf(n01, 40.0), -800 - 0.5 * std::log(2 * std::numbers::pi),
          4 * eps * 800);
  // log Phi(-40) = -804.6084420137537881666068329186099362002 (mpmath)
  r.check("log_cdf(normal, -40) (cdf itself underflows)", mm::log_cdf(n01, -40.0),
          -804.6084420137537881666068329186099362002, 8 * eps * 805);

  r.say("Densities integrate to 1 (minimax::integrate):");
  const mm::mixture m{{0.3, 0.7}, {mm::normal{-2, 0.5}, mm::normal{2, 1}}};
  const mm::mixture het{{0.9, 0.1}, {mm::normal{0, 1}, mm::uniform{-1, 1}}};
  const mm::uniform u{-1, 3};
  r.check("int pdf(normal{1.5, 0.3})", mm::integrate([](double x) { return mm::pdf(mm::normal{1.5, 0.3}, x); }, -inf, inf).value,
          1.0, 1e-13);
  r.check("int pdf(uniform{-1, 3})", mm::integrate([&](double x) { return mm::pdf(u, x); }, mm::support(u)).value, 1.0, 1e-14);
  r.check("int pdf(0.3 N(-2, .5) + 0.7 N(2, 1))", mm::integrate([&](double x) { return mm::pdf(m, x); }, -inf, inf).value,
          1.0, 1e-12);
  const double het_total = mm::integrate([&](double x) { return mm::pdf(het, x); }, -inf, -1.0).value +
                           mm::integrate([&](double x) { return mm::pdf(het, x); }, -1.0, 1.0).value +
                           mm::integrate([&](double x) { return mm::pdf(het, x); }, 1.0, inf).value;
  r.check("int pdf(0.9 N(0, 1) + 0.1 U(-1, 1))", het_total, 1.0, 1e-12);
  Eigen::Matrix2d cov;
  cov << 1.0, -0.6, -0.6, 0.5;
  const mm::mvn g2(Eigen::Vector2d(0.5, -1), cov);
  const auto inner = [&](double x) {
    return mm::integrate([&](double y) { return mm::pdf(g2, Eigen::Vector2d(x, y)); }, -15.0, 15.0).value;
  };
  r.check("int int pdf(mvn, correlated 2-D) (nested)", mm::integrate(inner, -15.0, 15.0).value, 1.0, 1e-10);
  const mm::grid grid(5, 2.0, 0.05);
  r.check("grid(5, 2, 0.05): pdf at the mode (2, -4) = 1 / (25 * 2 pi sigma^2)", mm::pdf(grid, Eigen::Vector2d(2, -4)),
          1.0 / (25 * 2 * std::numbers::pi * 0.05 * 0.05), 16 * eps * 2.55);

  r.say("Reproducible draws: mt19937_64 with the library's own transforms (checked against an");
  r.say("independent implementation of the generator):");
  mm::rng g(42);
  r.check("first uniform, seed 42", g.uniform(), 0.755155532954539, 0.0);
  mm::rng h(42);
  r.check("first normal, seed 42 (polar method)", h.normal(), 1.2938204232729367, eps * 1.3);
  r.say("Sample moments of 200000 draws against the exact ones (within 5 standard errors):");
  mm::rng s(2024);
  const Eigen::Index count = 200000;
  const Eigen::VectorXd xs = mm::sample(m, s, count);
  const double se = std::sqrt(mm::variance(m) / static_cast<double>(count));
  r.check("mixture sample mean vs 0.8", xs.mean(), mm::mean(m), 5 * se);
  const double var = (xs.array() - xs.mean()).square().sum() / static_cast<double>(count - 1);
  // the standard error of s^2 is sqrt((mu_4 - sigma^4) / n), mu_4 estimated from the same draws
  const double mu4 = (xs.array() - xs.mean()).pow(4).mean();
  const double se_var = std::sqrt((mu4 - var * var) / static_cast<double>(count));
  r.check("mixture sample variance vs 4.135", var, mm::variance(m), 5 * se_var);
}
//! [prob tour]
