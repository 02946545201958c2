// The spectral analysis holds doubles: a float Jacobian must be cast first.
// expect: minimax::eigenvalues: the matrix must hold doubles (use .cast<double>())
#include <Eigen/Core>
#include <minimax/dynamics/analysis.hpp>

void spectrum(const Eigen::MatrixXf& j) {
#ifdef MINIMAX_COMPILE_FAIL
  (void)minimax::eigenvalues(j);
#else
  (void)minimax::eigenvalues(j.cast<double>());
#endif
}
