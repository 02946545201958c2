#!/usr/bin/python3
"""One GAN training step in minimax (bench_nn) and in PyTorch, same shapes, one thread each.

Usage: /usr/bin/python3 bench/compare_nn.py [--rounds N] path/to/bench_nn [another/bench_nn ...]
Several programs (say the default build and one with MINIMAX_USE_BLAS) are each compared with the
same PyTorch measurement, taken first; each program's "products" context (Eigen or BLAS) is printed.
With --rounds N the whole comparison (PyTorch, then every program) runs N times in turn, so that a
machine whose speed drifts from minute to minute is seen by both sides alike, and a summary gives
each configuration's ratios over the rounds.
Configurations (see bench/nn.cpp): the 8-Gaussian ring GAN of Metz et al. (G: 256 -> 128 -> 128 -> 2,
D: 2 -> 128 -> 1, ReLU, non-saturating loss, Adam) at batch 512 and 64 in float and double, and a
GAN Lab-sized GAN (2 -> 8 -> 2 and 2 -> 8 -> 1, batch 150, SGD, float). Inputs are drawn once before
timing in both programs. Times are CPU time per step (the machine is shared; CPU time is the less
noisy of the two): the median of five repetitions, and the fastest of them ("best"), which other
programs on the machine can only slow down; both ratios are printed.
"""
import json
import os
import statistics
import subprocess
import sys
import time

# OpenMP threads that spin after PyTorch's last operation would take the other core from the
# benchmark program run next: wait passively (PyTorch runs on one thread either way).
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import torch
import torch.nn as tnn
import torch.nn.functional as F

torch.set_num_threads(1)


def make_step(dtype, n, zdim, hidden_g, hidden_d, optimiser):
    torch.manual_seed(1)
    layers = []
    sizes = [zdim] + hidden_g
    for a, b in zip(sizes[:-1], sizes[1:]):
        layers += [tnn.Linear(a, b), tnn.ReLU()]
    g = tnn.Sequential(*layers, tnn.Linear(sizes[-1], 2)).to(dtype)
    d = tnn.Sequential(tnn.Linear(2, hidden_d), tnn.ReLU(), tnn.Linear(hidden_d, 1)).to(dtype)
    og, od = optimiser(g.parameters()), optimiser(d.parameters())
    z = torch.rand(n, zdim, dtype=dtype) * 2 - 1
    x = torch.rand(n, 2, dtype=dtype) * 2 - 1

    def step():
        # discriminator step: non-saturating loss, softplus form
        fake = g(z).detach()
        ld = F.softplus(-d(x)).mean() + F.softplus(d(fake)).mean()
        od.zero_grad()
        ld.backward()
        od.step()
        # generator step
        lg = F.softplus(-d(g(z))).mean()
        og.zero_grad()
        lg.backward()
        og.step()

    return step


def cpu_time_per_step(step, min_time=1.0, repetitions=5):
    for _ in range(3):
        step()
    results = []
    for _ in range(repetitions):
        count, start = 0, time.process_time()
        while time.process_time() - start < min_time / repetitions or count < 3:
            step()
            count += 1
        results.append((time.process_time() - start) / count)
    return statistics.median(results), min(results)


def torch_times():
    adam = lambda p: torch.optim.Adam(p, lr=1e-4, betas=(0.5, 0.999))
    sgd = lambda p: torch.optim.SGD(p, lr=0.05)
    return {
        "ring_step<float>/512": cpu_time_per_step(make_step(torch.float32, 512, 256, [128, 128], 128, adam)),
        "ring_step<float>/64": cpu_time_per_step(make_step(torch.float32, 64, 256, [128, 128], 128, adam)),
        "ring_step<double>/512": cpu_time_per_step(make_step(torch.float64, 512, 256, [128, 128], 128, adam)),
        "ring_step<double>/64": cpu_time_per_step(make_step(torch.float64, 64, 256, [128, 128], 128, adam)),
        "gan_lab_step": cpu_time_per_step(make_step(torch.float32, 150, 2, [8], 8, sgd)),
    }


def minimax_times(bench):
    """Median and fastest CPU time (seconds) of five repetitions and the FLOP/s counter per
    configuration, and the program's "products" context."""
    out = subprocess.run([bench, "--benchmark_format=json", "--benchmark_repetitions=5",
                          "--benchmark_min_time=0.2"], check=True, capture_output=True, text=True).stdout
    report = json.loads(out)
    runs = {}
    for b in report["benchmarks"]:
        if b.get("run_type") == "iteration":
            runs.setdefault(b["run_name"], []).append((b["cpu_time"] * 1e-6, b.get("FLOP/s")))  # us -> s
    ours = {}
    for name, reps in runs.items():
        times = [t for t, _ in reps]
        ours[name] = (statistics.median(times), min(times), statistics.median([f or 0.0 for _, f in reps]))
    return ours, report["context"].get("products", "unknown")


def main():
    args = sys.argv[1:]
    rounds = 1
    if args[:1] == ["--rounds"]:
        rounds, args = int(args[1]), args[2:]
    benches = args or ["build/release/bench/bench_nn"]
    print(f"torch {torch.__version__}, threads {torch.get_num_threads()}")
    ratios = {bench: {} for bench in benches}
    for r in range(rounds):
        theirs = torch_times()
        for bench in benches:
            ours, products = minimax_times(bench)
            print(f"\nround {r + 1}: {bench} (products: {products})")
            print(f"{'configuration':24} {'minimax (us)':>13} {'torch (us)':>11} {'ratio':>7} "
                  f"{'best minimax':>13} {'best torch':>11} {'ratio':>7} {'minimax GFLOP/s':>16}")
            for name, (t, t_best) in theirs.items():
                m, m_best, flops = ours[name]
                rate = f"{flops / 1e9:.1f}" if flops else "-"
                print(f"{name:24} {m * 1e6:13.1f} {t * 1e6:11.1f} {m / t:7.3f} "
                      f"{m_best * 1e6:13.1f} {t_best * 1e6:11.1f} {m_best / t_best:7.3f} {rate:>16}")
                ratios[bench].setdefault(name, []).append((m / t, m_best / t_best))
    if rounds > 1:
        for bench in benches:
            print(f"\nratios over {rounds} rounds (of medians; of best times): {bench}")
            for name, values in ratios[bench].items():
                medians, bests = [v for v, _ in values], [v for _, v in values]
                print(f"{name:24} median {statistics.median(medians):.3f} max {max(medians):.3f} "
                      f"({' '.join(f'{v:.2f}' for v in medians)}); "
                      f"best: median {statistics.median(bests):.3f} max {max(bests):.3f} "
                      f"({' '.join(f'{v:.2f}' for v in bests)})")


if __name__ == "__main__":
    main()
