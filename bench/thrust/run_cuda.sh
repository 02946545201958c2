#!/usr/bin/env bash
# The Thrust backend on a GPU machine: builds the CUDA tests and benchmarks with nvcc (no CMake
# package needed: Eigen's and Catch2's headers are looked for in $MINIMAX_GPU_INCLUDE, default
# .gpu/include, then /usr/include), runs the tests, compute-sanitizer's memcheck and racecheck over
# them, the examples, the benchmarks (not with MINIMAX_CUDA_SKIP_BENCH=1), and the PyTorch/JAX
# anchors of compare_gpu.py. Everything goes to $1 (default build/cuda-run).
# Usage: bench/thrust/run_cuda.sh [output folder]
set -uo pipefail
cd "$(dirname "$0")/../.."
out=${1:-build/cuda-run}
inc=${MINIMAX_GPU_INCLUDE:-.gpu/include}
arch=${MINIMAX_CUDA_ARCH:-sm_90}
mkdir -p "$out" build/cuda
nvcc_flags=(-std=c++20 -O3 -arch="$arch" --expt-relaxed-constexpr -diag-suppress=20012,20013,20014,20015
            -Iinclude -Itests/support -Ibench/thrust -isystem "$inc" -isystem "$inc/eigen3" -isystem /usr/include/eigen3
            -DTHRUST_DEVICE_SYSTEM=THRUST_DEVICE_SYSTEM_CUDA)
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader | tee "$out/device.txt"
nvcc --version | tail -1 | tee -a "$out/device.txt"

# Build everything in parallel.
g++ -std=c++20 -O2 -isystem "$inc" -c tests/support/catch_main.cpp -o build/cuda/catch_main.o &
for t in tests/thrust/*.cpp; do
  name=$(basename "$t" .cpp)
  nvcc "${nvcc_flags[@]}" -x cu -c "$t" -o "build/cuda/test_$name.o" > "build/cuda/test_$name.log" 2>&1 &
done
for b in bench/thrust/*.cpp; do
  [ -n "${MINIMAX_CUDA_SKIP_BENCH:-}" ] && break
  name=$(basename "$b" .cpp)
  nvcc "${nvcc_flags[@]}" -x cu "$b" -o "build/cuda/bench_$name" > "build/cuda/bench_$name.log" 2>&1 &
done
for e in examples/thrust/*.cpp; do
  name=$(basename "$e" .cpp)
  nvcc "${nvcc_flags[@]}" -x cu "$e" -o "build/cuda/example_$name" > "build/cuda/example_$name.log" 2>&1 &
done
wait
status=0
for e in examples/thrust/*.cpp; do
  name=$(basename "$e" .cpp)
  echo "== example $name (CUDA)" | tee -a "$out/tests.txt"
  if [ -x "build/cuda/example_$name" ]; then
    "build/cuda/example_$name" 2>&1 | tail -3 | tee -a "$out/tests.txt"; [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
  else
    echo "BUILD FAILED: example_$name"; tail -30 "build/cuda/example_$name.log"; status=1
  fi
done
for t in tests/thrust/*.cpp; do
  name=$(basename "$t" .cpp)
  if ! nvcc -arch="$arch" "build/cuda/test_$name.o" build/cuda/catch_main.o -o "build/cuda/test_$name" >> "build/cuda/test_$name.log" 2>&1; then
    echo "BUILD FAILED: test_$name"; tail -30 "build/cuda/test_$name.log"; status=1; continue
  fi
  echo "== test_$name (CUDA)"
  "build/cuda/test_$name" 2>&1 | tail -3 | tee -a "$out/tests.txt" || status=1
  for tool in memcheck racecheck; do
    echo "== compute-sanitizer --tool $tool test_$name" | tee -a "$out/sanitizer.txt"
    compute-sanitizer --tool "$tool" --error-exitcode 9 "build/cuda/test_$name" 2>&1 | tail -4 | tee -a "$out/sanitizer.txt"
    [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
  done
done
[ -n "${MINIMAX_CUDA_SKIP_BENCH:-}" ] && exit $status
for b in bench/thrust/*.cpp; do
  name=$(basename "$b" .cpp)
  [ -x "build/cuda/bench_$name" ] || { echo "BUILD FAILED: bench_$name"; tail -30 "build/cuda/bench_$name.log"; status=1; }
done
echo "== benchmarks" | tee "$out/bench.txt"
build/cuda/bench_divergence 100000000 7 2>&1 | tee -a "$out/bench.txt"
build/cuda/bench_ensemble 1000000 10000 1000 2>&1 | tee -a "$out/bench.txt"
build/cuda/bench_network_ensemble 1000000 200 100 2>&1 | tee -a "$out/bench.txt"
build/cuda/bench_sinkhorn 1024 256 100 "$out/sinkhorn_batch.bin" 2>&1 | tee -a "$out/bench.txt"
python3 bench/thrust/compare_gpu.py "$out/sinkhorn_batch.bin" 1000000 10000 2>&1 | tee -a "$out/bench.txt"
rm -f "$out/sinkhorn_batch.bin"

# The OMP system on two cores of this machine's processor (pinned, nothing else running): the
# quiet-machine measurement of the host path against the single-thread Eigen path.
if [ -d .gpu/host/thrust ]; then
  echo "== OMP on 2 cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2))" | tee -a "$out/bench.txt"
  for b in divergence ensemble; do
    g++ -std=c++20 -O3 -fopenmp -DNDEBUG -Iinclude -Ibench/thrust -isystem .gpu/host -isystem "$inc/eigen3" \
        -DTHRUST_DEVICE_SYSTEM=THRUST_DEVICE_SYSTEM_OMP "bench/thrust/$b.cpp" -o "build/cuda/omp_$b" || status=1
  done
  OMP_NUM_THREADS=2 taskset -c 2,3 build/cuda/omp_divergence 10000000 9 2>&1 | tee -a "$out/bench.txt"
  OMP_NUM_THREADS=2 taskset -c 2,3 build/cuda/omp_ensemble 100000 1000 50000 2>&1 | tee -a "$out/bench.txt"
fi
exit $status
