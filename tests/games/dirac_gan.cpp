// Tests for include/minimax/games/dirac_gan.hpp against every closed form of the Dirac-GAN
// (Mescheder, Geiger, Nowozin 2018; ../shared/REFERENCES.md §4).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <complex>

#include <minimax/dynamics.hpp>
#include <minimax/games/dirac_gan.hpp>
#include <minimax/loss.hpp>

namespace mm = minimax;
namespace games = minimax::games;

namespace {
constexpr double eps = std::numeric_limits<double>::epsilon();
// The standard GAN's f(t) = -log(1 + e^{-t}) and its derivatives, in closed form.
double f_prime(double t) { return 1.0 / (1.0 + std::exp(t)); }
constexpr double f1 = 0.5;    // f'(0)
constexpr double f2 = -0.25;  // f''(0)

// True when the multiset of eigenvalues matches {a, b} within tol.
bool same_pair(const Eigen::VectorXcd& lambda, std::complex<double> a, std::complex<double> b, double tol) {
  if (lambda.size() != 2) return false;
  return (std::abs(lambda[0] - a) <= tol && std::abs(lambda[1] - b) <= tol) ||
         (std::abs(lambda[0] - b) <= tol && std::abs(lambda[1] - a) <= tol);
}
std::complex<double> csqrt(double x) { return std::sqrt(std::complex<double>(x, 0)); }

const std::vector<Eigen::Vector2d> points{{0.7, -0.4}, {-1.3, 2.1}, {0.05, 0.9}, {3.0, 1.5}};
}  // namespace

TEST_CASE("dirac_gan: the fields are Mescheder et al.'s formulas", "[games][dirac_gan]") {
  const games::dirac_gan gan{mm::loss::minimax{}};
  const games::dirac_gan ns{mm::loss::non_saturating{}};
  const games::dirac_gan wgan{mm::loss::wasserstein{}};
  const games::dirac_gan gp{mm::loss::wasserstein{}, mm::loss::wgan_gp{0.7}};
  for (const auto& z : points) {
    const double theta = z[0], psi = z[1];
    const Eigen::VectorXd v = gan.vector_field<double>(z);
    CHECK(std::abs(v[0] - (-psi * f_prime(psi * theta))) <= 4 * eps * (1 + std::abs(v[0])));
    CHECK(std::abs(v[1] - theta * f_prime(psi * theta)) <= 4 * eps * (1 + std::abs(v[1])));
    CHECK(std::abs(ns.vector_field<double>(z)[0] - (-psi * f_prime(-psi * theta))) <= 4 * eps * (1 + std::abs(psi)));
    CHECK((wgan.vector_field<double>(z) - Eigen::Vector2d(-psi, theta)).norm() <= 4 * eps);
    // WGAN-GP: v_psi = theta - gamma (|psi| - 1) sign(psi) with gamma = 2 lambda
    const double expected = theta - 2 * 0.7 * (std::abs(psi) - 1) * (psi > 0 ? 1 : -1);
    CHECK(std::abs(gp.vector_field<double>(z)[1] - expected) <= 8 * eps * (1 + std::abs(expected)));
  }
}

TEST_CASE("dirac_gan: v = -(dL_G/dtheta, dL_D/dpsi) for every loss and regulariser", "[games][dirac_gan]") {
  const auto check = [](const auto& game) {
    for (const auto& z : points) {
      const Eigen::VectorXd v = game.template vector_field<double>(z);
      const Eigen::VectorXd gG = mm::generator_loss_gradient(game, z);
      const Eigen::VectorXd gD = mm::discriminator_loss_gradient(game, z);
      CHECK(std::abs(v[0] + gG[0]) <= 64 * eps * (1 + std::abs(v[0])));
      CHECK(std::abs(v[1] + gD[1]) <= 64 * eps * (1 + std::abs(v[1])));
    }
  };
  check(games::dirac_gan{mm::loss::minimax{}});
  check(games::dirac_gan{mm::loss::non_saturating{}, mm::loss::r1{0.3}});
  check(games::dirac_gan{mm::loss::least_squares{}, mm::loss::r2{0.5}});
  check(games::dirac_gan{mm::loss::hinge{}});
  check(games::dirac_gan{mm::loss::wasserstein{}, mm::loss::wgan_gp{10.0}});
  check(games::dirac_gan{mm::loss::minimax{}, games::instance_noise{0.8}});
}

namespace {
// A user's regularisers, declaring the roles of games/regulariser.hpp as the library's do.
// The Lipschitz penalty (Petzka, Fischer, Lukovnikov 2018): lambda max(0, |g| - 1)^2.
struct lipschitz_penalty {
  double lambda = 1.0;
  template <class T>
  T penalty_at_gradient(const T& g) const {
    const T excess = (g < T(0.0) ? -g : g) - T(1.0);
    return excess > T(0.0) ? T(lambda) * excess * excess : T(0.0);
  }
  template <class T>
  T penalty_slope_at_gradient(const T& g) const {
    const T excess = (g < T(0.0) ? -g : g) - T(1.0);
    if (!(excess > T(0.0))) return T(0.0);
    return T(2.0 * lambda) * excess * (g > T(0.0) ? T(1.0) : T(-1.0));
  }
};
// Noise and a zero-centred penalty together, with a one-sided projection psi in [0, c].
struct noisy_and_penalised {
  double sigma = 0.5, gamma = 0.4, c = 10.0;
  double noise_standard_deviation() const { return sigma; }
  template <class T>
  T penalty_at_gradient(const T& g) const {
    return T(0.5 * gamma) * g * g;
  }
  template <class T>
  T penalty_slope_at_gradient(const T& g) const {
    return T(gamma) * g;
  }
  double projected_discriminator_parameter(double w) const { return std::clamp(w, 0.0, c); }
};
struct one_sided_clip {
  double c = 0.3;
  double projected_discriminator_parameter(double w) const { return std::clamp(w, 0.0, c); }
};
struct no_role {};
static_assert(games::GradientPenalty<lipschitz_penalty> && !games::SampleNoise<lipschitz_penalty>);
static_assert(games::Regulariser<noisy_and_penalised> && games::SampleNoise<noisy_and_penalised> &&
              games::DiscriminatorProjection<noisy_and_penalised>);
static_assert(games::Regulariser<games::unregularised> && !games::Regulariser<no_role>);
static_assert(games::GradientPenalty<mm::loss::r1> && games::GradientPenalty<mm::loss::wgan_gp> &&
              games::SampleNoise<games::instance_noise> && games::DiscriminatorProjection<games::weight_clipping>);
}  // namespace

TEST_CASE("dirac_gan: a user's regulariser gets each role it declares", "[games][dirac_gan][regulariser]") {
  SECTION("a gradient penalty: the Lipschitz penalty is zero for |psi| < 1 and WGAN-GP's beyond") {
    const games::dirac_gan lp{mm::loss::wasserstein{}, lipschitz_penalty{0.7}};
    const games::dirac_gan gp{mm::loss::wasserstein{}, mm::loss::wgan_gp{0.7}};
    const games::dirac_gan plain{mm::loss::wasserstein{}};
    for (const auto& z : points) {
      const Eigen::VectorXd v = lp.vector_field<double>(z);
      const Eigen::VectorXd expected = std::abs(z[1]) < 1 ? plain.vector_field<double>(z) : gp.vector_field<double>(z);
      CHECK(v == expected);
      CHECK(lp.penalty(z[1]) == (std::abs(z[1]) < 1 ? 0.0 : gp.penalty(z[1])));
    }
    const std::complex<double> i(0, 1);
    CHECK(same_pair(mm::eigenvalues(mm::jacobian(lp, lp.equilibrium())), i, -i, 1e-15));
  }
  SECTION("noise, penalty and projection together: v = -grad L, and the eigenvalues of the sum") {
    const noisy_and_penalised reg{};
    const games::dirac_gan g{mm::loss::minimax{}, reg};
    for (const auto& z : points) {
      const Eigen::VectorXd v = g.vector_field<double>(z);
      const Eigen::VectorXd gG = mm::generator_loss_gradient(g, z);
      const Eigen::VectorXd gD = mm::discriminator_loss_gradient(g, z);
      CHECK(std::abs(v[0] + gG[0]) <= 64 * eps * (1 + std::abs(v[0])));
      CHECK(std::abs(v[1] + gD[1]) <= 64 * eps * (1 + std::abs(v[1])));
    }
    // J = [[0, -f'(0)], [f'(0), 2 f''(0) sigma^2 - gamma]]: trace 2 f''(0) sigma^2 - gamma, determinant f'(0)^2
    const double trace = 2 * f2 * reg.sigma * reg.sigma - reg.gamma;
    const std::complex<double> root = csqrt(trace * trace / 4 - f1 * f1);
    CHECK(same_pair(mm::eigenvalues(mm::jacobian(g, g.equilibrium())), trace / 2 + root, trace / 2 - root, 1e-13));
    Eigen::VectorXd z = g.init(0.5, -0.2);
    g.project(z);
    CHECK(z[1] == 0.0);
  }
  SECTION("a projection: psi stays in [0, c] along a run") {
    const games::dirac_gan clipped{mm::loss::wasserstein{}, one_sided_clip{}};
    const auto run = mm::simulate(clipped, mm::schemes::simultaneous{0.1}, clipped.init(1.0, 0.2), 500);
    bool clipped_at_an_end = false;
    for (const auto& z : run.states) {
      CHECK(z[1] >= 0.0);
      CHECK(z[1] <= 0.3);
      if (z[1] == 0.0 || z[1] == 0.3) clipped_at_an_end = true;
    }
    CHECK(clipped_at_an_end);
  }
}

TEST_CASE("dirac_gan: Jacobian eigenvalues at the equilibrium match the formulas", "[games][dirac_gan]") {
  const std::complex<double> i(0, 1);
  {
    const games::dirac_gan g{mm::loss::minimax{}};
    CHECK(same_pair(mm::eigenvalues(mm::jacobian(g, g.equilibrium())), i * f1, -i * f1, 1e-15));
  }
  {
    const games::dirac_gan g{mm::loss::non_saturating{}};
    CHECK(same_pair(mm::eigenvalues(mm::jacobian(g, g.equilibrium())), i * f1, -i * f1, 1e-15));
  }
  {
    const games::dirac_gan g{mm::loss::wasserstein{}};
    CHECK(same_pair(mm::eigenvalues(mm::jacobian(g, g.equilibrium())), i, -i, 1e-15));
  }
  for (double gamma : {0.3, 1.0, 3.0}) {  // gamma = 2 f'(0) = 1 is critical damping
    INFO("R1 gamma = " << gamma);
    const games::dirac_gan g{mm::loss::non_saturating{}, mm::loss::r1{gamma}};
    const std::complex<double> root = csqrt(gamma * gamma / 4 - f1 * f1);
    // at gamma = 1 the double eigenvalue is defective: the eigensolver resolves it to ~sqrt(eps)
    const double tol = gamma == 1.0 ? 1e-7 : 1e-14;
    CHECK(same_pair(mm::eigenvalues(mm::jacobian(g, g.equilibrium())), -gamma / 2 + root, -gamma / 2 - root, tol));
  }
  for (double sigma : {0.5, 1.0, 2.5}) {
    INFO("instance noise sigma = " << sigma);
    const games::dirac_gan g{mm::loss::minimax{}, games::instance_noise{sigma}};
    const double s2 = sigma * sigma;
    const std::complex<double> root = csqrt(f2 * f2 * s2 * s2 - f1 * f1);
    CHECK(same_pair(mm::eigenvalues(mm::jacobian(g, g.equilibrium())), f2 * s2 + root, f2 * s2 - root, 1e-13));
  }
  {  // consensus optimisation, linearised: -gamma a^2 ± i a (a = f'(0))
    const games::dirac_gan g{mm::loss::minimax{}};
    const double h = 0.1, gamma = 0.8;
    const Eigen::MatrixXd J = mm::jacobian(g, g.equilibrium());
    const Eigen::MatrixXd field = (mm::schemes::consensus{h, gamma}.linearised(J, 1) - Eigen::MatrixXd::Identity(2, 2)) / h;
    CHECK(same_pair(mm::eigenvalues(field), -gamma * f1 * f1 + i * f1, -gamma * f1 * f1 - i * f1, 1e-14));
  }
}

TEST_CASE("dirac_gan: simultaneous GD multiplies theta^2 + psi^2 by 1 + h^2 f'(theta psi)^2", "[games][dirac_gan]") {
  const games::dirac_gan g{mm::loss::minimax{}};
  const double h = 0.3;
  const auto run = mm::simulate(g, mm::schemes::simultaneous{h}, g.init(1.0, 1.0), 300);
  for (std::size_t t = 1; t < run.states.size(); ++t) {
    const auto& z = run.states[t - 1];
    const double predicted = z.squaredNorm() * (1 + h * h * std::pow(f_prime(z[0] * z[1]), 2));
    CHECK(std::abs(run.states[t].squaredNorm() - predicted) <= 16 * eps * predicted);
  }
  CHECK(run.final_state().norm() > std::sqrt(2.0));  // it never converges
}

TEST_CASE("dirac_gan: R1 and instance noise converge; the plain GAN and WGAN do not", "[games][dirac_gan]") {
  const double h = 0.1;
  const long steps = 3000;
  const auto distance = [&](const auto& game) {
    return mm::simulate(game, mm::schemes::simultaneous{h}, game.init(1.0, 1.0), steps).final_state().norm();
  };
  CHECK(distance(games::dirac_gan{mm::loss::non_saturating{}, mm::loss::r1{1.0}}) < 1e-6);
  CHECK(distance(games::dirac_gan{mm::loss::minimax{}, games::instance_noise{1.0}}) < 1e-6);
  CHECK(distance(games::dirac_gan{mm::loss::minimax{}}) > 1.0);
  CHECK(distance(games::dirac_gan{mm::loss::wasserstein{}}) > 1.0);
  // WGAN with clipping: psi stays inside [-c, c] and the run does not converge either
  const games::dirac_gan clipped{mm::loss::wasserstein{}, games::weight_clipping{0.5}};
  const auto run = mm::simulate(clipped, mm::schemes::simultaneous{h}, clipped.init(1.0, 0.2), 2000);
  for (const auto& z : run.states) CHECK(std::abs(z[1]) <= 0.5);
  CHECK(run.final_state().norm() > 0.1);
}

TEST_CASE("dirac_gan: measured contraction per step equals the predicted spectral radius within 1%", "[games][dirac_gan]") {
  const auto check = [](const auto& game, const auto& scheme) {
    const auto analysis = mm::analyze(game, scheme, game.equilibrium());
    REQUIRE(analysis.verdict == mm::verdict::converges);
    const auto run = mm::simulate(game, scheme, game.init(1e-3, 1e-3), 600);
    const double measured = std::pow(run.final_state().norm() / run.states[300].norm(), 1.0 / 300.0);
    CHECK(std::abs(measured - analysis.spectral_radius) <= 0.01 * analysis.spectral_radius);
  };
  check(games::dirac_gan{mm::loss::non_saturating{}, mm::loss::r1{0.3}}, mm::schemes::simultaneous{0.2});
  check(games::dirac_gan{mm::loss::minimax{}, games::instance_noise{0.7}}, mm::schemes::alternating{0.3});
  check(games::dirac_gan{mm::loss::minimax{}}, mm::schemes::extragradient{0.5});
  check(games::dirac_gan{mm::loss::minimax{}}, mm::schemes::consensus{0.3, 1.0});
  check(games::dirac_gan{mm::loss::non_saturating{}, mm::loss::r1{0.3}}, mm::schemes::optimistic{0.2});
}

TEST_CASE("unrolled: the generator gradient equals finite differences of the unrolled objective", "[dynamics][unrolled]") {
  const games::dirac_gan g{mm::loss::non_saturating{}, mm::loss::r1{0.3}};
  for (int k : {0, 1, 5}) {
    const mm::schemes::unrolled scheme{0.2, 0.3, k};
    const auto surrogate = [&](double theta, double psi) {  // L_G(theta, psi_k(theta))
      Eigen::VectorXd z = g.init(theta, psi);
      for (int j = 0; j < k; ++j) z[1] += 0.3 * g.vector_field<double>(z)[1];
      return g.generator_loss<double>(z);
    };
    for (const auto& z : points) {
      const double step = 1e-5;
      // fourth-order central difference: error O(step^4) plus rounding O(eps / step)
      const double fd = (-surrogate(z[0] + 2 * step, z[1]) + 8 * surrogate(z[0] + step, z[1]) -
                         8 * surrogate(z[0] - step, z[1]) + surrogate(z[0] - 2 * step, z[1])) /
                        (12 * step);
      const double exact = scheme.generator_gradient(g, z)[0];
      INFO("k = " << k << ", z = " << z.transpose());
      CHECK(std::abs(exact - fd) <= 1e-9 * (1 + std::abs(exact)));
    }
  }
}

TEST_CASE("dirac_gan: bad input", "[games][dirac_gan][errors]") {
  CHECK_THROWS_WITH(games::instance_noise{0.0}, "minimax::games::instance_noise: sigma must be positive and finite, got 0");
  CHECK_THROWS_AS(games::weight_clipping{-1.0}, std::invalid_argument);
  CHECK_THROWS_AS(mm::loss::r1{-0.3}, std::invalid_argument);
  const games::dirac_gan g{mm::loss::minimax{}};
  CHECK_THROWS_AS(mm::jacobian(g, Eigen::VectorXd::Zero(3)), std::invalid_argument);
  // with instance noise the game carries the default 800-point rule inline (it runs on a GPU as it is)
  const games::dirac_gan noisy{mm::loss::minimax{}, games::instance_noise{0.5}};
  const games::detail::normal_expectation_rule rule;
  REQUIRE(rule.size() == static_cast<std::size_t>(noisy.rule_size));
  CHECK(std::equal(rule.nodes.begin(), rule.nodes.end(), noisy.nodes));
  CHECK(std::equal(rule.weights.begin(), rule.weights.end(), noisy.weights));
}
