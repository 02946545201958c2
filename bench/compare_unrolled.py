#!/usr/bin/python3
"""One unrolled-GAN training step in minimax (bench_unrolled) and in PyTorch, same shapes, one thread each.

Usage: OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/compare_unrolled.py path/to/bench_unrolled

The step (see bench/unrolled.cpp): G: R^latent -> 128 -> 128 -> 2 (ReLU), D: 2 -> 128 -> 1 (ReLU),
non-saturating loss, batch 512. The fake batch is generated once; the discriminator's parameters are
unrolled k times by plain gradient steps of 0.1 with torch.autograd.grad(..., create_graph=True), so
the generator's gradient of L_G(theta, psi_k(theta)) is exact; the first unrolled gradient is the
discriminator's own update direction. Then Adam(1e-4, 0.5, 0.999) steps both players. k = 0 is the
plain GAN step. Inputs are drawn once before timing in both programs. Times are CPU time per step
(the machine is shared; CPU time is the less noisy of the two), the median of several repetitions.
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
import torch.nn.functional as F

torch.set_num_threads(1)


def make_step(dtype, latent, k, n=512, h=0.1):
    torch.manual_seed(1)

    def linear(a, b):
        w = (torch.randn(b, a, dtype=dtype) * (2.0 / a) ** 0.5).requires_grad_()
        return w, torch.zeros(b, dtype=dtype, requires_grad=True)

    g_params = [*linear(latent, 128), *linear(128, 128), *linear(128, 2)]
    d_params = [*linear(2, 128), *linear(128, 1)]
    opt_g = torch.optim.Adam(g_params, lr=1e-4, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(d_params, lr=1e-4, betas=(0.5, 0.999))
    noise = torch.randn(n, latent, dtype=dtype)
    angles = torch.randint(0, 8, (n,)).to(dtype) * (2 * torch.pi / 8)
    real = 2 * torch.stack([torch.cos(angles), torch.sin(angles)], 1) + 0.02 * torch.randn(n, 2, dtype=dtype)

    def generator(p, e):
        e = F.relu(F.linear(e, p[0], p[1]))
        e = F.relu(F.linear(e, p[2], p[3]))
        return F.linear(e, p[4], p[5])

    def discriminator(p, x):
        return F.linear(F.relu(F.linear(x, p[0], p[1])), p[2], p[3])

    def d_loss(p, fake):
        return F.softplus(-discriminator(p, real)).mean() + F.softplus(discriminator(p, fake)).mean()

    def step():
        fake = generator(g_params, noise)
        psi = d_params
        d_grad = None
        for j in range(max(k, 1)):
            grads = torch.autograd.grad(d_loss(psi, fake if k > 0 else fake.detach()), psi, create_graph=k > 0)
            if j == 0:
                d_grad = [gr.detach() for gr in grads]
            if k > 0:
                psi = [p - h * gr for p, gr in zip(psi, grads)]
        lg = F.softplus(-discriminator(psi, fake)).mean()
        g_grad = torch.autograd.grad(lg, g_params)
        for p, gr in zip(g_params, g_grad):
            p.grad = gr
        for p, gr in zip(d_params, d_grad):
            p.grad = gr
        opt_g.step()
        opt_d.step()

    return step


def cpu_time_per_step(step, min_time=2.0, repetitions=5):
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
    bench = sys.argv[1] if len(sys.argv) > 1 else "build/release/bench/bench_unrolled"
    configurations = [(256, 5), (256, 0), (16, 5), (16, 0)]
    torch64 = {c: cpu_time_per_step(make_step(torch.float64, *c)) for c in configurations}
    torch32 = {c: cpu_time_per_step(make_step(torch.float32, *c)) for c in configurations}
    out = subprocess.run([bench, "--benchmark_format=json", "--benchmark_repetitions=5",
                          "--benchmark_report_aggregates_only=true", "--benchmark_min_time=0.4"],
                         check=True, capture_output=True, text=True).stdout
    ours = {}
    for b in json.loads(out)["benchmarks"]:
        if b.get("aggregate_name") == "median":
            ours[b["run_name"]] = b["cpu_time"] * 1e-6  # microseconds -> seconds
    print(f"torch {torch.__version__}, threads {torch.get_num_threads()}")
    print(f"{'latent, k':10} {'minimax (us)':>13} {'torch f64 (us)':>15} {'ratio':>7} {'torch f32 (us)':>15} {'ratio':>7}")
    for latent, k in configurations:
        m = ours[f"unrolled_step<{latent}>/{k}"]
        t64, t32 = torch64[(latent, k)], torch32[(latent, k)]
        print(f"{latent:>6}, {k:<2} {m * 1e6:13.1f} {t64 * 1e6:15.1f} {m / t64:7.3f} {t32 * 1e6:15.1f} {m / t32:7.3f}")


if __name__ == "__main__":
    main()
