// Tour section: BEGAN's lower bound W1 >= |m1 - m2| (the full 1-D duality proof takes seconds in a
// debug build and is shown in examples/proofs.cpp instead).
#include <sstream>
#include <string>

#include <minimax/proofs/wasserstein_duality.hpp>

#include "tour.hpp"

MINIMAX_TOUR_SECTION(540, "proofs: BEGAN's bound W1(mu_1, mu_2) >= |m1 - m2|") {
  namespace mm = minimax;
  const auto b = mm::proofs::began_bound(mm::normal{0, 1}, mm::normal{3, 1});
  std::istringstream lines(mm::proofs::to_table(b));
  for (std::string line; std::getline(lines, line);) r.say(line);
  r.check("BEGAN: W1(N(0,1), N(3,1)) = |m1 - m2| = 3 (a shift: the bound is tight)", b.steps[0].value, 3.0,
          4 * b.steps[0].error_estimate);
  r.check_that("BEGAN's bound holds for N(0.5, 0.2^2) vs N(0.8, 0.3^2)",
               mm::proofs::began_bound(mm::normal{0.5, 0.2}, mm::normal{0.8, 0.3}).holds());
}
