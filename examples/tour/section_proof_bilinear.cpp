// Tour section: NIPS 2016 exercises 7.2 (V = xy: circles and spirals) and 7.3 (the maximum-likelihood
// generator cost).
#include <cmath>
#include <sstream>
#include <string>

#include <minimax/proofs/bilinear_flow.hpp>
#include <minimax/proofs/maximum_likelihood_gradient.hpp>

#include "tour.hpp"

MINIMAX_TOUR_SECTION(550, "proofs: NIPS 2016 exercises 7.2 (V = xy turns in circles) and 7.3 (ML gradient)") {
  namespace mm = minimax;
  auto print = [&r](const mm::proofs::proof& p) {
    std::istringstream lines(mm::proofs::to_table(p));
    for (std::string line; std::getline(lines, line);) r.say(line);
    r.check_that(p.title + ": holds", p.holds());
  };
  const auto flow = mm::proofs::bilinear_flow(1, 0.5, 0.1, 50);
  print(flow);
  r.check("simultaneous steps: |z_50| = r0 (1.01)^25", flow.steps.back().value, std::hypot(1, 0.5) * std::pow(1.01, 25),
          1e-13);
  const auto ml = mm::proofs::maximum_likelihood_gradient(mm::normal{0, 1}, mm::normal{1, 2});
  print(ml);
  r.check("d/dmu KL(N(0,1) || N(1,4)) = (mu - m)/sigma^2 = 1/4", ml.steps[2].value, 0.25, 4 * ml.steps[2].error_estimate);
  print(mm::proofs::maximum_likelihood_gradient(mm::mixture{{0.5, 0.5}, {mm::normal{-3, 0.5}, mm::normal{3, 0.5}}},
                                                mm::normal{0.5, 1}));
}
