// f-divergences in minimax: pmfs, generators, densities and samples. Each part is quoted by
// docs/f_divergences.md; the program checks its own results and exits non-zero if one is off.
#include <Eigen/Core>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <random>

#include <minimax/divergence/chi2.hpp>
#include <minimax/divergence/density_divergences.hpp>
#include <minimax/divergence/entropy.hpp>
#include <minimax/divergence/f_divergence.hpp>
#include <minimax/divergence/f_divergence_density.hpp>
#include <minimax/divergence/f_generators.hpp>
#include <minimax/divergence/hellinger.hpp>
#include <minimax/divergence/jsd.hpp>
#include <minimax/divergence/kl.hpp>
#include <minimax/divergence/kl_normal.hpp>
#include <minimax/divergence/knn.hpp>
#include <minimax/divergence/total_variation.hpp>
#include <minimax/prob/mixture.hpp>
#include <minimax/prob/normal.hpp>
#include <minimax/prob/uniform.hpp>

namespace mm = minimax;

static int failures = 0;
static void expect(const char* what, double got, double want, double tol) {
  const bool ok = got == want || std::abs(got - want) <= tol;
  std::printf("%-44s %.17g (expected %.17g)%s\n", what, got, want, ok ? "" : "  <-- MISMATCH");
  failures += ok ? 0 : 1;
}

int main() {
  //! [pmfs]
  Eigen::VectorXd p(4), q(4);
  p << 0.5, 0.5, 0.0, 0.0;
  q << 0.0, 0.25, 0.25, 0.5;
  const double kl = mm::kl(p, q);       // +inf: p has mass where q has none
  const double js = mm::jsd(p, q);      // in [0, log 2], nats
  const double js_bits = mm::jsd(p, q, 2.0);
  const double h = mm::entropy(q, 2.0);  // 1.5 bits
  const double tv = mm::total_variation(p, q);
  //! [pmfs]
  expect("kl(p, q) = +inf", kl, INFINITY, 0);
  // JSD = 1/2 [1/2 log 2 + 1/2 log(2 * 0.5/0.75)] + 1/2 [0.25 log(0.5/0.75) + 0.75 log 2]
  const double js_known = 0.5 * (0.5 * std::log(2.0) + 0.5 * std::log(1.0 / 0.75)) +
                          0.5 * (0.25 * std::log(0.5 / 0.75) + 0.75 * std::log(2.0));
  expect("jsd(p, q)", js, js_known, 1e-15);
  expect("jsd(p, q) in bits", js_bits, js_known / std::log(2.0), 1e-15);
  expect("entropy(q) in bits", h, 1.5, 1e-15);
  expect("total_variation(p, q)", tv, 0.75, 1e-15);

  //! [disjoint]
  Eigen::VectorXd a(2), b(2);
  a << 1.0, 0.0;
  b << 0.0, 1.0;
  // Disjoint supports: JSD is exactly log 2, KL is +inf, TV is 1, squared Hellinger is 2.
  const double js_disjoint = mm::jsd(a, b);
  //! [disjoint]
  expect("jsd of disjoint supports = log 2", js_disjoint, std::log(2.0), 0);
  expect("squared_hellinger of disjoint supports = 2", mm::squared_hellinger(a, b), 2.0, 0);

  //! [generators]
  using F = mm::f::jensen_shannon;
  const double u = 3.0;                 // a density ratio p/q
  const double t = F::derivative(u);    // the optimal f-GAN critic value T* = f'(u)
  const double young = F::f(u) + F::conjugate(t) - u * t;  // Fenchel-Young: 0 at t = f'(u)
  const double v = 1.7;                 // a raw critic output
  const bool in_domain = mm::f::in_conjugate_domain<F>(F::activation(v));
  const double two_js = mm::f_divergence<F>(p, Eigen::VectorXd::Constant(4, 0.25).eval());  // = 2 JSD
  //! [generators]
  expect("Fenchel-Young equality at t = f'(u)", young, 0.0, 1e-15);
  failures += in_domain ? 0 : 1;
  expect("f_divergence<jensen_shannon> = 2 jsd", two_js, 2 * mm::jsd(p, Eigen::VectorXd::Constant(4, 0.25).eval()), 1e-15);

  //! [densities]
  const mm::normal n1{0.0, 1.0}, n2{1.0, 2.0};
  const double exact = mm::kl(n1, n2);                         // closed form
  const auto numeric = mm::f_divergence<mm::f::kl>(n1, n2);    // quadrature: .value, .error_estimate
  const auto two_jsd = mm::f_divergence<mm::f::jensen_shannon>(n1, n2);
  //! [densities]
  expect("KL(N(0,1) || N(1,4)) closed form", exact, std::log(2.0) + 2.0 / 8 - 0.5, 1e-15);
  expect("  by quadrature", numeric.value, exact, 1e-12);
  std::printf("  (quadrature error estimate %.2g; 2 JSD = %.15f)\n", numeric.error_estimate, two_jsd.value);

  //! [named densities]
  const mm::mixture bimodal{{0.5, 0.5}, {mm::normal{-2.0, 0.5}, mm::normal{2.0, 0.5}}};
  const auto js_mix = mm::jsd(n1, bimodal);           // value and error estimate, in [0, log 2]
  const auto kl_mix = mm::kl(bimodal, n1);           // the same names as for pmfs
  const auto tv_uni = mm::total_variation(mm::uniform{0.0, 1.0}, mm::uniform{0.5, 1.5});  // exactly 1/2
  //! [named densities]
  expect("jsd(normal, mixture) = f_divergence<jensen_shannon> / 2", js_mix.value,
         mm::f_divergence<mm::f::jensen_shannon>(n1, bimodal).value / 2, 1e-15);
  expect("TV(U(0,1), U(0.5,1.5))", tv_uni.value, 0.5, 1e-14);
  std::printf("  KL(bimodal || N(0,1)) = %.12f (error estimate %.2g)\n", kl_mix.value, kl_mix.error_estimate);

  //! [samples]
  std::mt19937_64 engine(42);
  std::normal_distribution<double> z(0.0, 1.0);
  Eigen::VectorXd xs(4000), ys(4000);
  for (auto& x : xs) x = z(engine);          // samples of N(0, 1)
  for (auto& y : ys) y = 1.0 + 2.0 * z(engine);  // samples of N(1, 4)
  const double kl_hat = mm::knn_kl(xs, ys, /*k=*/5);
  const double h_hat = mm::knn_entropy(xs, /*k=*/5);
  //! [samples]
  expect("kNN KL estimate (n = 4000, +-0.1)", kl_hat, exact, 0.1);
  expect("kNN entropy estimate (+-0.08)", h_hat, 0.5 * std::log(2 * std::numbers::pi * std::exp(1.0)), 0.08);
  return failures == 0 ? 0 : 1;
}
