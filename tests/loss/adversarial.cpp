#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <vector>

#include <minimax/core/sigmoid.hpp>
#include <minimax/loss.hpp>

namespace loss = minimax::loss;
namespace nn = minimax::nn;
using d = minimax::dual<double>;
const double eps = std::numeric_limits<double>::epsilon();

namespace {
// Two pmfs on four points, positive everywhere.
const std::vector<double> p{0.1, 0.4, 0.3, 0.2};
const std::vector<double> q{0.25, 0.25, 0.4, 0.1};

// The expected discriminator loss sum_k p_k l_r(v_k) + q_k l_f(v_k) and its per-point stationarity residual.
template <class L>
std::pair<double, double> expected_loss(const L& l, const std::vector<double>& v) {
  double value = 0, residual = 0;
  for (std::size_t k = 0; k < p.size(); ++k) {
    const d r = l.discriminator_real(d(v[k], 1.0)), f = l.discriminator_fake(d(v[k], 1.0));
    value += p[k] * r.value + q[k] * f.value;
    residual = std::max(residual, std::abs(p[k] * r.derivative + q[k] * f.derivative));
  }
  return {value, residual};
}

double jsd() {
  double s = 0;
  for (std::size_t k = 0; k < p.size(); ++k) {
    const double m = (p[k] + q[k]) / 2;
    s += 0.5 * p[k] * std::log(p[k] / m) + 0.5 * q[k] * std::log(q[k] / m);
  }
  return s;
}
}  // namespace

TEST_CASE("minimax / non-saturating: D* = p / (p + q), where L_D = log 4 - 2 JSD (Goodfellow et al. Theorem 1)") {
  std::vector<double> v;
  for (std::size_t k = 0; k < p.size(); ++k) v.push_back(std::log(p[k] / q[k]));  // logit of p/(p+q)
  for (auto [value, residual] : {expected_loss(loss::minimax{}, v), expected_loss(loss::non_saturating{}, v)}) {
    CHECK(value == Approx(std::log(4.0) - 2 * jsd()).epsilon(8 * eps));
    CHECK(residual < 8 * eps);
  }
}

TEST_CASE("least squares: v* = (b p + a q) / (p + q)") {
  const loss::least_squares l{-1.0, 1.0, 0.0};
  std::vector<double> v;
  double pearson = 0;  // chi^2_Pearson(p + q || 2q) = sum (p - q)^2 / (2 q)... the optimum value below
  for (std::size_t k = 0; k < p.size(); ++k) {
    v.push_back((p[k] - q[k]) / (p[k] + q[k]));
    pearson += 2 * p[k] * q[k] / (p[k] + q[k]);  // min over v of p (v-1)^2/2 + q (v+1)^2/2
  }
  const auto [value, residual] = expected_loss(l, v);
  CHECK(residual < 8 * eps);
  CHECK(value == Approx(pearson).epsilon(8 * eps));
}

TEST_CASE("hinge: v* = sign(p - q) and min L_D = 2 - 2 TV") {
  std::vector<double> v;
  double tv = 0;
  for (std::size_t k = 0; k < p.size(); ++k) {
    v.push_back(p[k] > q[k] ? 1.0 : -1.0);
    tv += std::abs(p[k] - q[k]) / 2;
  }
  CHECK(expected_loss(loss::hinge{}, v).first == Approx(2 - 2 * tv).epsilon(8 * eps));
  // and nearby points are no better
  for (double delta : {-1e-3, 1e-3}) {
    std::vector<double> w = v;
    for (auto& x : w) x += delta;
    CHECK(expected_loss(loss::hinge{}, w).first >= expected_loss(loss::hinge{}, v).first);
  }
}

TEST_CASE("batched losses: values and gradients by hand, float and double") {
  nn::batch<double, 1> real(1, 3), fake(1, 2);
  real << 0.0, 2.0, -1.0;
  fake << 0.5, -3.0;
  nn::batch<double, 1> dr, df, dg;
  const double ld = loss::discriminator_loss(loss::non_saturating{}, real, fake, &dr, &df);
  double expected = 0;
  for (int i = 0; i < 3; ++i) expected += std::log1p(std::exp(-real(0, i))) / 3;
  for (int i = 0; i < 2; ++i) expected += std::log1p(std::exp(fake(0, i))) / 2;
  CHECK(ld == Approx(expected).epsilon(8 * eps));
  for (int i = 0; i < 3; ++i) CHECK(dr(0, i) == Approx((minimax::sigmoid(real(0, i)) - 1) / 3).epsilon(8 * eps));
  for (int i = 0; i < 2; ++i) CHECK(df(0, i) == Approx(minimax::sigmoid(fake(0, i)) / 2).epsilon(8 * eps));
  const double lg = loss::generator_loss(loss::minimax{}, fake, &dg);
  CHECK(lg == Approx(-(std::log1p(std::exp(0.5)) + std::log1p(std::exp(-3.0))) / 2).epsilon(8 * eps));
  CHECK(dg(0, 1) == Approx(-minimax::sigmoid(-3.0) / 2).epsilon(8 * eps));
  // Wasserstein: L_D = mean fake - mean real
  CHECK(loss::discriminator_loss(loss::wasserstein{}, real, fake) == Approx(-1.25 - 1.0 / 3).epsilon(8 * eps));
  nn::batch<float, 1> rf = real.cast<float>();
  nn::batch<float, 1> g;
  CHECK(loss::generator_loss(loss::least_squares{}, rf, &g) == Approx((1 + 1 + 4) / 6.0).epsilon(1e-6));
  CHECK(g(0, 2) == Approx(-2.0 / 3).epsilon(1e-6));
}

TEST_CASE("batched losses on duals give second derivatives: (log(1 + e^-v))'' = sigma(v)(1 - sigma(v))") {
  nn::batch<d, 1> real(1, 2), fake(1, 1);
  real << d(0.3, 1.0), d(-2.0, 1.0);
  fake << d(1.0, 0.0);
  nn::batch<d, 1> dr, df;
  loss::discriminator_loss(loss::minimax{}, real, fake, &dr, &df);
  for (int i = 0; i < 2; ++i) {
    const double s = minimax::sigmoid(real(0, i).value);
    CHECK(dr(0, i).derivative == Approx(s * (1 - s) / 2).epsilon(8 * eps));
  }
  CHECK(df(0, 0).derivative == 0.0);
}

TEST_CASE("losses: bad input and bad settings throw") {
  nn::batch<double, 1> ok = nn::batch<double, 1>::Zero(1, 2), empty(1, 0);
  nn::batch<double, 1> bad = ok;
  bad(0, 1) = std::nan("");
  CHECK_THROWS_WITH(loss::discriminator_loss(loss::hinge{}, ok, bad),
                    "minimax::loss::discriminator_loss: fake[1] must be finite, got nan");
  CHECK_THROWS_WITH(loss::generator_loss(loss::hinge{}, empty),
                    "minimax::loss::generator_loss: fake must hold at least one sample, got 0");
  CHECK_THROWS_WITH((loss::least_squares{1.0, 1.0, 0.0}), "minimax::loss::least_squares: a and b must differ, got 1");
  CHECK_THROWS_AS((loss::least_squares{0.0, std::numeric_limits<double>::infinity(), 0.0}), minimax::invalid_argument);
}

TEST_CASE("clip_weights: parameters (not gradients) clamped into [-c, c], in place") {
  nn::vector<double> theta(5);
  theta << -2, -0.005, 0, 0.3, 0.01;
  loss::clip_weights(theta.head(4), 0.01);
  CHECK(theta[0] == -0.01);
  CHECK(theta[1] == -0.005);
  CHECK(theta[3] == 0.01);
  CHECK(theta[4] == 0.01);
  CHECK_THROWS_WITH(loss::clip_weights(theta, -1.0), "minimax::loss::clip_weights: c must be positive and finite, got -1");
}
