#pragma once
/// \file
/// \brief All of minimax's scalar numerics: xlogy, log1pexp/softplus, log1mexp, sigmoid, logit,
/// logsumexp and compensated/pairwise summation.

#include "minimax/core/log1pexp.hpp"
#include "minimax/core/logsumexp.hpp"
#include "minimax/core/sigmoid.hpp"
#include "minimax/core/summation.hpp"
#include "minimax/core/xlogy.hpp"
