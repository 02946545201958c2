#pragma once
/// \file
/// \brief The core floor: configuration, version, errors, concepts and scalar numerics.

#include "minimax/core/concepts.hpp"
#include "minimax/core/config.hpp"
#include "minimax/core/deferred.hpp"
#include "minimax/core/error.hpp"
#include "minimax/core/estimate.hpp"
#include "minimax/core/numerics.hpp"
#include "minimax/core/version.hpp"
