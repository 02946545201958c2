// Integrals with minimax::integrate: the rule follows from the bounds, the result carries an error
// estimate, and bad input or a NaN integrand is reported with its location.
#include <cmath>
#include <cstdio>
#include <limits>
#include <numbers>
#include <string>

#include <minimax/prob.hpp>
#include <minimax/quadrature.hpp>

int main() {
  namespace mm = minimax;
  constexpr double inf = std::numeric_limits<double>::infinity();

  //! [basic]
  const auto r = mm::integrate([](double x) { return std::exp(-x * x); }, -inf, inf);
  std::printf("int exp(-x^2) = %.17g (sqrt(pi) = %.17g), error estimate %.2g, %s, %zu evaluations\n", r.value,
              std::sqrt(std::numbers::pi), r.error_estimate, std::string(mm::to_string(r.method)).c_str(),
              r.evaluations);
  // an integrable singularity at an end point
  const auto s = mm::integrate([](double x) { return std::log(x); }, 0.0, 1.0);
  std::printf("int_0^1 log x = %.17g (exact -1), %s\n", s.value, std::string(mm::to_string(s.method)).c_str());
  //! [basic]

  //! [densities]
  const mm::mixture m{{0.3, 0.7}, {mm::normal{-2, 0.5}, mm::normal{2, 1}}};
  const auto total = mm::integrate([&](double x) { return mm::pdf(m, x); }, mm::support(m));
  const auto second = mm::integrate([&](double x) { return x * x * mm::pdf(m, x); }, mm::support(m));
  std::printf("mixture: int pdf = %.17g, E[X^2] = %.17g (exact %.17g)\n", total.value, second.value,
              mm::variance(m) + mm::mean(m) * mm::mean(m));
  //! [densities]

  //! [options]
  mm::quadrature_options<double> options;
  options.relative_tolerance = 1e-14;
  options.max_refinements = 15;
  const auto gk = mm::integrate_gauss_kronrod<31>([](double x) { return 1 / (1 + x * x); }, -inf, inf, options);
  std::printf("Gauss-Kronrod: int 1/(1+x^2) = %.17g (pi = %.17g)\n", gk.value, std::numbers::pi);
  //! [options]

  //! [errors]
  try {
    (void)mm::integrate([](double x) { return std::sqrt(x - 0.5); }, 0.0, 1.0);
  } catch (const mm::domain_error& e) {
    std::printf("%s\n", e.what());
  }
  //! [errors]
  return 0;
}
