#pragma once
/// \file
/// \brief Executable proofs: each theorem as a chain of evaluated steps with residuals and a verdict.

#include "minimax/proofs/bilinear_flow.hpp"
#include "minimax/proofs/criterion_convexity.hpp"
#include "minimax/proofs/discriminator_optimality.hpp"
#include "minimax/proofs/f_gan_bound.hpp"
#include "minimax/proofs/generator_gradients.hpp"
#include "minimax/proofs/global_optimum.hpp"
#include "minimax/proofs/least_squares_optimum.hpp"
#include "minimax/proofs/maximum_likelihood_gradient.hpp"
#include "minimax/proofs/minimax_maximin.hpp"
#include "minimax/proofs/proof.hpp"
#include "minimax/proofs/wasserstein_duality.hpp"
