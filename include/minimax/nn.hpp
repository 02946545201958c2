#pragma once
/// \file
/// \brief Compile-time composable layers with first and second derivatives: everything in minimax/nn/.

#include "minimax/nn/activation.hpp"
#include "minimax/nn/autoencoder.hpp"
#include "minimax/nn/batch.hpp"
#include "minimax/nn/batch_norm.hpp"
#include "minimax/nn/concepts.hpp"
#include "minimax/nn/dense.hpp"
#include "minimax/nn/derivatives.hpp"
#include "minimax/nn/gumbel_softmax.hpp"
#include "minimax/nn/initialiser.hpp"
#include "minimax/nn/maxout.hpp"
#include "minimax/nn/minibatch_discrimination.hpp"
#include "minimax/nn/minibatch_stddev.hpp"
#include "minimax/nn/optimiser.hpp"
#include "minimax/nn/population_statistics.hpp"
#include "minimax/nn/sample_network.hpp"
#include "minimax/nn/sequential.hpp"
