#pragma once
/// \file
/// \brief A GAN of two small fixed-size networks on fixed batches, as a point game for ensembles.

#include "minimax/core/config.hpp"
#include "minimax/games/detail/loss_slopes.hpp"
#include "minimax/nn/sample_network.hpp"

namespace minimax::games {

/// \brief The minibatch GAN of games::mixture_gan with its batches fixed, as a point game for
/// ensembles (see \ref backend/thrust/ensemble.hpp): trivially copyable, its networks
/// nn::sample_network, its `Batch` real and noise samples inline.
///
/// `Generator` and `Discriminator` are nn::sequential types whose layers have one-sample passes
/// (dense, activations, maxout). Parameters \f$z = (\theta, \psi)\f$ in the networks' flat layout, as
/// in games::mixture_gan; the field is
/// \f[ v = -\Big(\nabla_\theta \tfrac1n\textstyle\sum_i \ell^G(D_\psi(G_\theta(\varepsilon_i))),\;
///     \nabla_\psi \tfrac1n\sum_i \big[\ell^D_r(D_\psi(x_i)) + \ell^D_f(D_\psi(G_\theta(\varepsilon_i)))\big]\Big), \f]
/// the same as mixture_gan::vector_field() on the same batches (to rounding: the sums run sample by
/// sample, and the loss slopes are the losses' analytic ones). Get one from a game with
/// mixture_gan::point(), or fill `real` and `noise` yourself (sample i's coordinates at
/// `i * data_size`, `i * noise_size`).
///
/// A network game has no equilibrium known in closed form, so an ensemble judges its members by
/// stationarity: converged when \f$\|v(z)\| \le\f$ tolerance, diverged when \f$\|z\| >\f$ bound.
template <class Generator, class Discriminator, class Loss, int Batch>
struct mlp_gan_point {
  static_assert(Batch > 0, "minimax::games::mlp_gan_point: the batch size must be positive");
  static_assert(Generator::output_size == Discriminator::input_size,
                "minimax::games::mlp_gan_point: the generator's output size must be the discriminator's input size");
  static_assert(Discriminator::output_size == 1, "minimax::games::mlp_gan_point: the discriminator must have one output");

  /// The generator's one-sample network.
  using generator_network = nn::sample_network_t<Generator>;
  /// The discriminator's one-sample network.
  using discriminator_network = nn::sample_network_t<Discriminator>;
  static constexpr int generator_dimension = generator_network::parameter_count;  ///< \f$|\theta|\f$
  static constexpr int dimension = generator_dimension + discriminator_network::parameter_count;  ///< \f$|\theta| + |\psi|\f$
  static constexpr int batch_size = Batch;                                  ///< samples per batch
  static constexpr int data_size = Discriminator::input_size;               ///< coordinates of a sample
  static constexpr int noise_size = Generator::input_size;                  ///< coordinates of a noise vector

  generator_network generator{};          ///< the generator
  discriminator_network discriminator{};  ///< the discriminator
  Loss loss{};                            ///< the adversarial loss
  double real[Batch * data_size] = {};    ///< the real batch, sample by sample
  double noise[Batch * noise_size] = {};  ///< the noise batch, sample by sample

  /// \f$v(z)\f$ (T: double or a dual number).
  template <class T>
  MINIMAX_HOST_DEVICE void field(const T* z, T* v) const {
    constexpr int nG = generator_dimension;
    const T* theta = z;
    const T* psi = z + nG;
    for (int k = 0; k < dimension; ++k) v[k] = T(0.0);
    const T inv_n = T(1.0 / Batch);
    T x[data_size > noise_size ? data_size : noise_size];
    T gen_tape[generator_network::tape_size];
    T dis_tape[discriminator_network::tape_size];
    T dfake[data_size];
    constexpr int out = discriminator_network::tape_offsets[discriminator_network::depth];
    constexpr int fake_at = generator_network::tape_offsets[generator_network::depth];
    for (int i = 0; i < Batch; ++i) {
      // real sample: l_r' back through D
      for (int j = 0; j < data_size; ++j) x[j] = T(real[i * data_size + j]);
      discriminator.forward(psi, x, dis_tape);
      T dy = detail::discriminator_real_slope(loss, dis_tape[out]) * inv_n;
      discriminator.backward(psi, dis_tape, &dy, v + nG, static_cast<T*>(nullptr));
      // fake sample: l_f' back through D into psi; l_G' back through D and G into theta
      for (int j = 0; j < noise_size; ++j) x[j] = T(noise[i * noise_size + j]);
      generator.forward(theta, x, gen_tape);
      discriminator.forward(psi, gen_tape + fake_at, dis_tape);
      dy = detail::discriminator_fake_slope(loss, dis_tape[out]) * inv_n;
      discriminator.backward(psi, dis_tape, &dy, v + nG, static_cast<T*>(nullptr));
      dy = detail::generator_slope(loss, dis_tape[out]) * inv_n;
      discriminator.backward(psi, dis_tape, &dy, static_cast<T*>(nullptr), dfake);
      generator.backward(theta, gen_tape, dfake, v, static_cast<T*>(nullptr));
    }
    for (int k = 0; k < dimension; ++k) v[k] = -v[k];
  }

  /// \f$L_G = \tfrac1n\sum_i \ell^G(D_\psi(G_\theta(\varepsilon_i)))\f$ (T: double or a dual number).
  template <class T>
  MINIMAX_HOST_DEVICE T generator_loss(const T* z) const {
    T lg, ld;
    losses(z, lg, ld);
    return lg;
  }
  /// \f$L_D = \tfrac1n\sum_i [\ell^D_r(D_\psi(x_i)) + \ell^D_f(D_\psi(G_\theta(\varepsilon_i)))]\f$.
  template <class T>
  MINIMAX_HOST_DEVICE T discriminator_loss(const T* z) const {
    T lg, ld;
    losses(z, lg, ld);
    return ld;
  }
  /// Both losses by one forward pass of each sample.
  template <class T>
  MINIMAX_HOST_DEVICE void losses(const T* z, T& generator_loss, T& discriminator_loss) const {
    const T* theta = z;
    const T* psi = z + generator_dimension;
    T x[data_size > noise_size ? data_size : noise_size];
    T gen_tape[generator_network::tape_size];
    T dis_tape[discriminator_network::tape_size];
    constexpr int out = discriminator_network::tape_offsets[discriminator_network::depth];
    constexpr int fake_at = generator_network::tape_offsets[generator_network::depth];
    generator_loss = T(0.0);
    discriminator_loss = T(0.0);
    for (int i = 0; i < Batch; ++i) {
      for (int j = 0; j < data_size; ++j) x[j] = T(real[i * data_size + j]);
      discriminator.forward(psi, x, dis_tape);
      discriminator_loss += loss.discriminator_real(dis_tape[out]);
      for (int j = 0; j < noise_size; ++j) x[j] = T(noise[i * noise_size + j]);
      generator.forward(theta, x, gen_tape);
      discriminator.forward(psi, gen_tape + fake_at, dis_tape);
      discriminator_loss += loss.discriminator_fake(dis_tape[out]);
      generator_loss += loss.generator(dis_tape[out]);
    }
    generator_loss /= T(Batch);
    discriminator_loss /= T(Batch);
  }

  /// No projection.
  MINIMAX_HOST_DEVICE void project(double*) const {}
};

}  // namespace minimax::games
