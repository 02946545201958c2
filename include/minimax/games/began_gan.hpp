#pragma once
/// \file
/// \brief BEGAN (Berthelot, Schumm, Metz 2017) on a 2-D Gaussian mixture: an autoencoder
/// discriminator, the equilibrium control of \f$k_t\f$ and the convergence measure \f$\mathcal{M}_\text{global}\f$.

#include <cmath>
#include <cstddef>
#include <limits>
#include <optional>
#include <type_traits>
#include <utility>
#include <vector>

#include <Eigen/Core>

#include "minimax/core/error.hpp"
#include "minimax/games/concepts.hpp"
#include "minimax/games/detail/minibatches.hpp"
#include "minimax/games/detail/state_size.hpp"
#include "minimax/loss/began.hpp"
#include "minimax/nn/batch.hpp"
#include "minimax/prob/isotropic_mixture.hpp"
#include "minimax/prob/random.hpp"

namespace minimax::games {

/// \brief BEGAN on a Gaussian mixture: generator network \f$G_\theta\f$, autoencoder discriminator
/// \f$D_\psi\f$ (nn::autoencoder), reconstruction loss \f$\mathcal{L}(v) = |v - D(v)|^\eta\f$ (mean over
/// samples and features, loss::began):
/// \f[ L_D = \mathcal{L}(x) - k_t\,\mathcal{L}(G(\varepsilon)),\qquad L_G = \mathcal{L}(G(\varepsilon)), \f]
/// on the current minibatches. \f$k_t\f$ is not a parameter of either player: it is a controller
/// state, updated once per training step from that step's losses,
/// \f$k_{t+1} = \operatorname{clip}_{[0,1]}(k_t + \lambda_k(\gamma\mathcal{L}(x) - \mathcal{L}(G(\varepsilon))))\f$,
/// and the step's \f$\mathcal{M}_\text{global} = \mathcal{L}(x) + |\gamma\mathcal{L}(x) - \mathcal{L}(G(\varepsilon))|\f$
/// is recorded. minimax::train drives both: before each step it draws the batches (resample()) and
/// calls begin_step(), which applies the previous step's control update and records this step's
/// losses, so step \f$t\f$ uses \f$k_t\f$ exactly as in the paper's algorithm.
///
/// Every member that takes a state \f$z\f$ throws minimax::invalid_argument unless it has
/// dimension() entries. Where the networks' outputs overflow at a finite \f$z\f$, the losses and the
/// field are NaN, so that minimax::train() ends the run with run_status::non_finite and keeps the
/// trajectory up to the last finite state.
template <class Generator, class Autoencoder>
class began_gan {
  static_assert(Generator::output_size == Autoencoder::input_size,
                "minimax::games::began_gan: the generator's output size must be the autoencoder's input size");
  static_assert(Autoencoder::output_size == Autoencoder::input_size,
                "minimax::games::began_gan: the autoencoder must reconstruct its input");

 public:
  Generator generator;           ///< the generator network
  Autoencoder autoencoder;       ///< the discriminator: an autoencoder
  loss::began control;           ///< \f$\eta, \gamma, \lambda_k\f$ and the current \f$k_t\f$
  isotropic_mixture data;        ///< the data distribution
  Eigen::MatrixXd real;          ///< the current real batch (d × n)
  Eigen::MatrixXd noise;         ///< the current noise batch
  std::vector<double> k_history;         ///< \f$k_t\f$ used at each training step
  std::vector<double> m_global_history;  ///< \f$\mathcal{M}_\text{global}\f$ at each training step

  /// BEGAN on `data_distribution` with minibatches of `batch_size` and BEGAN's settings `settings`.
  /// \throws minimax::invalid_argument for batch_size < 1 or data of the wrong dimension.
  began_gan(isotropic_mixture data_distribution, Eigen::Index batch_size, rng& generator_rng, loss::began settings = {},
            Generator g = {}, Autoencoder d = {})
      : generator(std::move(g)), autoencoder(std::move(d)), control(settings), data(std::move(data_distribution)),
        batch_(batch_size) {
    detail::require_minibatch_game("minimax::games::began_gan", data, batch_size, Autoencoder::input_size);
    resample(generator_rng);
  }

  /// \f$|\theta| + |\psi|\f$.
  Eigen::Index dimension() const { return Generator::parameter_count + Autoencoder::parameter_count; }
  /// \f$|\theta|\f$.
  Eigen::Index generator_dimension() const { return Generator::parameter_count; }

  /// Draws the next real and noise batches.
  void resample(rng& g) { detail::draw_minibatches(data, batch_, Generator::input_size, g, real, noise); }

  /// Initial parameters: weights by `init`, biases 0.
  template <class Init>
  Eigen::VectorXd init(const Init& initialiser, rng& g) const {
    return detail::initial_parameters(generator, autoencoder, initialiser, g);
  }

  /// \f$(\mathcal{L}(x), \mathcal{L}(G(\varepsilon)))\f$ on the current batches.
  std::pair<double, double> reconstruction_losses(const Eigen::VectorXd& z) const {
    detail::require_state_size("minimax::games::began_gan::reconstruction_losses", z.size(), dimension());
    const auto psi = z.tail(Autoencoder::parameter_count);
    const nn::batch<double, Generator::output_size> fake = generator(z.head(Generator::parameter_count), noise);
    if (!nn::detail::all_finite(fake)) return {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN()};
    const nn::batch<double, Autoencoder::input_size> x = real;
    const nn::batch<double, Autoencoder::input_size> rx = autoencoder(psi, x), rfake = autoencoder(psi, fake);
    return {nn::detail::all_finite(rx) ? control.reconstruction_loss(x, rx) : std::numeric_limits<double>::quiet_NaN(),
            nn::detail::all_finite(rfake) ? control.reconstruction_loss(fake, rfake) : std::numeric_limits<double>::quiet_NaN()};
  }

  /// \brief Before a training step at \f$z_t\f$: applies the control update of the previous step
  /// (\f$k_t\f$), then records this step's \f$k_t\f$ and \f$\mathcal{M}_\text{global}\f$ and keeps its losses
  /// for the next update.
  void begin_step(const Eigen::VectorXd& z) {
    if (pending_) control.update(pending_real_, pending_fake_);
    const auto [loss_real, loss_fake] = reconstruction_losses(z);
    k_history.push_back(control.k);
    m_global_history.push_back(control.convergence(loss_real, loss_fake));
    pending_real_ = loss_real;
    pending_fake_ = loss_fake;
    pending_ = true;
  }

  /// \brief The reconstruction losses \f$(\mathcal{L}(x), \mathcal{L}(G(\varepsilon)))\f$ that the last
  /// begin_step() kept and the next one applies to \f$k\f$; none before the first step. With
  /// `control.k`, the whole state of the equilibrium control (a training checkpoint's part).
  std::optional<std::pair<double, double>> pending_losses() const {
    if (!pending_) return std::nullopt;
    return std::pair{pending_real_, pending_fake_};
  }
  /// \brief Takes up a run where it stopped: \f$k_t\f$ and the pending losses as `control.k` and
  /// pending_losses() gave them, so that the next begin_step() applies the saved run's update.
  /// Throws minimax::invalid_argument, leaving the game as it was, unless \f$k \in [0, 1]\f$ and
  /// the pending losses are finite.
  void restore_control(double k, std::optional<std::pair<double, double>> pending) {
    constexpr const char* fn = "minimax::games::began_gan::restore_control";
    if (!(k >= 0.0 && k <= 1.0)) raise_invalid_argument(fn, "k must lie in [0, 1]", k);
    if (pending) {
      if (!std::isfinite(pending->first)) raise_invalid_argument(fn, "the pending real loss must be finite", pending->first);
      if (!std::isfinite(pending->second)) raise_invalid_argument(fn, "the pending fake loss must be finite", pending->second);
    }
    control.k = k;
    pending_ = pending.has_value();
    pending_real_ = pending ? pending->first : 0.0;
    pending_fake_ = pending ? pending->second : 0.0;
  }

  /// \f$L_G = \mathcal{L}(G(\varepsilon))\f$.
  template <class T>
  T generator_loss(const Eigen::VectorX<T>& z) const {
    detail::require_state_size("minimax::games::began_gan::generator_loss", z.size(), dimension());
    const nn::batch<T, Generator::output_size> fake = generator(z.head(Generator::parameter_count), noise.cast<T>());
    if (!nn::detail::all_finite(fake)) return T(std::numeric_limits<double>::quiet_NaN());
    const nn::batch<T, Autoencoder::input_size> r = autoencoder(z.tail(Autoencoder::parameter_count), fake);
    if (!nn::detail::all_finite(r)) return T(std::numeric_limits<double>::quiet_NaN());
    return control.reconstruction_loss(fake, r);
  }
  /// \f$L_D = \mathcal{L}(x) - k_t\mathcal{L}(G(\varepsilon))\f$.
  template <class T>
  T discriminator_loss(const Eigen::VectorX<T>& z) const {
    detail::require_state_size("minimax::games::began_gan::discriminator_loss", z.size(), dimension());
    const auto psi = z.tail(Autoencoder::parameter_count);
    const nn::batch<T, Generator::output_size> fake = generator(z.head(Generator::parameter_count), noise.cast<T>());
    if (!nn::detail::all_finite(fake)) return T(std::numeric_limits<double>::quiet_NaN());
    const nn::batch<T, Autoencoder::input_size> x = real.cast<T>();
    const nn::batch<T, Autoencoder::input_size> rx = autoencoder(psi, x), rfake = autoencoder(psi, fake);
    if (!nn::detail::all_finite(rx) || !nn::detail::all_finite(rfake)) return T(std::numeric_limits<double>::quiet_NaN());
    return control.reconstruction_loss(x, rx) - T(control.k) * control.reconstruction_loss(fake, rfake);
  }

  /// \f$v = -(\nabla_\theta L_G, \nabla_\psi L_D)\f$ by the networks' backward passes.
  template <class T>
  Eigen::VectorX<T> vector_field(const Eigen::VectorX<T>& z) const {
    detail::require_state_size("minimax::games::began_gan::vector_field", z.size(), dimension());
    constexpr Eigen::Index nG = Generator::parameter_count, nD = Autoencoder::parameter_count;
    const auto overflowed = [] { return Eigen::VectorX<T>::Constant(nG + nD, T(std::numeric_limits<double>::quiet_NaN())).eval(); };
    const auto theta = z.head(nG);
    const auto psi = z.tail(nD);
    typename Generator::template tape<T> gen_tape;
    typename Autoencoder::template tape<T> real_tape, fake_tape;
    generator.forward(theta, noise.cast<T>(), gen_tape);
    if (!nn::detail::all_finite(gen_tape.output())) return overflowed();
    autoencoder.forward(psi, real.cast<T>(), real_tape);
    autoencoder.forward(psi, gen_tape.output(), fake_tape);
    if (!nn::detail::all_finite(real_tape.output()) || !nn::detail::all_finite(fake_tape.output())) return overflowed();
    nn::batch<T, Autoencoder::input_size> dv_fake, dr_fake, dr_real;
    control.reconstruction_loss(real_tape.input(), real_tape.output(),
                                static_cast<nn::batch<T, Autoencoder::input_size>*>(nullptr), &dr_real);
    control.reconstruction_loss(fake_tape.input(), fake_tape.output(), &dv_fake, &dr_fake);
    // discriminator: grad_psi L(x) - k grad_psi L(G)
    Eigen::VectorX<T> grad_psi = Eigen::VectorX<T>::Zero(nD);
    autoencoder.backward(psi, real_tape, dr_real, grad_psi);
    Eigen::VectorX<T> grad_psi_fake = Eigen::VectorX<T>::Zero(nD);
    nn::batch<T, Autoencoder::input_size> dx;
    autoencoder.backward(psi, fake_tape, dr_fake, grad_psi_fake, &dx);
    grad_psi -= T(control.k) * grad_psi_fake;
    // generator: L(G) depends on the fakes directly and through the autoencoder's reconstruction
    const nn::batch<T, Generator::output_size> dfake = dv_fake + dx;
    Eigen::VectorX<T> grad_theta = Eigen::VectorX<T>::Zero(nG);
    generator.backward(theta, gen_tape, dfake, grad_theta);
    Eigen::VectorX<T> v(nG + nD);
    v << -grad_theta, -grad_psi;
    return v;
  }

 private:
  Eigen::Index batch_;
  bool pending_ = false;
  double pending_real_ = 0, pending_fake_ = 0;
};

}  // namespace minimax::games
