#pragma once
/// \file
/// \brief Game dynamics: update schemes, simulate with observers, exact Jacobians and the local
/// spectral analysis of each scheme.

#include "minimax/dynamics/analysis.hpp"
#include "minimax/dynamics/concepts.hpp"
#include "minimax/dynamics/jacobian.hpp"
#include "minimax/dynamics/observers.hpp"
#include "minimax/dynamics/schemes.hpp"
#include "minimax/dynamics/simulate.hpp"
#include "minimax/dynamics/trajectory.hpp"
