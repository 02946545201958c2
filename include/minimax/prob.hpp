#pragma once
/// \file
/// \brief The probability floor: distributions with pdf / log_pdf / cdf / quantile / sample, and the
/// portable generator minimax::rng.

#include "minimax/prob/concepts.hpp"
#include "minimax/prob/mvn.hpp"
#include "minimax/prob/normal.hpp"
#include "minimax/prob/pmf.hpp"
#include "minimax/prob/random.hpp"
