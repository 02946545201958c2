#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <random>

#include <minimax/nn.hpp>

namespace nn = minimax::nn;

namespace {

// f(theta) = sum(c .* net(theta, x)), with its gradient by the network's backward pass, for any scalar.
template <class Net>
struct linear_readout {
  Net net{};
  nn::batch<double, Net::input_size> x;
  nn::batch<double, Net::output_size> c;
  template <class T>
  T operator()(const nn::vector<T>& theta, nn::vector<T>& grad) const {
    typename Net::template tape<T> t;
    net.forward(theta, x.template cast<T>(), t);
    const nn::batch<T, Net::output_size> ct = c.template cast<T>();
    net.backward(theta, t, ct, grad);
    return (ct.array() * t.output().array()).sum();
  }
};

template <class Net>
linear_readout<Net> make(int n, unsigned seed, nn::vector<double>& theta) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> g;
  linear_readout<Net> f;
  f.x.resize(Net::input_size, n);
  f.c.resize(Net::output_size, n);
  for (auto& v : f.x.reshaped()) v = g(rng);
  for (auto& v : f.c.reshaped()) v = g(rng);
  theta.resize(Net::parameter_count);
  f.net.initialise(theta, nn::glorot{1.5}, rng);
  for (auto& v : theta) v += 0.3 * g(rng);
  return f;
}

template <class F>
double hvp_error(const F& f, const nn::vector<double>& theta, const nn::vector<double>& v) {
  const nn::vector<double> hv = nn::hessian_vector_product(f, theta, v);
  const double h = 1e-5;
  const nn::vector<double> fd = (nn::gradient(f, theta + h * v) - nn::gradient(f, theta - h * v)) / (2 * h);
  return (hv - fd).cwiseAbs().maxCoeff() / std::max(1.0, fd.cwiseAbs().maxCoeff());
}

}  // namespace

TEST_CASE("hessian_vector_product: exact for a quadratic with a known Hessian") {
  // f(w, b) = 1/2 sum_i (w . x_i + b)^2 has H = sum_i [x_i; 1][x_i; 1]^T.
  using net = nn::sequential<nn::dense<3, 1>>;
  nn::batch<double, 3> x = nn::batch<double, 3>::Random(3, 6);
  auto f = [&](const auto& theta, auto& grad) {
    using T = typename std::decay_t<decltype(theta)>::Scalar;
    typename net::tape<T> t;
    net{}.forward(theta, x.template cast<T>(), t);
    const nn::batch<T, 1> y = t.output();
    net{}.backward(theta, t, y, grad);
    return T(0.5) * y.squaredNorm();
  };
  Eigen::MatrixXd a(4, 6);
  a << x, Eigen::RowVectorXd::Ones(6);
  const Eigen::MatrixXd H = a * a.transpose();
  const nn::vector<double> theta = nn::vector<double>::Random(4), v = nn::vector<double>::Random(4);
  const nn::vector<double> hv = nn::hessian_vector_product(f, theta, v);
  CHECK((hv - H * v).cwiseAbs().maxCoeff() < 32 * std::numeric_limits<double>::epsilon() * (H * v).norm());
}

TEST_CASE("hessian_vector_product: matches finite differences of gradients through deep networks") {
  nn::vector<double> theta;
  SECTION("tanh / softplus / elu") {
    auto f = make<nn::sequential<nn::dense<3, 6>, nn::tanh, nn::dense<6, 5>, nn::softplus, nn::dense<5, 4>, nn::elu,
                                 nn::dense<4, 2>, nn::sigmoid>>(7, 1, theta);
    const nn::vector<double> v = nn::vector<double>::Random(theta.size());
    CHECK(hvp_error(f, theta, v) < 1e-7);
  }
  SECTION("relu / leaky_relu / maxout (the Hessian of the piecewise-multilinear map)") {
    auto f = make<nn::sequential<nn::dense<2, 8>, nn::relu, nn::dense<8, 6>, nn::maxout<2>, nn::leaky_relu, nn::dense<3, 1>>>(
        5, 2, theta);
    const nn::vector<double> v = nn::vector<double>::Random(theta.size());
    CHECK(hvp_error(f, theta, v) < 1e-7);
  }
}

TEST_CASE("hessian_vector_product: the Hessian is symmetric, u . Hv = v . Hu") {
  nn::vector<double> theta;
  auto f = make<nn::sequential<nn::dense<2, 5>, nn::tanh, nn::dense<5, 1>>>(4, 3, theta);
  const nn::vector<double> u = nn::vector<double>::Random(theta.size()), v = nn::vector<double>::Random(theta.size());
  const double a = u.dot(nn::hessian_vector_product(f, theta, v)), b = v.dot(nn::hessian_vector_product(f, theta, u));
  CHECK(std::abs(a - b) < 64 * std::numeric_limits<double>::epsilon() * std::max(1.0, std::abs(a)));
}

TEST_CASE("gradient / hessian_vector_product: bad input throws") {
  auto f = [](const auto& theta, auto& grad) {
    grad += theta;
    return theta.squaredNorm() * 0.5;
  };
  nn::vector<double> theta = nn::vector<double>::Ones(3);
  CHECK_THROWS_WITH(nn::hessian_vector_product(f, theta, nn::vector<double>::Ones(2)),
                    "minimax::nn::hessian_vector_product: theta and v must have the same size, got 3 and 2");
  theta[1] = std::nan("");
  CHECK_THROWS_WITH(nn::gradient(f, theta), "minimax::nn::value_and_gradient: theta[1] must be finite, got nan");
  auto g = [](const auto& th, auto& grad) {
    grad.setConstant(std::numeric_limits<double>::infinity());
    return th.sum();
  };
  CHECK_THROWS_WITH(nn::gradient(g, nn::vector<double>::Ones(2)),
                    "minimax::nn::value_and_gradient: the gradient[0] must be finite, got inf");
}
