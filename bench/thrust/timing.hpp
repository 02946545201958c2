#pragma once
// Timing for the Thrust benchmarks: the median of repeated runs of a callable, in seconds. These
// programs are plain (no Google Benchmark) so that the same sources build with nvcc on a GPU machine.
#include <algorithm>
#include <chrono>
#include <vector>

#include <thrust/system_error.h>

#if THRUST_DEVICE_SYSTEM == THRUST_DEVICE_SYSTEM_CUDA
#include <cuda_runtime.h>
inline void bench_sync() { cudaDeviceSynchronize(); }
inline const char* bench_system() { return "CUDA"; }
#elif THRUST_DEVICE_SYSTEM == THRUST_DEVICE_SYSTEM_OMP
#include <omp.h>
inline void bench_sync() {}
inline const char* bench_system() { return "OMP"; }
#else
inline void bench_sync() {}
inline const char* bench_system() { return "CPP"; }
#endif

template <class F>
double median_seconds(int repeats, F&& run) {
  run();  // warm-up
  bench_sync();
  std::vector<double> t;
  for (int r = 0; r < repeats; ++r) {
    const auto start = std::chrono::steady_clock::now();
    run();
    bench_sync();
    t.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}
