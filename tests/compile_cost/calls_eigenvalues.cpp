// A control for the include-cost test: this unit asks for eigenvalues, so Eigen's eigensolver must
// be counted among its instantiations (the count is shown to see what it should).
#include <minimax/dynamics/analysis.hpp>

int main() {
  const Eigen::Matrix2d m{{0.0, 1.0}, {-1.0, 0.0}};
  return minimax::eigenvalues(m).size() == 2 ? 0 : 1;
}
