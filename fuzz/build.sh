#!/usr/bin/env bash
# Builds and runs the libFuzzer targets for minimax-lab's file readers (Debian's clang).
#   fuzz/build.sh [seconds per target, default 60] [output folder, default build/fuzz]
# Binaries and corpora go to the output folder; a crash leaves its input there and fails the script.
# ctest runs it for a bounded time (the test "fuzz: the lab's CSV and JSON readers").
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
out="${2:-build/fuzz}"
mkdir -p "$out"
for target in csv json; do
  "${CXX_FUZZ:-clang++}" -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
    fuzz/fuzz_${target}.cpp apps/lab/${target}.cpp -o "$out/fuzz_${target}"
  mkdir -p "$out/corpus_${target}"
  cp fuzz/seeds/${target}/* "$out/corpus_${target}/" 2>/dev/null || true
  echo "fuzz_${target}: running for ${seconds} s"
  "$out/fuzz_${target}" -max_total_time="$seconds" -max_len=4096 -artifact_prefix="$out/crash_${target}_" \
    "$out/corpus_${target}" 2>&1 | tail -n 3
done
