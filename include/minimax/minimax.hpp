#pragma once
/// \file
/// \brief The umbrella header: everything minimax offers on the Eigen (CPU) backend.
///
/// \code
/// #include <minimax/minimax.hpp>
/// namespace mm = minimax;
/// \endcode
/// Each floor also has its own umbrella (minimax/core.hpp, minimax/prob.hpp, ...) for faster builds.

#include "minimax/core.hpp"
#include "minimax/divergence.hpp"
#include "minimax/dynamics.hpp"
#include "minimax/games.hpp"
#include "minimax/loss.hpp"
#include "minimax/metrics.hpp"
#include "minimax/nn.hpp"
#include "minimax/prob.hpp"
#include "minimax/proofs.hpp"
#include "minimax/quadrature.hpp"
#include "minimax/theory.hpp"
