// Tour section: toy game dynamics on the bilinear game V = xy (NIPS 2016 tutorial, exercise 7.2).
#include <cmath>
#include <string>

#include <minimax/dynamics.hpp>
#include <minimax/games/bilinear.hpp>

#include "tour.hpp"

//! [bilinear dynamics]
MINIMAX_TOUR_SECTION(700, "dynamics: why simultaneous gradient descent cycles on V = xy") {
  namespace mm = minimax;
  const mm::games::bilinear game;  // x minimises xy, y maximises it; equilibrium (0, 0)
  const double h = 0.1;

  r.say("The flow x' = -y, y' = x (RK4, dt = 0.01) turns in circles: x^2 + y^2 is conserved.");
  const auto flow = mm::simulate(game, mm::schemes::gradient_flow{0.01}, game.init(1.0, 0.0), 628);
  r.check("x^2 + y^2 after t = 6.28", flow.final_state().squaredNorm(), 1.0, 1e-9);

  r.say("Simultaneous steps spiral out: the norm grows by exactly sqrt(1 + h^2) per step.");
  const auto sim = mm::simulate(game, mm::schemes::simultaneous{h}, game.init(1.0, 0.0), 100);
  r.check("|z_100| = (1 + h^2)^50", sim.final_state().norm(), std::pow(1 + h * h, 50), 1e-12);

  r.say("Alternating steps stay bounded: x^2 + y^2 - h x y is conserved exactly.");
  const auto alt = mm::simulate(game, mm::schemes::alternating{h}, game.init(1.0, 0.0), 1000);
  const auto& z = alt.final_state();
  r.check("x^2 + y^2 - h x y after 1000 steps", z[0] * z[0] + z[1] * z[1] - h * z[0] * z[1], 1.0, 1e-12);

  r.say("Extragradient converges: spectral radius sqrt(1 - h^2 + h^4) of its linearised update.");
  const auto eg = mm::analyze(game, mm::schemes::extragradient{h}, game.equilibrium());
  r.check("rho(I + hJ + h^2 J^2)", eg.spectral_radius, std::sqrt(1 - h * h + std::pow(h, 4)), 1e-15);
  const auto run = mm::simulate(game, mm::schemes::extragradient{h}, game.init(1.0, 0.0), 200);
  r.check("measured contraction per step", std::pow(run.final_state().norm(), 1.0 / 200), eg.spectral_radius, 1e-12);

  r.say("Two time scales (TTUR, h_G = 0.5, h_D = 0.2): extragradient's eigenvalues are 1 - p +- i sqrt(p),");
  r.say("p = h_G h_D, so it contracts at sqrt(1 - p + p^2): the two step sizes act through their product.");
  const double hg = 0.5, hd = 0.2, p = hg * hd;
  const auto ttur = mm::analyze(game, mm::schemes::extragradient{hg, hd}, game.equilibrium());
  r.check("rho(I + HJ + (HJ)^2), H = diag(h_G, h_D)", ttur.spectral_radius, std::sqrt(1 - p + p * p), 1e-15);
  const auto same_product = mm::analyze(game, mm::schemes::extragradient{std::sqrt(p)}, game.equilibrium());
  r.check("the same as one step size sqrt(h_G h_D)", ttur.spectral_radius, same_product.spectral_radius, 1e-15);

  r.say("Negative momentum (alternating, beta = -0.3, h = 0.5) converges; beta = +0.3 diverges.");
  const auto neg = mm::analyze(game, mm::schemes::momentum{0.5, -0.3, true}, game.equilibrium());
  const auto pos = mm::analyze(game, mm::schemes::momentum{0.5, 0.3, true}, game.equilibrium());
  r.check_that(std::string("beta = -0.3: ") + mm::to_string(neg.verdict) + " (rho = " + std::to_string(neg.spectral_radius) + ")",
               neg.verdict == mm::verdict::converges);
  r.check_that(std::string("beta = +0.3: ") + mm::to_string(pos.verdict) + " (rho = " + std::to_string(pos.spectral_radius) + ")",
               pos.verdict == mm::verdict::diverges);
}
//! [bilinear dynamics]
