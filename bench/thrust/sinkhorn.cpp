// Batched log-domain Sinkhorn: problems of n points against m points in d dimensions, a fixed
// number of iterations (tolerance 0, no epsilon scaling) so that other implementations can run
// exactly the same work. Writes the problems and the costs found to files for compare_gpu.py.
// Usage: bench_thrust_sinkhorn [problems] [points] [iterations] [data file]
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <vector>

#include "minimax/thrust.hpp"
#include "timing.hpp"

int main(int argc, char** argv) {
  const long problems = argc > 1 ? std::atol(argv[1]) : 1024;
  const long points = argc > 2 ? std::atol(argv[2]) : 256;
  const long iterations = argc > 3 ? std::atol(argv[3]) : 100;
  const char* file = argc > 4 ? argv[4] : "sinkhorn_batch.bin";
  const int d = 2;
  const double eps = 0.05;
  std::mt19937_64 gen(3);
  std::normal_distribution<double> z(0.0, 1.0);
  std::vector<double> x, y, a(static_cast<std::size_t>(problems * points), 1.0 / static_cast<double>(points));
  std::vector<double> b = a;
  for (long k = 0; k < problems; ++k) {
    for (long i = 0; i < points * d; ++i) x.push_back(z(gen));
    for (long i = 0; i < points * d; ++i) y.push_back(1.0 + 0.5 * z(gen));
  }
  minimax::sinkhorn_options opts;
  opts.tolerance = 0.0;
  opts.epsilon_scaling = false;
  opts.max_iterations = static_cast<std::size_t>(iterations);
  const minimax::transport_batch shape{problems, points, points, d};
  minimax::sinkhorn_batch_result out;
  const double t = median_seconds(3, [&] { out = minimax::sinkhorn_batch(thrust::device, shape, x, a, y, b, eps, opts); });
  double mean = 0;
  for (const double c : out.cost) mean += c / static_cast<double>(problems);
  std::printf("system %s: %ld problems of %ld x %ld points (d = %d), eps = %g, %ld iterations\n", bench_system(),
              problems, points, points, d, eps, iterations);
  std::printf("minimax::sinkhorn_batch: %.2f ms (%.3f ms per iteration), mean transport cost %.12f\n", 1e3 * t,
              1e3 * t / static_cast<double>(iterations), mean);
  std::ofstream f(file, std::ios::binary);
  const long header[4] = {problems, points, d, iterations};
  f.write(reinterpret_cast<const char*>(header), sizeof header);
  f.write(reinterpret_cast<const char*>(&eps), sizeof eps);
  f.write(reinterpret_cast<const char*>(x.data()), static_cast<std::streamsize>(x.size() * sizeof(double)));
  f.write(reinterpret_cast<const char*>(y.data()), static_cast<std::streamsize>(y.size() * sizeof(double)));
  f.write(reinterpret_cast<const char*>(out.cost.data()), static_cast<std::streamsize>(out.cost.size() * sizeof(double)));
  f.write(reinterpret_cast<const char*>(&t), sizeof t);
  return 0;
}
