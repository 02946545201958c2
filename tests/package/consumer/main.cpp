// A consumer of the minimax package: includes the umbrella header, computes known answers, and
// prints "minimax consumer: ok" only when they are right. It also says who ran Eigen's float products
// (the package configured with MINIMAX_USE_BLAS must hand them to the BLAS).
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
  // A dense 64 -> 64 layer's passes take the same path: with W = 1, b = 0 and sample s holding
  // (0, 1, ..., 63), y = 2016 everywhere; for dy = 1, dW(i, p) = 64 p, db = 64 and dx = 64, all exact.
  using layer = mm::nn::sequential<mm::nn::dense<64, 64>>;
  mm::nn::vector<float> theta = mm::nn::vector<float>::Zero(layer::parameter_count);
  theta.head(64 * 64).setOnes();
  layer::tape<float> tape;
  layer{}.forward(theta, counts, tape);
  mm::nn::vector<float> dtheta = mm::nn::vector<float>::Zero(layer::parameter_count);
  mm::nn::batch<float, 64> dx;
  layer{}.backward(theta, tape, ones, dtheta, &dx);
  const Eigen::MatrixXf dw = Eigen::Map<const Eigen::MatrixXf>(dtheta.data(), 64, 64);
  const bool layer_ok = (tape.output().array() == 2016.0f).all() &&
                        (dw.array() == 64.0f * counts.transpose().array()).all() &&
                        (dtheta.tail(64).array() == 64.0f).all() && (dx.array() == 64.0f).all();
  const bool ok = std::abs(lse - std::log(8.0)) < 1e-15 && mm::xlogy(0.0, 0.0) == 0.0 &&
                  mm::version.major == MINIMAX_VERSION_MAJOR && (product.array() == 2016.0f).all() && layer_ok;
  std::printf("minimax %s consumer: %s\n", mm::version.string, ok ? "ok" : "FAILED");
  std::printf("products: %s\n", mm::nn::detail::dense_products);
  if (ok) std::printf("minimax consumer: ok\n");
  return ok ? 0 : 1;
}
