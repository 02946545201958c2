// Benchmarks of the nn and loss floors: one GAN training step (a discriminator step, then a generator
// step) on the configurations the PyTorch comparison in compare_nn.py runs, with the same shapes.
//   ring_step<T>/batch: the 8-Gaussian ring GAN of Metz et al. (2017): G: R^256 -> 128 -> 128 -> 2 (ReLU),
//                       D: 2 -> 128 -> 1 (ReLU), non-saturating loss, Adam for both players.
//   gan_lab_step:       a GAN Lab-sized GAN: G: 2 -> 8 -> 2, D: 2 -> 8 -> 1 (ReLU), batch 150, SGD, float.
//   ring_generator_dual_passes/batch: the ring generator's forward and backward passes on dual<double>.
// Inputs are drawn once before timing (in both programs), so the step itself is measured. The context
// line "products" says who runs the dense layers' large float and double products: Eigen, minimax's
// own kernel (nn/detail/gemm.hpp, compiled in for AVX2 + FMA targets such as -march=native), or the
// BLAS (a build with MINIMAX_USE_BLAS, which defines EIGEN_USE_BLAS).
#include <benchmark/benchmark.h>

#include <random>

#include <minimax/loss.hpp>
#include <minimax/nn.hpp>

namespace nn = minimax::nn;
namespace loss = minimax::loss;

namespace {

template <class G, class D, class T, class OptG, class OptD>
struct gan {
  G g{};
  D d{};
  nn::vector<T> theta;
  typename G::template tape<T> tg;
  typename D::template tape<T> tr, tf;
  nn::vector<T> grad_g, grad_d, scratch;
  nn::batch<T, 1> d_real, d_fake, d_gen;
  nn::batch<T, G::output_size> dx;
  OptG opt_g;
  OptD opt_d;
  gan(OptG og, OptD od) : theta(G::parameter_count + D::parameter_count), opt_g(og), opt_d(od) {
    std::mt19937_64 rng(1);
    g.initialise(theta.head(G::parameter_count), nn::he{}, rng);
    d.initialise(theta.tail(D::parameter_count), nn::he{}, rng);
    grad_g.resize(G::parameter_count);
    grad_d.resize(D::parameter_count);
    scratch.resize(D::parameter_count);
  }
  void step(const nn::batch<T, G::input_size>& z, const nn::batch<T, D::input_size>& x) {
    auto theta_g = theta.head(G::parameter_count);
    auto theta_d = theta.tail(D::parameter_count);
    const loss::non_saturating l;
    g.forward(theta_g, z, tg);
    d.forward(theta_d, x, tr);
    d.forward(theta_d, tg.output(), tf);
    benchmark::DoNotOptimize(loss::discriminator_loss(l, tr.output(), tf.output(), &d_real, &d_fake));
    grad_d.setZero();
    d.backward(theta_d, tr, d_real, grad_d);
    d.backward(theta_d, tf, d_fake, grad_d);
    opt_d.step(theta_d, grad_d);
    g.forward(theta_g, z, tg);
    d.forward(theta_d, tg.output(), tf);
    benchmark::DoNotOptimize(loss::generator_loss(l, tf.output(), &d_gen));
    scratch.setZero();
    d.backward(theta_d, tf, d_gen, scratch, &dx);
    grad_g.setZero();
    g.backward(theta_g, tg, dx, grad_g);
    opt_g.step(theta_g, grad_g);
  }
};

template <class T>
void ring_step(benchmark::State& state) {
  using G = nn::sequential<nn::dense<256, 128>, nn::relu, nn::dense<128, 128>, nn::relu, nn::dense<128, 2>>;
  using D = nn::sequential<nn::dense<2, 128>, nn::relu, nn::dense<128, 1>>;
  const int n = static_cast<int>(state.range(0));
  gan<G, D, T, nn::adam<T>, nn::adam<T>> model{nn::adam<T>{T(1e-4), T(0.5)}, nn::adam<T>{T(1e-4), T(0.5)}};
  const nn::batch<T, 256> z = nn::batch<T, 256>::Random(256, n);
  const nn::batch<T, 2> x = nn::batch<T, 2>::Random(2, n);
  for (auto _ : state) model.step(z, x);
  // multiply-adds of one step: G forward twice, G backward (weights, and inputs of layers 2-3),
  // D forward three times and backward three times (weights and inputs)
  const double g_mac = 256.0 * 128 + 128.0 * 128 + 128.0 * 2, d_mac = 2.0 * 128 + 128;
  const double macs = n * (3 * g_mac + (128.0 * 128 + 128.0 * 2) + 3 * d_mac + 3 * d_mac + 3 * 128.0);
  state.counters["FLOP/s"] = benchmark::Counter(2 * macs, benchmark::Counter::kIsIterationInvariantRate);
}

void gan_lab_step(benchmark::State& state) {
  using T = float;
  using G = nn::sequential<nn::dense<2, 8>, nn::relu, nn::dense<8, 2>>;
  using D = nn::sequential<nn::dense<2, 8>, nn::relu, nn::dense<8, 1>>;
  gan<G, D, T, nn::sgd<T>, nn::sgd<T>> model{nn::sgd<T>{T(0.05)}, nn::sgd<T>{T(0.05)}};
  const nn::batch<T, 2> z = nn::batch<T, 2>::Random(2, 150);
  const nn::batch<T, 2> x = nn::batch<T, 2>::Random(2, 150);
  for (auto _ : state) model.step(z, x);
}

// The ring generator's forward and backward passes on dual numbers, as a Hessian-vector product
// (nn::hessian_vector_product) or a network game's Jacobian (minimax::jacobian) runs them: the dense
// layers on dual<double>, one direction seeded in the parameters and the input.
void ring_generator_dual_passes(benchmark::State& state) {
  using T = minimax::dual<double>;
  using G = nn::sequential<nn::dense<256, 128>, nn::relu, nn::dense<128, 128>, nn::relu, nn::dense<128, 2>>;
  const int n = static_cast<int>(state.range(0));
  const G g;
  std::mt19937_64 rng(1);
  nn::vector<double> values(G::parameter_count);
  g.initialise(values, nn::he{}, rng);
  const nn::vector<double> direction = nn::vector<double>::Random(G::parameter_count);
  const nn::vector<T> theta = values.binaryExpr(direction, [](double v, double d) { return T(v, d); });
  const nn::batch<T, 256> z = nn::batch<double, 256>::Random(256, n).binaryExpr(
      nn::batch<double, 256>::Random(256, n), [](double v, double d) { return T(v, d); });
  const nn::batch<T, 2> dy = nn::batch<T, 2>::Ones(2, n);
  typename G::template tape<T> tape;
  nn::vector<T> grad(G::parameter_count);
  for (auto _ : state) {
    g.forward(theta, z, tape);
    grad.setZero();
    g.backward(theta, tape, dy, grad);
    benchmark::DoNotOptimize(grad.data());
  }
}

}  // namespace

BENCHMARK(ring_generator_dual_passes)->Arg(512)->Unit(benchmark::kMicrosecond);
BENCHMARK_TEMPLATE(ring_step, float)->Arg(512)->Arg(64)->Unit(benchmark::kMicrosecond);
BENCHMARK_TEMPLATE(ring_step, double)->Arg(512)->Arg(64)->Unit(benchmark::kMicrosecond);
BENCHMARK(gan_lab_step)->Unit(benchmark::kMicrosecond);
int main(int argc, char** argv) {
  benchmark::AddCustomContext("products", nn::detail::dense_products);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
