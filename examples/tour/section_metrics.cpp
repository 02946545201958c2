// Tour section: sample-based metrics against their closed forms.
#include <cmath>

#include <minimax/metrics.hpp>
#include <minimax/prob/ring.hpp>

#include "tour.hpp"

//! [metrics]
MINIMAX_TOUR_SECTION(760, "metrics: mode coverage, Parzen, inception score, path length") {
  namespace mm = minimax;
  namespace metrics = minimax::metrics;
  const mm::ring ring(8, 2.0, 0.02);
  mm::rng rng(2026);

  r.say("A collapsed generator: all samples drawn from 2 of the 8 ring modes.");
  Eigen::MatrixXd collapsed(1000, 2);
  for (Eigen::Index i = 0; i < 1000; ++i) {
    collapsed.row(i) = ring.modes().row(i % 2) + 0.02 * Eigen::RowVector2d(rng.normal(), rng.normal());
  }
  const auto c = metrics::mode_coverage(collapsed, ring);
  r.check("modes captured", static_cast<double>(c.modes_captured), 2.0, 0.0);
  r.check("reverse KL of the mode histogram = log 4", c.reverse_kl, std::log(4.0), 1e-3);
  r.check("high-quality fraction (3 sigma in 2-D keeps 1 - e^-4.5)", c.high_quality_fraction, 1 - std::exp(-4.5), 0.01);

  r.say("The whole ring, sampled: every mode captured, reverse KL near 0.");
  const Eigen::MatrixXd full = mm::sample(ring, rng, 4000);
  const auto f = metrics::mode_coverage(full, ring);
  r.check("modes captured", static_cast<double>(f.modes_captured), 8.0, 0.0);
  r.check_that("reverse KL " + std::to_string(f.reverse_kl) + " < 0.01", f.reverse_kl < 0.01);

  r.say("Inception score: one-hot predictions over 10 balanced classes score exactly 10.");
  r.check("IS(one-hot, 10 classes)", metrics::inception_score(Eigen::MatrixXd::Identity(10, 10)), 10.0, 1e-12);

  r.say("Path length of a linear generator g(z) = Az with squared distance: 2 tr(A^T A).");
  Eigen::MatrixXd A(2, 2);
  A << 1.0, 0.5, 0.0, 2.0;
  const auto ppl = metrics::perceptual_path_length([&](const Eigen::VectorXd& z) -> Eigen::VectorXd { return A * z; },
                                                   [](const Eigen::VectorXd& a, const Eigen::VectorXd& b) { return (a - b).squaredNorm(); },
                                                   2, rng, 20000, 1e-3);
  r.check("PPL (Monte Carlo, 4 standard errors)", ppl.mean, 2 * (A.transpose() * A).trace(), 4 * ppl.standard_error);
}
//! [metrics]
