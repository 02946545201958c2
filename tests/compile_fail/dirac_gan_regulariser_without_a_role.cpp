// A regulariser that declares none of the roles of games/regulariser.hpp.
// expect: minimax::games::dirac_gan: the regulariser must declare a gradient penalty
#include <minimax/games/dirac_gan.hpp>
#include <minimax/loss/non_saturating.hpp>

#ifdef MINIMAX_COMPILE_FAIL
struct strength_only {
  double gamma = 1.0;  // a strength, but no penalty_at_gradient: not a regulariser
};
template struct minimax::games::dirac_gan<minimax::loss::non_saturating, strength_only>;
#else
template struct minimax::games::dirac_gan<minimax::loss::non_saturating, minimax::loss::r1>;
#endif
