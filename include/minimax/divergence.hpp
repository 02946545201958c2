#pragma once
/// \file
/// \brief Every divergence and distance: the f-divergence family (KL, JSD, total variation,
/// Hellinger, chi-squared) on pmfs, densities and samples; Wasserstein distances and optimal
/// transport (1-D exact, exact discrete OT, log-domain Sinkhorn, sliced, Gaussian W2 / Fréchet);
/// MMD and the energy distance.

#include "minimax/divergence/chi2.hpp"
#include "minimax/divergence/cost.hpp"
#include "minimax/divergence/density_divergences.hpp"
#include "minimax/divergence/emd.hpp"
#include "minimax/divergence/energy.hpp"
#include "minimax/divergence/entropy.hpp"
#include "minimax/divergence/f_divergence.hpp"
#include "minimax/divergence/f_divergence_density.hpp"
#include "minimax/divergence/f_generators.hpp"
#include "minimax/divergence/frechet.hpp"
#include "minimax/divergence/hellinger.hpp"
#include "minimax/divergence/jsd.hpp"
#include "minimax/divergence/kl.hpp"
#include "minimax/divergence/kl_normal.hpp"
#include "minimax/divergence/knn.hpp"
#include "minimax/divergence/masses.hpp"
#include "minimax/divergence/mmd.hpp"
#include "minimax/divergence/sinkhorn.hpp"
#include "minimax/divergence/sliced_wasserstein.hpp"
#include "minimax/divergence/total_variation.hpp"
#include "minimax/divergence/wasserstein_1d.hpp"
