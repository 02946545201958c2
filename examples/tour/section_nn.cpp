// Tour section: compile-time networks, their backward passes and second derivatives.
#include <cmath>
#include <random>

#include <minimax/nn.hpp>

#include "tour.hpp"

//! [nn tour]
MINIMAX_TOUR_SECTION(600, "nn: backward passes and Hessian-vector products (against finite differences)") {
  namespace nn = minimax::nn;
  using net = nn::sequential<nn::dense<2, 8>, nn::tanh, nn::dense<8, 8>, nn::relu, nn::dense<8, 1>>;
  r.say("sequential<dense<2,8>, tanh, dense<8,8>, relu, dense<8,1>>: " + std::to_string(net::parameter_count) +
        " parameters in one flat vector");
  std::mt19937_64 rng(1);
  nn::vector<double> theta(net::parameter_count);
  net{}.initialise(theta, nn::glorot{}, rng);
  const nn::batch<double, 2> x = nn::batch<double, 2>::Random(2, 16);
  // f(theta) = mean output, with its gradient by the backward pass, for any scalar type
  auto f = [&](const auto& th, auto& grad) {
    using T = typename std::decay_t<decltype(th)>::Scalar;
    typename net::template tape<T> t;
    net{}.forward(th, x.template cast<T>(), t);
    net{}.backward(th, t, nn::batch<T, 1>::Constant(1, 16, T(1.0 / 16)), grad);
    return t.output().mean();
  };
  const nn::vector<double> g = nn::gradient(f, theta);
  const nn::vector<double> v = nn::vector<double>::Random(net::parameter_count);
  const double h = 1e-6;
  nn::vector<double> scratch;
  const double fd = (nn::value_and_gradient(f, theta + h * v, scratch) - nn::value_and_gradient(f, theta - h * v, scratch)) / (2 * h);
  r.check("directional derivative g . v vs central difference", g.dot(v), fd, 1e-8);
  const nn::vector<double> hv = nn::hessian_vector_product(f, theta, v);
  const double k = 1e-5;
  const nn::vector<double> hv_fd = (nn::gradient(f, theta + k * v) - nn::gradient(f, theta - k * v)) / (2 * k);
  r.check("|H v - (grad(theta + hv) - grad(theta - hv)) / 2h|, H v on dual numbers", (hv - hv_fd).norm(), 0.0, 1e-7);
  nn::vector<double> u = nn::vector<double>::Random(net::parameter_count);
  r.check("symmetry u . Hv = v . Hu", u.dot(hv), v.dot(nn::hessian_vector_product(f, theta, u)), 1e-12);
  bool threw = false;
  try {
    net{}(theta, nn::batch<double, Eigen::Dynamic>::Zero(3, 4));
  } catch (const minimax::invalid_argument& e) {
    threw = true;
    r.say(std::string("a 3-row input to a 2-input network: ") + e.what());
  }
  r.check_that("a batch of the wrong shape throws minimax::invalid_argument", threw);
}
//! [nn tour]
