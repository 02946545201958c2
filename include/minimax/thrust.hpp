#pragma once
/// \file
/// \brief The Thrust backend: divergences, transport and ensembles of games, data-parallel on CUDA,
/// OpenMP or one host thread. Include this header (with a Thrust device system chosen; the
/// minimax::thrust CMake target does it) to get every overload taking a Thrust execution policy.

#include "minimax/backend/thrust/emd.hpp"
#include "minimax/backend/thrust/ensemble.hpp"
#include "minimax/backend/thrust/f_divergence.hpp"
#include "minimax/backend/thrust/mmd.hpp"
#include "minimax/backend/thrust/policy.hpp"
#include "minimax/backend/thrust/sinkhorn.hpp"
#include "minimax/backend/thrust/wasserstein_1d.hpp"
