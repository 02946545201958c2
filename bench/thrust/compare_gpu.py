"""Side-by-side anchors on the same GPU for bench/thrust: batched log-domain Sinkhorn in PyTorch
(the problems written by bench_thrust_sinkhorn, same iterations, float64) and the Dirac-GAN
ensemble update in PyTorch (vectorised) and JAX (vmap + jit, lax.fori_loop).

Usage: python3 compare_gpu.py sinkhorn_batch.bin [members] [steps]
"""
import struct
import sys
import time

import numpy as np
import torch


def timed(fn, repeats=3):
    fn()
    torch.cuda.synchronize()
    ts = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = fn()
        torch.cuda.synchronize()
        ts.append(time.perf_counter() - t0)
    ts.sort()
    return ts[len(ts) // 2], out


def sinkhorn_torch(path):
    with open(path, "rb") as f:
        problems, points, d, iterations = struct.unpack("4q", f.read(32))
        (eps,) = struct.unpack("d", f.read(8))
        count = problems * points * d
        x = np.frombuffer(f.read(8 * count), dtype=np.float64).reshape(problems, points, d)
        y = np.frombuffer(f.read(8 * count), dtype=np.float64).reshape(problems, points, d)
        ours = np.frombuffer(f.read(8 * problems), dtype=np.float64)
        (our_time,) = struct.unpack("d", f.read(8))
    dev = torch.device("cuda")
    X, Y = torch.tensor(x, device=dev), torch.tensor(y, device=dev)
    log_w = torch.full((problems, points), -np.log(points), dtype=torch.float64, device=dev)

    def run():
        C = ((X[:, :, None, :] - Y[:, None, :, :]) ** 2).sum(-1)  # (B, n, m), as ours computes it
        f = torch.zeros(problems, points, dtype=torch.float64, device=dev)
        g = torch.zeros_like(f)
        for _ in range(iterations):
            f = -eps * torch.logsumexp(log_w[:, None, :] + (g[:, None, :] - C) / eps, dim=2)
            g = -eps * torch.logsumexp(log_w[:, :, None] + (f[:, :, None] - C) / eps, dim=1)
        P = torch.exp(log_w[:, :, None] + log_w[:, None, :] + (f[:, :, None] + g[:, None, :] - C) / eps)
        return (P * C).sum((1, 2))

    t, cost = timed(run)
    cost = cost.cpu().numpy()
    print(f"PyTorch {torch.__version__} ({torch.cuda.get_device_name()}): {problems} problems of {points} x {points},"
          f" {iterations} iterations: {1e3 * t:.2f} ms; minimax {1e3 * our_time:.2f} ms;"
          f" PyTorch / minimax = {t / our_time:.2f}")
    print(f"  max |cost difference| = {np.max(np.abs(cost - ours)):.2e} (mean cost {cost.mean():.12f})")


def dirac_torch(members, steps, h=0.05, gamma=0.3):
    dev = torch.device("cuda")
    a = 2 * np.pi * torch.arange(members, dtype=torch.float64, device=dev) / members

    def run():
        theta, psi = torch.cos(a), torch.sin(a)
        for _ in range(steps):
            t = -psi * theta
            v_theta = -psi * torch.sigmoid(-t)
            v_psi = theta * torch.sigmoid(t) - gamma * psi
            theta, psi = theta + h * v_theta, psi + h * v_psi
        return theta, psi

    t, (theta, psi) = timed(run)
    print(f"  PyTorch mean final theta^2 + psi^2: {float((theta**2 + psi**2).mean()):.15e} ({theta.dtype})")
    return members * steps / t


def dirac_jax(members, steps, h=0.05, gamma=0.3):
    import jax
    import jax.numpy as jnp

    jax.config.update("jax_enable_x64", True)

    def member(z):
        def body(_, z):
            theta, psi = z
            t = -psi * theta
            v_theta = -psi * jax.nn.sigmoid(-t)
            v_psi = theta * jax.nn.sigmoid(t) - gamma * psi
            return (theta + h * v_theta, psi + h * v_psi)

        return jax.lax.fori_loop(0, steps, body, z)

    run = jax.jit(jax.vmap(member))
    a = 2 * jnp.pi * jnp.arange(members, dtype=jnp.float64) / members
    z = (jnp.cos(a), jnp.sin(a))
    jax.block_until_ready(run(z))
    ts = []
    for _ in range(3):
        t0 = time.perf_counter()
        jax.block_until_ready(run(z))
        ts.append(time.perf_counter() - t0)
    ts.sort()
    theta, psi = run(z)
    print(f"  JAX mean final theta^2 + psi^2: {float(jnp.mean(theta**2 + psi**2)):.15e} ({theta.dtype})")
    return members * steps / ts[1]


if __name__ == "__main__":
    sinkhorn_torch(sys.argv[1])
    members = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    steps = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
    print(f"Dirac-GAN ensemble, {members} members x {steps} steps, float64:")
    print(f"  PyTorch (vectorised): {dirac_torch(members, steps):.3g} game-steps/s")
    try:
        print(f"  JAX (vmap + jit):     {dirac_jax(members, steps):.3g} game-steps/s")
    except Exception as e:  # noqa: BLE001 - report and go on
        print(f"  JAX failed: {e}")
