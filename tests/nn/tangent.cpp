// Tests for include/minimax/nn/tangent.hpp and nn::sequential's tangent passes: forward-over-reverse
// on real batches against the same passes on dual numbers (every layer, the native tangent passes of
// dense and the element-wise activations and the dual-number fallback of the others), a
// Hessian-vector product against central differences of gradients, and the errors. (A dense layer's
// dual passes are its real and tangent passes on the parts; tests/nn/dense.cpp checks them against
// dual arithmetic, so here dense's passes are checked through the layers around it.)
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <string>

#include <minimax/core/dual.hpp>
#include <minimax/core/error.hpp>
#include <minimax/nn.hpp>

namespace nn = minimax::nn;
using minimax::dual;

namespace {

// the largest |a - b| over two equally shaped arrays, relative to the largest |b| (at least 1)
template <class A, class B>
double relative_gap(const A& a, const B& b) {
  double gap = 0, scale = 1;
  for (Eigen::Index i = 0; i < a.size(); ++i) {
    gap = std::max(gap, std::abs(static_cast<double>(a.data()[i] - b.data()[i])));
    scale = std::max(scale, std::abs(static_cast<double>(b.data()[i])));
  }
  return gap / scale;
}

// Runs the tangent passes and the dual passes of `net` on one random problem; returns the largest
// relative gap over the output's tangent, the parameter gradient's tangent and the input gradient's.
template <class Net, class T = double>
double tangent_against_dual(const Net& net, int n, bool input_tangent, unsigned seed) {
  constexpr int P = Net::parameter_count, In = Net::input_size, Out = Net::output_size;
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal;
  auto draw = [&](auto& m) {
    for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = static_cast<T>(normal(rng));
  };
  nn::vector<T> theta(P), theta_dot(P);
  draw(theta);
  theta *= T(0.5);
  draw(theta_dot);
  nn::batch<T, In> x(In, n), x_dot(In, n);
  nn::batch<T, Out> dy(Out, n), dy_dot(Out, n);
  draw(x);
  draw(x_dot);
  draw(dy);
  draw(dy_dot);

  typename Net::template tape<T> t;
  typename Net::template tangent_tape<T> tt;
  nn::vector<T> grad = nn::vector<T>::Zero(P), grad_dot = nn::vector<T>::Zero(P);
  nn::batch<T, In> dx, dx_dot;
  net.forward(theta, x, t);
  net.backward(theta, t, dy, grad);
  net.forward_tangent(theta, theta_dot, t, tt, input_tangent ? &x_dot : nullptr);
  net.backward_tangent(theta, theta_dot, t, tt, dy_dot, grad_dot, &dx_dot);

  using D = dual<T>;
  const nn::vector<D> theta_d = theta.binaryExpr(theta_dot, [](T v, T d) { return D(v, d); });
  const nn::batch<D, In> x_d = input_tangent ? nn::batch<D, In>(x.binaryExpr(x_dot, [](T v, T d) { return D(v, d); }))
                                             : nn::batch<D, In>(x.template cast<D>());
  const nn::batch<D, Out> dy_d = dy.binaryExpr(dy_dot, [](T v, T d) { return D(v, d); });
  typename Net::template tape<D> td;
  nn::vector<D> grad_d = nn::vector<D>::Zero(P);
  nn::batch<D, In> dx_d;
  net.forward(theta_d, x_d, td);
  net.backward(theta_d, td, dy_d, grad_d, &dx_d);

  using nn::detail::derivative_part;
  const nn::vector<T> grad_dot_ref = derivative_part(grad_d);
  return std::max({relative_gap(tt.output(), derivative_part(td.output()).eval()), relative_gap(grad_dot, grad_dot_ref),
                   relative_gap(dx_dot, derivative_part(dx_d).eval())});
}

using deep = nn::sequential<nn::dense<3, 8>, nn::leaky_relu, nn::dense<8, 6>, nn::elu, nn::dense<6, 6>, nn::maxout<2>,
                            nn::tanh, nn::dense<3, 12>, nn::softplus, nn::dense<12, 4>, nn::sigmoid, nn::dense<4, 2>,
                            nn::relu, nn::identity, nn::dense<2, 2>>;
using wide = nn::sequential<nn::dense<2, 128>, nn::relu, nn::dense<128, 1>>;
using batchwise = nn::sequential<nn::dense<2, 6>, nn::minibatch_discrimination<3, 2>, nn::tanh, nn::dense<9, 4>,
                                 nn::minibatch_stddev, nn::dense<5, 1>>;

}  // namespace

TEST_CASE("tangent passes equal the passes on dual numbers, every layer") {
  deep net;
  net.layer<1>() = nn::leaky_relu{0.1};
  net.layer<3>() = nn::elu{0.5};
  const double eps = std::numeric_limits<double>::epsilon();
  for (const bool input_tangent : {false, true}) {
    CAPTURE(input_tangent);
    // the same arithmetic regrouped (W'x + W x' as two products): a few rounding errors per layer
    CHECK(tangent_against_dual(net, 9, input_tangent, 1) <= 256 * eps);
    CHECK(tangent_against_dual(wide{}, 70, input_tangent, 2) <= 256 * eps);
    // minibatch layers have no tangent passes of their own: their dual passes are used
    CHECK(tangent_against_dual(batchwise{}, 6, input_tangent, 3) <= 256 * eps);
  }
  const double feps = std::numeric_limits<float>::epsilon();
  CHECK(tangent_against_dual<deep, float>(net, 5, true, 4) <= 256 * feps);
}

TEST_CASE("tangent passes: a Hessian-vector product equals central differences of gradients") {
  // l(theta) = sum over samples of softplus(f(x_i; theta)); H v by the tangent passes seeded with
  // dy = sigmoid(y), dy_dot = sigmoid'(y) y_dot
  const wide net;
  constexpr int P = wide::parameter_count, n = 40;
  std::mt19937_64 rng(5);
  std::normal_distribution<double> normal;
  nn::vector<double> theta(P), v(P);
  for (int i = 0; i < P; ++i) {
    theta[i] = 0.3 * normal(rng);
    v[i] = normal(rng);
  }
  nn::batch<double, 2> x(2, n);
  for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = normal(rng);
  auto sigmoid = [](double a) { return 1 / (1 + std::exp(-a)); };
  auto gradient = [&](const nn::vector<double>& at) {
    wide::tape<double> t;
    net.forward(at, x, t);
    const nn::batch<double, 1> dy = t.output().unaryExpr(sigmoid);
    nn::vector<double> g = nn::vector<double>::Zero(P);
    net.backward(at, t, dy, g);
    return g;
  };
  wide::tape<double> t;
  wide::tangent_tape<double> tt;
  net.forward(theta, x, t);
  const nn::batch<double, 1> dy = t.output().unaryExpr(sigmoid);
  nn::vector<double> g = nn::vector<double>::Zero(P), hv = nn::vector<double>::Zero(P);
  net.backward(theta, t, dy, g);
  net.forward_tangent(theta, v, t, tt);
  const nn::batch<double, 1> dy_dot =
      t.output().binaryExpr(tt.output(), [&](double y, double y_dot) { return sigmoid(y) * (1 - sigmoid(y)) * y_dot; });
  net.backward_tangent(theta, v, t, tt, dy_dot, hv);
  const double h = 1e-5;
  const nn::vector<double> central = (gradient(theta + h * v) - gradient(theta - h * v)) / (2 * h);
  CHECK((hv - central).norm() <= 1e-7 * std::max(1.0, central.norm()));
  CHECK(hv.norm() > 1e-3);  // a real second derivative, not zero (relu's kinks leave the first layer's curvature)
}

TEST_CASE("tangent passes: bad input names the function and the value") {
  const wide net;
  constexpr int P = wide::parameter_count;
  const nn::vector<double> theta = nn::vector<double>::Constant(P, 0.1);
  const nn::batch<double, 2> x = nn::batch<double, 2>::Constant(2, 4, 0.5);
  wide::tape<double> t;
  wide::tangent_tape<double> tt;
  net.forward(theta, x, t);
  nn::vector<double> g = nn::vector<double>::Zero(P);
  net.backward(theta, t, nn::batch<double, 1>::Ones(1, 4), g);
  using Catch::Matchers::Contains;
  CHECK_THROWS_WITH(net.forward_tangent(theta, nn::vector<double>::Zero(P - 1), t, tt),
                    Contains("minimax::nn::sequential::forward_tangent") && Contains("theta_dot"));
  nn::vector<double> bad = nn::vector<double>::Zero(P);
  bad[7] = std::numeric_limits<double>::quiet_NaN();
  CHECK_THROWS_WITH(net.forward_tangent(theta, bad, t, tt), Contains("theta_dot[7]"));
  const nn::batch<double, 2> x_dot = nn::batch<double, 2>::Zero(2, 3);
  CHECK_THROWS_WITH(net.forward_tangent(theta, g, t, tt, &x_dot), Contains("x_dot's columns"));
  net.forward_tangent(theta, g, t, tt);
  nn::vector<double> hv = nn::vector<double>::Zero(P);
  CHECK_THROWS_WITH(net.backward_tangent(theta, g, t, tt, nn::batch<double, 1>::Zero(1, 5), hv),
                    Contains("minimax::nn::sequential::backward_tangent") && Contains("dy_dot's columns"));
  nn::vector<double> short_hv = nn::vector<double>::Zero(P + 1);
  CHECK_THROWS_WITH(net.backward_tangent(theta, g, t, tt, nn::batch<double, 1>::Zero(1, 4), short_hv),
                    Contains("dtheta_dot"));
}
