// Tour section: the f-divergence family, each value against its known answer.
#include <cmath>
#include <limits>
#include <numbers>
#include <random>

#include <minimax/divergence/entropy.hpp>
#include <minimax/divergence/f_divergence.hpp>
#include <minimax/divergence/f_divergence_density.hpp>
#include <minimax/divergence/f_generators.hpp>
#include <minimax/divergence/jsd.hpp>
#include <minimax/divergence/kl.hpp>
#include <minimax/divergence/kl_normal.hpp>
#include <minimax/divergence/knn.hpp>
#include <minimax/divergence/total_variation.hpp>

#include "tour.hpp"

namespace {
template <class F>
void generator_checks(tour::report& r, const char* name, double f_at_one) {
  r.check(std::string(name) + ": f(1)", F::f(1.0), f_at_one, 1e-15);
  const double u = 2.5, t = F::derivative(u);
  r.check(std::string(name) + ": f(u) + f*(f'(u)) = u f'(u) at u = 2.5", F::f(u) + F::conjugate(t), u * t, 1e-14);
  r.check_that(std::string(name) + ": activation g_f(3) lies in dom f*",
               minimax::f::in_conjugate_domain<F>(F::activation(3.0)));
}
}  // namespace

//! [tour f-divergences]
MINIMAX_TOUR_SECTION(300, "divergence: f-divergence generators (f, f*, f', activation)") {
  namespace f = minimax::f;
  r.say("Fenchel-Young: f(u) + f*(t) >= u t, with equality at the optimal critic t = f'(u):");
  generator_checks<f::kl>(r, "KL", 0.0);
  generator_checks<f::reverse_kl>(r, "reverse KL", 0.0);
  generator_checks<f::pearson>(r, "Pearson chi2", 0.0);
  generator_checks<f::neyman>(r, "Neyman chi2", 0.0);
  generator_checks<f::squared_hellinger>(r, "squared Hellinger", 0.0);
  generator_checks<f::jensen_shannon>(r, "Jensen-Shannon (D_f = 2 JSD)", 0.0);
  generator_checks<f::gan>(r, "GAN (D_f = 2 JSD - log 4)", -std::log(4.0));
  generator_checks<f::total_variation>(r, "total variation", 0.0);
  r.say("Perspective limits q f(p/q) at q = 0: p lim f(u)/u");
  r.check("JS: q = 0 gives p log 2", f::jensen_shannon::perspective(0.3, 0.0), 0.3 * std::log(2.0), 0);
  r.check("KL: q = 0 < p gives +inf", f::kl::perspective(0.3, 0.0), std::numeric_limits<double>::infinity(), 0);
}

MINIMAX_TOUR_SECTION(310, "divergence: KL, JSD, entropy of pmfs (conventions and bounds)") {
  namespace mm = minimax;
  Eigen::VectorXd a(2), b(2), u(8);
  a << 1.0, 0.0;
  b << 0.0, 1.0;
  u.setConstant(0.125);
  r.check("JSD of disjoint supports = log 2 exactly", mm::jsd(a, b), std::log(2.0), 0);
  r.check("KL of disjoint supports = +inf", mm::kl(a, b), std::numeric_limits<double>::infinity(), 0);
  r.check("TV of disjoint supports = 1", mm::total_variation(a, b), 1.0, 0);
  r.check("entropy of the uniform pmf on 8 points = 3 bits", mm::entropy(u, 2.0), 3.0, 1e-15);
  Eigen::VectorXd p(3), q(3);
  p << 1.0 / 3, 1.0 / 3, 1.0 / 3;
  q << std::nextafter(1.0 / 3, 1.0), 1.0 / 3, std::nextafter(1.0 / 3, 0.0);
  r.check_that("JSD one ulp away from P = Q is >= 0 and not NaN", mm::jsd(p, q) >= 0.0);
  Eigen::VectorXd s(2), t(2);
  s << 0.5, 0.5;
  t << 0.25, 0.75;
  r.check("KL(Bernoulli(1/2) || Bernoulli(1/4)) = 1 - log2(3)/2 bits", mm::kl(s, t, 2.0), 1 - 0.5 * std::log2(3.0),
          4e-16);
}

MINIMAX_TOUR_SECTION(320, "divergence: between densities (closed form vs quadrature) and from samples") {
  namespace mm = minimax;
  const mm::normal p{0.0, 1.0}, q{1.0, 2.0};
  const double exact = std::log(2.0) + 0.25 - 0.5;
  r.check("KL(N(0,1) || N(1,4)), closed form", mm::kl(p, q), exact, 1e-15);
  r.check("  the same by log-space quadrature", mm::f_divergence<mm::f::kl>(p, q).value, exact, 1e-12);
  r.check("squared Hellinger by quadrature = 2 (1 - BC)", mm::f_divergence<mm::f::squared_hellinger>(p, q).value,
          mm::squared_hellinger(p, q), 1e-12);
  r.check("2 JSD of N(0,1), N(80,1) = 2 log 2", mm::f_divergence<mm::f::jensen_shannon>(p, mm::normal{80, 1}).value,
          2 * std::log(2.0), 1e-12);
  std::mt19937_64 engine(7);
  std::normal_distribution<double> z(0.0, 1.0);
  Eigen::VectorXd xs(3000), ys(3000);
  for (auto& x : xs) x = z(engine);
  for (auto& y : ys) y = 1.0 + 2.0 * z(engine);
  r.check("kNN KL estimate, n = 3000, k = 5 (statistical, +-0.1)", mm::knn_kl(xs, ys, 5), exact, 0.1);
  r.check("Kozachenko-Leonenko entropy of N(0,1), k = 5 (+-0.08)", mm::knn_entropy(xs, 5),
          0.5 * std::log(2 * std::numbers::pi * std::numbers::e), 0.08);
}
//! [tour f-divergences]
