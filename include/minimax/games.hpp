#pragma once
/// \file
/// \brief The games: bilinear, Dirac-GAN, 1-D Gaussian GAN, 2-D mixture GANs of networks, and BEGAN.

#include "minimax/games/as_game.hpp"
#include "minimax/games/bilinear.hpp"
#include "minimax/games/concepts.hpp"
#include "minimax/games/dirac_gan.hpp"
#include "minimax/games/began_gan.hpp"
#include "minimax/games/gaussian_gan.hpp"
#include "minimax/games/mixture_gan.hpp"
#include "minimax/games/regulariser.hpp"
