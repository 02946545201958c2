// Benchmarks of the pmf f-divergences at 10^7 bins (and 10^5): KL, JSD, entropy, total variation,
// and the generic perspective loop for comparison with the vectorised kernels. `read_bound` is the
// streaming-read bound that the kernels are measured against: one vectorised pass summing p and q
// (the same 2n doubles the divergences read, 160 MB at 10^7 bins), nothing else.
//
// Inputs: when MINIMAX_BENCH_INPUT names a file (uint64 n, then n doubles of p, then n of q: what
// compare_f_divergences.py writes), p and q are read from it, so SciPy and minimax see the same
// numbers; otherwise pmfs are made here from a fixed seed. Each benchmark reports the value it
// computed as the counter "value".
#include <benchmark/benchmark.h>

#include <Eigen/Core>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>

#include <minimax/divergence/entropy.hpp>
#include <minimax/divergence/jsd.hpp>
#include <minimax/divergence/kl.hpp>
#include <minimax/divergence/total_variation.hpp>

namespace mm = minimax;

namespace {

struct inputs {
  Eigen::VectorXd p, q;
};

Eigen::VectorXd make_pmf(std::uint64_t seed, Eigen::Index n) {
  std::mt19937_64 engine(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  Eigen::VectorXd p(n);
  for (Eigen::Index i = 0; i < n; ++i) p(i) = u(engine);
  return p / p.sum();
}

inputs read_or_make(Eigen::Index n) {
  if (const char* path = std::getenv("MINIMAX_BENCH_INPUT")) {
    std::ifstream in(path, std::ios::binary);
    std::uint64_t size = 0;
    in.read(reinterpret_cast<char*>(&size), sizeof size);
    inputs x{Eigen::VectorXd(static_cast<Eigen::Index>(size)), Eigen::VectorXd(static_cast<Eigen::Index>(size))};
    in.read(reinterpret_cast<char*>(x.p.data()), static_cast<std::streamsize>(size * sizeof(double)));
    in.read(reinterpret_cast<char*>(x.q.data()), static_cast<std::streamsize>(size * sizeof(double)));
    if (!in) throw std::runtime_error(std::string("cannot read ") + path);
    return x;
  }
  return {make_pmf(1, n), make_pmf(2, n)};
}

const inputs& data(Eigen::Index n) {
  static inputs big = read_or_make(10'000'000);
  static inputs small{make_pmf(3, 100'000), make_pmf(4, 100'000)};
  return n == 100'000 ? small : big;
}

template <class Fn>
void run(benchmark::State& state, Fn fn) {
  const auto& x = data(state.range(0));
  double value = 0;
  for (auto _ : state) {
    value = fn(x.p, x.q);
    benchmark::DoNotOptimize(value);
  }
  state.counters["value"] = value;
  state.SetItemsProcessed(state.iterations() * x.p.size());
}

void kl(benchmark::State& s) { run(s, [](const auto& p, const auto& q) { return mm::kl(p, q); }); }
void jsd(benchmark::State& s) { run(s, [](const auto& p, const auto& q) { return mm::jsd(p, q); }); }
void entropy(benchmark::State& s) { run(s, [](const auto& p, const auto&) { return mm::entropy(p); }); }
void total_variation(benchmark::State& s) {
  run(s, [](const auto& p, const auto& q) { return mm::total_variation(p, q); });
}
// The memory bound: sum_i (p_i + q_i) in one vectorised pass over both arrays.
void read_bound(benchmark::State& s) {
  run(s, [](const auto& p, const auto& q) { return (p.array() + q.array()).sum(); });
}
void kl_generic_loop(benchmark::State& s) {
  run(s, [](const auto& p, const auto& q) {
    mm::detail::contiguous_vector<double> pv, qv;
    mm::detail::view_dense("bench", "p", p, pv);
    mm::detail::view_dense("bench", "q", q, qv);
    return mm::detail::f_divergence_generic<mm::f::kl>("bench", pv, qv);
  });
}

}  // namespace

BENCHMARK(read_bound)->Arg(100'000)->Arg(10'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK(kl)->Arg(100'000)->Arg(10'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK(jsd)->Arg(100'000)->Arg(10'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK(entropy)->Arg(100'000)->Arg(10'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK(total_variation)->Arg(10'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK(kl_generic_loop)->Arg(10'000'000)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
