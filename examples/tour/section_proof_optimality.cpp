// Tour section: Proposition 1 of Goodfellow et al. (2014), perturbations and the pointwise argmax.
#include <sstream>
#include <string>

#include <minimax/proofs/discriminator_optimality.hpp>

#include "tour.hpp"

MINIMAX_TOUR_SECTION(520, "proofs: Proposition 1 (Goodfellow et al. 2014), D* = p_data/(p_data + p_g) maximises V") {
  namespace mm = minimax;
  const auto p = mm::proofs::discriminator_optimality(mm::normal{0, 1}, mm::normal{1.5, 0.7});
  std::istringstream lines(mm::proofs::to_table(p));
  for (std::string line; std::getline(lines, line);) r.say(line);
  r.check_that("Proposition 1 holds for N(0,1) vs N(1.5,0.7^2)", p.holds());
  r.check_that("Proposition 1 holds for half-overlapping uniforms",
               mm::proofs::discriminator_optimality(mm::uniform{0, 2}, mm::uniform{1, 3}).holds());
}
