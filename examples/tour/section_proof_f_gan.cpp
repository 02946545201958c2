// Tour section: the f-GAN bound for every generator, and LSGAN's result.
#include <sstream>
#include <string>

#include <minimax/proofs/f_gan_bound.hpp>
#include <minimax/proofs/least_squares_optimum.hpp>

#include "tour.hpp"

namespace {
template <class F>
void bound(tour::report& r) {
  namespace mm = minimax;
  const auto p = mm::proofs::f_gan_bound<F>(mm::normal{0, 1}, mm::normal{1, 2});
  const auto& s = p.steps[1];
  r.check_that(mm::proofs::detail::generator_name<F>() + ": E_P T* - E_Q f*(T*) = D_f = " +
                   mm::proofs::detail::number(p.steps[0].value) + " (residual " +
                   mm::proofs::detail::number(s.residual(), "%.1e") + "), every step holds",
               p.holds());
}
}  // namespace

MINIMAX_TOUR_SECTION(530, "proofs: f-GAN bound tight at T* = f'(p/q) for every generator; LSGAN's Pearson chi2") {
  namespace mm = minimax;
  r.say("P = N(0,1), Q = N(1,2^2):");
  bound<mm::f::kl>(r);
  bound<mm::f::reverse_kl>(r);
  bound<mm::f::pearson>(r);
  bound<mm::f::neyman>(r);
  bound<mm::f::squared_hellinger>(r);
  bound<mm::f::jensen_shannon>(r);
  bound<mm::f::gan>(r);
  bound<mm::f::total_variation>(r);
  const auto ls = mm::proofs::least_squares_optimum(mm::normal{0, 1}, mm::uniform{-1, 2});
  std::istringstream lines(mm::proofs::to_table(ls));
  for (std::string line; std::getline(lines, line);) r.say(line);
  r.check_that("LSGAN result holds for N(0,1) vs U[-1,2]", ls.holds());
}
