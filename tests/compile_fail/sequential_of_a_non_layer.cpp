// A type with a layer's static shape but no passes, in a network: the static_assert names the layer.
// expect: minimax::nn::sequential: layer LayerIndex (type L) lacks the passes of a layer on its input size In
// expect: layer_check<1, shape_only, 8, true>
#include <Eigen/Core>
#include <minimax/nn/activation.hpp>
#include <minimax/nn/dense.hpp>
#include <minimax/nn/sequential.hpp>

namespace nn = minimax::nn;
struct shape_only {
  static constexpr int input_size = nn::inherit_size;
  static constexpr int output_size_for(int in) { return in; }
  static constexpr Eigen::Index parameter_count_for(int) { return 0; }
};
#ifdef MINIMAX_COMPILE_FAIL
using network = nn::sequential<nn::dense<2, 8>, shape_only, nn::dense<8, 1>>;
#else
using network = nn::sequential<nn::dense<2, 8>, nn::relu, nn::dense<8, 1>>;
#endif
static_assert(network::output_size == 1);
