// Tour section: minimax against maximin on a pmf: the inner-loop generator collapses onto argmax D.
#include <cmath>
#include <sstream>
#include <string>

#include <minimax/proofs/minimax_maximin.hpp>

#include "tour.hpp"

MINIMAX_TOUR_SECTION(560, "proofs: minimax vs maximin, G in the inner loop collapses onto argmax D (mode collapse)") {
  namespace mm = minimax;
  const auto p = mm::pmf::from({0.1, 0.2, 0.4, 0.3});
  const auto pr = mm::proofs::minimax_maximin(p, mm::pmf::uniform(4));
  std::istringstream lines(mm::proofs::to_table(pr));
  for (std::string line; std::getline(lines, line);) r.say(line);
  r.check_that(pr.title + ": holds", pr.holds());
  r.check("C(delta at the mode 0.4) = 0.4 log(0.4/1.4) - log 1.4", pr.steps[5].value,
          0.4 * std::log(0.4 / 1.4) - std::log(1.4), 1e-15);
}
