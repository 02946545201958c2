#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include <minimax/loss/began.hpp>

namespace loss = minimax::loss;
namespace nn = minimax::nn;
const double eps = std::numeric_limits<double>::epsilon();

TEST_CASE("BEGAN: reconstruction loss mean |v - D(v)|^eta by hand, gradients against finite differences") {
  nn::batch<double, 2> v(2, 2), r(2, 2);
  v << 1.0, -1.0, 0.5, 2.0;
  r << 0.5, -1.5, 0.0, 1.0;  // differences 0.5, 0.5, 0.5, 1.0
  CHECK(loss::began{}.reconstruction_loss(v, r) == Approx((0.5 + 0.5 + 0.5 + 1.0) / 4).epsilon(4 * eps));
  for (double eta : {1.0, 1.5, 2.0, 3.0}) {
    const loss::began b{eta, 0.5, 1e-3};
    nn::batch<double, 2> dv, dr;
    const double l = b.reconstruction_loss(v, r, &dv, &dr);
    double expected = 0;
    for (double t : {0.5, 0.5, 0.5, 1.0}) expected += std::pow(t, eta) / 4;
    CHECK(l == Approx(expected).epsilon(16 * eps));
    const double h = 1e-6;
    for (int k = 0; k < 4; ++k) {
      nn::batch<double, 2> a = v, c = v;
      a.data()[k] += h;
      c.data()[k] -= h;
      const double num = (b.reconstruction_loss(a, r) - b.reconstruction_loss(c, r)) / (2 * h);
      CHECK(dv.data()[k] == Approx(num).epsilon(1e-8));
      CHECK(dr.data()[k] == -dv.data()[k]);
    }
  }
}

TEST_CASE("BEGAN: k_t is a proportional controller clipped to [0, 1]; M_global") {
  loss::began b{1.0, 0.5, 0.1};
  CHECK(b.update(1.0, 0.2) == Approx(0.1 * (0.5 - 0.2)).epsilon(4 * eps));
  CHECK(b.update(0.0, 5.0) == 0.0);  // clipped below
  loss::began c{1.0, 0.5, 10.0, 0.9};
  CHECK(c.update(1.0, 0.0) == 1.0);  // clipped above
  CHECK(c.convergence(0.4, 0.5) == Approx(0.4 + 0.3).epsilon(4 * eps));
}

TEST_CASE("BEGAN: bad settings and input throw") {
  CHECK_THROWS_WITH((loss::began{0.5, 0.5, 0.001}), "minimax::loss::began: eta must be finite and at least 1, got 0.5");
  CHECK_THROWS_WITH((loss::began{1.0, 0.0, 0.001}), "minimax::loss::began: gamma must lie in (0, 1], got 0");
  CHECK_THROWS_AS((loss::began{1.0, 0.5, -1.0}), minimax::invalid_argument);
  CHECK_THROWS_AS((loss::began{1.0, 0.5, 0.1, 1.5}), minimax::invalid_argument);
  nn::batch<double, 2> v = nn::batch<double, 2>::Zero(2, 2), r = nn::batch<double, 2>::Zero(2, 3);
  CHECK_THROWS_AS(loss::began{}.reconstruction_loss(v, r), minimax::invalid_argument);
}
