#pragma once
/// \file
/// \brief GAN losses and regularisers: everything in minimax/loss/.

#include "minimax/loss/adversarial.hpp"
#include "minimax/loss/began.hpp"
#include "minimax/loss/f_gan.hpp"
#include "minimax/loss/gradient_penalty.hpp"
#include "minimax/loss/hinge.hpp"
#include "minimax/loss/info_gan.hpp"
#include "minimax/loss/least_squares.hpp"
#include "minimax/loss/minimax.hpp"
#include "minimax/loss/non_saturating.hpp"
#include "minimax/loss/wasserstein.hpp"
