// minimax-lab simulate for the network games: a GAN on the 8-Gaussian ring or the 5x5 grid (plain
// or unrolled generator, Adam on both players) and BEGAN on the ring, with snapshots for the figures.
#include <cmath>
#include <limits>
#include <optional>

#include <minimax/divergence/energy.hpp>
#include <minimax/dynamics.hpp>
#include <minimax/games/began_gan.hpp>
#include <minimax/games/mixture_gan.hpp>
#include <minimax/loss.hpp>
#include <minimax/metrics/mode_coverage.hpp>
#include <minimax/nn.hpp>
#include <minimax/prob/grid.hpp>
#include <minimax/prob/ring.hpp>

#include "checkpoint.hpp"
#include "lab.hpp"

namespace lab {

namespace mm = minimax;
namespace nn = minimax::nn;

namespace {

// Small networks with a 2-D latent space, so that the generator's image of a latent grid is a mesh.
using generator_type = nn::sequential<nn::dense<2, 32>, nn::tanh, nn::dense<32, 32>, nn::tanh, nn::dense<32, 2>>;
using discriminator_type = nn::sequential<nn::dense<2, 32>, nn::tanh, nn::dense<32, 32>, nn::tanh, nn::dense<32, 1>>;
using autoencoder_type = nn::autoencoder<nn::sequential<nn::dense<2, 32>, nn::tanh, nn::dense<32, 2>>,
                                         nn::sequential<nn::dense<2, 32>, nn::tanh, nn::dense<32, 2>>>;
using gan_type = mm::games::mixture_gan<generator_type, discriminator_type, mm::loss::non_saturating>;
using began_type = mm::games::began_gan<generator_type, autoencoder_type>;

constexpr int heat_points = 41;  // discriminator grid per side
constexpr int mesh_points = 15;  // latent grid per side
constexpr int arrow_count = 100;  // generated samples drawn with the generator loss's pull

Eigen::MatrixXd latent_noise(mm::rng& g, Eigen::Index n) {
  Eigen::MatrixXd noise(2, n);
  for (Eigen::Index i = 0; i < noise.size(); ++i) noise.data()[i] = g.normal();
  return noise;
}

json::value points(const Eigen::MatrixXd& columns) {  // 2 × n → [[x, y], ...]
  json::value out = json::value::array();
  for (Eigen::Index i = 0; i < columns.cols(); ++i) out.push_back(to_json(Eigen::VectorXd(columns.col(i))));
  return out;
}

// The image of the latent grid [-2, 2]^2: mesh_points rows of mesh_points points.
template <class Game>
json::value mesh(const Game& game, const Eigen::VectorXd& z) {
  Eigen::MatrixXd latent(2, mesh_points * mesh_points);
  for (int i = 0; i < mesh_points; ++i) {
    for (int j = 0; j < mesh_points; ++j) {
      latent(0, i * mesh_points + j) = -2.0 + 4.0 * j / (mesh_points - 1);
      latent(1, i * mesh_points + j) = -2.0 + 4.0 * i / (mesh_points - 1);
    }
  }
  const Eigen::MatrixXd image = game.generator(z.head(generator_type::parameter_count), latent);
  json::value rows = json::value::array();
  for (int i = 0; i < mesh_points; ++i) rows.push_back(points(image.middleCols(i * mesh_points, mesh_points)));
  return rows;
}

double extent(const mm::isotropic_mixture& data) { return data.modes().cwiseAbs().maxCoeff() + 1.0; }

}  // namespace

int simulate_networks(const arguments& a) {
  const std::string game_name = a.text("game");
  const std::string scheme = a.given("scheme") ? a.choice("scheme", {"adam", "unrolled"}) : "adam";
  const double lr = a.given("lr") ? a.positive("lr") : 1e-3;
  const double lr_d = discriminator_step(a, lr);
  const long steps = a.integer("steps", 0);
  const long batch = a.integer("batch", 1);
  const long snapshots = a.integer("snapshots", 1);
  const long every = a.given("record-every") ? a.integer("record-every", 1) : std::max(1L, steps / 100);
  const int unroll = scheme == "unrolled" ? static_cast<int>(a.integer("unroll", 1)) : 0;
  auto seed = static_cast<std::uint64_t>(a.integer("seed", 0));
  const std::string resume = a.text("resume"), save_state = a.text("save-state");

  std::optional<checkpoint> resumed;
  if (!resume.empty()) {
    const Eigen::Index n_critic =
        game_name == "began" ? autoencoder_type::parameter_count : discriminator_type::parameter_count;
    resumed = load_checkpoint(resume, game_name, generator_type::parameter_count, generator_type::parameter_count + n_critic,
                              nn::adam<double>(lr, 0.5, 0.999), nn::adam<double>(lr_d, 0.5, 0.999));
    if (a.given("seed") && resumed->seed != seed) {
      throw usage_error("--seed " + std::to_string(seed) + " differs from the seed of the checkpoint " + resume + " (" +
                        std::to_string(resumed->seed) + "): a resumed run keeps its seed");
    }
    seed = resumed->seed;
  }
  const long first_step = resumed ? resumed->step : 0;
  if (first_step > std::numeric_limits<long>::max() - steps) {
    throw usage_error("--steps " + std::to_string(steps) + " from the checkpoint's step " + std::to_string(first_step) +
                      " passes the largest step count, " + std::to_string(std::numeric_limits<long>::max()));
  }
  const mm::isotropic_mixture data = game_name == "grid" ? mm::isotropic_mixture(mm::grid(5, 2.0, 0.05))
                                                         : mm::isotropic_mixture(mm::ring(8, 2.0, 0.05));
  const double box = extent(data);

  mm::rng rng(seed), eval_rng(seed + 1000);
  const Eigen::MatrixXd eval_noise = latent_noise(eval_rng, 1000);
  const Eigen::MatrixXd real_samples = mm::sample(data, eval_rng, 1000).transpose();
  // the energy distance between 250 generated and 250 real samples, at every recorded step
  constexpr int divergence_samples = 250;
  const Eigen::MatrixXd real_rows = real_samples.leftCols(divergence_samples).transpose();
  result r;
  r.meta["command"] = "simulate";
  r.meta["game"] = game_name;
  r.meta["scheme"] = scheme;
  r.meta["lr"] = lr;
  r.meta["lr_d"] = lr_d;
  r.meta["steps"] = steps;
  r.meta["first_step"] = first_step;
  r.meta["batch"] = batch;
  r.meta["seed"] = static_cast<long>(seed);
  r.meta["unrolled_steps"] = unroll;
  r.meta["extent"] = box;
  r.meta["modes"] = to_json(Eigen::MatrixXd(data.modes()));
  r.meta["sigma"] = data.sigma();
  json::value shots = json::value::array();
  std::vector<long> shot_steps;
  for (long k = 0; k < snapshots; ++k) {
    shot_steps.push_back(first_step + (snapshots == 1 ? steps : k * steps / (snapshots - 1)));
  }
  const auto due = [&](long t) { return std::find(shot_steps.begin(), shot_steps.end(), t) != shot_steps.end(); };
  progress bar(a, "simulate " + game_name, steps);
  // A step that overflows ends the run as minimax::simulate() ends one: status non_finite, the state
  // and the rows up to the last finite step kept, and the output written as for any other run.
  std::string status = "completed", message;
  long steps_taken = steps;
  const auto overflowed = [&](long t, Eigen::VectorXd& z, const Eigen::VectorXd& last_finite) {
    z = last_finite;
    status = "non_finite";
    message = "non-finite: step " + std::to_string(t + 1) +
              " produced NaN or infinity; the last finite state is that of step " + std::to_string(t);
    steps_taken = t - first_step;
  };

  if (game_name == "began") {
    began_type game(data, batch, rng, mm::loss::began(1.0, 0.5, 0.01));
    Eigen::VectorXd z = game.init(nn::glorot{}, rng);
    const Eigen::Index nG = game.generator_dimension(), nD = z.size() - nG;
    nn::adam<double> adam_g(lr, 0.5, 0.999), adam_d(lr_d, 0.5, 0.999);
    if (resumed) {
      z = resumed->parameters;
      adam_g = resumed->generator_adam;
      adam_d = resumed->discriminator_adam;
      rng = resumed->rng;
      try {
        game.restore_control(resumed->began->k, resumed->began->pending_losses);
      } catch (const mm::invalid_argument& e) {
        throw usage_error("--resume: " + resumed->began->where + ": " + e.what());
      }
    }
    r.columns = {"step", "k", "m_global", "loss_real", "loss_fake"};
    during_run([&] {
      for (long t = first_step; t <= first_step + steps; ++t) {
        if (due(t)) {
          json::value s = json::value::object();
          s["step"] = t;
          s["real"] = points(real_samples.leftCols(500));
          s["fake"] = points(game.generator(z.head(nG), eval_noise.leftCols(500)));
          shots.push_back(s);
        }
        if (t == first_step + steps) break;
        game.resample(rng);
        game.begin_step(z);
        const Eigen::VectorXd v = game.vector_field<double>(z);
        const Eigen::VectorXd last_finite = z;
        if (!v.allFinite()) {
          overflowed(t, z, last_finite);
          break;
        }
        adam_g.step(z.head(nG), Eigen::VectorXd(-v.head(nG)));
        adam_d.step(z.tail(nD), Eigen::VectorXd(-v.tail(nD)));
        if (!z.allFinite()) {
          overflowed(t, z, last_finite);
          break;
        }
        if (t % every == 0) {
          const auto [lr_real, lr_fake] = game.reconstruction_losses(z);
          r.row({t, game.k_history.back(), game.m_global_history.back(), lr_real, lr_fake});
        }
        bar.update(t - first_step);
      }
    });
    if (!save_state.empty()) {
      save_checkpoint(save_state, {game_name, seed, first_step + steps_taken, z, adam_g, adam_d, rng,
                                   began_control{game.control.k, game.pending_losses(), {}}});
    }
    const Eigen::MatrixXd fake = game.generator(z.head(nG), eval_noise).transpose();
    const auto coverage = mm::metrics::mode_coverage(fake, data);
    r.meta["modes_captured"] = coverage.modes_captured;
    r.meta["high_quality_fraction"] = coverage.high_quality_fraction;
  } else {
    gan_type game(data, batch, rng);
    Eigen::VectorXd z = game.init(nn::glorot{}, rng);
    const Eigen::Index nG = game.generator_dimension(), nD = z.size() - nG;
    nn::adam<double> adam_g(lr, 0.5, 0.999), adam_d(lr_d, 0.5, 0.999);
    if (resumed) {
      z = resumed->parameters;
      adam_g = resumed->generator_adam;
      adam_d = resumed->discriminator_adam;
      rng = resumed->rng;
    }
    const mm::schemes::unrolled look_ahead{1.0, 0.1, unroll};
    r.columns = {"step", "loss_d", "loss_g", "modes_captured", "high_quality_fraction", "energy_distance"};
    during_run([&] {
      for (long t = first_step; t <= first_step + steps; ++t) {
        if (due(t)) {
          json::value s = json::value::object();
          s["step"] = t;
          s["real"] = points(real_samples.leftCols(500));
          s["fake"] = points(game.generate(z, eval_noise.leftCols(500)));
          // the discriminator's logit on a grid over the data's box
          Eigen::MatrixXd grid_points(2, heat_points * heat_points);
          json::value axis = json::value::array();
          for (int i = 0; i < heat_points; ++i) axis.push_back(-box + 2 * box * i / (heat_points - 1));
          for (int i = 0; i < heat_points; ++i) {
            for (int j = 0; j < heat_points; ++j) {
              grid_points(0, i * heat_points + j) = -box + 2 * box * j / (heat_points - 1);
              grid_points(1, i * heat_points + j) = -box + 2 * box * i / (heat_points - 1);
            }
          }
          const auto logits = game.discriminator(z.tail(nD), grid_points);
          json::value heat = json::value::array();
          for (int i = 0; i < heat_points; ++i) {
            json::value row = json::value::array();
            for (int j = 0; j < heat_points; ++j) row.push_back(logits(0, i * heat_points + j));
            heat.push_back(row);
          }
          s["axis"] = axis;
          s["logit"] = heat;
          s["mesh"] = mesh(game, z);
          // where the generator's loss pushes the first generated samples: minus each one's gradient
          const Eigen::MatrixXd shown = game.generate(z, eval_noise.leftCols(arrow_count));
          s["fake_descent"] = points(Eigen::MatrixXd(-game.generator_sample_gradients(z, shown)));
          shots.push_back(s);
        }
        if (t == first_step + steps) break;
        game.resample(rng);
        const Eigen::VectorXd v = game.vector_field<double>(z);
        const Eigen::VectorXd g_theta = unroll > 0 ? look_ahead.generator_gradient(game, z) : Eigen::VectorXd(-v.head(nG));
        const Eigen::VectorXd last_finite = z;
        if (!v.allFinite() || !g_theta.allFinite()) {
          overflowed(t, z, last_finite);
          break;
        }
        adam_g.step(z.head(nG), g_theta);
        adam_d.step(z.tail(nD), Eigen::VectorXd(-v.tail(nD)));
        if (!z.allFinite()) {
          overflowed(t, z, last_finite);
          break;
        }
        if (t % every == 0) {
          const Eigen::MatrixXd fake = game.generate(z, eval_noise.leftCols(500)).transpose();
          const auto c = mm::metrics::mode_coverage(fake, data);
          r.row({t, game.discriminator_loss<double>(z), game.generator_loss<double>(z), c.modes_captured,
                 c.high_quality_fraction, mm::energy_distance(fake.topRows(divergence_samples), real_rows)});
        }
        bar.update(t - first_step);
      }
    });
    if (!save_state.empty()) {
      save_checkpoint(save_state, {game_name, seed, first_step + steps_taken, z, adam_g, adam_d, rng, std::nullopt});
    }
    const Eigen::MatrixXd fake = game.generate(z, eval_noise).transpose();
    const auto coverage = mm::metrics::mode_coverage(fake, data);
    r.meta["modes_captured"] = coverage.modes_captured;
    r.meta["high_quality_fraction"] = coverage.high_quality_fraction;
    r.meta["reverse_kl"] = coverage.reverse_kl;
  }
  r.meta["snapshots"] = shots;
  r.meta["status"] = status;
  r.meta["message"] = message;
  r.meta["steps_taken"] = steps_taken;
  emit(r, a, "json");
  return 0;
}

}  // namespace lab
