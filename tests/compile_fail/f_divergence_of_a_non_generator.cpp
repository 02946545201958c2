// f_divergence<F> with an F that is not an f-generator (it lacks the conjugate and the rest).
// expect: minimax::f_divergence<F>: F must be a generator type such as minimax::f::kl
#include <Eigen/Core>
#include <minimax/divergence/f_divergence.hpp>

struct only_f {
  static double f(double u) { return u * u - 1; }
};

double value(const Eigen::VectorXd& p, const Eigen::VectorXd& q) {
#ifdef MINIMAX_COMPILE_FAIL
  return minimax::f_divergence<only_f>(p, q);
#else
  return minimax::f_divergence<minimax::f::pearson>(p, q);
#endif
}
