// A 1-D GAN trained with the nn and loss floors: networks as types, one flat parameter vector for the
// whole game with named views, hand-written backward passes, the non-saturating loss with an R1
// penalty whose parameter gradient comes from forward-over-reverse, and Adam.
#include <cmath>
#include <cstdio>
#include <random>

#include <minimax/loss.hpp>
#include <minimax/nn.hpp>

namespace mm = minimax;
namespace nn = mm::nn;

int main() {
  //! [networks]
  using generator = nn::sequential<nn::dense<1, 16>, nn::tanh, nn::dense<16, 1>>;
  using discriminator = nn::sequential<nn::dense<1, 32>, nn::leaky_relu, nn::dense<32, 1>>;
  const generator g{};
  const discriminator d{};

  // One contiguous vector holds both players; head/tail are views into it.
  nn::vector<double> theta(generator::parameter_count + discriminator::parameter_count);
  auto theta_g = theta.head(generator::parameter_count);
  auto theta_d = theta.tail(discriminator::parameter_count);
  std::mt19937_64 rng(7);
  g.initialise(theta_g, nn::glorot{}, rng);
  d.initialise(theta_d, nn::he{}, rng);
  //! [networks]

  //! [training step]
  const mm::loss::non_saturating gan;
  const mm::loss::r1 r1{0.5};
  nn::adam opt_g{1e-3, 0.5, 0.999}, opt_d{1e-3, 0.5, 0.999};
  const int n = 64;
  std::normal_distribution<double> data(2.0, 0.5), noise(0.0, 1.0);
  nn::batch<double, 1> x(1, n), z(1, n), d_real, d_fake, d_gen;
  nn::batch<double, 1> dx;  // gradient of the generator's loss with respect to G(z)
  generator::tape<double> tg;
  discriminator::tape<double> tr, tf;
  nn::vector<double> grad_g(generator::parameter_count), grad_d(discriminator::parameter_count);
  nn::vector<double> unused(discriminator::parameter_count);
  for (int step = 0; step < 2000; ++step) {
    for (auto& v : x.reshaped()) v = data(rng);
    for (auto& v : z.reshaped()) v = noise(rng);
    // discriminator: L_D + R1 at the real samples
    g.forward(theta_g, z, tg);
    d.forward(theta_d, x, tr);
    d.forward(theta_d, tg.output(), tf);
    mm::loss::discriminator_loss(gan, tr.output(), tf.output(), &d_real, &d_fake);
    grad_d.setZero();
    d.backward(theta_d, tr, d_real, grad_d);
    d.backward(theta_d, tf, d_fake, grad_d);
    r1.penalty(d, theta_d, x, grad_d);
    opt_d.step(theta_d, grad_d);
    // generator: L_G back through D (its parameter gradient is not needed) and then through G
    d.forward(theta_d, tg.output(), tf);
    mm::loss::generator_loss(gan, tf.output(), &d_gen);
    unused.setZero();
    d.backward(theta_d, tf, d_gen, unused, &dx);
    grad_g.setZero();
    g.backward(theta_g, tg, dx, grad_g);
    opt_g.step(theta_g, grad_g);
  }
  //! [training step]

  for (auto& v : z.reshaped()) v = noise(rng);
  const auto samples = g(theta_g, z);
  const double mean = samples.mean();
  const double sd = std::sqrt((samples.array() - mean).square().mean());
  std::printf("data: N(2, 0.5^2); generated: mean %.3f, sd %.3f over %d samples\n", mean, sd, n);

  //! [hessian vector product]
  // Second derivatives: the same backward pass on dual numbers gives H v.
  nn::batch<double, 1> probe = nn::batch<double, 1>::LinSpaced(8, -1.0, 1.0).transpose();
  auto objective = [&](const auto& th, auto& grad) {  // f(theta_d) = mean over probe of D's output
    using T = typename std::decay_t<decltype(th)>::Scalar;
    discriminator::tape<T> t;
    d.forward(th, probe.cast<T>(), t);
    d.backward(th, t, nn::batch<T, 1>::Constant(1, probe.cols(), T(1.0 / probe.cols())), grad);
    return t.output().mean();
  };
  const nn::vector<double> v = nn::vector<double>::Ones(discriminator::parameter_count);
  const nn::vector<double> hv = nn::hessian_vector_product(objective, nn::vector<double>(theta_d), v);
  std::printf("|H v| for the discriminator's mean output: %.6f\n", hv.norm());
  //! [hessian vector product]

  //! [tangent passes]
  // The same H v on real batches: the tangents of the forward and backward passes along v, on the
  // tape of an ordinary pass (the seed dy = 1/n is constant, so its tangent is zero).
  discriminator::tape<double> tape;
  discriminator::tangent_tape<double> tangents;
  const nn::batch<double, 1> seed = nn::batch<double, 1>::Constant(1, probe.cols(), 1.0 / probe.cols());
  nn::vector<double> gradient_d = nn::vector<double>::Zero(discriminator::parameter_count);
  nn::vector<double> hv_tangent = nn::vector<double>::Zero(discriminator::parameter_count);
  d.forward(theta_d, probe, tape);
  d.backward(theta_d, tape, seed, gradient_d);
  d.forward_tangent(theta_d, v, tape, tangents);
  d.backward_tangent(theta_d, v, tape, tangents, nn::batch<double, 1>::Zero(1, probe.cols()), hv_tangent);
  std::printf("the same by tangent passes: |H v| = %.6f, difference %.1e\n", hv_tangent.norm(), (hv_tangent - hv).norm());
  //! [tangent passes]
  return 0;
}
