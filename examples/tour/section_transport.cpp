// Tour sections: Wasserstein distances, optimal transport and kernel distances, each against a
// known answer.
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>
#include <string>
#include <vector>

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
#include <minimax/prob/uniform.hpp>

#include "tour.hpp"

namespace {
Eigen::MatrixXd tour_cloud(int n, int d, unsigned seed) {
  std::mt19937_64 gen(seed);
  std::uniform_real_distribution<double> u(0, 1);
  Eigen::MatrixXd x(n, d);
  for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = u(gen);
  return x;
}
}  // namespace

MINIMAX_TOUR_SECTION(350, "transport: W_p in one dimension (samples and distributions)") {
  namespace mm = minimax;
  r.say("In 1-D the optimal coupling is monotone: W_p^p = integral_0^1 |F^-1(t) - G^-1(t)|^p dt.");
  Eigen::VectorXd a(2), b(3);
  a << 0, 1;
  b << 0, 0.5, 1;
  r.check("W1({0,1}, {0,1/2,1}) = 1/6 (quantiles merged exactly)", mm::wasserstein_1d(a, b, 1.0), 1.0 / 6, 4e-16);
  r.check("W2({0,1}, {0,1/2,1}) = sqrt(1/12): W_p, never W_p^p", mm::wasserstein_1d(a, b, 2.0), std::sqrt(1.0 / 12),
          4e-16);
  r.check("W2(N(0,1), N(2,3)) = sqrt(2^2 + 2^2) by quadrature",
          mm::wasserstein_1d(mm::normal{0.0, 1.0}, mm::normal{2.0, 3.0}, 2.0), std::sqrt(8.0), 1e-12);
  r.check("W1(U[0,1], U[0.5,3.5]) = 1.5", mm::wasserstein_1d(mm::uniform{0.0, 1.0}, mm::uniform{0.5, 3.5}, 1.0), 1.5,
          1e-12);
  r.check_that("weights that do not sum to 1 are rejected, not normalised", [&] {
    try {
      mm::wasserstein_1d(a, a, Eigen::VectorXd::Ones(2), Eigen::VectorXd::Constant(2, 0.5));
    } catch (const mm::invalid_argument&) {
      return true;
    }
    return false;
  }());
}

MINIMAX_TOUR_SECTION(351, "transport: exact OT (network simplex) and log-domain Sinkhorn") {
  namespace mm = minimax;
  // 6 x 6 uniform problem: the optimum is a permutation (Birkhoff); enumerate all 720.
  const Eigen::MatrixXd x = tour_cloud(6, 2, 1), y = tour_cloud(6, 2, 2);
  const Eigen::MatrixXd c = mm::cost_matrix(x, y, mm::costs::euclidean{});
  std::vector<int> s(6);
  std::iota(s.begin(), s.end(), 0);
  double best = std::numeric_limits<double>::infinity();
  do {
    double t = 0;
    for (int i = 0; i < 6; ++i) t += c(i, s[static_cast<std::size_t>(i)]);
    best = std::min(best, t / 6);
  } while (std::next_permutation(s.begin(), s.end()));
  const Eigen::VectorXd a = Eigen::VectorXd::Constant(6, 1.0 / 6);
  const auto ot = mm::emd(a, a, c);
  r.check("emd = min over all 720 assignments", ot.cost, best, 1e-15);
  r.check("strong duality: <a,f> + <b,g> = <P,C>", a.dot(ot.f) + a.dot(ot.g), ot.cost, 1e-14);
  // Sinkhorn 2 x 2 closed form: cost = sigmoid(-1/eps).
  Eigen::VectorXd h(2);
  h << 0.5, 0.5;
  Eigen::MatrixXd c2(2, 2);
  c2 << 0, 1, 1, 0;
  mm::sinkhorn_options tight;
  tight.tolerance = 1e-14;
  r.check("sinkhorn 2x2, eps = 0.1: cost = 1/(1 + e^10)", mm::sinkhorn(h, h, c2, 0.1, tight).cost,
          1 / (1 + std::exp(10.0)), 1e-16);
  // C + 1000 at eps = 0.05: exp(-C/eps) = 0 for every entry, yet the log domain converges, and
  // the plan is that of C.
  const Eigen::MatrixXd shifted = c.array() + 1000.0;
  const auto sk = mm::sinkhorn(a, a, shifted, 0.05);
  const auto base = mm::sinkhorn(a, a, c, 0.05);
  r.say("exp(-(C + 1000)/0.05) underflows to " + std::to_string(std::exp(-shifted.minCoeff() / 0.05)) +
        " for every entry; the log-domain iterations still converge:");
  r.check("sinkhorn(C + 1000).cost - 1000 = sinkhorn(C).cost", sk.cost - 1000, base.cost, 1e-9);
  r.check_that("it converged, marginal error <= 1e-9", sk.converged && sk.marginal_error <= 2e-9);
  double previous = std::numeric_limits<double>::infinity();
  bool monotone = true;
  for (double eps : {1.0, 0.1, 0.01}) {
    const double cost = mm::sinkhorn(a, a, c, eps).cost;
    monotone = monotone && cost < previous && cost >= ot.cost - 1e-9;
    previous = cost;
  }
  r.check_that("the entropic cost decreases to the exact cost (eps = 1, 0.1, 0.01)", monotone);
  r.check("debiased Sinkhorn divergence S(a, a) = 0",
          mm::sinkhorn_divergence(x, a, x, a, mm::costs::sq_euclidean{}, 0.1), 0.0, 1e-9);
  // Squared Euclidean cost and a translate by t: C^xy = C^xx + alpha_i + beta_j + |t|^2 with
  // <a, alpha + beta> = 0, so S_eps = |t|^2 for every eps.
  const Eigen::MatrixXd shifted_x = x.array() + 0.25;
  r.check("S_eps(x, x + t) = |t|^2 = 0.125 exactly (eps = 0.05)",
          mm::sinkhorn_divergence(x, a, shifted_x, a, mm::costs::sq_euclidean{}, 0.05), 0.125, 1e-8);
}

MINIMAX_TOUR_SECTION(352, "transport: Gaussian W2 (Frechet distance) and sliced W_p") {
  namespace mm = minimax;
  Eigen::Matrix<double, 1, 1> m1, m2, v1, v2;
  m1 << 1;
  m2 << -1;
  v1 << 4;
  v2 << 0.25;
  r.check("W2(N(1, 2^2), N(-1, 0.5^2)) = sqrt(2^2 + 1.5^2)", mm::gaussian_w2(m1, v1, m2, v2), 2.5, 1e-15);
  // 2 x 2 non-commuting: Tr sqrt(S1^1/2 S2 S1^1/2) = sqrt(Tr(S1 S2) + 2 sqrt(det S1 det S2)).
  Eigen::Matrix2d s1, s2;
  s1 << 2, 0.7, 0.7, 1;
  s2 << 0.5, -0.3, -0.3, 3;
  const double closed = 2 + 1 + 0.5 + 3 - 2 * std::sqrt((s1 * s2).trace() + 2 * std::sqrt(s1.determinant() * s2.determinant()));
  const Eigen::Vector2d zero = Eigen::Vector2d::Zero();
  r.check("Frechet 2x2 non-commuting = closed form", mm::frechet_distance(zero, s1, zero, s2), closed, 1e-14);
  mm::frechet_info info;
  mm::frechet_distance(zero, Eigen::Matrix2d(Eigen::Vector2d(1, 0).asDiagonal()), zero, s2, &info);
  r.check_that("a singular covariance is reported (rank 1 of 2)", info.rank_deficient && info.rank1 == 1);
  const Eigen::MatrixXd x = tour_cloud(10, 3, 3);
  const Eigen::RowVector3d t(1, -2, 2);
  const Eigen::MatrixXd y = x.rowwise() + t;
  const double sw = mm::sliced_wasserstein(x, y, 2.0, 20000, 1);
  r.check("sliced W2^2 of a translate = |t|^2 / d = 3 (L = 20000; 4 sd = 0.076)", sw * sw, 3.0, 0.076);
}

MINIMAX_TOUR_SECTION(353, "transport: kernel distances (MMD, energy)") {
  namespace mm = minimax;
  Eigen::MatrixXd x(2, 1), y(2, 1);
  x << 0, 1;
  y << 0, 2;
  r.check("unbiased MMD^2 can be negative: (e^-2 - 1)/2", mm::mmd2_unbiased(x, y, mm::kernels::gaussian{1.0}),
          (std::exp(-2.0) - 1) / 2, 1e-16);
  r.check("biased MMD^2 = (1 - e^-1/2)/2", mm::mmd2_biased(x, y, mm::kernels::gaussian{1.0}), (1 - std::exp(-0.5)) / 2,
          4e-16);
  const Eigen::MatrixXd p = tour_cloud(30, 3, 4), q = tour_cloud(20, 3, 5);
  r.check("linear-kernel MMD^2 = |mean x - mean y|^2", mm::mmd2_biased(p, q, mm::kernels::polynomial{1, 1.0, 0.0}),
          (p.colwise().mean() - q.colwise().mean()).squaredNorm(), 1e-15);
  // Energy in 1-D: {0, 1} against {0, 2}: F - G = 1/2 on [1, 2): D^2 = 2 * 1/4 = 1/2.
  r.check("energy distance in 1-D = sqrt(2 * integral (F - G)^2)", mm::energy_distance(x, y), std::sqrt(0.5), 1e-15);
}
