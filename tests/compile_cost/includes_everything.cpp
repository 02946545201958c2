// The include-cost test's strictest unit: every header of the Eigen backend, and nothing called.
// Its front end must instantiate no Eigen decomposition and no Boost quadrature rule.
#include <minimax/minimax.hpp>

int main() { return 0; }
