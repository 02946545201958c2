// The mode-collapse experiments of Metz et al. (2016) on the 8-Gaussian ring, and of VEEGAN/PacGAN
// on the 25-Gaussian grid: a plain GAN against an unrolled GAN, scored with the VEEGAN/PacGAN
// mode-coverage metrics over several seeds (mean ± standard error).
//
//   bench_mode_coverage [ring|grid] [steps] [seeds] [unrolled_steps] [batch] [look_ahead_step]
//                       [first_seed] [both|gan|unrolled] [latent: 16|256]
//   bench_mode_coverage metz_unrolled [steps] [seeds] [unrolled_steps] [first_seed] [report_every] [both|gan|other]
//                       [checkpoint]
//   bench_mode_coverage pacgan [steps] [seeds] [packing] [first_seed] [report_every] [both|gan|other] [checkpoint]
//   bench_mode_coverage pacgan_ring [steps] [seeds] [packing] [first_seed] [report_every] [both|gan|other]
//                       [checkpoint]
//   bench_mode_coverage pacgan_blocks02 [steps] [seeds] [packing] [first_seed] [report_every] [both|gan|other]
//                       [checkpoint]
//   bench_mode_coverage pacgan_float|pacgan_ring_float [steps] [seeds] [packing] [first_seed] [report_every]
//                       [both|gan|other] [checkpoint]
//   bench_mode_coverage poole_unrolled [steps] [seeds] [unrolled_steps] [first_seed] [report_every] [both|gan|other]
//                       [checkpoint]
//
// With a checkpoint file (one seed, one method, reports), a preset's run writes its whole state there
// at every report and at the end, and starts from it where the file exists: a stopped run resumes from
// its last report and prints what the uninterrupted run prints; a finished one is extended to more steps
// as if run that long from the start.
//
// Presets for the papers' protocols (each prints its deviations):
// - metz_unrolled (Metz et al. 2017, ring): z ~ N(0, I_256), G 256-128-128-2 ReLU, D's input scaled by
//   1/4 then 128 ReLU, Adam 1e-4 (beta1 0.5) on both players, batch 512, k unrolled steps *of the
//   discriminator's Adam* (schemes::look_ahead::adam, moments carried from the discriminator's
//   optimiser, exact gradient through them), against k = 0.
// - pacgan (Lin et al. 2018, grid of 25, sigma 0.05; as the authors' code, github.com/fjxmlzn/PacGAN,
//   synthetic_data_experiments/2DGrid_GAN&PacGAN, Blocks/Theano): G 4 hidden layers of 400 ReLU, each
//   after batch normalisation (nn::batch_norm, Blocks' epsilon 1e-4), D 3 hidden layers of 200 maxout
//   units of 5 pieces, every weight N(0, 0.02^2) and every bias 0 (nn::normal), batches of 100 packs
//   (100 m samples each side), Adam 1e-4 (beta1 0.8) on both, simultaneous updates on the same batch
//   (ALI's training algorithm), the non-saturating loss; the packed discriminator (m samples per pack)
//   against m = 1; a 2-dimensional latent. The scored samples go through the generator in inference
//   mode, with population statistics kept as Blocks keeps them (p <- 0.05 batch + 0.95 p from the
//   training batches, starting at mean 0, standard deviation 1); the authors train 400 epochs of 1000
//   batches (400000 steps). With report_every > 0 each report also traces the median distance of the
//   scored samples to their nearest mode (in sigma) and the discriminator's mean output on the current
//   real and generated batches.
// - pacgan_ring (the other column of PacGAN's Table 1; the authors' 2DRing_GAN&PacGAN): everything as
//   pacgan but the data, the ring of 8 modes of radius 1 on the unit circle, sigma 0.01.
// - pacgan_float, pacgan_ring_float: pacgan and pacgan_ring trained in float, as the authors' Theano code
//   trains (floatX float32): the networks' passes, the parameters and both players' Adam in single
//   precision (the same simultaneous gradients on the same batches, from the game's field in float);
//   scored in double from the float parameters. About twice as fast as the double presets; their
//   checkpoints are their own.
// - pacgan_blocks02: everything as pacgan but Adam's beta1, 0.2: the authors' config (beta1 = 0.8) as
//   Blocks' last release (0.2) reads it, as the weight of the new gradient in the first moment (Blocks'
//   development version reads it as today's 0.8 from January 2017 on, as pacgan does).
// - poole_unrolled (the paper's authors' public notebook, github.com/poolio/unrolled_gan): the ring of
//   8 of VEEGAN/PacGAN (radius 1, sigma 0.01); z ~ N(0, I_256); G and D two hidden layers of 128 tanh,
//   orthogonal initial weights of gain 1.4; Adam (beta1 0.5, epsilon 1e-8) with learning rate 1e-3 for
//   the generator and 1e-4 for the discriminator; batch 512; the minimax loss (the generator ascends
//   the discriminator's loss); k steps of the discriminator's Adam unrolled, against k = 0; 25000
//   steps in the notebook. Its reports trace what the pacgan preset's do and the look-ahead (for both
//   methods): the discriminator's mean output on the generated batch now and after k steps of its Adam,
//   and the norms of the generator's plain and unrolled gradients with the cosine between them.
//
// Setup (../shared/REFERENCES.md §7): ring of 8 modes, radius 2, sigma 0.02 (Metz et al.), or the
// grid of 25 modes at {-4,-2,0,2,4}^2, sigma 0.05 (VEEGAN/PacGAN); generator two hidden layers of 128
// ReLU, discriminator one hidden layer of 128 ReLU; Adam (1e-4, beta1 = 0.5) on both players;
// non-saturating loss; both players step simultaneously. Differences from the papers, on purpose and
// printed: the latent has 16 dimensions by default (256, the paper's, on request: 16 fits a smaller CPU
// budget), the discriminator's input is
// not scaled by 1/4, the unrolled look-ahead takes plain gradient steps (size look_ahead_step, 0.1 by
// default; the paper unrolls Adam), and the number of training steps is whatever the command line
// says (the papers train for tens of thousands). The generator's gradient through the unrolled steps
// is exact (the adjoint of games::mixture_gan::unrolled_generator_gradient).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <minimax/dynamics.hpp>
#include <minimax/dynamics/schemes/look_ahead.hpp>
#include <minimax/games/mixture_gan.hpp>
#include <minimax/loss.hpp>
#include <minimax/metrics.hpp>
#include <minimax/nn.hpp>
#include <minimax/prob/grid.hpp>
#include <minimax/prob/ring.hpp>

namespace mm = minimax;
namespace nn = minimax::nn;

template <int Latent>
using generator_type =
    nn::sequential<nn::dense<Latent, 128>, nn::relu, nn::dense<128, 128>, nn::relu, nn::dense<128, 2>>;
using discriminator_type = nn::sequential<nn::dense<2, 128>, nn::relu, nn::dense<128, 1>>;
template <int Latent>
using game_type = mm::games::mixture_gan<generator_type<Latent>, discriminator_type, mm::loss::non_saturating>;

// Metz et al.'s discriminator scales its 2-D input by 1/4: a fixed element-wise map, as a user layer
// (the first layer of a sequential must state its input size).
struct quarter_input : nn::detail::elementwise<quarter_input> {
  static constexpr int input_size = 2;
  template <class T>
  T value(T x) const {
    return x * T(0.25);
  }
  template <class T>
  T slope(T, T) const {
    return T(0.25);
  }
};
using metz_discriminator = nn::sequential<quarter_input, nn::dense<2, 128>, nn::relu, nn::dense<128, 1>>;
using metz_game = mm::games::mixture_gan<generator_type<256>, metz_discriminator, mm::loss::non_saturating>;

// Each hidden layer: dense, batch normalisation (on the batch's own statistics), ReLU, as PacGAN's code.
using pacgan_generator =
    nn::sequential<nn::dense<2, 400>, nn::batch_norm, nn::relu, nn::dense<400, 400>, nn::batch_norm, nn::relu,
                   nn::dense<400, 400>, nn::batch_norm, nn::relu, nn::dense<400, 400>, nn::batch_norm, nn::relu,
                   nn::dense<400, 2>>;
template <int M>
using pacgan_discriminator = nn::sequential<nn::dense<2 * M, 1000>, nn::maxout<5>, nn::dense<200, 1000>, nn::maxout<5>,
                                            nn::dense<200, 1000>, nn::maxout<5>, nn::dense<200, 1>>;
using poole_generator =
    nn::sequential<nn::dense<256, 128>, nn::tanh, nn::dense<128, 128>, nn::tanh, nn::dense<128, 2>>;
using poole_discriminator =
    nn::sequential<nn::dense<2, 128>, nn::tanh, nn::dense<128, 128>, nn::tanh, nn::dense<128, 1>>;
using poole_game = mm::games::mixture_gan<poole_generator, poole_discriminator, mm::loss::minimax>;

template <int M>
using pacgan_game = mm::games::mixture_gan<pacgan_generator, pacgan_discriminator<M>, mm::loss::non_saturating, M>;

struct outcome {
  mm::metrics::mode_coverage_result coverage;
  double seconds;
};

template <class Net>
constexpr bool has_batch_norm = false;
template <class... Layers>
constexpr bool has_batch_norm<nn::sequential<Layers...>> = (std::is_same_v<Layers, nn::batch_norm> || ...);

template <int Latent>
outcome run(const mm::isotropic_mixture& data, int seed, long steps, int unrolled, Eigen::Index batch, double look_ahead) {
  mm::rng rng(static_cast<std::uint64_t>(seed));
  game_type<Latent> game(data, batch, rng);
  Eigen::VectorXd z = game.init(nn::he{}, rng);
  const Eigen::Index nG = game.generator_dimension(), nD = z.size() - nG;
  nn::adam<double> adam_g(1e-4, 0.5, 0.999), adam_d(1e-4, 0.5, 0.999);
  Eigen::VectorXd v_psi;
  typename game_type<Latent>::unrolled_workspace workspace;  // the passes' buffers, reused by every step
  const auto start = std::chrono::steady_clock::now();
  for (long t = 0; t < steps; ++t) {
    game.resample(rng);
    // k = 0 is the plain GAN: the generator's own gradient at psi; the discriminator's field comes
    // from the same pass either way
    const Eigen::VectorXd g_theta = game.unrolled_generator_gradient(z, look_ahead, unrolled, &v_psi, workspace);
    adam_g.step(z.head(nG), g_theta);
    adam_d.step(z.tail(nD), Eigen::VectorXd(-v_psi));
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  Eigen::MatrixXd noise(Latent, 2500);
  for (Eigen::Index i = 0; i < noise.size(); ++i) noise.data()[i] = rng.normal();
  const Eigen::MatrixXd samples = game.generate(z, noise).transpose();
  return {mm::metrics::mode_coverage(samples, data), seconds};
}

// What the course of a run shows besides the coverage: the median distance of the scored samples to
// their nearest mode, in units of sigma (high quality is below 3), and the discriminator's mean
// sigmoid output on the current real and generated batches (Blocks' data_accuracy and 1 -
// sample_accuracy; 1/2 and 1/2 at the equilibrium).
struct step_trace {
  double median_distance, real, fake;
};
template <class Game>
step_trace trace_step(const Game& game, const Eigen::VectorXd& z, const Eigen::MatrixXd& noise,
                      const nn::population_statistics* statistics) {
  const Eigen::Index nG = game.generator_dimension();
  Eigen::MatrixXd samples;
  if (statistics != nullptr) {
    samples = statistics->inference(game.generator)(z.head(nG), noise);
  } else {
    samples = game.generate(z, noise);
  }
  std::vector<double> distances(static_cast<std::size_t>(samples.cols()));
  for (Eigen::Index i = 0; i < samples.cols(); ++i) {
    distances[static_cast<std::size_t>(i)] =
        (game.data.modes().rowwise() - samples.col(i).transpose()).rowwise().norm().minCoeff() / game.data.sigma();
  }
  std::nth_element(distances.begin(), distances.begin() + distances.size() / 2, distances.end());
  const auto mean_sigmoid = [](const auto& logits) { return (1.0 / (1.0 + (-logits.array()).exp())).mean(); };
  const Eigen::VectorXd psi = z.tail(z.size() - nG);
  const nn::batch<double, 2> real = game.real, fake = game.generate(z, game.noise);
  return {distances[distances.size() / 2], mean_sigmoid(game.discriminator(psi, Game::template pack<double>(real))),
          mean_sigmoid(game.discriminator(psi, Game::template pack<double>(fake)))};
}

// What the unrolled generator sees at a report, on the step's batch: the discriminator's mean output
// on the generated samples at its parameters psi and at psi_k, k steps of its own Adam further (the
// look-ahead of the unrolled objective), and the generator's gradient without and with the look-ahead
// (k = 0 and k: their norms and the cosine between them). Under the minimax loss the generator's
// gradient through a generated sample is proportional to the discriminator's output on it, so a
// look-ahead that rejects the samples more confidently shrinks the gradient.
//
// As controls, the gradient unrolled through k steps of plain gradient descent at the same nominal
// rate (its cosine with the plain gradient) and at Adam's effective one: the median over the
// discriminator's parameters of the rate a = eta / (1 - beta1^t) / (sqrt(s / (1 - beta2^t)) + eps)
// that Adam's step applies to each, times (1 - beta1), which is about d psi_{j+1} / d g_j for Adam
// (the look-ahead's Jacobian, so the unrolled gradient's departure from the plain one, scales with it).
struct look_ahead_trace {
  double fake_now, fake_ahead, norm_plain, norm_unrolled, cosine, cosine_sgd, median_rate, norm_effective,
      cosine_effective;
};
template <class Game, class O>
look_ahead_trace trace_look_ahead(const Game& game, const Eigen::VectorXd& z, const O& adam_d,
                                  const typename O::state& s, int k) {
  typename Game::unrolled_workspace ws;  // its own buffers: the training's tapes stay as they are
  const Eigen::Index nG = game.generator_dimension(), nD = z.size() - nG;
  const Eigen::VectorXd plain = game.unrolled_generator_gradient(z, adam_d, s, 0, nullptr, ws);
  const Eigen::VectorXd unrolled = game.unrolled_generator_gradient(z, adam_d, s, k, nullptr, ws);
  Eigen::VectorXd ahead = z, v;
  auto state = s;
  for (int j = 0; j < k; ++j) {  // the look-ahead's own steps, as unrolled_generator_gradient takes them
    game.unrolled_generator_gradient(ahead, adam_d, state, 0, &v, ws);
    adam_d.step(ahead.tail(nD), state, Eigen::VectorXd(-v));
  }
  const Eigen::VectorXd through_sgd = game.unrolled_generator_gradient(z, adam_d.learning_rate, k, nullptr, ws);
  const double t = static_cast<double>(s.steps) + 1.0;
  const Eigen::ArrayXd rates = adam_d.learning_rate / (1.0 - std::pow(adam_d.beta1, t)) /
                               ((s.s.array() / (1.0 - std::pow(adam_d.beta2, t))).sqrt() + adam_d.epsilon);
  std::vector<double> sorted(rates.data(), rates.data() + rates.size());
  std::nth_element(sorted.begin(), sorted.begin() + sorted.size() / 2, sorted.end());
  const double median_rate = sorted[sorted.size() / 2];
  const Eigen::VectorXd effective =
      game.unrolled_generator_gradient(z, (1.0 - adam_d.beta1) * median_rate, k, nullptr, ws);
  const auto mean_sigmoid = [](const auto& logits) { return (1.0 / (1.0 + (-logits.array()).exp())).mean(); };
  const nn::batch<double, 2> fake = game.generate(z, game.noise);
  const auto packed = Game::template pack<double>(fake);
  const auto cosine = [&](const Eigen::VectorXd& g) { return plain.dot(g) / (plain.norm() * g.norm()); };
  return {mean_sigmoid(game.discriminator(z.tail(nD), packed)),
          mean_sigmoid(game.discriminator(ahead.tail(nD), packed)),
          plain.norm(),
          unrolled.norm(),
          cosine(unrolled),
          cosine(through_sgd),
          median_rate,
          effective.norm(),
          cosine(effective)};
}

// A run's checkpoint: everything its next step reads (the training rng, the parameters, both
// optimisers' moments and step counts, the population statistics) and the seconds spent, as text with
// exact hexadecimal floats. Written at every report and at the end (before the final scoring draws), so
// that a run stopped between reports resumes from its last one and prints what the whole run prints,
// and a finished run can be extended to more steps as if it had been run that long from the start.
struct run_checkpoint {
  std::string run;  // the method's name and seed, checked on reading
  long step = 0;
  double seconds = 0;
  std::string rng;
  Eigen::VectorXd z, g_first, g_second, d_first, d_second;
  long g_steps = 0, d_steps = 0, statistics_updates = 0;
  std::vector<nn::population_statistics::array> means, spreads;
};

void write_numbers(std::ostream& os, const char* label, const Eigen::Ref<const Eigen::VectorXd>& v) {
  os << label << ' ' << v.size();
  char buffer[40];
  for (Eigen::Index i = 0; i < v.size(); ++i) {
    std::snprintf(buffer, sizeof buffer, " %a", v[i]);
    os << buffer;
  }
  os << '\n';
}

Eigen::VectorXd read_numbers(std::istream& is, const char* label) {
  std::string word, number;
  Eigen::Index n = -1;
  is >> word >> n;
  if (!is || word != label || n < 0) throw std::runtime_error(std::string("the checkpoint lacks its ") + label);
  Eigen::VectorXd v(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    is >> number;
    char* end = nullptr;
    v[i] = std::strtod(number.c_str(), &end);
    if (!is || end == number.c_str() || *end != '\0') {
      throw std::runtime_error(std::string("the checkpoint's ") + label + " has a malformed entry " + number);
    }
  }
  return v;
}

void write_checkpoint(const std::string& path, const run_checkpoint& c) {
  const std::string partial = path + ".partial";
  {
    std::ofstream os(partial);
    os << "bench_mode_coverage checkpoint 1\n" << c.run << '\n' << "step " << c.step << '\n';
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%a", c.seconds);
    os << "seconds " << buffer << '\n' << "rng " << c.rng << '\n';
    write_numbers(os, "z", c.z);
    os << "generator_adam " << c.g_steps << '\n';
    write_numbers(os, "m", c.g_first);
    write_numbers(os, "s", c.g_second);
    os << "discriminator_adam " << c.d_steps << '\n';
    write_numbers(os, "m", c.d_first);
    write_numbers(os, "s", c.d_second);
    os << "population_statistics " << c.statistics_updates << ' ' << c.means.size() << '\n';
    for (std::size_t b = 0; b < c.means.size(); ++b) {
      write_numbers(os, "mean", c.means[b].matrix());
      write_numbers(os, "spread", c.spreads[b].matrix());
    }
    os << "end\n";
    if (!os) throw std::runtime_error("cannot write the checkpoint " + partial);
  }
  std::filesystem::rename(partial, path);  // whole or not at all, should the run stop while writing
}

run_checkpoint read_checkpoint(const std::string& path) {
  std::ifstream is(path);
  run_checkpoint c;
  std::string line, word;
  std::getline(is, line);
  if (line != "bench_mode_coverage checkpoint 1") throw std::runtime_error(path + " is not a checkpoint of this program");
  std::getline(is, c.run);
  is >> word >> c.step;
  if (word != "step") throw std::runtime_error(path + ": no step");
  is >> word >> line;
  c.seconds = std::strtod(line.c_str(), nullptr);
  is >> word;
  std::getline(is, c.rng);
  c.z = read_numbers(is, "z");
  is >> word >> c.g_steps;
  c.g_first = read_numbers(is, "m");
  c.g_second = read_numbers(is, "s");
  is >> word >> c.d_steps;
  c.d_first = read_numbers(is, "m");
  c.d_second = read_numbers(is, "s");
  std::size_t layers = 0;
  is >> word >> c.statistics_updates >> layers;
  for (std::size_t b = 0; b < layers; ++b) {
    c.means.push_back(read_numbers(is, "mean").array());
    c.spreads.push_back(read_numbers(is, "spread").array());
  }
  is >> word;
  if (!is || word != "end") throw std::runtime_error(path + " is truncated or malformed");
  return c;
}

// One run of a preset: Adam (eta_g or eta_d, beta1, 0.999); with k > 0 the generator's gradient
// is unrolled through k steps of the discriminator's Adam from its current moments. With Real = float
// (k = 0 only) the networks' passes and both optimisers run in single precision, as the authors' Theano
// code ran them: one pass of the game's field in float (the same simultaneous gradients on the same
// batch as the double path), the parameters and Adam's moments kept in float; the scoring and the
// reports run the float parameters in double. With
// report_every > 0 the run prints its coverage every report_every steps (2500 samples from a noise
// stream of its own, so the training itself is the same as without the reports). A generator with
// batch normalisation (epsilon bn_epsilon) is scored in inference mode, on population statistics kept
// over training; the batch-scored figures (the 2500 samples normalised as one batch) are printed beside.
template <class Game, class Real = double, class Init = nn::he>
outcome run_preset(const mm::isotropic_mixture& data, int seed, long steps, int k, Eigen::Index batch, double eta_g,
                   double eta_d, double beta1, int latent, long report_every, const std::string& name,
                   const Init& initialiser = {}, double bn_epsilon = 1e-5, bool trace = false, int trace_k = 0,
                   const std::string& checkpoint = "", const std::string& data_name = "") {
  constexpr bool single = std::is_same_v<Real, float>;
  static_assert(single || std::is_same_v<Real, double>, "bench_mode_coverage: a run is in float or in double");
  if (single && k != 0) throw std::invalid_argument("a float run has no unrolled steps");
  mm::rng rng(static_cast<std::uint64_t>(seed));
  Game game(data, batch, rng);
  nn::for_each_batch_norm(game.generator, [&](nn::batch_norm& layer, auto) { layer = nn::batch_norm(bn_epsilon); });
  constexpr bool population = has_batch_norm<decltype(game.generator)>;
  // kept as Blocks keeps them (the code behind PacGAN's tables): momentum 0.05, sqrt(var + eps) averaged
  auto statistics = nn::population_statistics::blocks();
  const auto score = [&](const Eigen::VectorXd& params, const Eigen::MatrixXd& noise) {
    Eigen::MatrixXd samples;
    if constexpr (population) {
      samples = statistics.inference(game.generator)(params.head(game.generator_dimension()), noise);
    } else {
      samples = game.generate(params, noise);
    }
    return mm::metrics::mode_coverage(Eigen::MatrixXd(samples.transpose()), data);
  };
  Eigen::VectorX<Real> z = game.init(initialiser, rng).template cast<Real>();
  const auto in_double = [](const Eigen::VectorX<Real>& v) -> Eigen::VectorXd { return v.template cast<double>(); };
  const Eigen::Index nG = game.generator_dimension(), nD = z.size() - nG;
  nn::adam<Real> adam_g(Real(eta_g), Real(beta1), Real(0.999));
  // the discriminator's Adam: as a look-ahead scheme in double (k > 0 unrolls it), as nn::adam in float
  const mm::schemes::look_ahead::adam adam_d(eta_d, beta1, 0.999);
  auto d_state = adam_d.start(single ? 0 : nD);
  nn::adam<float> adam_d_single(float(eta_d), float(beta1), 0.999f);
  Eigen::VectorXd v_psi;
  typename Game::unrolled_workspace workspace;
  // the data's name, where a preset shares its networks with another, keeps one's checkpoint from the other
  const std::string run_name = (data_name.empty() ? "" : data_name + ": ") + name + " seed " + std::to_string(seed) +
                               " k " + std::to_string(k) + (single ? " float32" : "");
  long first_step = 0;
  double seconds_before = 0;
  if (!checkpoint.empty() && std::filesystem::exists(checkpoint)) {
    const run_checkpoint c = read_checkpoint(checkpoint);
    if (c.run != run_name) throw std::runtime_error(checkpoint + " is the checkpoint of " + c.run + ", not " + run_name);
    if (c.z.size() != z.size()) throw std::runtime_error(checkpoint + ": the parameters are not this game's");
    if (c.step > steps) {
      throw std::runtime_error(checkpoint + " is at step " + std::to_string(c.step) + ", past the run's " +
                               std::to_string(steps));
    }
    std::istringstream engine(c.rng);
    if (!(engine >> rng)) throw std::runtime_error(checkpoint + ": a malformed rng state");
    z = c.z.template cast<Real>();  // exact: a float run's checkpoint holds float values
    adam_g.restore(c.g_first.template cast<Real>(), c.g_second.template cast<Real>(), c.g_steps);
    if constexpr (single) {
      adam_d_single.restore(c.d_first.cast<float>(), c.d_second.cast<float>(), c.d_steps);
    } else {
      d_state.m = c.d_first;
      d_state.s = c.d_second;
      d_state.steps = c.d_steps;
      adam_d.check(d_state, nD);  // the scheme's own check of a state it is handed
    }
    if constexpr (population) statistics.restore(c.means, c.spreads, c.statistics_updates);
    first_step = c.step;
    seconds_before = c.seconds;
    std::printf("  %-10s seed %d: resumed at step %ld from %s\n", name.c_str(), seed, first_step, checkpoint.c_str());
    std::fflush(stdout);
  }
  const auto start = std::chrono::steady_clock::now();
  const auto save = [&](long step) {
    if (checkpoint.empty()) return;
    run_checkpoint c;
    c.run = run_name;
    c.step = step;
    c.seconds = seconds_before + std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::ostringstream engine;
    engine << rng;
    c.rng = engine.str();
    c.z = in_double(z);
    c.g_first = in_double(adam_g.first_moment());
    c.g_second = in_double(adam_g.second_moment());
    c.g_steps = adam_g.steps();
    if constexpr (single) {
      c.d_first = adam_d_single.first_moment().template cast<double>();
      c.d_second = adam_d_single.second_moment().template cast<double>();
      c.d_steps = adam_d_single.steps();
    } else {
      c.d_first = d_state.m;
      c.d_second = d_state.s;
      c.d_steps = d_state.steps;
    }
    if constexpr (population) {
      for (std::size_t b = 0; b < statistics.layers(); ++b) {
        c.means.push_back(statistics.mean(b));
        c.spreads.push_back(statistics.spread_average(b));
      }
      c.statistics_updates = statistics.updates();
    }
    write_checkpoint(checkpoint, c);
  };
  for (long t = first_step; t < steps; ++t) {
    game.resample(rng);
    if constexpr (single) {
      const Eigen::VectorXf v = game.template vector_field<float>(z);  // -(grad_theta L_G, grad_psi L_D)
      if constexpr (population) {  // the batch's statistics at this step's parameters, as the field's pass saw them
        typename std::remove_cvref_t<decltype(game.generator)>::template tape<float> tape;
        game.generator.forward(z.head(nG), game.noise.template cast<float>(), tape);
        statistics.update(game.generator, tape);
      }
      adam_g.step(z.head(nG), -v.head(nG));
      adam_d_single.step(z.tail(nD), -v.tail(nD));
    } else {
      const Eigen::VectorXd g_theta = game.unrolled_generator_gradient(z, adam_d, d_state, k, &v_psi, workspace);
      // the batch's statistics at the parameters of this step, as the training pass saw them
      if constexpr (population) statistics.update(game.generator, workspace.gen_tape);
      adam_g.step(z.head(nG), g_theta);
      adam_d.step(z.tail(nD), d_state, Eigen::VectorXd(-v_psi));
    }
    if (report_every > 0 && (t + 1) % report_every == 0 && t + 1 < steps) {
      mm::rng report_rng(static_cast<std::uint64_t>(seed) + 1000003u * static_cast<std::uint64_t>(t + 1));
      Eigen::MatrixXd noise(latent, 2500);
      for (Eigen::Index i = 0; i < noise.size(); ++i) noise.data()[i] = report_rng.normal();
      const auto c = score(in_double(z), noise);
      std::printf("  %-10s seed %d, step %6ld: %2ld modes, %5.1f%% high quality, reverse KL %.3f", name.c_str(), seed,
                  t + 1, c.modes_captured, 100 * c.high_quality_fraction, c.reverse_kl);
      if constexpr (population) {
        const auto b = mm::metrics::mode_coverage(Eigen::MatrixXd(game.generate(in_double(z), noise).transpose()), data);
        std::printf(" (scored as one batch: %ld, %.1f%%, %.3f)", b.modes_captured, 100 * b.high_quality_fraction,
                    b.reverse_kl);
      }
      if (trace) {
        const auto [median, real, fake] = trace_step(game, in_double(z), noise, population ? &statistics : nullptr);
        std::printf("; median distance to the nearest mode %.1f sigma; D on this batch: real %.3f, generated %.3f",
                    median, real, fake);
      }
      if (trace_k > 0 && !single) {
        const auto a = trace_look_ahead(game, in_double(z), adam_d, d_state, trace_k);
        std::printf("; D on generated: %.3f now, %.3f after %d look-ahead steps; generator's gradient: "
                    "%.3g plain, %.3g unrolled, cosine %.3f (through SGD at the same rate: %.3f); "
                    "Adam's median rate %.3g; through SGD at (1 - beta1) times it: %.3g, cosine %.3f",
                    a.fake_now, a.fake_ahead, trace_k, a.norm_plain, a.norm_unrolled, a.cosine, a.cosine_sgd,
                    a.median_rate, a.norm_effective, a.cosine_effective);
      }
      std::printf("\n");
      std::fflush(stdout);
      save(t + 1);
    }
  }
  if (first_step < steps) save(steps);
  const double seconds =
      seconds_before + std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  Eigen::MatrixXd noise(latent, 2500);
  for (Eigen::Index i = 0; i < noise.size(); ++i) noise.data()[i] = rng.normal();
  return {score(in_double(z), noise), seconds};
}

// mean ± standard error of the finite values; the count of infinite ones is printed beside
std::string summary(const std::vector<double>& x, const char* format) {
  std::vector<double> finite;
  for (double v : x) {
    if (std::isfinite(v)) finite.push_back(v);
  }
  const double n = static_cast<double>(finite.size());
  double mean = 0, ss = 0;
  for (double v : finite) mean += v / n;
  for (double v : finite) ss += (v - mean) * (v - mean);
  const double se = finite.size() > 1 ? std::sqrt(ss / (n - 1) / n) : 0.0;
  char buffer[128];
  if (finite.empty()) {
    std::snprintf(buffer, sizeof buffer, "inf (all seeds)");
  } else {
    std::string f = std::string(format) + " ± " + format;
    std::snprintf(buffer, sizeof buffer, f.c_str(), mean, se);
    if (finite.size() < x.size()) {
      std::string s = buffer;
      s += " (" + std::to_string(x.size() - finite.size()) + " seed(s) inf)";
      return s;
    }
  }
  return buffer;
}

void print_row(const std::string& name, int seed, const outcome& o, long modes) {
  std::printf("%-12s %5d %9ld of %-2ld %16.1f %12.3f %10.1f\n", name.c_str(), seed, o.coverage.modes_captured, modes,
              100 * o.coverage.high_quality_fraction, o.coverage.reverse_kl, o.seconds);
  std::fflush(stdout);
}

// A run of the pacgan protocol with m samples a pack (1: the plain GAN): batches of 100 packs, so
// 100 m samples each side; the training in Real (float or double).
template <class Real>
outcome pacgan_run(int m, const mm::isotropic_mixture& data, int seed, long steps, double beta1, long report_every,
                   const std::string& name, const std::string& checkpoint, const std::string& data_name) {
  const auto run = [&]<int M>(std::integral_constant<int, M>) {
    return run_preset<pacgan_game<M>, Real>(data, seed, steps, 0, 100 * M, 1e-4, 1e-4, beta1, 2, report_every, name,
                                            nn::normal{0.02}, 1e-4, true, 0, checkpoint, data_name);
  };
  switch (m) {
    case 1: return run(std::integral_constant<int, 1>{});
    case 2: return run(std::integral_constant<int, 2>{});
    case 3: return run(std::integral_constant<int, 3>{});
    default: return run(std::integral_constant<int, 4>{});
  }
}

// The presets: two methods (k = 0 against k unrolled Adam steps, or m = 1 against m packed), seeds each.
int presets(const std::string& preset, int argc, char** argv) {
  const long steps = argc > 2 ? std::atol(argv[2]) : 2000;
  const int seeds = argc > 3 ? std::atoi(argv[3]) : 3;
  // pacgan_float, pacgan_ring_float: the same protocol with the training in float (see run_preset)
  const bool single = preset == "pacgan_float" || preset == "pacgan_ring_float";
  const bool ring = preset == "pacgan_ring" || preset == "pacgan_ring_float";
  const bool blocks02 = preset == "pacgan_blocks02";
  const double pacgan_beta1 = blocks02 ? 0.2 : 0.8;
  const int option = argc > 4 ? std::atoi(argv[4]) : (preset == "pacgan" || single || ring || blocks02 ? 2 : 5);
  const int first_seed = argc > 5 ? std::atoi(argv[5]) : 1;
  const long report_every = argc > 6 ? std::atol(argv[6]) : 0;
  const std::string methods = argc > 7 ? argv[7] : "both";  // "gan": k = 0 or m = 1 only; "other": the other only
  if (methods != "both" && methods != "gan" && methods != "other") {
    std::fprintf(stderr, "bench_mode_coverage %s: the methods must be both, gan or other, not %s\n", preset.c_str(),
                 methods.c_str());
    return 2;
  }
  // with a checkpoint file, one run (one seed, one method) that resumes from it where it exists
  const std::string checkpoint = argc > 8 ? argv[8] : "";
  if (!checkpoint.empty() && (seeds != 1 || methods == "both" || report_every <= 0)) {
    std::fprintf(stderr, "bench_mode_coverage %s: a checkpoint file is for one run: one seed, gan or other, reports\n",
                 preset.c_str());
    return 2;
  }
  const bool poole = preset == "poole_unrolled";
  const bool metz = preset == "metz_unrolled" || poole;
  if (!metz && option != 2 && option != 3 && option != 4) {
    std::fprintf(stderr, "bench_mode_coverage %s: the packing degree must be 2, 3 or 4, not %d\n", preset.c_str(), option);
    return 2;
  }
  const mm::isotropic_mixture data = poole  ? mm::isotropic_mixture(mm::ring(8, 1.0, 0.01))
                                     : metz ? mm::isotropic_mixture(mm::ring(8, 2.0, 0.02))
                                     : ring ? mm::isotropic_mixture(mm::ring(8, 1.0, 0.01))
                                            : mm::isotropic_mixture(mm::grid(5, 2.0, 0.05));
  // names the ring's checkpoints, and the other beta1's, apart from the grid's (a float run's name says so)
  const std::string data_name = ring || blocks02 ? (single ? std::string("pacgan_ring") : preset) : "";
  const long modes = data.modes().rows();
  if (poole) {
    std::printf("poole_unrolled: ring(8, radius 1, sigma 0.01); latent 256; G 128-128 tanh; D 128-128 tanh;\n"
                "orthogonal initial weights, gain 1.4; Adam (beta1 0.5, beta2 0.999): 1e-3 for G, 1e-4 for D;\n"
                "batch 512; minimax loss; %ld steps, %d seeds from %d;\n"
                "unrolled: %d steps of the discriminator's Adam, moments carried, exact gradient through them\n",
                steps, seeds, first_seed, option);
  } else if (metz) {
    std::printf("metz_unrolled: ring(8, radius 2, sigma 0.02); latent 256; G 128-128 ReLU; D input x/4, 128 ReLU;\n"
                "Adam 1e-4 (beta1 0.5, beta2 0.999) on both; batch 512; non-saturating loss; %ld steps, %d seeds from %d;\n"
                "unrolled: %d steps of the discriminator's Adam, moments carried, exact gradient through them\n",
                steps, seeds, first_seed, option);
  } else {
    std::printf("%s; latent 2; G 4x400 batch norm (epsilon 1e-4) + ReLU;\n"
                "D 3x200 maxout-5; weights N(0, 0.02^2), biases 0; Adam 1e-4 (beta1 %g, beta2 0.999) on both;\n"
                "batches of 100 packs; non-saturating loss; %ld steps (the authors': 400000), %d seeds from %d;\n"
                "packing: m = 1 against m = %d; scored in inference mode (population statistics, momentum 0.05)%s\n",
                (preset + (ring ? ": ring(8, radius 1, sigma 0.01)" : ": grid(5x5, spacing 2, sigma 0.05)")).c_str(),
                pacgan_beta1, steps, seeds, first_seed, option,
                single ? ";\ntrained in float (the networks' passes, the parameters and Adam), scored in double" : "");
  }
  std::printf("2500 samples scored (high quality: within 3 sigma of the nearest mode)\n\n");
  std::printf("%-12s %5s %14s %16s %12s %10s\n", "method", "seed", "modes", "high quality %", "reverse KL", "seconds");
  for (int method = 0; method < 2; ++method) {
    if ((method == 0 && methods == "other") || (method == 1 && methods == "gan")) continue;
    const std::string name = metz ? (method == 0 ? "GAN" : "unrolled " + std::to_string(option))
                                  : (method == 0 ? "GAN" : "PacGAN" + std::to_string(option));
    for (int seed = first_seed; seed < first_seed + seeds; ++seed) {
      outcome o;
      if (poole) {
        o = run_preset<poole_game>(data, seed, steps, method == 0 ? 0 : option, 512, 1e-3, 1e-4, 0.5, 256, report_every,
                                   name, nn::orthogonal{1.4}, 1e-5, true, option, checkpoint);
      } else if (metz) {
        o = run_preset<metz_game>(data, seed, steps, method == 0 ? 0 : option, 512, 1e-4, 1e-4, 0.5, 256, report_every,
                                  name, nn::he{}, 1e-5, false, 0, checkpoint);
      } else {
        const int m = method == 0 ? 1 : option;
        o = single ? pacgan_run<float>(m, data, seed, steps, pacgan_beta1, report_every, name, checkpoint, data_name)
                   : pacgan_run<double>(m, data, seed, steps, pacgan_beta1, report_every, name, checkpoint, data_name);
      }
      print_row(name, seed, o, modes);
    }
  }
  return 0;
}

int main(int argc, char** argv) {
  if (argc > 1 && (std::strcmp(argv[1], "metz_unrolled") == 0 || std::strcmp(argv[1], "pacgan") == 0 ||
                   std::strcmp(argv[1], "pacgan_ring") == 0 || std::strcmp(argv[1], "pacgan_blocks02") == 0 ||
                   std::strcmp(argv[1], "pacgan_float") == 0 || std::strcmp(argv[1], "pacgan_ring_float") == 0 ||
                   std::strcmp(argv[1], "poole_unrolled") == 0)) {
    try {
      return presets(argv[1], argc, argv);
    } catch (const std::exception& e) {  // a bad checkpoint, or a state minimax refuses to restore
      std::fprintf(stderr, "bench_mode_coverage %s: %s\n", argv[1], e.what());
      return 2;
    }
  }
  const bool grid = argc > 1 && std::strcmp(argv[1], "grid") == 0;
  const long steps = argc > 2 ? std::atol(argv[2]) : 2000;
  const int seeds = argc > 3 ? std::atoi(argv[3]) : 3;
  const int unrolled = argc > 4 ? std::atoi(argv[4]) : 5;
  const Eigen::Index batch = argc > 5 ? std::atol(argv[5]) : 512;
  const double look_ahead = argc > 6 ? std::atof(argv[6]) : 0.1;
  const int first_seed = argc > 7 ? std::atoi(argv[7]) : 1;
  const std::string methods = argc > 8 ? argv[8] : "both";
  const int latent = argc > 9 ? std::atoi(argv[9]) : 16;
  if (latent != 16 && latent != 256) {
    std::fprintf(stderr, "bench_mode_coverage: the latent size must be 16 or 256, not %d\n", latent);
    return 2;
  }
  const mm::isotropic_mixture data = grid ? mm::isotropic_mixture(mm::grid(5, 2.0, 0.05)) : mm::isotropic_mixture(mm::ring(8, 2.0, 0.02));
  const long modes = data.modes().rows();
  std::printf("%s; latent %d; G 128-128 ReLU, D 128 ReLU; Adam 1e-4 (beta1 0.5); non-saturating loss\n",
              grid ? "grid(5x5, spacing 2, sigma 0.05)" : "ring(8, radius 2, sigma 0.02)", latent);
  std::printf("batch %ld, %ld steps, %d seeds from %d; unrolled look-ahead: %d plain steps of %g\n", static_cast<long>(batch), steps,
              seeds, first_seed, unrolled, look_ahead);
  std::printf("2500 samples scored (high quality: within 3 sigma of the nearest mode)\n");
  std::printf("differences from the papers: %sD input not scaled by 1/4, plain-gradient look-ahead\n"
              "(not Adam), %ld training steps\n\n", latent == 16 ? "latent 16 (not 256), " : "", steps);
  std::printf("%-12s %5s %14s %16s %12s %10s\n", "method", "seed", "modes", "high quality %", "reverse KL", "seconds");
  struct column {
    std::vector<double> modes, quality, kl, seconds;
  };
  std::vector<std::pair<std::string, column>> table;
  for (int k : {0, unrolled}) {
    if ((k == 0 && methods == "unrolled") || (k != 0 && methods == "gan")) continue;
    const std::string name = k == 0 ? "GAN" : "unrolled " + std::to_string(k);
    column c;
    for (int seed = first_seed; seed < first_seed + seeds; ++seed) {
      const outcome o = latent == 256 ? run<256>(data, seed, steps, k, batch, look_ahead)
                                      : run<16>(data, seed, steps, k, batch, look_ahead);
      c.modes.push_back(static_cast<double>(o.coverage.modes_captured));
      c.quality.push_back(100 * o.coverage.high_quality_fraction);
      c.kl.push_back(o.coverage.reverse_kl);
      c.seconds.push_back(o.seconds);
      std::printf("%-12s %5d %9ld of %-2ld %16.1f %12.3f %10.1f\n", name.c_str(), seed, o.coverage.modes_captured, modes,
                  100 * o.coverage.high_quality_fraction, o.coverage.reverse_kl, o.seconds);
      std::fflush(stdout);
    }
    table.emplace_back(name, c);
  }
  std::printf("\n| method | modes (of %ld) | high quality %% | reverse KL (nats) | seconds per run |\n|---|---|---|---|---|\n", modes);
  for (const auto& [name, c] : table) {
    std::printf("| %s | %s | %s | %s | %s |\n", name.c_str(), summary(c.modes, "%.2f").c_str(), summary(c.quality, "%.1f").c_str(),
                summary(c.kl, "%.3f").c_str(), summary(c.seconds, "%.0f").c_str());
  }
  return 0;
}
