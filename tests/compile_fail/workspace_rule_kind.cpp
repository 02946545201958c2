// A quadrature workspace asked for a rule it does not hold.
// expect: minimax::quadrature_workspace::rule: Rule must be Boost's tanh_sinh<T>, exp_sinh<T> or sinh_sinh<T>
#include <minimax/quadrature/integrate.hpp>

void touch(minimax::quadrature_workspace<double>& workspace) {
#ifdef MINIMAX_COMPILE_FAIL
  (void)workspace.rule<boost::math::quadrature::gauss_kronrod<double, 15>>(8);
#else
  (void)workspace.rule<boost::math::quadrature::tanh_sinh<double>>(8);
#endif
}
