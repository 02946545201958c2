// KL between a float and a double probability vector: one scalar type is required, none is chosen.
// expect: minimax: both distributions of a divergence must have the same scalar type
#include <Eigen/Core>
#include <minimax/divergence/kl.hpp>

double value(const Eigen::VectorXd& p, const Eigen::VectorXf& q) {
#ifdef MINIMAX_COMPILE_FAIL
  return minimax::kl(p, q);
#else
  return minimax::kl(p, q.cast<double>().eval());
#endif
}
