// Tests for include/minimax/games/gaussian_gan.hpp: the closed-form optimal discriminator, the value
// log 4 - 2 JSD at it (JSD by adaptive quadrature), the equilibrium, and the fields against the losses.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include <minimax/dynamics.hpp>
#include <minimax/games/gaussian_gan.hpp>
#include <minimax/loss.hpp>
#include <minimax/quadrature/integrate.hpp>

namespace mm = minimax;
namespace games = minimax::games;

namespace {
double normal_log_pdf(double x, double m, double s) {
  return -0.5 * std::pow((x - m) / s, 2) - std::log(std::abs(s)) - 0.5 * std::log(2 * M_PI);
}
// JSD(N(m1, s1^2) || N(m2, s2^2)) in nats, by quadrature over the real line, in log space.
double jsd_normals(double m1, double s1, double m2, double s2) {
  const auto integrand = [&](double x) {
    const double lp = normal_log_pdf(x, m1, s1), lq = normal_log_pdf(x, m2, s2);
    const double lm = mm::logsumexp(lp, lq) - std::log(2.0);
    const double p = std::exp(lp), q = std::exp(lq);
    return 0.5 * (p * (lp - lm) + q * (lq - lm));
  };
  return mm::integrate(integrand, -std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity()).value;
}
}  // namespace

TEST_CASE("gaussian_gan: the closed-form D* is stationary and gives L_D = log 4 - 2 JSD", "[games][gaussian_gan]") {
  const games::gaussian_gan game{mm::loss::minimax{}, 0.5, 1.3};
  for (const auto& [mu, s] : std::vector<std::pair<double, double>>{{0.0, 1.0}, {1.5, 0.8}, {-1.0, 2.0}, {0.5, 1.3}}) {
    INFO("mu = " << mu << ", s = " << s);
    const Eigen::VectorXd z = game.init(mu, s, game.optimal_discriminator(mu, s));
    // stationary in psi: the discriminator's part of the field vanishes at D*
    const Eigen::VectorXd v = game.vector_field<double>(z);
    CHECK(v.tail(3).norm() <= 1e-12);
    // and it is the maximum of -L_D: log 4 - 2 JSD
    const double expected = std::log(4.0) - 2 * jsd_normals(0.5, 1.3, mu, s);
    CHECK(std::abs(game.discriminator_loss<double>(z) - expected) <= 1e-11);
  }
}

TEST_CASE("gaussian_gan: discriminator ascent from scratch reaches the closed-form D*", "[games][gaussian_gan]") {
  const games::gaussian_gan game{mm::loss::minimax{}, 0.0, 1.0};
  const double mu = 0.7, s = 1.2;
  // only the discriminator moves: alternating steps with a vanishing generator step would still move
  // it, so integrate the discriminator's flow directly
  Eigen::VectorXd z = game.init(mu, s);
  for (int k = 0; k < 20000; ++k) z.tail(3) += 0.5 * game.vector_field<double>(z).tail(3);
  const Eigen::Vector3d expected = game.optimal_discriminator(mu, s);
  CHECK((z.tail(3) - expected).norm() <= 1e-8);
}

TEST_CASE("gaussian_gan: the equilibrium, the field against the losses, and the local verdicts", "[games][gaussian_gan]") {
  const games::gaussian_gan game{mm::loss::non_saturating{}, -0.4, 0.9};
  const Eigen::VectorXd star = game.equilibrium();
  CHECK(game.vector_field<double>(star).norm() <= 1e-14);
  for (const Eigen::VectorXd& z : {game.init(0.3, 1.1, Eigen::Vector3d(0.1, -0.2, 0.05)), game.init(-1.0, 0.5)}) {
    const Eigen::VectorXd v = game.vector_field<double>(z);
    const Eigen::VectorXd gG = mm::generator_loss_gradient(game, z);
    const Eigen::VectorXd gD = mm::discriminator_loss_gradient(game, z);
    CHECK((v.head(2) + gG.head(2)).norm() <= 1e-13);
    CHECK((v.tail(3) + gD.tail(3)).norm() <= 1e-13);
  }
  // the local analysis and a simulation agree
  const mm::schemes::simultaneous step{0.05};
  const auto analysis = mm::analyze(game, step, star);
  const Eigen::VectorXd start = star + 1e-4 * Eigen::VectorXd::Ones(5);
  const auto run = mm::simulate(game, step, start, 4000);
  const double ratio = (run.final_state() - star).norm() / (start - star).norm();
  if (analysis.verdict == mm::verdict::converges) {
    CHECK(ratio < 1e-2);
  } else {
    CHECK(ratio > 0.5);
  }
}

TEST_CASE("gaussian_gan: Adam on both players (simultaneous) runs and stays finite", "[games][gaussian_gan]") {
  const games::gaussian_gan game{mm::loss::non_saturating{}, 1.0, 0.5};
  const auto run = mm::simulate(game, mm::schemes::adam(1e-3, 0.5, 0.999), game.init(0.0, 1.0), 2000);
  CHECK(run.status == mm::run_status::completed);
  CHECK(run.final_state().allFinite());
  // the generator's mean moves towards the data's
  CHECK(std::abs(run.final_state()[0] - 1.0) < std::abs(0.0 - 1.0));
}

TEST_CASE("gaussian_gan: bad input", "[games][gaussian_gan][errors]") {
  CHECK_THROWS_WITH((games::gaussian_gan{mm::loss::minimax{}, 0.0, -1.0}),
                    "minimax::games::gaussian_gan: the data sigma must be positive and finite, got -1");
  const games::gaussian_gan game{mm::loss::minimax{}, 0.0, 1.0};
  CHECK_THROWS_AS(game.optimal_discriminator(0.0, 0.0), std::invalid_argument);
  // the game carries the default 800-point rule inline (it runs on a GPU as it is)
  const games::detail::normal_expectation_rule rule;
  REQUIRE(rule.size() == static_cast<std::size_t>(game.rule_size));
  CHECK(std::equal(rule.nodes.begin(), rule.nodes.end(), game.nodes));
  CHECK(std::equal(rule.weights.begin(), rule.weights.end(), game.weights));
}
