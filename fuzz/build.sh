#!/usr/bin/env bash
# Builds and runs the libFuzzer targets for minimax-lab's file readers (Debian's clang): CSV, JSON and
# the training checkpoints.
#   fuzz/build.sh [seconds per target, default 60] [output folder, default build/fuzz]
# Binaries and corpora go to the output folder; a crash leaves its input there and fails the script.
# ctest runs it for a bounded time (the test "fuzz: the lab's CSV, JSON and checkpoint readers").
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
out="${2:-build/fuzz}"
mkdir -p "$out"
for target in csv json checkpoint; do
  sources=(apps/lab/${target}.cpp)
  [ "$target" = checkpoint ] && sources+=(apps/lab/json.cpp)  # the checkpoint is read as JSON first
  "${CXX_FUZZ:-clang++}" -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
    -Iinclude -I"${EIGEN_INCLUDE:-/usr/include/eigen3}" fuzz/fuzz_${target}.cpp "${sources[@]}" -o "$out/fuzz_${target}"
  mkdir -p "$out/corpus_${target}"
  cp fuzz/seeds/${target}/* "$out/corpus_${target}/" 2>/dev/null || true
  echo "fuzz_${target}: running for ${seconds} s"
  max_len=4096
  [ "$target" = checkpoint ] && max_len=16384  # its seeds, small games' checkpoints, are about 7 kB
  "$out/fuzz_${target}" -max_total_time="$seconds" -max_len="$max_len" -artifact_prefix="$out/crash_${target}_" \
    "$out/corpus_${target}" 2>&1 | tail -n 3
done
