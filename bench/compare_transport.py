#!/usr/bin/env python3
"""Runs the anchors (SciPy, POT) and bench_transport on the SAME inputs, single-threaded on both
sides, and prints the timings and the ratios.

    pip install scipy pot
    python3 bench/compare_transport.py [path/to/bench_transport]

Inputs: two 10^6-point 1-D samples (W1), two 2-D clouds of 2000 uniform points in the unit
square (exact OT with the Euclidean cost; log-domain Sinkhorn with eps = 0.05 and a stop
threshold of 1e-9). They are drawn here with NumPy and handed to the C++ program as raw doubles.
"""
import os

# Single thread everywhere, set before NumPy loads its BLAS.
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ[var] = "1"

import json
import subprocess
import sys
import tempfile
import time

import numpy as np
import ot
import scipy
import scipy.stats


def best_time(fn, repeat):
    best, value = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        value = fn()
        best = min(best, time.perf_counter() - t)
    return best, value


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default = os.path.join(here, "..", "build", "release", "bench", "bench_transport")
    binary = sys.argv[1] if len(sys.argv) > 1 else default
    rng = np.random.default_rng(20240601)
    u, v = rng.standard_normal(10**6), 0.5 + 2.0 * rng.standard_normal(10**6)
    x, y = rng.random((2000, 2)), rng.random((2000, 2))
    with tempfile.TemporaryDirectory() as tmp:
        for name, arr in (("u", u), ("v", v), ("x", x), ("y", y)):
            np.ascontiguousarray(arr, dtype="<f8").tofile(os.path.join(tmp, name + ".bin"))
        env = dict(os.environ, MINIMAX_TRANSPORT_DATA=tmp)
        out = subprocess.run([binary, "--benchmark_format=json", "--benchmark_min_time=2"],
                             env=env, check=True, capture_output=True, text=True).stdout
    ours = {b["name"]: b for b in json.loads(out)["benchmarks"]}

    a = np.full(2000, 1 / 2000)
    M = ot.dist(x, y, metric="euclidean")
    anchors = {}
    anchors["w1"] = best_time(lambda: scipy.stats.wasserstein_distance(u, v), 5)
    anchors["emd"] = best_time(lambda: ot.emd2(a, a, M, numItermax=10**8), 3)

    def sk(method):
        P, log = ot.sinkhorn(a, a, M, 0.05, method=method, stopThr=1e-9, numItermax=10**6, log=True)
        return float((P * M).sum()), log["niter"], float(np.abs(P.sum(0) - a).sum())

    anchors["sinkhorn"] = best_time(lambda: sk("sinkhorn"), 3)
    anchors["sinkhorn_log"] = best_time(lambda: sk("sinkhorn_log"), 1)

    print(f"numpy {np.__version__}, scipy {scipy.__version__}, POT {ot.__version__}; single thread")
    print(f"{'problem':58s} {'anchor s':>10s} {'minimax s':>10s} {'ratio':>8s}  values (anchor / minimax)")

    def row(label, anchor_key, bench_name, anchor_value=None):
        t_anchor, value = anchors[anchor_key]
        b = ours[bench_name]
        t_ours = b["real_time"] / 1e3  # ms -> s
        shown = value if anchor_value is None else anchor_value(value)
        print(f"{label:58s} {t_anchor:10.4f} {t_ours:10.4f} {t_anchor / t_ours:7.1f}x  "
              f"{shown} / {b.get('value')}")
        return b

    row("W1 1-D, 2 x 10^6 samples (scipy.stats.wasserstein_distance)", "w1", "w1_1d_1e6")
    row("exact OT 2000 x 2000, Euclidean (ot.emd2)", "emd", "emd_2000")
    for key in ("sinkhorn", "sinkhorn_log"):
        for scaling in (1, 0):
            b = row(f"Sinkhorn eps=0.05, 1e-9 (ot {key}) vs eps-scaling={scaling}", key,
                    f"sinkhorn_2000/epsilon_scaling:{scaling}", lambda val: f"{val[0]:.12g}")
    _, (cost, niter, err) = anchors["sinkhorn"]
    print(f"POT sinkhorn: {niter} iterations, its stop test is the L2 norm of the column-marginal error "
          f"(checked every 10 iterations); final L1 column error {err:.3g}")
    for scaling in (1, 0):
        b = ours[f"sinkhorn_2000/epsilon_scaling:{scaling}"]
        print(f"minimax sinkhorn (eps-scaling={scaling}): {int(b['iterations'])} iterations, stop test on the L1 "
              f"column-marginal error; final L1 error (rows + columns) {b['marginal_error_l1']:.3g}")


if __name__ == "__main__":
    main()
