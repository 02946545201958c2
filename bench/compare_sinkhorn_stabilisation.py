"""Iterations to a marginal error of 1e-9 on POT's test_sinkhorn_stabilization problem
(test/test_bregman.py: 100-point 1-D Gaussians, M = dist0(100), max 9801), for POT's
ot.bregman.sinkhorn_log and ot.bregman.sinkhorn_epsilon_scaling. minimax's figures come from
minimax::sinkhorn with default options on the same inputs (tests/divergence/hostile_sinkhorn.cpp).
POT's stopThr is the 2-norm of the column-marginal error, checked every 10 iterations."""
import time

import numpy as np
import ot

n = 100
a = ot.datasets.make_1D_gauss(n, m=30, s=10)
b = ot.datasets.make_1D_gauss(n, m=40, s=10)
M = ot.utils.dist0(n)
exact = ot.emd2(a, b, M)
print(f"POT {ot.__version__}, emd cost {exact:.10f}")
print("| eps / max(M) | method | iterations | marginal error (L1) | cost - emd | time (s) |")
print("|---|---|---|---|---|---|")
for rel in [1e-3, 1e-4, 1e-5, 1e-6]:
    reg = rel * M.max()
    for name, fn in [("sinkhorn_log", ot.bregman.sinkhorn_log),
                     ("sinkhorn_epsilon_scaling", ot.bregman.sinkhorn_epsilon_scaling)]:
        t0 = time.perf_counter()
        P, log = fn(a, b, M, reg, numItermax=100000, stopThr=1e-9, log=True, warn=False)
        dt = time.perf_counter() - t0
        err = np.abs(P.sum(1) - a).sum() + np.abs(P.sum(0) - b).sum()
        its = log.get("niter", len(log.get("err", [])) * 10)
        print(f"| {rel:g} | POT {name} | {its} | {err:.2e} | {np.sum(P * M) - exact:.2e} | {dt:.2f} |")
