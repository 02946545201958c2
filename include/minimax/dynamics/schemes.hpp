#pragma once
/// \file
/// \brief Every update scheme: simultaneous (and TTUR), alternating, extragradient, optimistic,
/// momentum (negative included), consensus, unrolled, the RK4 gradient flow, and per-player
/// optimisers (SGD, momentum, Adam, RMSProp).

#include "minimax/dynamics/schemes/alternating.hpp"
#include "minimax/dynamics/schemes/consensus.hpp"
#include "minimax/dynamics/schemes/extragradient.hpp"
#include "minimax/dynamics/schemes/gradient_flow.hpp"
#include "minimax/dynamics/schemes/look_ahead.hpp"
#include "minimax/dynamics/schemes/momentum.hpp"
#include "minimax/dynamics/schemes/optimised.hpp"
#include "minimax/dynamics/schemes/optimistic.hpp"
#include "minimax/dynamics/schemes/simultaneous.hpp"
#include "minimax/dynamics/schemes/state.hpp"
#include "minimax/dynamics/schemes/unrolled.hpp"
