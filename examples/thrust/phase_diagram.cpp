// The Thrust backend in one program: a divergence of two large pmfs and a phase diagram of the
// Dirac-GAN with R1 (step size x gamma), every cell checked against the linear analysis.
// Built with the minimax::thrust target (OMP or CPP here; the same source compiles with nvcc).
#include <cmath>
#include <cstdio>
#include <vector>

#include <thrust/device_vector.h>

#include "minimax/divergence/kl.hpp"
#include "minimax/dynamics/analysis.hpp"
#include "minimax/dynamics/schemes/simultaneous.hpp"
#include "minimax/games/dirac_gan.hpp"
#include "minimax/loss/gradient_penalty.hpp"
#include "minimax/loss/non_saturating.hpp"
#include "minimax/thrust.hpp"

int main() {
  //! [divergence]
  // Two pmfs on a million bins, in the device system's memory.
  const long n = 1'000'000;
  std::vector<double> p(n), q(n);
  for (long i = 0; i < n; ++i) {
    const double x = (i + 0.5) / n;
    p[i] = 2 * x / n;            // density 2x on [0, 1]
    q[i] = 1.0 / n;              // uniform
  }
  const thrust::device_vector<double> dp(p.begin(), p.end()), dq(q.begin(), q.end());
  const double kl = minimax::kl(thrust::device, dp, dq);
  // KL(2x || 1) = integral of 2x log(2x) over [0, 1] = log 2 - 1/2 (the midpoint sum is within 1e-12).
  std::printf("KL on %ld bins: %.12f (log 2 - 1/2 = %.12f)\n", n, kl, std::log(2.0) - 0.5);
  //! [divergence]

  //! [sweep]
  // Phase diagram: simultaneous steps of size h on the Dirac-GAN with R1 weight gamma.
  using point = minimax::games::dirac_gan<minimax::loss::non_saturating, minimax::loss::r1>;
  using scheme = minimax::schemes::simultaneous;
  std::vector<double> steps, gammas;
  for (int i = 1; i <= 12; ++i) steps.push_back(0.25 * i);
  for (int j = 0; j <= 6; ++j) gammas.push_back(0.5 * j);
  const auto diagram = minimax::sweep(
      thrust::device, steps, gammas,
      [](double h, double gamma) {
        point game;
        game.regulariser.gamma = gamma;
        return minimax::ensemble_member<point, scheme>{game, scheme{h}, {0.3, 0.3}};
      },
      20'000, {1e-8, 1e3});
  //! [sweep]

  // Each cell against the verdict of the linear analysis at the equilibrium (C converged,
  // ~ cycling, D diverged; lower case where the analysis disagrees).
  int disagreements = 0;
  std::printf("gamma \\ h  ");
  for (const double h : steps) std::printf("%5.2f", h);
  std::printf("\n");
  for (std::size_t j = gammas.size(); j-- > 0;) {
    std::printf("%8.2f   ", gammas[j]);
    for (std::size_t i = 0; i < steps.size(); ++i) {
      const auto verdict =
          gammas[j] > 0
              ? minimax::analyze(minimax::games::dirac_gan{minimax::loss::non_saturating{}, minimax::loss::r1{gammas[j]}},
                                 scheme{steps[i]}, Eigen::VectorXd::Zero(2))
                    .verdict
              : minimax::analyze(minimax::games::dirac_gan{minimax::loss::non_saturating{}}, scheme{steps[i]},
                                 Eigen::VectorXd::Zero(2))
                    .verdict;
      const auto outcome = diagram.at(i, j);
      const bool agrees = (verdict == minimax::verdict::converges) == (outcome == minimax::ensemble_status::converged);
      disagreements += agrees ? 0 : 1;
      const char c = outcome == minimax::ensemble_status::converged ? 'C'
                     : outcome == minimax::ensemble_status::cycling ? '~'
                                                                    : 'D';
      std::printf("    %c", agrees ? c : static_cast<char>(c + 32));
    }
    std::printf("\n");
  }
  std::printf("%d of %zu cells disagree with the linear analysis\n", disagreements, steps.size() * gammas.size());
  return disagreements == 0 && std::abs(kl - (std::log(2.0) - 0.5)) < 1e-9 ? 0 : 1;
}
