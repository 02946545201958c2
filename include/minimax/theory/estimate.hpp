#pragma once
/// \file
/// \brief minimax::estimate, for the theory's functions (defined in minimax/core/estimate.hpp).

#include "minimax/core/estimate.hpp"
