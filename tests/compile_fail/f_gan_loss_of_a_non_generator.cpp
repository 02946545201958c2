// The f-GAN loss of something that is not an f-generator.
// expect: minimax::loss::f_gan<F>: F must be an f-divergence generator such as f::kl
#include <minimax/loss/f_gan.hpp>

#ifdef MINIMAX_COMPILE_FAIL
template struct minimax::loss::f_gan<int>;
#else
template struct minimax::loss::f_gan<minimax::f::kl>;
#endif
