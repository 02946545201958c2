#!/usr/bin/python3
"""One GAN training step in minimax (bench_nn) and in PyTorch, same shapes, one thread each.

Usage: /usr/bin/python3 bench/compare_nn.py path/to/bench_nn [another/bench_nn ...]
Several programs (say the default build and one with MINIMAX_USE_BLAS) are each compared with the
same PyTorch measurement, taken first; each program's "products" context (Eigen or BLAS) is printed.
Configurations (see bench/nn.cpp): the 8-Gaussian ring GAN of Metz et al. (G: 256 -> 128 -> 128 -> 2,
D: 2 -> 128 -> 1, ReLU, non-saturating loss, Adam) at batch 512 and 64 in float and double, and a
GAN Lab-sized GAN (2 -> 8 -> 2 and 2 -> 8 -> 1, batch 150, SGD, float). Inputs are drawn once before
timing in both programs. Times are CPU time per step (the machine is shared; CPU time is the less
noisy of the two), the median of several repetitions.
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
    return statistics.median(results)


def main():
    benches = sys.argv[1:] or ["build/release/bench/bench_nn"]
    adam = lambda p: torch.optim.Adam(p, lr=1e-4, betas=(0.5, 0.999))
    sgd = lambda p: torch.optim.SGD(p, lr=0.05)
    torch_times = {
        "ring_step<float>/512": cpu_time_per_step(make_step(torch.float32, 512, 256, [128, 128], 128, adam)),
        "ring_step<float>/64": cpu_time_per_step(make_step(torch.float32, 64, 256, [128, 128], 128, adam)),
        "ring_step<double>/512": cpu_time_per_step(make_step(torch.float64, 512, 256, [128, 128], 128, adam)),
        "ring_step<double>/64": cpu_time_per_step(make_step(torch.float64, 64, 256, [128, 128], 128, adam)),
        "gan_lab_step": cpu_time_per_step(make_step(torch.float32, 150, 2, [8], 8, sgd)),
    }
    print(f"torch {torch.__version__}, threads {torch.get_num_threads()}")
    for bench in benches:
        out = subprocess.run([bench, "--benchmark_format=json", "--benchmark_repetitions=5",
                              "--benchmark_report_aggregates_only=true", "--benchmark_min_time=0.2"],
                             check=True, capture_output=True, text=True).stdout
        report = json.loads(out)
        ours = {}
        for b in report["benchmarks"]:
            if b.get("aggregate_name") == "median":
                ours[b["run_name"]] = (b["cpu_time"] * 1e-6, b.get("FLOP/s"))  # microseconds -> seconds
        print(f"\n{bench} (products: {report['context'].get('products', 'unknown')})")
        print(f"{'configuration':24} {'minimax (us)':>13} {'torch (us)':>11} {'ratio':>7} {'minimax GFLOP/s':>16}")
        for name, t in torch_times.items():
            m, flops = ours[name]
            rate = f"{flops / 1e9:.1f}" if flops else "-"
            print(f"{name:24} {m * 1e6:13.1f} {t * 1e6:11.1f} {m / t:7.3f} {rate:>16}")


if __name__ == "__main__":
    main()
