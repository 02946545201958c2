// Tests for include/minimax/nn/sample_network.hpp: one sample at a time on raw arrays, against the
// batch network column by column (values, parameter gradients, input gradients), in double and on
// dual numbers, with the layers' run-time settings carried over.
#include <catch2/catch.hpp>

#include <limits>
#include <random>
#include <type_traits>
#include <vector>

#include <minimax/core/dual.hpp>
#include <minimax/nn.hpp>

namespace nn = minimax::nn;

namespace {
using deep = nn::sequential<nn::dense<3, 8>, nn::leaky_relu, nn::dense<8, 6>, nn::elu, nn::dense<6, 6>, nn::maxout<2>,
                            nn::tanh, nn::dense<3, 4>, nn::softplus, nn::dense<4, 4>, nn::sigmoid, nn::dense<4, 2>,
                            nn::relu, nn::identity, nn::dense<2, 2>>;

deep configured() {
  deep net;
  net.layer<1>() = nn::leaky_relu{0.1};
  net.layer<3>() = nn::elu{0.5};
  return net;
}
}  // namespace

TEST_CASE("sample_network: trivially copyable, the batch network's sizes") {
  using sample = nn::sample_network_t<deep>;
  STATIC_REQUIRE(std::is_trivially_copyable_v<sample>);
  STATIC_REQUIRE(sample::parameter_count == deep::parameter_count);
  STATIC_REQUIRE(sample::input_size == 3);
  STATIC_REQUIRE(sample::output_size == 2);
  STATIC_REQUIRE(sample::tape_offsets[deep::depth] == 3 + 8 + 8 + 6 + 6 + 6 + 3 + 3 + 4 + 4 + 4 + 4 + 2 + 2 + 2);
  STATIC_REQUIRE(sample::widest == 8);
  STATIC_REQUIRE(nn::sample_layer<nn::dense<2, 3>>);
  STATIC_REQUIRE(nn::sample_layer<nn::maxout<2>>);
  STATIC_REQUIRE_FALSE(nn::sample_layer<nn::minibatch_stddev>);
  STATIC_REQUIRE_FALSE(nn::sample_layer<nn::minibatch_discrimination<2, 3>>);
}

TEST_CASE("sample_network: each column's forward and backward equal the batch network's") {
  const deep net = configured();
  const auto sample = nn::sample_network_of(net);
  std::mt19937_64 rng(3);
  nn::vector<double> theta(deep::parameter_count);
  net.initialise(theta, nn::glorot{}, rng);
  constexpr int n = 7;
  const nn::batch<double, 3> x = nn::batch<double, 3>::Random(3, n) * 2.0;
  const nn::batch<double, 2> dy = nn::batch<double, 2>::Random(2, n);
  deep::tape<double> t;
  net.forward(theta, x, t);
  nn::vector<double> grad = nn::vector<double>::Zero(deep::parameter_count);
  nn::batch<double, 3> dx;
  net.backward(theta, t, dy, grad, &dx);

  const double eps = std::numeric_limits<double>::epsilon();
  std::vector<double> tape(static_cast<std::size_t>(decltype(sample)::tape_size));
  std::vector<double> sample_grad(static_cast<std::size_t>(deep::parameter_count), 0.0);
  for (int i = 0; i < n; ++i) {
    sample.forward(theta.data(), x.col(i).data(), tape.data());
    const double* out = tape.data() + decltype(sample)::tape_offsets[deep::depth];
    for (int j = 0; j < 2; ++j) CHECK(std::abs(out[j] - t.output()(j, i)) <= 16 * eps * (1 + std::abs(out[j])));
    double sample_dx[3];
    sample.backward(theta.data(), tape.data(), dy.col(i).data(), sample_grad.data(), sample_dx);
    for (int j = 0; j < 3; ++j) CHECK(std::abs(sample_dx[j] - dx(j, i)) <= 64 * eps * (1 + std::abs(dx(j, i))));
  }
  // the per-sample gradients accumulate to the batch gradient
  for (Eigen::Index k = 0; k < deep::parameter_count; ++k) {
    INFO("parameter " << k);
    CHECK(std::abs(sample_grad[static_cast<std::size_t>(k)] - grad[k]) <= 256 * eps * (1 + std::abs(grad[k])));
  }
  // no dx wanted: the parameter gradient alone; no dtheta: dx alone
  std::vector<double> again(sample_grad.size(), 0.0);
  double dx0[3];
  sample.forward(theta.data(), x.col(0).data(), tape.data());
  sample.backward(theta.data(), tape.data(), dy.col(0).data(), again.data(), static_cast<double*>(nullptr));
  sample.backward(theta.data(), tape.data(), dy.col(0).data(), static_cast<double*>(nullptr), dx0);
  for (int j = 0; j < 3; ++j) CHECK(std::abs(dx0[j] - dx(j, 0)) <= 64 * eps * (1 + std::abs(dx(j, 0))));
}

TEST_CASE("sample_network: on dual numbers it gives directional derivatives of the output") {
  using D = minimax::dual<double>;
  const deep net = configured();
  const auto sample = nn::sample_network_of(net);
  std::mt19937_64 rng(4);
  nn::vector<double> theta(deep::parameter_count), direction(deep::parameter_count);
  net.initialise(theta, nn::he{}, rng);
  net.initialise(direction, nn::glorot{}, rng);
  const double x[3] = {0.4, -1.2, 0.9};
  std::vector<D> theta_d(static_cast<std::size_t>(deep::parameter_count)), tape(decltype(sample)::tape_size);
  for (Eigen::Index k = 0; k < deep::parameter_count; ++k) theta_d[static_cast<std::size_t>(k)] = D(theta[k], direction[k]);
  const D xd[3] = {D(x[0]), D(x[1]), D(x[2])};
  sample.forward(theta_d.data(), xd, tape.data());
  const D* out = tape.data() + decltype(sample)::tape_offsets[deep::depth];
  // central differences of the double pass along the direction
  const double h = 1e-6;
  std::vector<double> plus(static_cast<std::size_t>(decltype(sample)::tape_size)), minus(plus.size());
  const nn::vector<double> tp = theta + h * direction, tm = theta - h * direction;
  sample.forward(tp.data(), x, plus.data());
  sample.forward(tm.data(), x, minus.data());
  constexpr int o = decltype(sample)::tape_offsets[deep::depth];
  for (int j = 0; j < 2; ++j) {
    const double fd = (plus[o + j] - minus[o + j]) / (2 * h);
    CHECK(std::abs(out[j].derivative - fd) <= 1e-7 * (1 + std::abs(fd)));
  }
}
