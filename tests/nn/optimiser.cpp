#include <catch2/catch.hpp>

#include <cmath>
#include <complex>
#include <limits>

#include <minimax/nn.hpp>

namespace nn = minimax::nn;
const double eps = std::numeric_limits<double>::epsilon();

TEST_CASE("sgd: theta - eta g, also on a segment of a larger vector") {
  nn::vector<double> theta(4);
  theta << 1, 2, 3, 4;
  nn::vector<double> g(2);
  g << 10, -10;
  nn::sgd opt{0.1};
  opt.step(theta.segment(1, 2), g);
  CHECK(theta[0] == 1);
  CHECK(theta[1] == Approx(1).epsilon(eps));
  CHECK(theta[2] == Approx(4).epsilon(eps));
  CHECK(theta[3] == 4);
}

TEST_CASE("momentum: heavy ball on f = a theta^2 / 2 follows the closed-form recurrence") {
  // theta_{t+1} = (1 + beta - eta a) theta_t - beta theta_{t-1}, theta_0 = theta_{-1} = 1: the solution
  // is c1 r1^t + c2 r2^t with r the roots of r^2 - (1 + beta - eta a) r + beta.
  for (double beta : {0.5, -0.5}) {
    const double a = 2.0, eta = 0.1;
    nn::momentum opt{eta, beta};
    nn::vector<double> theta = nn::vector<double>::Ones(1);
    const int steps = 30;
    for (int t = 0; t < steps; ++t) opt.step(theta, a * theta);
    using c = std::complex<double>;
    const double tr = 1 + beta - eta * a;
    const c disc = std::sqrt(c(tr * tr - 4 * beta));
    const c r1 = (tr + disc) / 2.0, r2 = (tr - disc) / 2.0;
    // theta_0 = 1, theta_1 = 1 - eta a
    const c c2 = (c(1 - eta * a) - r1) / (r2 - r1), c1 = 1.0 - c2;
    const c expected = c1 * std::pow(r1, steps) + c2 * std::pow(r2, steps);
    CHECK(theta[0] == Approx(expected.real()).epsilon(1e-12));
    CHECK(std::abs(expected.imag()) < 1e-12);
  }
}

TEST_CASE("adam: the first steps by hand") {
  const double eta = 0.01, b1 = 0.5, b2 = 0.9, e = 1e-8;
  nn::adam opt{eta, b1, b2, e};
  nn::vector<double> theta(2);
  theta << 1.0, -1.0;
  nn::vector<double> g1(2), g2(2);
  g1 << 3.0, -0.5;
  g2 << -1.0, 2.0;
  opt.step(theta, g1);
  // after bias correction, m = g, s = g^2: a step of eta * g / (|g| + e)
  CHECK(theta[0] == Approx(1.0 - eta * 3.0 / (3.0 + e)).epsilon(4 * eps));
  CHECK(theta[1] == Approx(-1.0 + eta * 0.5 / (0.5 + e)).epsilon(4 * eps));
  opt.step(theta, g2);
  for (int i = 0; i < 2; ++i) {
    const double m = (b1 * (1 - b1) * g1[i] + (1 - b1) * g2[i]) / (1 - b1 * b1);
    const double s = (b2 * (1 - b2) * g1[i] * g1[i] + (1 - b2) * g2[i] * g2[i]) / (1 - b2 * b2);
    const double first = (i == 0 ? 1.0 : -1.0) - eta * g1[i] / (std::abs(g1[i]) + e);
    CHECK(theta[i] == Approx(first - eta * m / (std::sqrt(s) + e)).epsilon(16 * eps));
  }
  CHECK(opt.steps() == 2);
}

TEST_CASE("adam: restore() takes up a run where it stopped, bit for bit") {
  nn::vector<double> theta(3), grad(3), resumed_theta;
  theta << 0.5, -2.0, 1.0;
  nn::adam<double> whole(0.01, 0.5, 0.999), first_half(0.01, 0.5, 0.999);
  const auto gradient = [](const nn::vector<double>& t, int k) {
    nn::vector<double> g = t.array().sin() + 0.1 * k;  // a different gradient at every step
    return g;
  };
  nn::vector<double> a = theta, b = theta;
  for (int k = 0; k < 10; ++k) whole.step(a, gradient(a, k));
  for (int k = 0; k < 5; ++k) first_half.step(b, gradient(b, k));
  nn::adam<double> second_half(0.01, 0.5, 0.999);
  second_half.restore(first_half.first_moment(), first_half.second_moment(), first_half.steps());
  for (int k = 5; k < 10; ++k) second_half.step(b, gradient(b, k));
  CHECK(b == a);
  CHECK(second_half.steps() == 10);
  CHECK(second_half.first_moment() == whole.first_moment());
  CHECK(second_half.second_moment() == whole.second_moment());

  // bad states are refused and leave the optimiser as it was
  nn::vector<double> m = whole.first_moment(), s = whole.second_moment();
  CHECK_THROWS_WITH(second_half.restore(m, nn::vector<double>(2), 10),
                    Catch::Contains("minimax::nn::adam::restore") && Catch::Contains("the first and the second moment"));
  CHECK_THROWS_WITH(second_half.restore(m, s, -1), Catch::Contains("step count must be >= 0"));
  CHECK_THROWS_WITH(second_half.restore(m, s, 0), Catch::Contains("no steps taken"));
  nn::vector<double> negative = s;
  negative[1] = -1e-30;
  CHECK_THROWS_WITH(second_half.restore(m, negative, 10), Catch::Contains("the second moment must be >= 0 at entry 1, got -1e-30"));
  nn::vector<double> nan = m;
  nan[2] = std::numeric_limits<double>::quiet_NaN();
  CHECK_THROWS_WITH(second_half.restore(nan, s, 10), Catch::Contains("the first moment"));
  CHECK(second_half.steps() == 10);
  CHECK(second_half.first_moment() == whole.first_moment());
  nn::adam<double> fresh(0.01);
  fresh.restore({}, {}, 0);  // a run that has not started
  CHECK(fresh.steps() == 0);
}

TEST_CASE("rmsprop: the first step by hand") {
  nn::rmsprop opt{0.01, 0.9, 1e-8};
  nn::vector<double> theta = nn::vector<double>::Zero(1), g = nn::vector<double>::Constant(1, 2.0);
  opt.step(theta, g);
  CHECK(theta[0] == Approx(-0.01 * 2.0 / (std::sqrt(0.1 * 4.0) + 1e-8)).epsilon(4 * eps));
}

TEST_CASE("optimisers: float works the same way") {
  nn::adam opt{0.1f};
  nn::vector<float> theta = nn::vector<float>::Ones(3);
  for (int t = 0; t < 200; ++t) opt.step(theta, nn::vector<float>(theta));  // f = |theta|^2 / 2
  CHECK(theta.cwiseAbs().maxCoeff() < 0.05f);
}

TEST_CASE("optimisers: invalid hyper-parameters and bad gradients throw") {
  CHECK_THROWS_WITH(nn::sgd{-0.1}, "minimax::nn::sgd: learning_rate must be positive and finite, got -0.1");
  CHECK_THROWS_WITH((nn::adam{0.1, 1.0}), "minimax::nn::adam: beta1 must lie in [0, 1), got 1");
  CHECK_THROWS_WITH((nn::adam{0.1, 0.5, -0.1}), "minimax::nn::adam: beta2 must lie in [0, 1), got -0.1");
  CHECK_THROWS_AS((nn::adam{0.1, 0.5, 0.9, 0.0}), minimax::invalid_argument);
  CHECK_THROWS_WITH((nn::momentum{0.1, -1.0}), "minimax::nn::momentum: beta must lie in (-1, 1), got -1");
  CHECK_THROWS_AS((nn::rmsprop{0.1, 1.5}), minimax::invalid_argument);
  nn::adam opt{0.1};
  nn::vector<double> theta = nn::vector<double>::Ones(3), g = nn::vector<double>::Ones(3);
  g[2] = std::nan("");
  CHECK_THROWS_WITH(opt.step(theta, g), "minimax::nn::adam::step: grad[2] must be finite, got nan");
  CHECK(theta == nn::vector<double>::Ones(3));  // untouched
  CHECK_THROWS_WITH(opt.step(theta, nn::vector<double>::Ones(2)),
                    "minimax::nn::adam::step: theta and grad must have the same size, got 3 and 2");
  opt.step(theta, nn::vector<double>::Ones(3));
  nn::vector<double> other = nn::vector<double>::Ones(4);
  CHECK_THROWS_AS(opt.step(other, nn::vector<double>::Ones(4)), minimax::invalid_argument);
}
