// Static tests of the nn floor: only compile-time checks; compiling this file is passing it.
#include <minimax/nn.hpp>

#include <type_traits>

namespace nn = minimax::nn;

using toy = nn::sequential<nn::dense<2, 8>, nn::relu, nn::dense<8, 1>>;
static_assert(std::is_default_constructible_v<toy>);
static_assert(toy::input_size == 2 && toy::output_size == 1);
static_assert(toy::parameter_count == 2 * 8 + 8 + 8 + 1);
static_assert(toy::sizes[1] == 8 && toy::sizes[2] == 8);
// activations and maxout take their size from the previous layer
using mo = nn::sequential<nn::dense<3, 12>, nn::maxout<4>, nn::tanh>;
static_assert(mo::output_size == 3 && mo::parameter_count == 3 * 12 + 12);
// the Metz et al. ring generator: z in R^256, two hidden layers of 128, output 2
using ring_g = nn::sequential<nn::dense<256, 128>, nn::relu, nn::dense<128, 128>, nn::relu, nn::dense<128, 2>>;
static_assert(ring_g::parameter_count == 256 * 128 + 128 + 128 * 128 + 128 + 128 * 2 + 2);
// the duals are an Eigen scalar
static_assert(std::is_same_v<Eigen::NumTraits<minimax::dual<double>>::Real, minimax::dual<double>>);
static_assert(minimax::dual<double>(2.0, 1.0) * minimax::dual<double>(3.0, 0.5) == minimax::dual<double>(6.0, 0.0));
static_assert((minimax::dual<double>(2.0, 1.0) * minimax::dual<double>(3.0, 0.5)).derivative == 4.0);
// A network whose sizes do not chain fails to compile with the message naming the layer and both
// sizes: tests/compile_fail/sequential_sizes_do_not_chain.cpp checks it.
