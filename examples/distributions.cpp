// Distributions in minimax: Boost.Math-style free functions, validated parameters, stable logs in
// the tails, heterogeneous mixtures, 2-D benchmark targets and reproducible sampling.
#include <cstdio>
#include <exception>

#include <minimax/prob.hpp>

int main() {
  namespace mm = minimax;

  //! [normal]
  const mm::normal p{0.0, 1.0};
  std::printf("pdf(0) = %.17g, cdf(-30) = %.17g, quantile(1e-300) = %.17g\n", mm::pdf(p, 0.0), mm::cdf(p, -30.0),
              mm::quantile(p, 1e-300));
  // where the density underflows, its logarithm is still exact
  std::printf("pdf(40) = %g, log_pdf(40) = %.17g, log_cdf(-40) = %.17g\n", mm::pdf(p, 40.0), mm::log_pdf(p, 40.0),
              mm::log_cdf(p, -40.0));
  //! [normal]

  //! [errors]
  try {
    const mm::normal bad{0.0, -1.0};
    (void)bad;
  } catch (const mm::invalid_argument& e) {
    std::printf("%s\n", e.what());  // minimax::normal: sigma must be positive and finite, got -1
  }
  //! [errors]

  //! [mixture]
  const mm::mixture m{{0.3, 0.7}, {mm::normal{-2, 0.5}, mm::normal{2, 1}}};
  const mm::mixture contaminated{{0.95, 0.05}, {mm::normal{0, 1}, mm::uniform{-10, 10}}};
  std::printf("mixture: mean %.6g, variance %.6g, median %.6g, log_pdf(-60) = %.6g\n", mm::mean(m), mm::variance(m),
              mm::quantile(m, 0.5), mm::log_pdf(m, -60.0));
  std::printf("contaminated normal: pdf(8) = %.6g\n", mm::pdf(contaminated, 8.0));
  //! [mixture]

  //! [pmf]
  const mm::pmf a = mm::pmf::from({0.2, 0.5, 0.3});  // validated, never renormalised
  std::printf("pmf: size %ld, cdf(1) = %g, quantile(0.6) = %g\n", static_cast<long>(a.size()), mm::cdf(a, 1.0),
              mm::quantile(a, 0.6));
  try {
    (void)mm::pmf::from({0.2, 0.5, 0.2});
  } catch (const mm::domain_error& e) {
    std::printf("%s\n", e.what());
  }
  //! [pmf]

  //! [multivariate]
  Eigen::Matrix2d cov;
  cov << 1.0, 0.8, 0.8, 1.0;
  const mm::mvn g2(Eigen::Vector2d(0, 0), cov);
  const mm::ring ring(8, 2.0, 0.02);
  const mm::grid grid(5, 2.0, 0.05);
  std::printf("mvn log_pdf(1, -1) = %.6g; ring: %ld modes, first at (%g, %g); grid: %ld modes\n",
              mm::log_pdf(g2, Eigen::Vector2d(1, -1)), static_cast<long>(ring.modes().rows()), ring.modes()(0, 0),
              ring.modes()(0, 1), static_cast<long>(grid.modes().rows()));
  //! [multivariate]

  //! [sampling]
  mm::rng gen(42);  // the same draws on every platform
  const Eigen::VectorXd xs = mm::sample(m, gen, 5);
  const Eigen::MatrixXd pts = mm::sample(ring, gen, 3);  // 3 x 2
  std::printf("5 mixture draws: %.4f %.4f %.4f %.4f %.4f; a ring draw: (%.4f, %.4f)\n", xs[0], xs[1], xs[2], xs[3],
              xs[4], pts(0, 0), pts(0, 1));
  const mm::empirical e(xs);
  std::printf("their ecdf at 0: %g, median (type 1): %.4f\n", mm::cdf(e, 0.0), mm::quantile(e, 0.5));
  //! [sampling]
  return 0;
}
