// A network of something that has no layer shape at all.
// expect: minimax::nn::sequential: every type must be a layer
#include <minimax/nn/dense.hpp>
#include <minimax/nn/sequential.hpp>

namespace nn = minimax::nn;
#ifdef MINIMAX_COMPILE_FAIL
using network = nn::sequential<nn::dense<2, 8>, int>;
#else
using network = nn::sequential<nn::dense<2, 8>>;
#endif
static_assert(network::input_size == 2);
