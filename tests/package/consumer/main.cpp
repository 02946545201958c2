// A consumer of the minimax package: includes the umbrella header, computes known answers, and
// prints "minimax consumer: ok" only when they are right.
#include <minimax/minimax.hpp>

#include <Eigen/Dense>

#include <cmath>
#include <cstdio>
#include <vector>

int main() {
  namespace mm = minimax;
  const std::vector<double> logits{std::log(1.0), std::log(2.0), std::log(5.0)};
  const double lse = mm::logsumexp(logits);  // log(1 + 2 + 5) = log 8
  // A float product large enough for Eigen's blocked path (the BLAS's sgemm where the target carries
  // EIGEN_USE_BLAS): every entry is 0 + 1 + ... + 63 = 2016, exact in float.
  const Eigen::MatrixXf ones = Eigen::MatrixXf::Ones(64, 64);
  const Eigen::MatrixXf counts = Eigen::VectorXf::LinSpaced(64, 0.0f, 63.0f).replicate(1, 64);
  const Eigen::MatrixXf product = ones * counts;
  const bool ok = std::abs(lse - std::log(8.0)) < 1e-15 && mm::xlogy(0.0, 0.0) == 0.0 &&
                  mm::version.major == MINIMAX_VERSION_MAJOR && (product.array() == 2016.0f).all();
  std::printf("minimax %s consumer: %s\n", mm::version.string, ok ? "ok" : "FAILED");
#ifdef EIGEN_USE_BLAS
  std::printf("products: BLAS\n");
#else
  std::printf("products: Eigen\n");
#endif
  if (ok) std::printf("minimax consumer: ok\n");
  return ok ? 0 : 1;
}
