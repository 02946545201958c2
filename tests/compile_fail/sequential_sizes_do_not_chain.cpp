// A network whose third layer expects 7 inputs after a layer with 8 outputs: the static_assert names
// the layer and both sizes (link_check<LayerIndex = 2, ExpectedInput = 7, PreviousOutput = 8>).
// expect: minimax::nn::sequential: layer LayerIndex expects an input of size ExpectedInput, but the layer before it outputs PreviousOutput features
// expect: link_check<2, 7, 8>
#include <minimax/nn/activation.hpp>
#include <minimax/nn/dense.hpp>
#include <minimax/nn/sequential.hpp>

namespace nn = minimax::nn;
#ifdef MINIMAX_COMPILE_FAIL
using network = nn::sequential<nn::dense<2, 8>, nn::relu, nn::dense<7, 1>>;
#else
using network = nn::sequential<nn::dense<2, 8>, nn::relu, nn::dense<8, 1>>;
#endif
static_assert(network::output_size == 1);
