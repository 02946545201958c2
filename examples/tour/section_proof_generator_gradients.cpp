// Tour section: Arjovsky & Bottou (2017), Theorems 2.4 and 2.5: the generator's gradients near the
// optimal discriminator.
#include <cmath>
#include <sstream>
#include <string>

#include <minimax/proofs/generator_gradients.hpp>

#include "tour.hpp"

MINIMAX_TOUR_SECTION(555, "proofs: Arjovsky & Bottou 2017, vanishing (Thm 2.4) and non-saturating (Thm 2.5) gradients") {
  namespace mm = minimax;
  auto print = [&r](const mm::proofs::proof& p) {
    std::istringstream lines(mm::proofs::to_table(p));
    for (std::string line; std::getline(lines, line);) r.say(line);
    r.check_that(p.title + ": holds", p.holds());
  };
  print(mm::proofs::vanishing_gradient(mm::uniform{0, 1}, 2, 1));
  const auto ns = mm::proofs::non_saturating_gradient(mm::normal{0, 1}, mm::normal{1, 2});
  print(ns);
  r.check("d/dmu KL(N(1,4) || N(0,1)) = mu = 1", ns.steps[2].value, 1.0, 4 * ns.steps[2].error_estimate);
  r.check("d/dsigma KL(N(1,4) || N(0,1)) = sigma - 1/sigma = 1.5", ns.steps[7].value, 1.5, 4 * ns.steps[7].error_estimate);
}
