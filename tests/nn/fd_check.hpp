#pragma once
// Finite-difference checks shared by the nn tests: a network's backward pass against central
// differences of its forward pass computed in double (for float networks as well, so the reference
// is more accurate than the thing checked).
#include <cmath>
#include <random>

#include <minimax/nn.hpp>

namespace minimax::test {

struct fd_result {
  double theta_error = 0;  // max |analytic - numeric| / max(1, |numeric|_inf)
  double x_error = 0;
};

// L(theta, x) = sum(c .* net(theta, x)); checks dL/dtheta and dL/dx.
template <class T, class Net>
fd_result check_backward(const Net& net, int n, unsigned seed, double bias_scale = 0.3) {
  using namespace minimax::nn;
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> g(0.0, 1.0);
  vector<double> theta(Net::parameter_count);
  net.initialise(theta, glorot{1.5}, rng);
  for (auto& v : theta) v += bias_scale * g(rng);  // biases off zero, weights perturbed
  batch<double, Net::input_size> x(Net::input_size, n);
  for (auto& v : x.reshaped()) v = g(rng);
  batch<double, Net::output_size> c(Net::output_size, n);
  for (auto& v : c.reshaped()) v = g(rng);
  // the point at which both are evaluated, representable in T
  const vector<double> th = theta.template cast<T>().template cast<double>();
  const batch<double, Net::input_size> xd = x.template cast<T>().template cast<double>();

  typename Net::template tape<T> t;
  const vector<T> tt = th.template cast<T>();
  net.forward(tt, xd.template cast<T>(), t);
  vector<T> dtheta = vector<T>::Zero(Net::parameter_count);
  batch<T, Net::input_size> dx;
  net.backward(tt, t, c.template cast<T>(), dtheta, &dx);

  auto loss = [&](const vector<double>& p, const batch<double, Net::input_size>& in) {
    return (c.array() * net(p, in).array()).sum();
  };
  fd_result r;
  const double h = 1e-6;
  vector<double> num(Net::parameter_count);
  for (Eigen::Index i = 0; i < th.size(); ++i) {
    vector<double> a = th, b = th;
    a[i] += h;
    b[i] -= h;
    num[i] = (loss(a, xd) - loss(b, xd)) / (2 * h);
  }
  r.theta_error = (dtheta.template cast<double>() - num).cwiseAbs().maxCoeff() / std::max(1.0, num.cwiseAbs().maxCoeff());
  batch<double, Net::input_size> numx(Net::input_size, n);
  for (Eigen::Index i = 0; i < xd.size(); ++i) {
    batch<double, Net::input_size> a = xd, b = xd;
    a.data()[i] += h;
    b.data()[i] -= h;
    numx.data()[i] = (loss(th, a) - loss(th, b)) / (2 * h);
  }
  r.x_error = (dx.template cast<double>() - numx).cwiseAbs().maxCoeff() / std::max(1.0, numx.cwiseAbs().maxCoeff());
  return r;
}

// Tolerance for a gradient computed in T against a double central difference with h = 1e-6:
// the difference's own error is about eps_double / h * |L| ~ 1e-9 relative.
template <class T>
double gradient_tolerance() {
  return std::is_same_v<T, float> ? 2e-4 : 1e-7;
}

}  // namespace minimax::test
