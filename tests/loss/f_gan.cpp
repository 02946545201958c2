#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <vector>

#include <minimax/loss.hpp>

namespace loss = minimax::loss;
namespace f = minimax::f;
using d = minimax::dual<double>;
const double eps = std::numeric_limits<double>::epsilon();

namespace {
const std::vector<double> p{0.1, 0.4, 0.3, 0.2};
const std::vector<double> q{0.25, 0.25, 0.4, 0.1};

// At the optimal critic g_f(v*) = f'(p/q) the f-GAN discriminator loss is -D_f(P||Q) (Nowozin et al. eq. 4),
// and the expected loss is stationary in each v_k.
template <class F, class InverseActivation>
void check_optimum(InverseActivation v_star) {
  const loss::f_gan<F> l;
  double value = 0, divergence = 0, residual = 0;
  for (std::size_t k = 0; k < p.size(); ++k) {
    const double u = p[k] / q[k];
    const double v = v_star(u);
    const d r = l.discriminator_real(d(v, 1.0)), s = l.discriminator_fake(d(v, 1.0));
    value += p[k] * r.value + q[k] * s.value;
    residual = std::max(residual, std::abs(p[k] * r.derivative + q[k] * s.derivative));
    divergence += q[k] * F::f(u);
  }
  CHECK(-value == Approx(divergence).epsilon(64 * eps));
  CHECK(residual < 64 * eps);
}
}  // namespace

TEST_CASE("f-GAN: at the optimal critic, -L_D = D_f(P||Q) for every generator") {
  check_optimum<f::kl>([](double u) { return 1 + std::log(u); });
  check_optimum<f::reverse_kl>([](double u) { return std::log(u); });
  check_optimum<f::pearson>([](double u) { return 2 * (u - 1); });
  check_optimum<f::neyman>([](double u) { return -2 * std::log(u); });
  check_optimum<f::squared_hellinger>([](double u) { return -0.5 * std::log(u); });
  check_optimum<f::jensen_shannon>([](double u) { return std::log(u); });
  check_optimum<f::gan>([](double u) { return std::log(u); });
}

TEST_CASE("f-GAN: generator losses, alternative and saturating") {
  loss::f_gan<f::gan> l;
  CHECK(l.generator(0.7) == Approx(std::log1p(std::exp(-0.7))).epsilon(4 * eps));
  l.saturating = true;
  // f*(log sigma(v)) = -log(1 - sigma(v)) = softplus(v)
  CHECK(l.generator(0.7) == Approx(-std::log1p(std::exp(0.7))).epsilon(8 * eps));
  // total variation: f*(t) = t on |t| <= 1/2, g = tanh/2
  loss::f_gan<f::total_variation> tv;
  CHECK(tv.discriminator_fake(0.3) == Approx(std::tanh(0.3) / 2).epsilon(4 * eps));
}
