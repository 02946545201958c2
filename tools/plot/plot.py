#!/usr/bin/python3
"""Figures from minimax-lab's JSON output (matplotlib, no display needed).

    plot.py portrait  RUN.json...  --output FIG.png   simulate runs of one 2-D game, one per scheme
    plot.py snapshots RUN.json...  --output FIG.png   simulate ring/grid runs, one row per run
    plot.py training  RUN.json...  --output FIG.png   ring/grid runs: modes captured over the steps
    plot.py began     RUN.json     --output FIG.png   simulate began: k_t and M_global
    plot.py sweep     SWEEP.json   --output FIG.png   a sweep's phase diagram
"""
import argparse
import json
import math
import re
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

COLOURS = ["#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2"]


def load(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        sys.exit(f"plot.py: cannot read {path}: {e}")


def need(doc, key, path):
    if key not in doc:
        sys.exit(f"plot.py: {path} has no '{key}': is it the output of the right minimax-lab command?")
    return doc[key]


def eigen_text(eigs):
    parts = []
    for re_, im in eigs:
        sign = "+" if im >= 0 else "-"
        parts.append(f"{re_:.3g} {sign} {abs(im):.3g}i")
    return ", ".join(parts)


def portrait(paths, output):
    docs = [load(p) for p in paths]
    first = docs[0]
    field = need(first, "field", paths[0])
    axis = np.array(field["axis"])
    u, v = np.array(field["u"], dtype=float), np.array(field["v"], dtype=float)
    fig, ax = plt.subplots(figsize=(6.4, 6.0))
    X, Y = np.meshgrid(axis, axis)
    speed = np.hypot(u, v)
    ax.streamplot(X, Y, u, v, color=speed, cmap="Greys", density=1.0, linewidth=0.7, arrowsize=0.8)
    cols = list(first["table"].keys())
    xname, yname = cols[1], cols[2]
    lines = []
    for k, (doc, path) in enumerate(zip(docs, paths)):
        t = need(doc, "table", path)
        x, y = np.array(t[xname], dtype=float), np.array(t[yname], dtype=float)
        c = COLOURS[k % len(COLOURS)]
        rho = doc.get("spectral_radius")
        rho_text = "" if rho is None or (isinstance(rho, float) and math.isnan(rho)) else f", ρ = {rho:.4f}"
        ax.plot(x, y, color=c, lw=1.3, label=f"{doc['scheme']} (h = {doc['lr']:g}){rho_text}: {doc['verdict']}")
        ax.plot(x[:1], y[:1], "o", color=c, ms=4)
        lines.append(doc)
    ax.plot([0], [0], "k*", ms=10, label="equilibrium")
    ax.set_xlim(axis[0], axis[-1])
    ax.set_ylim(axis[0], axis[-1])
    ax.set_xlabel(xname)
    ax.set_ylabel(yname)
    ax.set_aspect("equal")
    eig = eigen_text(first.get("jacobian_eigenvalues", []))
    ax.set_title(f"{first['game']}\neigenvalues of J at the equilibrium: {eig}", fontsize=9)
    ax.legend(fontsize=7, loc="lower left", framealpha=0.9)
    fig.tight_layout()
    fig.savefig(output, dpi=110)


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-np.clip(x, -50, 50)))


def snapshots(paths, output):
    docs = [load(p) for p in paths]
    ncols = max(len(need(d, "snapshots", p)) for d, p in zip(docs, paths))
    fig, axes = plt.subplots(len(docs), ncols, figsize=(2.6 * ncols, 2.7 * len(docs)), squeeze=False)
    for r, doc in enumerate(docs):
        box = doc["extent"]
        label = doc["scheme"] if doc.get("unrolled_steps", 0) == 0 else f"unrolled ({doc['unrolled_steps']} steps)"
        for c in range(ncols):
            ax = axes[r][c]
            ax.set_xlim(-box, box)
            ax.set_ylim(-box, box)
            ax.set_aspect("equal")
            ax.set_xticks([])
            ax.set_yticks([])
            if c >= len(doc["snapshots"]):
                ax.axis("off")
                continue
            s = doc["snapshots"][c]
            if "logit" in s:
                ax.imshow(sigmoid(np.array(s["logit"], dtype=float)), extent=(-box, box, -box, box), origin="lower",
                          cmap="RdBu", vmin=0, vmax=1, alpha=0.55)
            if "mesh" in s:
                m = np.array(s["mesh"], dtype=float)  # rows × points × 2
                for row in m:
                    ax.plot(row[:, 0], row[:, 1], color="#555555", lw=0.35)
                for col in m.transpose(1, 0, 2):
                    ax.plot(col[:, 0], col[:, 1], color="#555555", lw=0.35)
            real, fake = np.array(s["real"], dtype=float), np.array(s["fake"], dtype=float)
            ax.scatter(real[:, 0], real[:, 1], s=2, c="#1f3f99", label="real")
            ax.scatter(fake[:, 0], fake[:, 1], s=2, c="#e0301e", label="generated")
            ax.set_title(f"{label}, step {int(s['step'])}", fontsize=8)
        axes[r][0].set_ylabel(f"{doc['game']}: {doc.get('modes_captured', '?')} modes at the end", fontsize=8)
    axes[0][0].legend(fontsize=6, loc="upper left", markerscale=3)
    fig.suptitle("real (blue) and generated (red) samples; background: D(x) (blue: real); lines: G's image of a latent grid",
                 fontsize=9)
    fig.tight_layout()
    fig.savefig(output, dpi=100)


def training(paths, output):
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    for k, path in enumerate(paths):
        doc = load(path)
        t = need(doc, "table", path)
        label = doc["scheme"] if doc.get("unrolled_steps", 0) == 0 else f"unrolled ({doc['unrolled_steps']} steps)"
        ax.plot(t["step"], t["modes_captured"], color=COLOURS[k % len(COLOURS)], label=f"{label}, seed {doc['seed']}")
    ax.set_xlabel("step")
    ax.set_ylabel("modes captured")
    ax.set_ylim(bottom=0)
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(output, dpi=110)


def began(paths, output):
    doc = load(paths[0])
    t = need(doc, "table", paths[0])
    fig, (a1, a2) = plt.subplots(2, 1, figsize=(6.4, 5.0), sharex=True)
    a1.plot(t["step"], t["k"], color="#1f77b4")
    a1.set_ylabel("$k_t$")
    a1.grid(alpha=0.3)
    a2.plot(t["step"], t["m_global"], color="#d62728")
    a2.set_ylabel(r"$\mathcal{M}_{global}$")
    a2.set_xlabel("step")
    a2.grid(alpha=0.3)
    a1.set_title("BEGAN on the ring: the control variable and the convergence measure", fontsize=10)
    fig.tight_layout()
    fig.savefig(output, dpi=110)


def sweep(paths, output):
    doc = load(paths[0])
    t = need(doc, "table", paths[0])
    lr, st = np.array(t["lr"], dtype=float), np.array(t["strength"], dtype=float)
    lrs, sts = np.unique(lr), np.unique(st)
    dist = np.full((len(sts), len(lrs)), np.nan)
    rho = np.full((len(sts), len(lrs)), np.nan)
    for a, b, d, r in zip(lr, st, t["final_distance"], t["spectral_radius"]):
        i, j = np.searchsorted(sts, b), np.searchsorted(lrs, a)
        dist[i, j] = d if d is not None else np.inf
        rho[i, j] = r if r is not None else np.nan
    fig, ax = plt.subplots(figsize=(6.4, 5.0))
    logd = np.log10(np.clip(dist, 1e-16, 1e3))
    mesh = ax.pcolormesh(lrs, sts, logd, cmap="viridis", shading="nearest")
    fig.colorbar(mesh, ax=ax, label=f"log10 distance to equilibrium after {int(doc['steps'])} steps")
    if np.isfinite(rho).any():
        cs = ax.contour(lrs, sts, rho, levels=[1.0], colors="white", linewidths=1.5)
        ax.clabel(cs, fmt={1.0: "ρ = 1"}, fontsize=8)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("learning rate h")
    ax.set_ylabel(f"{doc['regulariser']} strength")
    game = re.sub(r", \w+\([^)]*\)$", "", doc["game"])  # the strength varies along the y axis
    ax.set_title(f"{game}, {doc['scheme']} steps\nwhite: spectral radius 1 of the linearised update", fontsize=9)
    fig.tight_layout()
    fig.savefig(output, dpi=110)


def main():
    kinds = {"portrait": portrait, "snapshots": snapshots, "training": training, "began": began, "sweep": sweep}
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("kind", choices=sorted(kinds))
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("--output", required=True)
    args = parser.parse_args()
    kinds[args.kind](args.inputs, args.output)


if __name__ == "__main__":
    main()
