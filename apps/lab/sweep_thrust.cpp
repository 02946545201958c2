// The sweep on the Thrust backend: every cell of the grid is one member of one ensemble
// (minimax::simulate_ensemble), run by the device system minimax-lab was built with (OpenMP here).
// Covers the Dirac-GAN with the minimax, non-saturating and Wasserstein losses, every regulariser
// but instance noise, and the simultaneous, alternating, extragradient and optimistic schemes;
// other combinations stay on the CPU loop.
#include <cmath>
#include <string>
#include <vector>

#include <minimax/dynamics/schemes/alternating.hpp>
#include <minimax/dynamics/schemes/extragradient.hpp>
#include <minimax/dynamics/schemes/optimistic.hpp>
#include <minimax/dynamics/schemes/simultaneous.hpp>
#include <minimax/games/dirac_gan.hpp>
#include <minimax/loss.hpp>
#include <minimax/thrust.hpp>

#include "sweep.hpp"

namespace mm = minimax;

namespace lab {
namespace {

template <class Point, class Scheme, class MakePoint, class MakeScheme>
std::vector<sweep_cell> run_ensemble(const sweep_spec& spec, const Eigen::VectorXd& init, MakePoint make_point,
                                     MakeScheme make_scheme) {
  std::vector<mm::ensemble_member<Point, Scheme>> members;
  for (const double s : spec.strengths)
    for (const double lr : spec.lrs) members.push_back({make_point(s), make_scheme(lr), {init[0], init[1]}});
  // Tolerance 0: every member runs every step unless it leaves the bound, as the CPU loop does.
  const auto out = mm::simulate_ensemble(thrust::device, members, spec.steps, {0.0, spec.bound});
  std::vector<sweep_cell> cells;
  std::size_t k = 0;
  for (const double s : spec.strengths) {
    for (const double lr : spec.lrs) {
      sweep_cell c;
      c.lr = lr;
      c.strength = s;
      c.final_distance = out.distance[k];
      c.status = out.status[k] == mm::ensemble_status::diverged ? (std::isfinite(out.distance[k]) ? "diverged" : "non_finite")
                                                                 : "completed";
      cells.push_back(c);
      ++k;
    }
  }
  return cells;
}

template <class Loss, class Regulariser, class MakeRegulariser>
std::vector<sweep_cell> with_scheme(const sweep_spec& spec, const arguments& a, const Eigen::VectorXd& init,
                                    MakeRegulariser make_regulariser) {
  using point = mm::games::dirac_gan<Loss, Regulariser>;
  const auto make_point = [&](double s) { return point{Loss{}, make_regulariser(s)}; };
  const std::string scheme = a.text("scheme");
  // the discriminator's step: --lr-d where given (the same in every cell), else each cell's lr
  const auto lr_d = [&a](double lr) { return discriminator_step(a, lr); };
  if (scheme == "simultaneous") {
    return run_ensemble<point, mm::schemes::simultaneous>(
        spec, init, make_point, [&](double lr) { return mm::schemes::simultaneous{lr, lr_d(lr)}; });
  }
  if (scheme == "alternating") {
    return run_ensemble<point, mm::schemes::alternating>(
        spec, init, make_point, [&](double lr) {
          return mm::schemes::alternating{lr, lr_d(lr), discriminator_steps(a)};
        });
  }
  if (scheme == "extragradient") {
    return run_ensemble<point, mm::schemes::extragradient>(
        spec, init, make_point, [&](double lr) { return mm::schemes::extragradient{lr, lr_d(lr)}; });
  }
  return run_ensemble<point, mm::schemes::optimistic>(
      spec, init, make_point, [&](double lr) { return mm::schemes::optimistic{lr, lr_d(lr)}; });
}

template <class Loss>
std::vector<sweep_cell> with_regulariser(const sweep_spec& spec, const arguments& a, const Eigen::VectorXd& init) {
  const std::string reg = a.text("regulariser");
  if (reg == "r1") return with_scheme<Loss, mm::loss::r1>(spec, a, init, [](double s) { return mm::loss::r1{s}; });
  if (reg == "r2") return with_scheme<Loss, mm::loss::r2>(spec, a, init, [](double s) { return mm::loss::r2{s}; });
  if (reg == "wgan_gp") {
    return with_scheme<Loss, mm::loss::wgan_gp>(spec, a, init, [](double s) { return mm::loss::wgan_gp{s}; });
  }
  if (reg == "weight_clipping") {
    return with_scheme<Loss, mm::games::weight_clipping>(spec, a, init,
                                                          [](double s) { return mm::games::weight_clipping{s}; });
  }
  return with_scheme<Loss, mm::games::unregularised>(spec, a, init, [](double) { return mm::games::unregularised{}; });
}

}  // namespace

bool thrust_sweep_supports(const arguments& a) {
  const std::string loss = a.text("loss"), reg = a.text("regulariser"), scheme = a.text("scheme");
  return a.text("game") == "dirac" && (loss == "minimax" || loss == "non_saturating" || loss == "wasserstein") &&
         reg != "instance_noise" &&
         (scheme == "simultaneous" || scheme == "alternating" || scheme == "extragradient" || scheme == "optimistic");
}

std::vector<sweep_cell> run_sweep_thrust(const sweep_spec& spec, const arguments& a, const Eigen::VectorXd& init) {
  const std::string loss = a.text("loss");
  if (loss == "minimax") return with_regulariser<mm::loss::minimax>(spec, a, init);
  if (loss == "wasserstein") return with_regulariser<mm::loss::wasserstein>(spec, a, init);
  return with_regulariser<mm::loss::non_saturating>(spec, a, init);
}

}  // namespace lab
