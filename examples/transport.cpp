// Optimal transport and kernel distances: each snippet is quoted by docs/transport.md.
#include <cmath>
#include <cstdio>
#include <random>

#include <Eigen/Core>
#include <minimax/divergence/cost.hpp>
#include <minimax/divergence/emd.hpp>
#include <minimax/divergence/energy.hpp>
#include <minimax/divergence/frechet.hpp>
#include <minimax/divergence/mmd.hpp>
#include <minimax/divergence/sinkhorn.hpp>
#include <minimax/divergence/sliced_wasserstein.hpp>
#include <minimax/divergence/wasserstein_1d.hpp>
#include <minimax/prob/normal.hpp>

namespace mm = minimax;

int main() {
  std::mt19937_64 gen(42);
  std::normal_distribution<double> normal;

  //! [wasserstein_1d]
  // W_p between two samples (returns W_p, not W_p^p), weighted samples, and two distributions.
  Eigen::VectorXd u(500), v(300);
  for (auto& x : u) x = normal(gen);
  for (auto& x : v) x = 1.0 + 2.0 * normal(gen);
  const double w1 = mm::wasserstein_1d(u, v, 1.0);
  const double w2 = mm::wasserstein_1d(u, v, 2.0);
  Eigen::VectorXd a(3), b(2), wa(3), wb(2);
  a << 0, 1, 2;
  wa << 0.2, 0.3, 0.5;  // weights must sum to 1: they are never normalised behind your back
  b << 0.5, 3;
  wb << 0.5, 0.5;
  const double w1_weighted = mm::wasserstein_1d(a, b, wa, wb, 1.0);
  // N(0, 1) against N(1, 2): W2 = sqrt(1^2 + 1^2).
  const double w2_normals = mm::wasserstein_1d(mm::normal{0.0, 1.0}, mm::normal{1.0, 2.0}, 2.0);
  std::printf("W1 = %.6f, W2 = %.6f (samples); weighted W1 = %.6f; W2(N(0,1), N(1,2)) = %.15f (sqrt 2 = %.15f)\n", w1,
              w2, w1_weighted, w2_normals, std::sqrt(2.0));
  //! [wasserstein_1d]

  //! [emd]
  // Exact optimal transport between two clouds in the plane, Euclidean cost: the cost is W1.
  Eigen::MatrixXd x(200, 2), y(150, 2);
  for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = normal(gen);
  for (Eigen::Index i = 0; i < y.size(); ++i) y.data()[i] = 0.5 + normal(gen);
  const Eigen::VectorXd px = Eigen::VectorXd::Constant(200, 1.0 / 200), py = Eigen::VectorXd::Constant(150, 1.0 / 150);
  const auto ot = mm::emd(x, px, y, py, mm::costs::euclidean{});
  std::printf("emd: W1 = %.12f, %zu pivots, optimal: %s, strong duality gap %.2g\n", ot.cost, ot.iterations,
              ot.status == mm::transport_status::optimal ? "yes" : "no", px.dot(ot.f) + py.dot(ot.g) - ot.cost);
  //! [emd]

  //! [sinkhorn]
  // Entropic OT on the same clouds: .cost is <P, C> without the entropy term; it tends to the
  // exact cost as eps -> 0.
  const Eigen::MatrixXd c = mm::cost_matrix(x, y, mm::costs::euclidean{});
  for (double eps : {0.5, 0.1, 0.02}) {
    const auto sk = mm::sinkhorn(px, py, c, eps);
    std::printf("sinkhorn eps = %-4g: cost %.6f (exact %.6f), converged %d in %zu iterations, marginal error %.1e\n",
                eps, sk.cost, ot.cost, sk.converged, sk.iterations, sk.marginal_error);
  }
  // The debiased Sinkhorn divergence: 0 for equal measures, positive otherwise.
  const double s = mm::sinkhorn_divergence(x, px, y, py, mm::costs::sq_euclidean{}, 0.1);
  std::printf("sinkhorn divergence (squared Euclidean, eps = 0.1): %.6f\n", s);
  //! [sinkhorn]

  //! [frechet]
  // W2^2 between Gaussians (the Frechet distance), and its estimate from samples.
  Eigen::Vector2d mu1(0, 0), mu2(1, 0);
  Eigen::Matrix2d s1, s2;
  s1 << 1, 0.5, 0.5, 2;
  s2 << 1, 0, 0, 1;
  mm::frechet_info info;
  const double fd = mm::frechet_distance(mu1, s1, mu2, s2, &info);
  const double fd_samples = mm::frechet_distance_from_samples(x, y);
  std::printf("Frechet distance %.12f (ranks %ld, %ld); from the two clouds: %.6f\n", fd, static_cast<long>(info.rank1),
              static_cast<long>(info.rank2), fd_samples);
  //! [frechet]

  //! [kernels]
  // MMD^2 with a Gaussian kernel (unbiased and biased), and the energy distance.
  const double mmd_u = mm::mmd2_unbiased(x, y, mm::kernels::gaussian{1.0});
  const double mmd_b = mm::mmd2_biased(x, y, mm::kernels::gaussian{1.0});
  const double energy = mm::energy_distance(x, y);
  std::printf("MMD^2 unbiased %.6f, biased %.6f; energy distance %.6f\n", mmd_u, mmd_b, energy);
  //! [kernels]

  //! [sliced]
  // Sliced W2 with 200 seeded random directions: the same seed gives the same number everywhere.
  const double sw = mm::sliced_wasserstein(x, y, 2.0, 200, /*seed=*/7);
  std::printf("sliced W2 = %.6f\n", sw);
  //! [sliced]

  const bool ok = std::abs(w2_normals - std::sqrt(2.0)) < 1e-12 && ot.status == mm::transport_status::optimal &&
                  s > 0 && fd > 0 && mmd_b > 0 && energy > 0 && sw > 0;
  return ok ? 0 : 1;
}
