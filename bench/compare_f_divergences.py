#!/usr/bin/env python3
"""KL, JSD and entropy of two 10^7-bin pmfs: SciPy against minimax, on the same inputs, in one run.

Makes p and q with NumPy (fixed seed, about 1% zeros in each, normalised by one division), writes them
to a file that bench_f_divergences reads (MINIMAX_BENCH_INPUT), times
  scipy.stats.entropy(p, q)                 KL(p || q)
  scipy.spatial.distance.jensenshannon(p, q)  sqrt(JSD), so squared for the values
  scipy.stats.entropy(p)                    H(p)
with time.process_time (best of --repeat runs), runs the minimax benchmark (CPU time, single
thread) and prints both times, the ratio and the two values. Both sides run on one thread.
It also prints minimax's time against the streaming-read bound measured by the same benchmark
program in the same run (`read_bound`: one vectorised sum over p and q, the 2n doubles every
divergence reads).

usage: compare_f_divergences.py path/to/bench_f_divergences [--n 10000000] [--repeat 5]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402
import scipy  # noqa: E402
import scipy.spatial.distance  # noqa: E402
import scipy.stats  # noqa: E402


def best_cpu_ms(fn, repeat):
    best = float("inf")
    value = None
    for _ in range(repeat):
        t0 = time.process_time()
        value = fn()
        best = min(best, time.process_time() - t0)
    return best * 1e3, value


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bench", help="path to bench_f_divergences")
    ap.add_argument("--n", type=int, default=10_000_000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    rng = np.random.default_rng(2026)
    n = args.n
    p = rng.random(n)
    q = rng.random(n)
    p[rng.random(n) < 0.01] = 0.0
    q[rng.random(n) < 0.01] = 0.0
    q[p > 0] = np.maximum(q[p > 0], 1e-12)  # keep KL(p||q) finite: q > 0 wherever p > 0
    p /= p.sum()
    q /= q.sum()

    with tempfile.NamedTemporaryFile(suffix=".bin", delete=False) as f:
        f.write(np.uint64(n).tobytes())
        f.write(p.astype(np.float64).tobytes())
        f.write(q.astype(np.float64).tobytes())
        path = f.name
    try:
        env = dict(os.environ, MINIMAX_BENCH_INPUT=path)
        out = subprocess.run(
            [args.bench, "--benchmark_format=json", f"--benchmark_filter=/{n}$",
             f"--benchmark_repetitions={args.repeat}", "--benchmark_report_aggregates_only=false"],
            env=env, check=True, capture_output=True, text=True).stdout
    finally:
        os.unlink(path)
    runs = json.loads(out)["benchmarks"]
    mm = {}
    for r in runs:
        if r.get("run_type") != "iteration":
            continue
        name = r["name"].split("/")[0]
        ms = r["cpu_time"] * {"ms": 1.0, "us": 1e-3, "ns": 1e-6, "s": 1e3}[r["time_unit"]]
        best = mm.get(name, (float("inf"), None))[0]
        mm[name] = (min(best, ms), r["value"])

    sp = {
        "kl": best_cpu_ms(lambda: scipy.stats.entropy(p, q), args.repeat),
        "jsd": best_cpu_ms(lambda: scipy.spatial.distance.jensenshannon(p, q) ** 2, args.repeat),
        "entropy": best_cpu_ms(lambda: scipy.stats.entropy(p), args.repeat),
    }
    anchors = {"kl": "scipy.stats.entropy(p, q)", "jsd": "scipy.spatial.distance.jensenshannon(p, q)**2",
               "entropy": "scipy.stats.entropy(p)"}
    bound_ms = mm["read_bound"][0]
    print(f"n = {n}, SciPy {scipy.__version__}, NumPy {np.__version__}, single thread, CPU time, best of {args.repeat}")
    print(f"streaming-read bound (sum of p and q, {2 * n * 8 / 1e6:.0f} MB): {bound_ms:.2f} ms")
    print(f"{'function':<9} {'anchor':<48} {'anchor ms':>10} {'minimax ms':>11} {'ratio':>7} {'/bound':>7}  "
          "values (anchor, minimax)")
    for key in ("kl", "jsd", "entropy"):
        a_ms, a_val = sp[key]
        m_ms, m_val = mm[key]
        print(f"{key:<9} {anchors[key]:<48} {a_ms:10.1f} {m_ms:11.1f} {a_ms / m_ms:6.1f}x {m_ms / bound_ms:6.1f}x  "
              f"{a_val:.17g}, {m_val:.17g}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
