// Tour section: Theorem 1 of Goodfellow et al. (2014) run step by step on a few pairs.
#include <sstream>
#include <string>

#include <minimax/proofs/global_optimum.hpp>

#include "tour.hpp"

namespace {
void print(tour::report& r, const minimax::proofs::proof& p) {
  std::istringstream lines(minimax::proofs::to_table(p));
  for (std::string line; std::getline(lines, line);) r.say(line);
  r.check_that(p.title + ": holds", p.holds());
}
}  // namespace

MINIMAX_TOUR_SECTION(510, "proofs: Theorem 1 (Goodfellow et al. 2014), C(G) = -log 4 + 2 JSD, step by step") {
  namespace mm = minimax;
  print(r, mm::proofs::global_optimum(mm::normal{0, 1}, mm::mixture{{0.5, 0.5}, {mm::normal{-3, 0.5}, mm::normal{3, 0.5}}}));
  print(r, mm::proofs::global_optimum(mm::uniform{0, 1}, mm::uniform{2, 3}));
  print(r, mm::proofs::global_optimum(mm::pmf::from({0.5, 0.5, 0.0, 0.0}), mm::pmf::from({0.0, 0.25, 0.25, 0.5})));
}
