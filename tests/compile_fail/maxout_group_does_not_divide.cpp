// maxout<2> after 9 features: the size is not a multiple of the group size.
// expect: minimax::nn::sequential: layer LayerIndex cannot take the size its input has (for maxout<K>, the input size must be a multiple of K)
#include <minimax/nn/dense.hpp>
#include <minimax/nn/maxout.hpp>
#include <minimax/nn/sequential.hpp>

namespace nn = minimax::nn;
#ifdef MINIMAX_COMPILE_FAIL
using network = nn::sequential<nn::dense<2, 9>, nn::maxout<2>>;
#else
using network = nn::sequential<nn::dense<2, 10>, nn::maxout<2>>;
#endif
static_assert(network::output_size == 5);
