// Tour section: the optimal discriminator, V(D, G) and C(G) against closed forms.
#include <cmath>
#include <limits>

#include <minimax/theory.hpp>

#include "tour.hpp"

MINIMAX_TOUR_SECTION(500, "theory: D*, V(D,G) and C(G) = -log 4 + 2 JSD against closed forms") {
  namespace mm = minimax;
  const double log4 = std::log(4.0), log2 = std::log(2.0);
  r.say("D* = sigmoid(log p_data - log p_g): for N(0,1) vs N(1,1) the logit is 1/2 - x exactly;");
  const auto d = mm::optimal_discriminator(mm::normal{0, 1}, mm::normal{1, 1});
  r.check("log D*(1000) = log sigmoid(-999.5) (both pdfs are 0 there)", d.log_value(1000.0), -999.5, 1e-12);
  const auto u = mm::optimal_discriminator(mm::uniform{0, 1}, mm::uniform{2, 3});
  r.check_that("disjoint uniforms: D* = 1 on p_data's support, 0 on p_g's, 1/2 where neither",
               u(0.5) == 1.0 && u(2.5) == 0.0 && u(1.5) == 0.5);
  const auto half = [](double) { return 0.5; };
  const auto v = mm::value_function(half, mm::normal{0, 1}, mm::normal{3, 2});
  r.check("V(D = 1/2, G) = -log 4 for any pair", v.value, -log4, 4 * v.error_estimate + 1e-15);
  const auto c1 = mm::virtual_training_criterion(mm::uniform{0, 1}, mm::uniform{2, 3});
  r.check("C(G), disjoint supports = -log 4 + 2 log 2 = 0", c1.value, 0.0, 4 * c1.error_estimate + 1e-15);
  const auto c2 = mm::virtual_training_criterion(mm::uniform{0, 2}, mm::uniform{1, 3});
  r.check("C(G), half-overlapping uniforms = -log 2", c2.value, -log2, 4 * c2.error_estimate + 1e-15);
  const auto c3 = mm::virtual_training_criterion(mm::normal{0, 1}, mm::normal{0, 1});
  r.check("C(G), p_g = p_data = -log 4", c3.value, -log4, 4 * c3.error_estimate + 1e-15);
  const auto w = mm::wasserstein_1_cdf(mm::normal{0, 1}, mm::normal{0, 2});
  r.check("W1(N(0,1), N(0,2)) = sqrt(2/pi) by int |F_P - F_Q|", w.value, std::sqrt(2 / M_PI), 4 * w.error_estimate + 1e-15);
  const auto kl = mm::variational_bound<mm::f::kl>(mm::optimal_critic<mm::f::kl>(mm::normal{0, 1}, mm::normal{1, 2}),
                                                   mm::normal{0, 1}, mm::normal{1, 2});
  r.check("f-GAN bound at T* = KL(N(0,1)||N(1,4)) = log 2 - 1/4", kl.value, log2 - 0.25, 4 * kl.error_estimate + 1e-15);
}
