// Tour section: GAN losses at their known optima, and gradient penalties.
#include <cmath>
#include <random>
#include <vector>

#include <minimax/loss.hpp>
#include <minimax/nn.hpp>

#include "tour.hpp"

//! [loss tour]
MINIMAX_TOUR_SECTION(610, "loss: GAN losses at the optimal discriminator, and R1 / WGAN-GP") {
  namespace loss = minimax::loss;
  namespace nn = minimax::nn;
  const std::vector<double> p{0.1, 0.4, 0.3, 0.2}, q{0.25, 0.25, 0.4, 0.1};
  double jsd = 0, tv = 0, l_minimax = 0, l_hinge = 0, l_kl = 0, kl = 0;
  const loss::f_gan<minimax::f::kl> fkl;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const double m = (p[i] + q[i]) / 2;
    jsd += 0.5 * p[i] * std::log(p[i] / m) + 0.5 * q[i] * std::log(q[i] / m);
    tv += std::abs(p[i] - q[i]) / 2;
    kl += p[i] * std::log(p[i] / q[i]);
    const double v = std::log(p[i] / q[i]);  // the optimal logit, D* = p / (p + q)
    l_minimax += p[i] * loss::minimax{}.discriminator_real(v) + q[i] * loss::minimax{}.discriminator_fake(v);
    const double s = p[i] > q[i] ? 1.0 : -1.0;
    l_hinge += p[i] * loss::hinge{}.discriminator_real(s) + q[i] * loss::hinge{}.discriminator_fake(s);
    const double t = 1 + std::log(p[i] / q[i]);  // f'(p/q) for KL
    l_kl += p[i] * fkl.discriminator_real(t) + q[i] * fkl.discriminator_fake(t);
  }
  r.check("minimax: L_D(D*) = log 4 - 2 JSD (Goodfellow et al., Theorem 1)", l_minimax, std::log(4.0) - 2 * jsd, 4e-15);
  r.check("hinge: L_D(sign(p - q)) = 2 - 2 TV", l_hinge, 2 - 2 * tv, 4e-15);
  r.check("f-GAN (KL): -L_D(T*) = KL(P || Q)", -l_kl, kl, 4e-15);

  using linear = nn::sequential<nn::dense<2, 1>>;
  nn::vector<double> theta(3);
  theta << 3.0, 4.0, 0.5;
  const nn::batch<double, 2> x = nn::batch<double, 2>::Random(2, 8);
  nn::vector<double> grad = nn::vector<double>::Zero(3);
  r.check("R1 of a linear critic w.x + b: gamma/2 |w|^2", loss::r1{0.2}.penalty(linear{}, theta, x, grad), 0.1 * 25, 1e-14);
  r.check("its parameter gradient (mixed second derivative on duals): gamma w_1", grad[0], 0.6, 1e-14);
  using critic = nn::sequential<nn::dense<2, 8>, nn::tanh, nn::dense<8, 1>>;
  nn::vector<double> th(critic::parameter_count);
  std::mt19937_64 rng(2);
  critic{}.initialise(th, nn::glorot{2.0}, rng);
  const nn::batch<double, 2> fake = nn::batch<double, 2>::Random(2, 8);
  const Eigen::RowVectorXd t = Eigen::RowVectorXd::LinSpaced(8, 0.0, 1.0);
  nn::vector<double> g = nn::vector<double>::Zero(th.size()), scratch = g;
  const loss::wgan_gp gp{10.0};
  gp.penalty(critic{}, th, x, fake, t, g);
  const double h = 1e-6;
  nn::vector<double> e = nn::vector<double>::Zero(th.size());
  e[3] = 1;
  const double fd = (gp.penalty(critic{}, th + h * e, x, fake, t, scratch) - gp.penalty(critic{}, th - h * e, x, fake, t, scratch)) / (2 * h);
  r.check("WGAN-GP: d penalty / d theta_3 vs central difference", g[3], fd, 1e-7 * std::max(1.0, std::abs(fd)));
}
//! [loss tour]
