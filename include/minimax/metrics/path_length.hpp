#pragma once
/// \file
/// \brief The perceptual path length of StyleGAN (Karras et al. 2019), for any generator and distance.

#include <cmath>
#include <vector>

#include <Eigen/Core>

#include "minimax/core/error.hpp"
#include "minimax/core/estimate.hpp"
#include "minimax/core/summation.hpp"
#include "minimax/prob/random.hpp"

namespace minimax::metrics {

/// \brief The result of perceptual_path_length(): a minimax::mean_estimate (`mean`, the PPL estimate;
/// `standard_error`, its Monte Carlo standard error) with the per-pair values.
struct path_length_result : mean_estimate {
  std::vector<double> values;  ///< the per-pair values \f$d/\varepsilon^2\f$
};

/// \brief \f$\mathrm{PPL} = \mathbb{E}\big[\, d\big(g(\operatorname{lerp}(z_1, z_2; t)),\, g(\operatorname{lerp}(z_1, z_2; t + \varepsilon))\big) / \varepsilon^2 \big]\f$
/// with \f$z_1, z_2 \sim N(0, I_k)\f$ and \f$t \sim U(0, 1)\f$, estimated from `samples` pairs.
///
/// `generator` maps an `Eigen::VectorXd` latent of size `latent_dimension` to an `Eigen::VectorXd`;
/// `distance` maps two outputs to a non-negative number (StyleGAN uses a perceptual distance; for a
/// squared Euclidean \f$d\f$ and a linear \f$g(z) = Az\f$, the value is
/// \f$\|A(z_2 - z_1)\|^2\f$ and the PPL is \f$2\operatorname{tr}(A^\top A)\f$). Latent interpolation is linear
/// (StyleGAN's W-space convention). Draws come from `generator_rng`: a seed reproduces the value.
/// \throws minimax::invalid_argument for samples < 1, latent_dimension < 1, \f$\varepsilon\f$ outside
/// \f$(0, 1)\f$ (both ends of a pair lie on the segment from \f$z_1\f$ to \f$z_2\f$), or a distance that is
/// negative or not finite.
template <class Generator, class Distance>
path_length_result perceptual_path_length(const Generator& generator, const Distance& distance,
                                          Eigen::Index latent_dimension, rng& generator_rng, int samples = 10000,
                                          double epsilon = 1e-4) {
  constexpr const char* fn = "minimax::metrics::perceptual_path_length";
  if (samples < 1) raise_invalid_argument(fn, "samples must be >= 1", samples);
  if (latent_dimension < 1) raise_invalid_argument(fn, "latent_dimension must be >= 1", latent_dimension);
  if (!(epsilon > 0.0 && epsilon < 1.0)) raise_invalid_argument(fn, "epsilon must lie in (0, 1)", epsilon);
  path_length_result r;
  Eigen::VectorXd z1(latent_dimension), z2(latent_dimension);
  for (int s = 0; s < samples; ++s) {
    for (Eigen::Index k = 0; k < latent_dimension; ++k) z1[k] = generator_rng.normal();
    for (Eigen::Index k = 0; k < latent_dimension; ++k) z2[k] = generator_rng.normal();
    const double t = generator_rng.uniform() * (1.0 - epsilon);  // t + epsilon stays on the segment
    const Eigen::VectorXd a = z1 + t * (z2 - z1), b = z1 + (t + epsilon) * (z2 - z1);
    const double d = distance(generator(a), generator(b));
    if (!(d >= 0.0) || !std::isfinite(d)) raise_invalid_argument(fn, "the distance must be finite and >= 0", d);
    r.values.push_back(d / (epsilon * epsilon));
  }
  const double n = static_cast<double>(r.values.size());
  r.mean = compensated_sum(r.values) / n;
  if (r.values.size() > 1) {
    neumaier_sum<double> squares;
    for (double v : r.values) squares += (v - r.mean) * (v - r.mean);
    r.standard_error = std::sqrt(squares.value() / (n - 1) / n);
  }
  return r;
}

}  // namespace minimax::metrics
