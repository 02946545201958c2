// A control for the include-cost test: this unit asks for a normal quantile, so one of Boost's
// special functions (the inverse complementary error function) must be counted among its
// instantiations.
#include <minimax/prob/normal.hpp>

int main() {
  const double z = minimax::quantile(minimax::normal{}, 0.975);
  return z > 1.9 ? 0 : 1;
}
