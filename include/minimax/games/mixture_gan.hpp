#pragma once
/// \file
/// \brief GANs of two small networks on a 2-D Gaussian mixture (the ring and grid benchmarks of
/// Metz et al. 2016, VEEGAN and PacGAN), with any adversarial loss.

#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <limits>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <Eigen/Core>

#include "minimax/core/dual.hpp"
#include "minimax/core/error.hpp"
#include "minimax/dynamics/schemes/look_ahead.hpp"
#include "minimax/games/concepts.hpp"
#include "minimax/games/detail/loss_slopes.hpp"
#include "minimax/games/detail/minibatches.hpp"
#include "minimax/games/detail/state_size.hpp"
#include "minimax/games/mlp_gan_point.hpp"
#include "minimax/loss/adversarial.hpp"
#include "minimax/nn/batch.hpp"
#include "minimax/prob/isotropic_mixture.hpp"
#include "minimax/prob/random.hpp"

namespace minimax::games {

/// \brief A GAN of two minimax::nn::sequential networks on a Gaussian mixture in \f$\mathbb{R}^d\f$
/// (minimax::ring, minimax::grid), trained on minibatches.
///
/// Parameters \f$z = (\theta, \psi)\f$: the generator's `Generator::parameter_count` weights, then
/// the discriminator's. The generator maps noise \f$\varepsilon \sim N(0, I)\f$ (its input size) to
/// a point; the discriminator maps a point to one raw output \f$D_\psi(x)\f$. The game is the
/// minibatch game: with the current real batch \f$x_{1..n}\f$ and noise batch \f$\varepsilon_{1..n}\f$,
/// \f[ L_D = \frac1n\sum_i \ell^D_r(D_\psi(x_i)) + \frac1n\sum_i \ell^D_f(D_\psi(G_\theta(\varepsilon_i))),\qquad
///     L_G = \frac1n\sum_i \ell^G(D_\psi(G_\theta(\varepsilon_i))), \f]
/// and resample() draws the next batches. Between resamplings the game is deterministic, so every
/// scheme, simulate() and the exact derivatives apply; the networks' backward passes are templates
/// on the scalar, so on minimax::dual numbers they give Hessian-vector products
/// (discriminator_loss_hessian_vector(), used by schemes::unrolled).
///
/// **Packing** (PacGAN, Lin et al. 2018). With `Packing` \f$= m > 1\f$ the discriminator judges
/// \f$m\f$ samples at once: its input is \f$m\f$ samples of dimension \f$d\f$ concatenated
/// (`Discriminator::input_size` \f$= m d\f$), the batch of \f$n\f$ samples (\f$n\f$ a multiple of
/// \f$m\f$) is cut into \f$n/m\f$ packs of consecutive columns, \f$X_p = (x_{pm+1}, \dots, x_{pm+m})\f$,
/// real packs from real samples and fake packs from fake ones, and the losses average over packs:
/// \f[ L_D = \frac{m}{n}\sum_p \ell^D_r(D_\psi(X_p)) + \frac{m}{n}\sum_p \ell^D_f(D_\psi(\tilde X_p)),\qquad
///     L_G = \frac{m}{n}\sum_p \ell^G(D_\psi(\tilde X_p)),\quad \tilde X_p = (G_\theta(\varepsilon_{pm+1}), \dots). \f]
/// A pack is the column-major reshape of the \f$d \times n\f$ batch to \f$md \times n/m\f$ (no copy);
/// its gradient is the reshape back. Everything else (the field, the exact derivatives, the unrolled
/// gradients) works on packs unchanged; \f$m = 1\f$ is the plain game, the same code and numbers.
/// The point game (point()) has no packing.
///
/// Every member that takes a state \f$z\f$ throws minimax::invalid_argument unless it has
/// dimension() entries. Where the networks' outputs overflow at a finite \f$z\f$ (a step too large
/// for the game), the losses are NaN and the gradients and the field are all NaN, so that
/// minimax::simulate() ends the run with run_status::non_finite and keeps the trajectory up to the
/// last finite state, as it does for every other game.
template <class Generator, class Discriminator, loss::adversarial_loss Loss, int Packing = 1>
class mixture_gan {
  static_assert(Packing >= 1, "minimax::games::mixture_gan: the packing degree must be >= 1");
  static_assert(Generator::output_size * Packing == Discriminator::input_size,
                "minimax::games::mixture_gan: the discriminator's input size must be the generator's output size "
                "(times the packing degree)");
  static_assert(Discriminator::output_size == 1, "minimax::games::mixture_gan: the discriminator must have one output");

 public:
  struct unrolled_workspace;
  Generator generator;          ///< the generator network (its structure and run-time settings)
  Discriminator discriminator;  ///< the discriminator network
  Loss loss;                    ///< the adversarial loss
  isotropic_mixture data;       ///< the data distribution
  Eigen::MatrixXd real;         ///< the current real batch (d × n, one sample per column)
  Eigen::MatrixXd noise;        ///< the current noise batch (noise size × n)

  /// \f$m\f$, the number of samples the discriminator judges together (1: no packing).
  static constexpr int packing = Packing;

  /// The game on `data` with minibatches of `batch_size`, the first batches drawn from `generator_rng`.
  /// \throws minimax::invalid_argument for batch_size < 1, data of the wrong dimension (not the
  /// generator's output size), or, with packing, a batch size that is not a multiple of \f$m\f$.
  mixture_gan(isotropic_mixture data_distribution, Eigen::Index batch_size, rng& generator_rng, Loss adversarial_loss = {},
              Generator g = {}, Discriminator d = {})
      : generator(std::move(g)), discriminator(std::move(d)), loss(adversarial_loss), data(std::move(data_distribution)),
        batch_(batch_size) {
    constexpr const char* fn = "minimax::games::mixture_gan";
    if constexpr (Packing == 1) {
      detail::require_minibatch_game(fn, data, batch_size, Discriminator::input_size);
    } else {
      require_same_size(fn, "the data's dimension and the generator's output size",
                        static_cast<std::size_t>(data.modes().cols()), static_cast<std::size_t>(Generator::output_size));
      detail::require_minibatch_game(fn, data, batch_size, Generator::output_size);
      if (batch_size % Packing != 0) {
        raise_invalid_argument(fn, "the batch size must be a multiple of the packing degree " + std::to_string(Packing) +
                                       "; batch size", batch_size);
      }
    }
    resample(generator_rng);
  }

  /// \f$|\theta| + |\psi|\f$.
  Eigen::Index dimension() const { return Generator::parameter_count + Discriminator::parameter_count; }
  /// \f$|\theta|\f$.
  Eigen::Index generator_dimension() const { return Generator::parameter_count; }
  /// The minibatch size \f$n\f$ (samples).
  Eigen::Index batch_size() const { return batch_; }
  /// The number of packs \f$n/m\f$ the discriminator sees per batch (the batch size without packing).
  Eigen::Index packs() const { return batch_ / Packing; }

  /// \brief The packs of a batch of samples: the \f$d \times n\f$ batch `x` read as \f$md \times n/m\f$,
  /// column \f$p\f$ the samples \f$pm+1, \dots, pm+m\f$ stacked (a view of `x`, which must outlive it).
  template <class T>
  static Eigen::Map<const nn::batch<T, Discriminator::input_size>> pack(const nn::batch<T, Generator::output_size>& x) {
    return {x.data(), Discriminator::input_size, x.cols() / Packing};
  }

  /// Draws the next real and noise batches.
  void resample(rng& g) { detail::draw_minibatches(data, batch_, Generator::input_size, g, real, noise); }

  /// Initial parameters: each network's weights by `init` (e.g. nn::glorot, nn::he), biases 0.
  template <class Init>
  Eigen::VectorXd init(const Init& initialiser, rng& g) const {
    return detail::initial_parameters(generator, discriminator, initialiser, g);
  }

  /// \brief The game on its current batches as a point game for ensembles (games::mlp_gan_point):
  /// the same networks, loss and samples, with the field computed one sample at a time.
  /// \throws minimax::invalid_argument when `Batch` is not the game's batch size.
  template <int Batch>
  mlp_gan_point<Generator, Discriminator, Loss, Batch> point() const {
    static_assert(Packing == 1, "minimax::games::mixture_gan::point: the point game has no packing");
    if (batch_ != Batch) {
      raise_invalid_argument("minimax::games::mixture_gan::point",
                             "the point game's Batch must be the game's batch size " + std::to_string(batch_) + "; Batch",
                             Batch);
    }
    mlp_gan_point<Generator, Discriminator, Loss, Batch> out;
    out.generator = nn::sample_network_of(generator);
    out.discriminator = nn::sample_network_of(discriminator);
    out.loss = loss;
    constexpr int d = Discriminator::input_size, e = Generator::input_size;
    for (int i = 0; i < Batch; ++i) {
      for (int j = 0; j < d; ++j) out.real[i * d + j] = real(j, i);
      for (int j = 0; j < e; ++j) out.noise[i * e + j] = noise(j, i);
    }
    return out;
  }

  /// The generator's samples \f$G_\theta(\varepsilon)\f$ for a noise batch (one column each).
  Eigen::MatrixXd generate(const Eigen::VectorXd& z, const Eigen::MatrixXd& noise_batch) const {
    detail::require_state_size("minimax::games::mixture_gan::generate", z.size(), dimension());
    return generator(z.head(Generator::parameter_count), noise_batch);
  }

  /// \brief The pull of the generator's loss on each sample: column \f$i\f$ is
  /// \f$\nabla_x \ell^G\big(D_\psi(x)\big)\f$ at \f$x\f$ = column \f$i\f$ of `x` (\f$d \times n\f$), the
  /// per-sample loss \f$\ell^G\f$ of which \f$L_G\f$ is the mean over the fake batch.
  ///
  /// A generated sample that the generator could move on its own would move along minus this vector:
  /// these are GAN Lab's gradient arrows, and \f$\nabla_\theta L_G = \frac{1}{n}\sum_i
  /// (\partial x_i/\partial\theta)^\top \nabla_x \ell^G(D_\psi(x_i))\f$ at \f$x_i = G_\theta(\varepsilon_i)\f$.
  /// Without packing only (the discriminator sees one sample at a time). Throws
  /// minimax::invalid_argument when `x` has no columns or a non-finite entry, or the discriminator's
  /// output overflows.
  Eigen::MatrixXd generator_sample_gradients(const Eigen::VectorXd& z, const Eigen::MatrixXd& x) const
    requires(Packing == 1)
  {
    constexpr const char* fn = "minimax::games::mixture_gan::generator_sample_gradients";
    detail::require_state_size(fn, z.size(), dimension());
    nn::detail::require_batch_shape(fn, "x", x, Discriminator::input_size);
    nn::detail::require_all_finite(fn, "x", x);
    const auto psi = z.tail(Discriminator::parameter_count);
    typename Discriminator::template tape<double> tape;
    discriminator.forward(psi, nn::batch<double, Discriminator::input_size>(x), tape);
    nn::detail::require_all_finite(fn, "the discriminator's output", tape.output());
    nn::batch<double, 1> slope;
    loss::generator_loss(loss, tape.output(), &slope);
    slope *= static_cast<double>(x.cols());  // the mean's derivative, times n: each sample's own loss
    Eigen::VectorXd unused = Eigen::VectorXd::Zero(Discriminator::parameter_count);
    nn::batch<double, Discriminator::input_size> dx;
    discriminator.backward(psi, tape, slope, unused, &dx);
    return dx;
  }

  /// \f$L_G\f$ on the current batches.
  template <class T>
  T generator_loss(const Eigen::VectorX<T>& z) const {
    detail::require_state_size("minimax::games::mixture_gan::generator_loss", z.size(), dimension());
    const nn::batch<T, Generator::output_size> fake = generator(z.head(Generator::parameter_count), noise.cast<T>());
    if (!nn::detail::all_finite(fake)) return overflowed<T>();
    const nn::batch<T, 1> out = discriminator(z.tail(Discriminator::parameter_count), pack<T>(fake));
    if (!nn::detail::all_finite(out)) return overflowed<T>();
    return loss::generator_loss(loss, out);
  }
  /// \f$L_D\f$ on the current batches.
  template <class T>
  T discriminator_loss(const Eigen::VectorX<T>& z) const {
    detail::require_state_size("minimax::games::mixture_gan::discriminator_loss", z.size(), dimension());
    const nn::batch<T, Generator::output_size> fake = generator(z.head(Generator::parameter_count), noise.cast<T>());
    if (!nn::detail::all_finite(fake)) return overflowed<T>();
    const auto psi = z.tail(Discriminator::parameter_count);
    const nn::batch<T, Generator::output_size> real_t = real.cast<T>();
    const nn::batch<T, 1> out_real = discriminator(psi, pack<T>(real_t));
    const nn::batch<T, 1> out_fake = discriminator(psi, pack<T>(fake));
    if (!nn::detail::all_finite(out_real) || !nn::detail::all_finite(out_fake)) return overflowed<T>();
    return loss::discriminator_loss(loss, out_real, out_fake);
  }

  /// \f$v = -(\nabla_\theta L_G, \nabla_\psi L_D)\f$ by the networks' backward passes.
  template <class T>
  Eigen::VectorX<T> vector_field(const Eigen::VectorX<T>& z) const {
    detail::require_state_size("minimax::games::mixture_gan::vector_field", z.size(), dimension());
    Eigen::VectorX<T> v(dimension());
    gradients(z, &v, nullptr, nullptr);
    return -v;
  }

  /// \f$\nabla_z L_D\f$ with respect to all parameters (the generator's included, through the fake samples).
  template <class T>
  Eigen::VectorX<T> discriminator_loss_gradient(const Eigen::VectorX<T>& z) const {
    detail::require_state_size("minimax::games::mixture_gan::discriminator_loss_gradient", z.size(), dimension());
    Eigen::VectorX<T> g(dimension());
    gradients(z, nullptr, &g, nullptr);
    return g;
  }
  /// \f$\nabla_z L_G\f$ with respect to all parameters (the discriminator's included).
  template <class T>
  Eigen::VectorX<T> generator_loss_gradient(const Eigen::VectorX<T>& z) const {
    detail::require_state_size("minimax::games::mixture_gan::generator_loss_gradient", z.size(), dimension());
    Eigen::VectorX<T> field(dimension()), g(dimension());
    gradients(z, &field, nullptr, &g);
    return g;
  }

  /// \brief \f$H w\f$ with \f$H = \nabla_z^2 L_D\f$, by forward-over-reverse: the backward pass on dual
  /// numbers seeded with \f$w\f$. Costs about two gradient evaluations; \f$H\f$ is never formed.
  Eigen::VectorXd discriminator_loss_hessian_vector(const Eigen::VectorXd& z, const Eigen::VectorXd& w) const {
    detail::require_state_size("minimax::games::mixture_gan::discriminator_loss_hessian_vector", z.size(), dimension());
    require_same_size("minimax::games::mixture_gan::discriminator_loss_hessian_vector", "z and w",
                      static_cast<std::size_t>(z.size()), static_cast<std::size_t>(w.size()));
    Eigen::VectorX<dual<double>> zd(z.size());
    for (Eigen::Index i = 0; i < z.size(); ++i) zd[i] = dual<double>(z[i], w[i]);
    const Eigen::VectorX<dual<double>> g = discriminator_loss_gradient(zd);
    Eigen::VectorXd hw(z.size());
    for (Eigen::Index i = 0; i < z.size(); ++i) hw[i] = g[i].derivative;
    return hw;
  }

  /// \brief The unrolled generator gradient \f$\frac{d}{d\theta} L_G(\theta, \psi_k(\theta))\f$ with
  /// \f$\psi_0 = \psi,\; \psi_{j+1} = \psi_j - h\,\nabla_\psi L_D(\theta, \psi_j)\f$ (minimax::schemes::unrolled),
  /// exact, with the fake batch \f$x = G_\theta(\varepsilon)\f$ computed once.
  ///
  /// \f$\theta\f$ enters the unrolled steps only through \f$x\f$, so the adjoint recursion runs on the
  /// discriminator alone and ends in one generator backward pass:
  /// \f[ \lambda_k = \nabla_\psi L_G(x, \psi_k),\quad c = \nabla_x L_G(x, \psi_k)
  ///     - h \sum_{j<k} \nabla^2_{x\psi} L_D(x, \psi_j)\,\lambda_{j+1},\quad
  ///     \lambda_j = \lambda_{j+1} - h\,\nabla^2_{\psi\psi} L_D(x, \psi_j)\,\lambda_{j+1},\qquad
  ///     \frac{d}{d\theta} L_G = \Big(\frac{\partial x}{\partial\theta}\Big)^{\!\top} c, \f]
  /// where the second derivatives are the tangents along \f$\lambda_{j+1}\f$ of step j's discriminator
  /// passes (nn::sequential::forward_tangent and backward_tangent: forward-over-reverse on real
  /// batches). The discriminator's passes run over blocks of 64 samples, which stay in cache; the
  /// reverse sweep redoes step j's passes block by block rather than keep every step's tapes. It
  /// equals the general recursion of minimax::schemes::unrolled (which this game's Hessian-vector
  /// products also serve) at the cost of about one field evaluation plus \f$2k\f$ discriminator
  /// gradients and \f$k\f$ tangent passes. When `discriminator_field` is not null, the discriminator's
  /// field \f$v_\psi = -\nabla_\psi L_D(\theta, \psi)\f$ at the starting point is written there. Where the
  /// networks or the look-ahead overflow, the gradient is all NaN.
  /// \throws minimax::invalid_argument when `z` does not have dimension() entries, `step` is not
  /// positive and finite, or `k < 0`.
  Eigen::VectorXd unrolled_generator_gradient(const Eigen::VectorXd& z, double step, int k,
                                              Eigen::VectorXd* discriminator_field = nullptr) const {
    unrolled_workspace ws;
    return unrolled_generator_gradient(z, step, k, discriminator_field, ws);
  }
  /// The same in the caller's workspace `ws` (see unrolled_workspace).
  Eigen::VectorXd unrolled_generator_gradient(const Eigen::VectorXd& z, double step, int k,
                                              Eigen::VectorXd* discriminator_field, unrolled_workspace& ws) const {
    constexpr const char* fn = "minimax::games::mixture_gan::unrolled_generator_gradient";
    constexpr Eigen::Index nG = Generator::parameter_count, nD = Discriminator::parameter_count;
    constexpr int d = Discriminator::input_size;
    detail::require_state_size(fn, z.size(), nG + nD);
    require_positive(fn, "step", step);
    if (k < 0) raise_invalid_argument(fn, "the number of unrolled steps must be >= 0", k);
    const auto theta = z.head(nG);
    generator.forward(theta, noise, ws.gen_tape);
    const nn::batch<double, d>& fake = packed_fake(ws);
    // where the networks overflow, no gradient is defined: all NaN, which ends a run as non_finite
    const auto overflowed_gradient = [] { return Eigen::VectorXd::Constant(nG, overflowed<double>()); };
    if (!nn::detail::all_finite(fake)) {
      if (discriminator_field != nullptr) *discriminator_field = Eigen::VectorXd::Constant(nD, overflowed<double>());
      return overflowed_gradient();
    }
    // the look-ahead psi_0..psi_k (psi_0 = psi), each step one discriminator gradient
    std::vector<Eigen::VectorXd> path{z.tail(nD)};
    path.reserve(static_cast<std::size_t>(k) + 1);
    Eigen::VectorXd grad(nD);
    for (int j = 0; j < k || (j == 0 && discriminator_field != nullptr); ++j) {
      const Eigen::VectorXd& psi = path.back();
      grad.setZero();
      discriminator_passes(psi, nullptr, fake, grad, nullptr, nullptr, ws);
      if (j == 0 && discriminator_field != nullptr) *discriminator_field = -grad;
      if (j < k) {
        Eigen::VectorXd next = psi - step * grad;
        if (!next.allFinite()) return overflowed_gradient();
        path.push_back(std::move(next));
      }
    }
    // L_G at psi_k: lambda_k and the fakes' cotangent
    Eigen::VectorXd lambda = Eigen::VectorXd::Zero(nD);
    nn::batch<double, d>& cotangent = ws.cotangent;
    generator_loss_passes(path.back(), fake, lambda, cotangent, ws);
    if (!lambda.allFinite()) return overflowed_gradient();
    // second derivatives of L_D along (0, lambda): the tangents of the discriminator's passes at psi_j
    // along lambda (forward-over-reverse on real batches; the data carry no tangent)
    Eigen::VectorXd grad_dot(nD);
    for (int j = k - 1; j >= 0; --j) {
      // the passes at psi_j again, block by block (cheaper than keeping every step's tapes, which do
      // not fit in the cache); their gradient goes to `grad`, no longer needed
      grad_dot.setZero();
      discriminator_passes(path[static_cast<std::size_t>(j)], &lambda, fake, grad, &grad_dot, &cotangent, ws, step);
      lambda -= step * grad_dot;
      if (!lambda.allFinite()) return overflowed_gradient();
    }
    Eigen::VectorXd g = Eigen::VectorXd::Zero(nG);
    generator.backward(theta, ws.gen_tape, unpack(cotangent), g);
    return g;
  }

  /// \brief The generator gradient \f$\frac{d}{d\theta} L_G(\theta, \psi_k(\theta))\f$ unrolled through
  /// the discriminator's optimiser (minimax::schemes::unrolled_through): \f$\psi_{j+1}, s_{j+1}\f$ one
  /// step of `o` (schemes::look_ahead::sgd, look_ahead::momentum, look_ahead::adam) on
  /// \f$g_j = \nabla_\psi L_D(x, \psi_j)\f$ from the optimiser's state \f$s_0\f$ = `s`, exact, the
  /// dependence of the optimiser's velocity or moments on \f$\theta\f$ included.
  ///
  /// The adjoint recursion of the plain overload with the optimiser's reverse product
  /// (`o.adjoint`, see look_ahead.hpp) in place of the plain step's: with \f$\bar\psi_k = \nabla_\psi
  /// L_G(x, \psi_k)\f$, \f$\bar s_k = 0\f$, \f$c = \nabla_x L_G(x, \psi_k)\f$, for \f$j = k-1, \dots, 0\f$:
  /// \f[ (\bar\psi_j, \bar s_j, \bar g_j) = \mathrm{adjoint}_j(\bar\psi_{j+1}, \bar s_{j+1}),\quad
  ///     \bar\psi_j \mathrel{+}= \nabla^2_{\psi\psi} L_D(x, \psi_j)\,\bar g_j,\quad
  ///     c \mathrel{+}= \nabla^2_{x\psi} L_D(x, \psi_j)\,\bar g_j, \f]
  /// then \f$\frac{d}{d\theta} L_G = (\partial x/\partial\theta)^\top c\f$; the second derivatives are the
  /// discriminator passes' tangents along \f$\bar g_j\f$. The gradients \f$g_j\f$ of the forward sweep
  /// are kept (\f$k\f$ vectors of \f$|\psi|\f$). With look_ahead::sgd this is the plain overload with
  /// step \f$\eta\f$ (the same numbers). When `discriminator_field` is not null, \f$v_\psi =
  /// -\nabla_\psi L_D(\theta, \psi)\f$ at the starting point is written there. All NaN where the
  /// networks or the look-ahead overflow.
  /// \throws minimax::invalid_argument when `z` does not have dimension() entries, the state's sizes
  /// are not the discriminator's parameter count, or `k < 0`.
  template <schemes::look_ahead::optimiser O>
  Eigen::VectorXd unrolled_generator_gradient(const Eigen::VectorXd& z, const O& o, const typename O::state& s, int k,
                                              Eigen::VectorXd* discriminator_field = nullptr) const {
    unrolled_workspace ws;
    return unrolled_generator_gradient(z, o, s, k, discriminator_field, ws);
  }
  /// The same in the caller's workspace `ws` (see unrolled_workspace).
  template <schemes::look_ahead::optimiser O>
  Eigen::VectorXd unrolled_generator_gradient(const Eigen::VectorXd& z, const O& o, const typename O::state& s, int k,
                                              Eigen::VectorXd* discriminator_field, unrolled_workspace& ws) const {
    constexpr const char* fn = "minimax::games::mixture_gan::unrolled_generator_gradient";
    constexpr Eigen::Index nG = Generator::parameter_count, nD = Discriminator::parameter_count;
    constexpr int d = Discriminator::input_size;
    if constexpr (std::is_same_v<O, schemes::look_ahead::sgd>) {
      return unrolled_generator_gradient(z, o.learning_rate, k, discriminator_field, ws);
    } else {
      detail::require_state_size(fn, z.size(), nG + nD);
      o.check(s, nD);
      if (k < 0) raise_invalid_argument(fn, "the number of unrolled steps must be >= 0", k);
      const auto theta = z.head(nG);
      generator.forward(theta, noise, ws.gen_tape);
      const nn::batch<double, d>& fake = packed_fake(ws);
      const auto overflowed_gradient = [] { return Eigen::VectorXd::Constant(nG, overflowed<double>()); };
      if (!nn::detail::all_finite(fake)) {
        if (discriminator_field != nullptr) *discriminator_field = Eigen::VectorXd::Constant(nD, overflowed<double>());
        return overflowed_gradient();
      }
      // the look-ahead: psi_j, the optimiser's state s_j and the gradient g_j at each step
      std::vector<Eigen::VectorXd> path{z.tail(nD)}, grads;
      std::vector<typename O::state> states{s};
      path.reserve(static_cast<std::size_t>(k) + 1);
      for (int j = 0; j < k || (j == 0 && discriminator_field != nullptr); ++j) {
        Eigen::VectorXd grad = Eigen::VectorXd::Zero(nD);
        discriminator_passes(path.back(), nullptr, fake, grad, nullptr, nullptr, ws);
        if (j == 0 && discriminator_field != nullptr) *discriminator_field = -grad;
        if (j < k) {
          if (!grad.allFinite()) return overflowed_gradient();
          Eigen::VectorXd next = path.back();
          typename O::state after = states.back();
          o.step(next, after, grad);
          if (!next.allFinite()) return overflowed_gradient();
          path.push_back(std::move(next));
          states.push_back(std::move(after));
          grads.push_back(std::move(grad));
        }
      }
      Eigen::VectorXd lambda = Eigen::VectorXd::Zero(nD);
      nn::batch<double, d>& cotangent = ws.cotangent;
      generator_loss_passes(path.back(), fake, lambda, cotangent, ws);
      if (!lambda.allFinite()) return overflowed_gradient();
      typename O::state lambda_s = o.start(nD);
      Eigen::VectorXd lambda_g(nD), grad(nD), grad_dot(nD);
      for (int j = k - 1; j >= 0; --j) {
        const auto i = static_cast<std::size_t>(j);
        o.adjoint(states[i], grads[i], lambda, lambda_s, lambda_g);
        // H_psipsi lambda_g into grad_dot; the passes add -(-1) H_xpsi lambda_g to the fakes' cotangent
        grad.setZero();
        grad_dot.setZero();
        discriminator_passes(path[i], &lambda_g, fake, grad, &grad_dot, &cotangent, ws, -1.0);
        lambda += grad_dot;
        if (!lambda.allFinite()) return overflowed_gradient();
      }
      Eigen::VectorXd g = Eigen::VectorXd::Zero(nG);
      generator.backward(theta, ws.gen_tape, unpack(cotangent), g);
      return g;
    }
  }

 /// \brief The buffers of unrolled_generator_gradient(): the generator's tape and the discriminator's
  /// (for one block of columns at a time), their tangents and the packs.
  ///
  /// Each call without one allocates its own; a training loop that owns one workspace and passes it
  /// to every call reuses the memory (the results are the same to the last bit). Not thread-safe: one
  /// per thread.
  struct unrolled_workspace {
    typename Generator::template tape<double> gen_tape;                    ///< the generator's tape
    typename Discriminator::template tape<double> real_tape;               ///< the discriminator's tape, real samples
    typename Discriminator::template tape<double> fake_tape;               ///< the discriminator's tape, generated ones
    typename Discriminator::template tangent_tape<double> real_tangents;  ///< tangents on real samples
    typename Discriminator::template tangent_tape<double> fake_tangents;  ///< tangents on generated samples
    nn::batch<double, 1> d_real;                                           ///< the loss's seed on real samples
    nn::batch<double, 1> d_fake;                                           ///< the loss's seed on generated ones
    nn::batch<double, 1> d_real_dot;                                       ///< the tangent of d_real
    nn::batch<double, 1> d_fake_dot;                                       ///< the tangent of d_fake
    nn::batch<double, Discriminator::input_size> dx;                       ///< an input gradient
    nn::batch<double, Discriminator::input_size> cotangent;                ///< the gradient with respect to the fake batch
    nn::batch<double, Discriminator::input_size> packed_real;              ///< the real packs (Packing > 1)
    nn::batch<double, Discriminator::input_size> packed_fake;              ///< the fake packs (Packing > 1)
  };

 private:
  Eigen::Index batch_;

  // the gradient with respect to the packs, read back as one column per sample
  template <class T>
  static Eigen::Map<const nn::batch<T, Generator::output_size>> unpack(const nn::batch<T, Discriminator::input_size>& x) {
    return {x.data(), Generator::output_size, x.cols() * Packing};
  }


  // The fake packs of the generator's tape (its output itself without packing); with packing, also
  // the real packs into ws.packed_real.
  const nn::batch<double, Discriminator::input_size>& packed_fake(unrolled_workspace& ws) const {
    if constexpr (Packing == 1) {
      return ws.gen_tape.output();
    } else {
      ws.packed_fake = pack<double>(ws.gen_tape.output());
      ws.packed_real = Eigen::Map<const nn::batch<double, Discriminator::input_size>>(real.data(), Discriminator::input_size, packs());
      return ws.packed_fake;
    }
  }

  // The discriminator's passes run over blocks of this many samples: a block's activations stay in
  // the core's cache (a whole batch of 128 features by 512 samples does not); the losses are sums
  // over samples, so blocks add up to the batch's gradients.
  static constexpr Eigen::Index block_size = 64;

  // The value of a loss or gradient entry where the networks' outputs overflow.
  template <class T>
  static T overflowed() {
    return T(std::numeric_limits<double>::quiet_NaN());
  }

  // dy = l'(v) / n for one block of outputs v; NaN where v overflowed, so the gradient is NaN
  template <class Slope>
  void loss_seeds(const nn::batch<double, 1>& out, const Slope& slope, nn::batch<double, 1>& dy) const {
    const double inv_n = 1.0 / static_cast<double>(packs());
    dy.resize(1, out.cols());
    if (!nn::detail::all_finite(out)) {
      dy.setConstant(overflowed<double>());
      return;
    }
    for (Eigen::Index i = 0; i < out.cols(); ++i) dy(0, i) = slope(out(0, i)) * inv_n;
  }
  // dy_dot = l''(v) v_dot / n, by the slope on dual numbers
  template <class Slope>
  void loss_seed_tangents(const nn::batch<double, 1>& out, const nn::batch<double, 1>& out_dot, const Slope& slope,
                          nn::batch<double, 1>& dy_dot) const {
    const double inv_n = 1.0 / static_cast<double>(packs());
    dy_dot.resize(1, out.cols());
    for (Eigen::Index i = 0; i < out.cols(); ++i) {
      dy_dot(0, i) = slope(dual<double>(out(0, i), out_dot(0, i))).derivative * inv_n;
    }
  }

  // grad += grad_psi L_D(psi) on the real and fake batches; when lambda is not null, also
  // grad_dot += (d/dpsi grad_psi L_D) lambda and cotangent -= step (d/dx grad_psi L_D)^T lambda on the fakes
  void discriminator_passes(const Eigen::VectorXd& psi, const Eigen::VectorXd* lambda,
                            const nn::batch<double, Discriminator::input_size>& fake, Eigen::VectorXd& grad,
                            Eigen::VectorXd* grad_dot, nn::batch<double, Discriminator::input_size>* cotangent,
                            unrolled_workspace& ws, double step = 0) const {
    const auto real_slope = [&](const auto& v) { return detail::discriminator_real_slope(loss, v); };
    const auto fake_slope = [&](const auto& v) { return detail::discriminator_fake_slope(loss, v); };
    for (Eigen::Index c = 0; c < packs(); c += block_size) {
      const Eigen::Index b = std::min(block_size, packs() - c);
      if constexpr (Packing == 1) {
        discriminator.forward(psi, real.middleCols(c, b), ws.real_tape);
      } else {
        discriminator.forward(psi, ws.packed_real.middleCols(c, b), ws.real_tape);
      }
      discriminator.forward(psi, fake.middleCols(c, b), ws.fake_tape);
      loss_seeds(ws.real_tape.output(), real_slope, ws.d_real);
      loss_seeds(ws.fake_tape.output(), fake_slope, ws.d_fake);
      discriminator.backward(psi, ws.real_tape, ws.d_real, grad);
      discriminator.backward(psi, ws.fake_tape, ws.d_fake, grad);
      if (lambda == nullptr) continue;
      discriminator.forward_tangent(psi, *lambda, ws.real_tape, ws.real_tangents);
      discriminator.forward_tangent(psi, *lambda, ws.fake_tape, ws.fake_tangents);
      loss_seed_tangents(ws.real_tape.output(), ws.real_tangents.output(), real_slope, ws.d_real_dot);
      loss_seed_tangents(ws.fake_tape.output(), ws.fake_tangents.output(), fake_slope, ws.d_fake_dot);
      discriminator.backward_tangent(psi, *lambda, ws.real_tape, ws.real_tangents, ws.d_real_dot, *grad_dot);
      discriminator.backward_tangent(psi, *lambda, ws.fake_tape, ws.fake_tangents, ws.d_fake_dot, *grad_dot, &ws.dx);
      cotangent->middleCols(c, b) -= step * ws.dx;
    }
  }

  // lambda += grad_psi L_G(psi) and cotangent = grad_x L_G(psi) on the fakes
  void generator_loss_passes(const Eigen::VectorXd& psi, const nn::batch<double, Discriminator::input_size>& fake,
                             Eigen::VectorXd& lambda, nn::batch<double, Discriminator::input_size>& cotangent,
                             unrolled_workspace& ws) const {
    const auto slope = [&](const auto& v) { return detail::generator_slope(loss, v); };
    cotangent.resize(Discriminator::input_size, packs());
    for (Eigen::Index c = 0; c < packs(); c += block_size) {
      const Eigen::Index b = std::min(block_size, packs() - c);
      discriminator.forward(psi, fake.middleCols(c, b), ws.fake_tape);
      loss_seeds(ws.fake_tape.output(), slope, ws.d_fake);
      discriminator.backward(psi, ws.fake_tape, ws.d_fake, lambda, &ws.dx);
      cotangent.middleCols(c, b) = ws.dx;
    }
  }

  // Every requested gradient all NaN (the networks' outputs overflowed).
  template <class T>
  void overflowed_gradients(Eigen::VectorX<T>* field, Eigen::VectorX<T>* d_loss, Eigen::VectorX<T>* g_loss) const {
    for (Eigen::VectorX<T>* out : {field, d_loss, g_loss}) {
      if (out != nullptr) out->setConstant(dimension(), overflowed<T>());
    }
  }

  // One pass through both networks: the stacked gradients (grad_theta L_G, grad_psi L_D) into
  // `field`, grad_z L_D into `d_loss`, grad_z L_G into `g_loss` (which needs `field`), each when not null.
  template <class T>
  void gradients(const Eigen::VectorX<T>& z, std::type_identity_t<Eigen::VectorX<T>>* field,
                 std::type_identity_t<Eigen::VectorX<T>>* d_loss, std::type_identity_t<Eigen::VectorX<T>>* g_loss) const {
    constexpr Eigen::Index nG = Generator::parameter_count, nD = Discriminator::parameter_count;
    const auto theta = z.head(nG);
    const auto psi = z.tail(nD);
    typename Generator::template tape<T> gen_tape;
    typename Discriminator::template tape<T> real_tape, fake_tape;
    generator.forward(theta, noise.cast<T>(), gen_tape);
    if (!nn::detail::all_finite(gen_tape.output())) return overflowed_gradients(field, d_loss, g_loss);
    const nn::batch<T, Generator::output_size> real_t = real.cast<T>();
    discriminator.forward(psi, pack<T>(real_t), real_tape);
    discriminator.forward(psi, pack<T>(gen_tape.output()), fake_tape);
    if (!nn::detail::all_finite(real_tape.output()) || !nn::detail::all_finite(fake_tape.output())) {
      return overflowed_gradients(field, d_loss, g_loss);
    }
    nn::batch<T, 1> d_real, d_fake, g_fake;
    loss::discriminator_loss(loss, real_tape.output(), fake_tape.output(), &d_real, &d_fake);
    // the discriminator's loss: through D on both batches, and (for d_loss) on into G
    Eigen::VectorX<T> grad_psi = Eigen::VectorX<T>::Zero(nD);
    nn::batch<T, Discriminator::input_size> dx;
    discriminator.backward(psi, real_tape, d_real, grad_psi);
    discriminator.backward(psi, fake_tape, d_fake, grad_psi, d_loss != nullptr ? &dx : nullptr);
    if (d_loss != nullptr) {
      d_loss->setZero(nG + nD);
      d_loss->tail(nD) = grad_psi;
      Eigen::VectorX<T> grad_theta_d = Eigen::VectorX<T>::Zero(nG);
      generator.backward(theta, gen_tape, unpack(dx), grad_theta_d);
      d_loss->head(nG) = grad_theta_d;
    }
    if (field != nullptr) {
      loss::generator_loss(loss, fake_tape.output(), &g_fake);
      Eigen::VectorX<T> scratch = Eigen::VectorX<T>::Zero(nD);
      nn::batch<T, Discriminator::input_size> dfake;
      // the discriminator's forward tape on the fakes is reused: backward again with the generator's seed
      discriminator.backward(psi, fake_tape, g_fake, scratch, &dfake);
      Eigen::VectorX<T> grad_theta = Eigen::VectorX<T>::Zero(nG);
      generator.backward(theta, gen_tape, unpack(dfake), grad_theta);
      field->resize(nG + nD);
      field->head(nG) = grad_theta;
      field->tail(nD) = grad_psi;
      if (g_loss != nullptr) {
        g_loss->resize(nG + nD);
        g_loss->head(nG) = grad_theta;
        g_loss->tail(nD) = scratch;
      }
    }
  }
};

}  // namespace minimax::games
