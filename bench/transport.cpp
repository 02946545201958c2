// Benchmarks of the transport distances, on the inputs that bench/compare_transport.py gives the
// anchors (SciPy, POT): when MINIMAX_TRANSPORT_DATA names a folder, the samples are read from its
// raw little-endian double files (u.bin, v.bin: 10^6 values; x.bin, y.bin: 2000 x 2, row-major);
// otherwise the same shapes are drawn here. Each benchmark reports the value it computed as a
// counter, so the script can check that both sides solved the same problem.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include <Eigen/Core>
#include <minimax/divergence/emd.hpp>
#include <minimax/divergence/sinkhorn.hpp>
#include <minimax/divergence/wasserstein_1d.hpp>

namespace {

std::vector<double> load(const std::string& name, std::size_t count, unsigned seed) {
  std::vector<double> values(count);
  if (const char* dir = std::getenv("MINIMAX_TRANSPORT_DATA")) {
    std::ifstream in(std::string(dir) + "/" + name, std::ios::binary);
    in.read(reinterpret_cast<char*>(values.data()), static_cast<std::streamsize>(count * sizeof(double)));
    if (in.gcount() != static_cast<std::streamsize>(count * sizeof(double))) {
      std::fprintf(stderr, "bench_transport: cannot read %zu doubles from %s/%s\n", count, dir, name.c_str());
      std::exit(2);
    }
    return values;
  }
  std::mt19937_64 gen(seed);
  std::uniform_real_distribution<double> u(0, 1);
  for (auto& v : values) v = u(gen);
  return values;
}

const Eigen::MatrixXd& cloud(const std::string& name, unsigned seed) {
  static std::vector<std::pair<std::string, Eigen::MatrixXd>> cache;
  for (auto& [n, m] : cache)
    if (n == name) return m;
  const auto v = load(name, 4000, seed);
  Eigen::MatrixXd x(2000, 2);
  for (int i = 0; i < 2000; ++i)
    for (int k = 0; k < 2; ++k) x(i, k) = v[static_cast<std::size_t>(2 * i + k)];
  cache.emplace_back(name, x);
  return cache.back().second;
}

void w1_1d_1e6(benchmark::State& state) {
  const auto u = load("u.bin", 1'000'000, 1), v = load("v.bin", 1'000'000, 2);
  const Eigen::Map<const Eigen::VectorXd> eu(u.data(), 1'000'000), ev(v.data(), 1'000'000);
  double w = 0;
  for (auto _ : state) {
    w = minimax::wasserstein_1d(eu, ev, 1.0);
    benchmark::DoNotOptimize(w);
  }
  state.counters["value"] = w;
}
BENCHMARK(w1_1d_1e6)->Unit(benchmark::kMillisecond);

void emd_2000(benchmark::State& state) {
  const Eigen::MatrixXd c = minimax::cost_matrix(cloud("x.bin", 3), cloud("y.bin", 4), minimax::costs::euclidean{});
  const Eigen::VectorXd a = Eigen::VectorXd::Constant(2000, 1.0 / 2000);
  minimax::emd_result<double> r;
  for (auto _ : state) {
    r = minimax::emd(a, a, c);
    benchmark::DoNotOptimize(r.cost);
  }
  state.counters["value"] = r.cost;
  state.counters["pivots"] = static_cast<double>(r.iterations);
}
BENCHMARK(emd_2000)->Unit(benchmark::kMillisecond);

void sinkhorn_2000(benchmark::State& state) {
  const Eigen::MatrixXd c = minimax::cost_matrix(cloud("x.bin", 3), cloud("y.bin", 4), minimax::costs::euclidean{});
  const Eigen::VectorXd a = Eigen::VectorXd::Constant(2000, 1.0 / 2000);
  minimax::sinkhorn_options o;
  o.tolerance = 1e-9;
  o.epsilon_scaling = state.range(0) != 0;
  minimax::sinkhorn_result<double> r;
  for (auto _ : state) {
    r = minimax::sinkhorn(a, a, c, 0.05, o);
    benchmark::DoNotOptimize(r.cost);
  }
  state.counters["value"] = r.cost;
  state.counters["iterations"] = static_cast<double>(r.iterations);
  state.counters["marginal_error_l1"] = r.marginal_error;
  state.counters["converged"] = r.converged;
}
BENCHMARK(sinkhorn_2000)->Arg(1)->Arg(0)->ArgName("epsilon_scaling")->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
