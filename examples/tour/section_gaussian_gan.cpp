// Tour section: the 1-D Gaussian GAN, where the optimal discriminator is in closed form.
#include <cmath>

#include <minimax/divergence/f_divergence_density.hpp>
#include <minimax/dynamics.hpp>
#include <minimax/games/gaussian_gan.hpp>
#include <minimax/loss.hpp>
#include <minimax/prob/normal.hpp>

#include "tour.hpp"

//! [gaussian gan]
MINIMAX_TOUR_SECTION(720, "dynamics: the 1-D Gaussian GAN and its closed-form optimal discriminator") {
  namespace mm = minimax;
  const double m = 0.5, sigma = 1.3, mu = 1.5, s = 0.8;  // data N(m, sigma^2), generator N(mu, s^2)
  const mm::games::gaussian_gan game{mm::loss::minimax{}, m, sigma};
  r.say("D*(x) = log p_data(x) - log p_g(x) is quadratic: psi* in closed form. At D*, the");
  r.say("discriminator's loss is log 4 - 2 JSD (the game's expectation vs the divergence floor's quadrature).");
  const Eigen::VectorXd z = game.init(mu, s, game.optimal_discriminator(mu, s));
  const double two_jsd = mm::f_divergence<mm::f::jensen_shannon>(mm::normal{m, sigma}, mm::normal{mu, s}).value;
  r.check("L_D(theta, psi*) = log 4 - 2 JSD", game.discriminator_loss<double>(z), std::log(4.0) - two_jsd, 1e-11);
  r.check("|grad_psi L_D| at psi* (stationary)", game.vector_field<double>(z).tail(3).norm(), 0.0, 1e-12);

  r.say("Discriminator gradient ascent from psi = 0 finds psi* (data N(0, 1), generator N(0.7, 1.2^2) held fixed):");
  const mm::games::gaussian_gan standard{mm::loss::minimax{}, 0.0, 1.0};
  Eigen::VectorXd w = standard.init(0.7, 1.2);
  for (int k = 0; k < 20000; ++k) w.tail(3) += 0.5 * standard.vector_field<double>(w).tail(3);
  r.check("|psi - psi*| after 20000 steps", (w.tail(3) - standard.optimal_discriminator(0.7, 1.2)).norm(), 0.0, 1e-8);
}
//! [gaussian gan]
