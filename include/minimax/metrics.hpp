#pragma once
/// \file
/// \brief Sample-based measures of a generator: mode coverage, Parzen log-likelihood, KID, inception
/// score, perceptual path length. (The Fréchet distance between sample sets is
/// minimax::frechet_distance_from_samples; BEGAN's \f$\mathcal{M}_\text{global}\f$ is
/// minimax::loss::began::convergence.)

#include "minimax/metrics/inception_score.hpp"
#include "minimax/metrics/kid.hpp"
#include "minimax/metrics/mode_coverage.hpp"
#include "minimax/metrics/parzen.hpp"
#include "minimax/metrics/path_length.hpp"
