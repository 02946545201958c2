// A dense layer with no outputs.
// expect: minimax::nn::dense<In, Out>: both sizes must be positive
#include <minimax/nn/dense.hpp>

#ifdef MINIMAX_COMPILE_FAIL
template struct minimax::nn::dense<3, 0>;
#else
template struct minimax::nn::dense<3, 1>;
#endif
