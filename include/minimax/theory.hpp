#pragma once
/// \file
/// \brief The theory floor: the GAN value function, optimal discriminators and critics, and the
/// criteria they give (original GAN, f-GAN, LSGAN, 1-D WGAN).

#include "minimax/theory/estimate.hpp"
#include "minimax/theory/f_gan.hpp"
#include "minimax/theory/least_squares.hpp"
#include "minimax/theory/optimal_discriminator.hpp"
#include "minimax/theory/value_function.hpp"
#include "minimax/theory/wasserstein.hpp"
