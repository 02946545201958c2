#pragma once
/// \file
/// \brief The probability floor: distributions with pdf / log_pdf / cdf / quantile / sample, and the
/// portable generator minimax::rng.

#include "minimax/prob/concepts.hpp"
#include "minimax/prob/dirac.hpp"
#include "minimax/prob/empirical.hpp"
#include "minimax/prob/grid.hpp"
#include "minimax/prob/isotropic_mixture.hpp"
#include "minimax/prob/mixture.hpp"
#include "minimax/prob/mvn.hpp"
#include "minimax/prob/normal.hpp"
#include "minimax/prob/pmf.hpp"
#include "minimax/prob/random.hpp"
#include "minimax/prob/ring.hpp"
#include "minimax/prob/uniform.hpp"
