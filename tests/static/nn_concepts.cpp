// Static tests of include/minimax/nn/concepts.hpp: every layer of the library satisfies Layer on the
// sizes it takes and not on those it refuses; the ones with their own tangent passes satisfy
// TangentLayer; types that are not layers satisfy neither.
#include <minimax/core/dual.hpp>
#include <minimax/nn.hpp>
#include <minimax/nn/concepts.hpp>

namespace nn = minimax::nn;

static_assert(nn::LayerShape<nn::dense<3, 4>> && nn::LayerShape<nn::relu> && nn::LayerShape<nn::maxout<4>>);
static_assert(nn::Layer<nn::dense<3, 4>, 3>);
static_assert(!nn::Layer<nn::dense<3, 4>, 2>);  // dense<3, 4> takes 3 features only
static_assert(nn::Layer<nn::relu, 5> && nn::Layer<nn::tanh, 1> && nn::Layer<nn::leaky_relu, 7>);
static_assert(nn::Layer<nn::sigmoid, 2, float> && nn::Layer<nn::softplus, 2, minimax::dual<double>>);
static_assert(nn::Layer<nn::maxout<4>, 12> && !nn::Layer<nn::maxout<4>, 10>);  // 4 must divide the size
static_assert(nn::Layer<nn::dense<2, 8>, 2, minimax::dual<double>>);
static_assert(nn::TangentLayer<nn::dense<2, 8>, 2> && nn::TangentLayer<nn::relu, 8>);
static_assert(!nn::Layer<nn::relu, 0>);

struct not_a_layer {};
struct shape_only {  // the static shape, without the passes
  static constexpr int input_size = 2;
  static constexpr int output_size_for(int) { return 2; }
  static constexpr Eigen::Index parameter_count_for(int) { return 0; }
};
static_assert(!nn::LayerShape<not_a_layer> && !nn::Layer<not_a_layer, 2>);
static_assert(nn::LayerShape<shape_only> && !nn::Layer<shape_only, 2>);
static_assert(!nn::TangentLayer<shape_only, 2>);
static_assert(nn::Layer<nn::minibatch_discrimination<3, 2>, 4> && nn::Layer<nn::minibatch_stddev, 4>);
static_assert(nn::Layer<nn::gumbel_softmax, 6> && nn::Layer<nn::elu, 3> && nn::Layer<nn::identity, 3>);
