// Tour section: Proposition 2 of Goodfellow et al. (2014): C(G) convex along mixture paths, and
// descent on p_g against descent on the parameters of a normal.
#include <cmath>
#include <sstream>
#include <string>

#include <minimax/proofs/criterion_convexity.hpp>

#include "tour.hpp"

MINIMAX_TOUR_SECTION(545, "proofs: Proposition 2 (Goodfellow et al. 2014), C convex in p_g; function vs parameter space") {
  namespace mm = minimax;
  auto print = [&r](const mm::proofs::proof& p) {
    std::istringstream lines(mm::proofs::to_table(p));
    for (std::string line; std::getline(lines, line);) r.say(line);
    r.check_that(p.title + ": holds", p.holds());
  };
  const mm::mixture bimodal{{0.5, 0.5}, {mm::normal{-3, 0.5}, mm::normal{3, 0.5}}};
  print(mm::proofs::criterion_convexity(mm::normal{0, 1}, mm::normal{2, 1}, bimodal));
  print(mm::proofs::criterion_convexity(mm::pmf::from({0.5, 0.5, 0.0, 0.0}), mm::pmf::from({0.0, 0.25, 0.25, 0.5}),
                                        mm::pmf::uniform(4)));
  const auto d = mm::proofs::functional_descent(bimodal, mm::normal{1, 1});
  print(d);
  r.check("function space: C(q_K) = -log 4", d.steps[1].value, -std::log(4.0), 4 * d.steps[1].error_estimate + 1e-15);
  r.check_that("parameter space stops short: C(theta_K) + log 4 > 0.1", d.steps.back().reference + std::log(4.0) > 0.1);
}
