// An integrand that takes a string.
// expect: minimax::integrate: the integrand must be callable as f(x) with a real x
#include <minimax/quadrature/integrate.hpp>
#include <string>

double value() {
#ifdef MINIMAX_COMPILE_FAIL
  return minimax::integrate([](const std::string& s) { return double(s.size()); }, 0.0, 1.0).value;
#else
  return minimax::integrate([](double x) { return x; }, 0.0, 1.0).value;
#endif
}
