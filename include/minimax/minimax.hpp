#pragma once
/// \file
/// \brief The umbrella header: everything minimax offers on the Eigen (CPU) backend.
///
/// \code
/// #include <minimax/minimax.hpp>
/// namespace mm = minimax;
/// \endcode

#include "minimax/core.hpp"
