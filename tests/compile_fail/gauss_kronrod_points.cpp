// A Gauss-Kronrod rule Boost does not tabulate.
// expect: minimax::integrate_gauss_kronrod: Points must be 15, 21, 31, 41, 51 or 61
#include <minimax/quadrature/integrate.hpp>

double value() {
#ifdef MINIMAX_COMPILE_FAIL
  return minimax::integrate_gauss_kronrod<17>([](double x) { return x; }, 0.0, 1.0).value;
#else
  return minimax::integrate_gauss_kronrod<15>([](double x) { return x; }, 0.0, 1.0).value;
#endif
}
