// Hostile input to the games: states of the wrong size (each game's public members check them, as
// simulate() and jacobian() do) and steps so large that the networks' outputs overflow (the run ends
// with run_status::non_finite and keeps its trajectory, as the Dirac-GAN's does).
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include <minimax/dynamics.hpp>
#include <minimax/games.hpp>
#include <minimax/loss.hpp>
#include <minimax/nn.hpp>
#include <minimax/prob/grid.hpp>
#include <minimax/prob/ring.hpp>

namespace mm = minimax;
namespace nn = minimax::nn;
using Catch::Matchers::Contains;

namespace {
using relu_generator = nn::sequential<nn::dense<2, 8>, nn::relu, nn::dense<8, 2>>;
using relu_discriminator = nn::sequential<nn::dense<2, 8>, nn::relu, nn::dense<8, 1>>;
using mixture_game = mm::games::mixture_gan<relu_generator, relu_discriminator, mm::loss::non_saturating>;
using autoencoder_type = nn::autoencoder<nn::sequential<nn::dense<2, 6>, nn::relu, nn::dense<6, 1>>,
                                         nn::sequential<nn::dense<1, 6>, nn::relu, nn::dense<6, 2>>>;
using began_game = mm::games::began_gan<relu_generator, autoencoder_type>;

// Every member of `game` that takes a state rejects one entry too few and one too many, naming itself
// and the size it got.
template <class Game>
void check_state_sizes(const Game& game, const std::string& name) {
  for (const Eigen::Index size : {game.dimension() - 1, game.dimension() + 1}) {
    const Eigen::VectorXd z = Eigen::VectorXd::Zero(size);
    const std::string got = "got " + std::to_string(size);
    INFO(name << " with a state of " << size << " entries");
    CHECK_THROWS_AS(game.template vector_field<double>(z), mm::invalid_argument);
    CHECK_THROWS_WITH(game.template vector_field<double>(z), Contains("minimax::games::" + name + "::vector_field") &&
                                                              Contains("dimension()") && Contains(got));
    CHECK_THROWS_WITH(game.template generator_loss<double>(z),
                      Contains("minimax::games::" + name + "::generator_loss") && Contains(got));
    CHECK_THROWS_WITH(game.template discriminator_loss<double>(z),
                      Contains("minimax::games::" + name + "::discriminator_loss") && Contains(got));
    // on dual numbers too (the path jacobian() and Hessian-vector products take)
    const Eigen::VectorX<mm::dual<double>> zd = Eigen::VectorX<mm::dual<double>>::Zero(size);
    CHECK_THROWS_AS(game.template vector_field<mm::dual<double>>(zd), mm::invalid_argument);
  }
}
}  // namespace

TEST_CASE("games: vector_field and the losses reject a state of the wrong size", "[games][hostile]") {
  check_state_sizes(mm::games::bilinear{}, "bilinear");
  check_state_sizes(mm::games::bilinear{Eigen::MatrixXd::Ones(2, 3)}, "bilinear");
  check_state_sizes(mm::games::dirac_gan{mm::loss::minimax{}}, "dirac_gan");
  check_state_sizes(mm::games::dirac_gan{mm::loss::non_saturating{}, mm::loss::r1{0.3}}, "dirac_gan");
  check_state_sizes(mm::games::gaussian_gan{mm::loss::minimax{}, 0.5, 1.3}, "gaussian_gan");
  mm::rng g(1);
  const mixture_game mixture(mm::ring(8, 2.0, 0.02), 16, g);
  check_state_sizes(mixture, "mixture_gan");
  const began_game began(mm::grid(3, 2.0, 0.05), 12, g);
  check_state_sizes(began, "began_gan");
  // the mixture GAN's other members that take a state
  const Eigen::VectorXd short_z = Eigen::VectorXd::Zero(mixture.dimension() - 1);
  CHECK_THROWS_WITH(mixture.discriminator_loss_gradient<double>(short_z), Contains("discriminator_loss_gradient"));
  CHECK_THROWS_WITH(mixture.generator_loss_gradient<double>(short_z), Contains("generator_loss_gradient"));
  CHECK_THROWS_WITH(mixture.discriminator_loss_hessian_vector(short_z, short_z), Contains("hessian_vector"));
  CHECK_THROWS_WITH(mixture.unrolled_generator_gradient(short_z, 0.1, 2), Contains("unrolled_generator_gradient"));
  CHECK_THROWS_WITH(mixture.generate(short_z, Eigen::MatrixXd::Zero(2, 4)), Contains("generate"));
  CHECK_THROWS_WITH(began.reconstruction_losses(short_z), Contains("reconstruction_losses"));
}

TEST_CASE("games: a state of the right size is accepted and gives the same field as before", "[games][hostile]") {
  // the check must not change a valid call: the bilinear field is (-A y, A^T x) exactly
  const mm::games::bilinear game{(Eigen::MatrixXd(2, 1) << 2.0, -3.0).finished()};
  const Eigen::VectorXd z = (Eigen::VectorXd(3) << 1.0, 0.5, 4.0).finished();
  const Eigen::VectorXd v = game.vector_field<double>(z);
  REQUIRE(v.size() == 3);
  CHECK(v[0] == -8.0);
  CHECK(v[1] == 12.0);
  CHECK(v[2] == 2.0 * 1.0 - 3.0 * 0.5);
}

TEST_CASE("mixture_gan: where the networks overflow, the losses and the field are NaN, not an exception",
          "[games][mixture_gan][hostile]") {
  mm::rng g(2);
  const mixture_game game(mm::ring(8, 2.0, 0.02), 16, g);
  // finite weights of 1e200: the hidden layer's outputs are about 1e400, beyond double
  const Eigen::VectorXd z = Eigen::VectorXd::Constant(game.dimension(), 1e200);
  CHECK(std::isnan(game.generator_loss<double>(z)));
  CHECK(std::isnan(game.discriminator_loss<double>(z)));
  const Eigen::VectorXd v = game.vector_field<double>(z);
  REQUIRE(v.size() == game.dimension());
  CHECK(v.array().isNaN().all());
  CHECK(game.discriminator_loss_gradient<double>(z).array().isNaN().all());
  CHECK(game.generator_loss_gradient<double>(z).array().isNaN().all());
  Eigen::VectorXd psi_field;
  const Eigen::VectorXd u = game.unrolled_generator_gradient(z, 0.1, 3, &psi_field);
  CHECK(u.size() == game.generator_dimension());
  CHECK(u.array().isNaN().all());
  CHECK(psi_field.array().isNaN().all());
  // the generator finite, the discriminator overflowing: the same verdict
  Eigen::VectorXd w = game.init(nn::glorot{}, g);
  w.tail(game.dimension() - game.generator_dimension()).setConstant(1e200);
  CHECK(std::isnan(game.generator_loss<double>(w)));
  CHECK(game.vector_field<double>(w).array().isNaN().all());
}

TEST_CASE("mixture_gan: a run whose step overflows ends non_finite with its trajectory kept", "[games][mixture_gan][hostile]") {
  mm::rng g(1);
  const mixture_game game(mm::ring(8, 2.0, 0.02), 16, g);
  const Eigen::VectorXd z0 = game.init(nn::glorot{}, g);
  for (const double h : {1e3, 1e12, 1e100}) {
    INFO("step " << h);
    const auto run = mm::simulate(game, mm::schemes::simultaneous{h}, z0, 50);
    CHECK(run.status == mm::run_status::non_finite);
    CHECK_THAT(run.message, Contains("non-finite: step"));
    REQUIRE(run.states.size() >= 2);  // the initial state and the last finite one
    CHECK(run.states.front() == z0);
    for (const auto& state : run.states) CHECK(state.allFinite());
    CHECK(run.steps.back() == run.steps_taken);
    // the extra-gradient scheme evaluates the field at an extrapolated point that may overflow first
    const auto eg = mm::simulate(game, mm::schemes::extragradient{h}, z0, 50);
    CHECK(eg.status == mm::run_status::non_finite);
    const auto unrolled = mm::simulate(game, mm::schemes::unrolled{h, 3}, z0, 50);
    CHECK(unrolled.status == mm::run_status::non_finite);
  }
  // the Dirac-GAN's verdict for the same kind of step, which the network game now shares
  const mm::games::dirac_gan dirac{mm::loss::least_squares{}};
  const auto run = mm::simulate(dirac, mm::schemes::simultaneous{1e200}, dirac.init(1.0, 1.0), 50);
  CHECK(run.status == mm::run_status::non_finite);
  // and a step small enough still completes
  const auto fine = mm::simulate(game, mm::schemes::simultaneous{1e-3}, z0, 20);
  CHECK(fine.status == mm::run_status::completed);
}

TEST_CASE("began_gan: a training run whose step overflows ends non_finite with its trajectory kept", "[games][began][hostile]") {
  mm::rng g(3);
  began_game game(mm::grid(3, 2.0, 0.05), 12, g);
  const Eigen::VectorXd z0 = game.init(nn::glorot{}, g);
  const Eigen::VectorXd big = Eigen::VectorXd::Constant(game.dimension(), 1e200);
  CHECK(std::isnan(game.generator_loss<double>(big)));
  CHECK(std::isnan(game.discriminator_loss<double>(big)));
  CHECK(game.vector_field<double>(big).array().isNaN().all());
  const auto [loss_real, loss_fake] = game.reconstruction_losses(big);
  CHECK(std::isnan(loss_real));
  CHECK(std::isnan(loss_fake));
  mm::rng batches(4);
  const auto run = mm::train(game, mm::schemes::simultaneous{1e6}, z0, 50, batches);
  CHECK(run.status == mm::run_status::non_finite);
  REQUIRE(run.states.size() >= 2);
  for (const auto& state : run.states) CHECK(state.allFinite());
}
