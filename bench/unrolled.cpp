// One training step of the unrolled GAN (Metz et al. 2017) on the 8-Gaussian ring, the computation
// compare_unrolled.py times in PyTorch (torch.autograd with create_graph=True) with the same shapes.
//
//   unrolled_step<Latent>/k: G: R^Latent -> 128 -> 128 -> 2 (ReLU), D: 2 -> 128 -> 1 (ReLU),
//   non-saturating loss, batch 512, double. One step = the generator's exact gradient through k
//   unrolled discriminator steps (plain gradient steps of 0.1) together with the discriminator's own
//   gradient (games::mixture_gan::unrolled_generator_gradient), then an Adam step (1e-4, 0.5, 0.999)
//   for each player. k = 0 is the plain GAN step. Latent 256 is the paper's; 16 is what
//   bench_mode_coverage uses. The batches are drawn once before timing (in both programs). The loop
//   owns one unrolled_workspace and passes it to every call; the `false` variants pass none.
#include <benchmark/benchmark.h>

#include <minimax/games/mixture_gan.hpp>
#include <minimax/loss.hpp>
#include <minimax/nn.hpp>
#include <minimax/prob/ring.hpp>

namespace mm = minimax;
namespace nn = minimax::nn;

namespace {

template <int Latent, bool OwnWorkspace = true>
void unrolled_step(benchmark::State& state) {
  using generator_type = nn::sequential<nn::dense<Latent, 128>, nn::relu, nn::dense<128, 128>, nn::relu, nn::dense<128, 2>>;
  using discriminator_type = nn::sequential<nn::dense<2, 128>, nn::relu, nn::dense<128, 1>>;
  using game_type = mm::games::mixture_gan<generator_type, discriminator_type, mm::loss::non_saturating>;
  const int k = static_cast<int>(state.range(0));
  mm::rng rng(1);
  const game_type game(mm::ring(8, 2.0, 0.02), 512, rng);
  Eigen::VectorXd z = game.init(nn::he{}, rng);
  const Eigen::Index nG = game.generator_dimension(), nD = z.size() - nG;
  nn::adam<double> adam_g(1e-4, 0.5, 0.999), adam_d(1e-4, 0.5, 0.999);
  Eigen::VectorXd v_psi;
  typename game_type::unrolled_workspace workspace;
  for (auto _ : state) {
    const Eigen::VectorXd g_theta = OwnWorkspace ? game.unrolled_generator_gradient(z, 0.1, k, &v_psi, workspace)
                                                 : game.unrolled_generator_gradient(z, 0.1, k, &v_psi);
    adam_g.step(z.head(nG), g_theta);
    adam_d.step(z.tail(nD), Eigen::VectorXd(-v_psi));
    benchmark::DoNotOptimize(z.data());
  }
}

}  // namespace

BENCHMARK_TEMPLATE(unrolled_step, 256)->Arg(5)->Arg(0)->Unit(benchmark::kMicrosecond);
BENCHMARK_TEMPLATE(unrolled_step, 16)->Arg(5)->Arg(0)->Unit(benchmark::kMicrosecond);
// The same without a workspace: each call allocates its buffers (the tapes of a batch of 512).
BENCHMARK_TEMPLATE(unrolled_step, 256, false)->Arg(5)->Arg(0)->Unit(benchmark::kMicrosecond);
BENCHMARK_TEMPLATE(unrolled_step, 16, false)->Arg(5)->Arg(0)->Unit(benchmark::kMicrosecond);

BENCHMARK_MAIN();
