// KL and JSD of large pmfs: the Eigen backend on one thread against the Thrust backend (OMP
// threads, or a GPU), and on a GPU the fraction of the device-to-device copy bandwidth reached.
// Usage: bench_thrust_divergence [bins] [repeats]
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

#include <Eigen/Core>
#include <thrust/copy.h>
#include <thrust/device_vector.h>

#include "minimax/divergence/jsd.hpp"
#include "minimax/divergence/kl.hpp"
#include "minimax/thrust.hpp"
#include "timing.hpp"

int main(int argc, char** argv) {
  const long n = argc > 1 ? std::atol(argv[1]) : 10'000'000;
  const int repeats = argc > 2 ? std::atoi(argv[2]) : 7;
  std::mt19937_64 gen(1);
  std::uniform_real_distribution<double> u(0.01, 1.0);
  std::vector<double> p(static_cast<std::size_t>(n)), q(static_cast<std::size_t>(n));
  double sp = 0, sq = 0;
  for (long i = 0; i < n; ++i) {
    sp += (p[static_cast<std::size_t>(i)] = u(gen));
    sq += (q[static_cast<std::size_t>(i)] = u(gen));
  }
  for (long i = 0; i < n; ++i) {
    p[static_cast<std::size_t>(i)] /= sp;
    q[static_cast<std::size_t>(i)] /= sq;
  }
  const thrust::device_vector<double> dp(p.begin(), p.end()), dq(q.begin(), q.end());
  const Eigen::Map<const Eigen::VectorXd> ep(p.data(), n), eq(q.data(), n);

  double kl_eigen = 0, kl_thrust = 0, jsd_eigen = 0, jsd_thrust = 0;
  const double t_kl_thrust = median_seconds(repeats, [&] { kl_thrust = minimax::kl(thrust::device, dp, dq); });
  const double t_jsd_thrust = median_seconds(repeats, [&] { jsd_thrust = minimax::jsd(thrust::device, dp, dq); });
  const double t_kl_eigen = median_seconds(repeats, [&] { kl_eigen = minimax::kl(ep, eq); });
  const double t_jsd_eigen = median_seconds(repeats, [&] { jsd_eigen = minimax::jsd(ep, eq); });
  std::printf("system %s, %ld bins, median of %d runs\n", bench_system(), n, repeats);
  std::printf("| divergence | Eigen, 1 thread (ms) | Thrust %s (ms) | speed-up | |difference| |\n", bench_system());
  std::printf("|---|---|---|---|---|\n");
  std::printf("| KL | %.2f | %.2f | %.2fx | %.1e |\n", 1e3 * t_kl_eigen, 1e3 * t_kl_thrust, t_kl_eigen / t_kl_thrust,
              std::abs(kl_eigen - kl_thrust));
  std::printf("| JSD | %.2f | %.2f | %.2fx | %.1e |\n", 1e3 * t_jsd_eigen, 1e3 * t_jsd_thrust,
              t_jsd_eigen / t_jsd_thrust, std::abs(jsd_eigen - jsd_thrust));
#if THRUST_DEVICE_SYSTEM == THRUST_DEVICE_SYSTEM_CUDA
  // The bandwidth anchor: a device-to-device copy of one pmf moves 2 x 8 n bytes (read + write);
  // a divergence reads 2 x 8 n bytes.
  thrust::device_vector<double> sink(static_cast<std::size_t>(n));
  const double t_copy = median_seconds(repeats, [&] { thrust::copy(dp.begin(), dp.end(), sink.begin()); });
  const double bytes = 16.0 * static_cast<double>(n);
  std::printf("copy: %.1f GB/s; KL %.1f GB/s (%.0f%% of copy); JSD %.1f GB/s (%.0f%% of copy)\n",
              bytes / t_copy / 1e9, bytes / t_kl_thrust / 1e9, 100 * t_copy / t_kl_thrust,
              bytes / t_jsd_thrust / 1e9, 100 * t_copy / t_jsd_thrust);
#endif
  return 0;
}
