// A control for the include-cost test: this unit integrates, so a Boost quadrature rule must be
// counted among its instantiations.
#include <minimax/quadrature/integrate.hpp>

int main() {
  const auto r = minimax::integrate([](double x) { return x * x; }, 0.0, 1.0);
  return r.value > 0.3 ? 0 : 1;
}
