#pragma once
/// \file
/// \brief Executable proofs: each theorem as a chain of evaluated steps with residuals and a verdict.

#include "minimax/proofs/discriminator_optimality.hpp"
#include "minimax/proofs/f_gan_bound.hpp"
#include "minimax/proofs/global_optimum.hpp"
#include "minimax/proofs/least_squares_optimum.hpp"
#include "minimax/proofs/proof.hpp"
#include "minimax/proofs/wasserstein_duality.hpp"
