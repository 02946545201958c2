#!/usr/bin/python3
"""A mode-coverage protocol as independent processes, one per method and seed, and its table.

Usage:
  bench/run_mode_coverage.py run BENCH [--preset pacgan|pacgan_ring|pacgan_blocks02|pacgan_float|pacgan_ring_float]
                             [--steps 400000] [--seeds 10] [--first-seed 0]
                             [--options 2 3 4] [--report-every 10000] [--jobs N] [--out DIR]
  bench/run_mode_coverage.py table LOG... [--figure FILE.png]   (the table and course of logs already written)
  bench/run_mode_coverage.py look-ahead LOG...   (the look-ahead traced by the poole_unrolled preset's reports)

`run` starts `BENCH PRESET STEPS 1 OPTION SEED REPORT gan|other` for every seed, for the plain GAN and
for each option (the packing degree m for `pacgan` and `pacgan_ring`, the unrolled steps k for `metz_unrolled` and
`poole_unrolled`), `--jobs` processes at a time (default: the machine's cores), each writing
DIR/<method>_seed<seed>.log; then it prints the table. Each run keeps its checkpoint beside its log
(DIR/<method>_seed<seed>.checkpoint, rewritten at every report; about 60 MB for `pacgan`): the same
command run again after a stop resumes every run from its last report and appends to its log (the
runs are deterministic, so the log reads as the uninterrupted run's), and with a larger --steps it
extends finished runs as if they had been run that long from the start. The seeds are independent and each process is
single-threaded, so a machine with many cores runs the whole protocol in the time of one run: the
`pacgan` preset at the authors' length (400 epochs of 1000 batches, 400000 steps) is about 0.06 s a
step for the plain GAN on one AVX2 core built with -march=native, about 7 hours a run, so its 40 runs
(10 seeds of GAN, PacGAN2, PacGAN3 and PacGAN4) take 7 hours on 40 cores; `pacgan_ring`, Table 1's other
column, costs the same (give it a --out of its own). `pacgan_float` and `pacgan_ring_float` train in float,
as the authors' code did, in about half the time (their labels end in ", float"). (The per-sample Thrust
ensembles do not apply: the generator's batch normalisation couples the samples of a batch.)

`table` reads the logs (the final row of each and its reports every REPORT steps) and prints, per
method, the modes captured, the high-quality percentage and the reverse KL as mean ± standard error
over seeds (the sample standard deviation in brackets), beside PacGAN's Table 1, whose figures are
means ± standard errors over 10 trials (its caption), and Welch's t of the difference between the two
means (|t| above about 2.2 is a difference the seeds resolve at the 5% level; the p-value where SciPy is
installed). Then the course over training: the mean of each figure at each reported step; and seed by
seed, each method against the plain GAN of the same seed: its mode count at the steps both reported (at
how many reports it is ahead, and from which report on it stays ahead) and its final figures (in how
many seeds it captures more modes, with the sign test's two-sided p-value). With --figure, the course
is drawn too: high quality %, modes captured and (where the logs trace it) the median distance to the
nearest mode, per run, against the training step.
"""
import argparse
import collections
import concurrent.futures
import math
import os
import re
import statistics
import subprocess
import sys

# PacGAN (Lin et al. 2018) Table 1, the 2-D grid of 25 (preset pacgan) and the ring of 8 (pacgan_ring):
# modes, high quality %, reverse KL, each a mean and its standard error over 10 trials
PUBLISHED = {
    "GAN": ((17.3, 0.8), (94.8, 0.7), (0.70, 0.07)),
    "PacGAN2": ((23.8, 0.7), (91.3, 0.8), (0.13, 0.04)),
    "PacGAN3": ((24.6, 0.4), (94.2, 0.4), (0.06, 0.02)),
    "PacGAN4": ((24.8, 0.2), (93.6, 0.6), (0.04, 0.01)),
    "GAN, ring": ((6.3, 0.5), (98.2, 0.2), (0.45, 0.09)),
    "PacGAN2, ring": ((7.9, 0.1), (95.6, 2.0), (0.07, 0.03)),
    "PacGAN3, ring": ((7.8, 0.1), (97.7, 0.3), (0.10, 0.02)),
    "PacGAN4, ring": ((7.8, 0.1), (95.9, 1.4), (0.07, 0.02)),
}
PUBLISHED_TRIALS = 10

FINAL = re.compile(r"^(\S+(?: \d+)?)\s+(\d+)\s+(\d+) of (\d+)\s+([0-9.]+)\s+([0-9.inf]+)\s+([0-9.]+)\s*$")
STEPS = re.compile(r"; (\d+) steps")
REPORT = re.compile(r"^\s+(\S+(?: \d+)?)\s+seed (\d+), step\s+(\d+):\s+(\d+) modes,\s+([0-9.]+)% high quality, reverse KL ([0-9.inf]+)")
LOOK_AHEAD = re.compile(
    r"^\s+(\S+(?: \d+)?)\s+seed (\d+), step\s+(\d+):\s+(\d+) modes,\s+([0-9.]+)% high quality.*"
    r"D on generated: ([0-9.]+) now, ([0-9.]+) after (\d+) look-ahead steps; generator's gradient: "
    r"(\S+) plain, (\S+) unrolled, cosine (\S+) \(through SGD at the same rate: (\S+)\); Adam's median rate ([^;\s]+)"
    r"(?:; through SGD at \(1 - beta1\) times it: (\S+), cosine (\S+))?")
MEDIAN = re.compile(r"median distance to the nearest mode ([0-9.]+) sigma")
PRESET = re.compile(r"^(\w+): ")
# presets whose methods share their names with another preset's: their data, appended to the method's name
DATA = {"pacgan_ring": "ring", "pacgan_blocks02": "beta1 0.2", "pacgan_float": "float", "pacgan_ring_float": "ring, float"}


def labelled(method, preset):
    return f"{method}, {DATA[preset]}" if preset in DATA else method


def plain_gan(method):
    """The plain GAN of the same preset as `method` ('GAN' or 'GAN, ring')."""
    return "GAN" + method[len(method.split(",")[0]):]


def parse(paths):
    """Final rows {(method, steps): {seed: (modes, hq, kl, seconds)}}, reports {method: {step: [(modes, hq, kl)]}}
    and each run's course {(method, seed): [(step, modes, hq, median distance)]}."""
    finals = collections.defaultdict(dict)
    runs = collections.defaultdict(list)  # (method, seed): [(step, modes, hq, median distance or None)]
    course = collections.defaultdict(lambda: collections.defaultdict(list))
    for path in paths:
        with open(path) as f:
            steps = preset = None
            for line in f:
                m = PRESET.match(line)
                if m and preset is None:
                    preset = m[1]
                m = STEPS.search(line)
                if m and steps is None:
                    steps = int(m[1])
                m = REPORT.match(line)
                if m:
                    method = labelled(m[1], preset)
                    course[method][int(m[3])].append((int(m[4]), float(m[5]), float(m[6])))
                    d = MEDIAN.search(line)
                    runs[(method, int(m[2]))].append((int(m[3]), int(m[4]), float(m[5]), float(d[1]) if d else None))
                    continue
                m = FINAL.match(line)
                if m:
                    # runs of different lengths are different rows
                    finals[(labelled(m[1], preset), steps)][int(m[2])] = (int(m[3]), float(m[5]), float(m[6]), float(m[7]))
    return finals, course, runs


def finite(values):
    return [v for v in values if v != float("inf")]


def mean_spread(values, digits=2, standard_error=False):
    """'mean ± sd', or 'mean ± standard error (sd s)', over the finite values, the count of infinite ones
    noted."""
    kept = finite(values)
    if not kept:
        return "inf"
    text = f"{statistics.fmean(kept):.{digits}f}"
    if len(kept) > 1:
        sd = statistics.stdev(kept)
        text += (f" ± {sd / len(kept) ** 0.5:.{digits}f} (sd {sd:.{digits}f})" if standard_error
                 else f" ± {sd:.{digits}f}")
    if len(kept) < len(values):
        text += f" ({len(values) - len(kept)} inf)"
    return text


def welch(values, published):
    """Welch's t of mean(values) - published mean, from the values' standard error and the published one,
    its Welch-Satterthwaite degrees of freedom, and the two-sided p-value where SciPy is installed."""
    kept = finite(values)
    if len(kept) < 2:
        return "-"
    n, (mean, se_published) = len(kept), published
    se = statistics.stdev(kept) / n ** 0.5
    spread = (se ** 2 + se_published ** 2) ** 0.5
    if spread == 0:
        return "-"
    t = (statistics.fmean(kept) - mean) / spread
    df = spread ** 4 / (se ** 4 / (n - 1) + se_published ** 4 / (PUBLISHED_TRIALS - 1))
    text = f"t = {t:+.1f} (df {df:.0f}"
    try:
        from scipy import stats
        text += f", p = {2 * stats.t.sf(abs(t), df):.2g}"
    except ImportError:
        pass
    return text + ")"


def sign_test(wins, losses):
    """Two-sided p-value of the sign test (ties dropped): P(a count as far from n/2 as this) under p = 1/2."""
    n = wins + losses
    if n == 0:
        return 1.0
    k = min(wins, losses)
    return min(1.0, 2 * sum(math.comb(n, i) for i in range(k + 1)) / 2 ** n)


def figure(runs, path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    traced = any(r[3] is not None for rows in runs.values() for r in rows)
    fig, axes = plt.subplots(1, 3 if traced else 2, figsize=(13 if traced else 9, 3.6))
    # a colour per seed and a line style per method, so that each seed's methods read side by side
    methods = sorted({method for method, _ in runs}, key=lambda m: (m != plain_gan(m), m))
    for (method, seed), rows in sorted(runs.items()):
        rows.sort()
        steps = [r[0] for r in rows]
        style = dict(label=f"{method}, seed {seed}", color=f"C{seed % 10}",
                     linestyle=["-", "--", ":", "-."][methods.index(method) % 4])
        axes[0].plot(steps, [r[2] for r in rows], **style)
        axes[1].plot(steps, [r[1] for r in rows], **style)
        if traced:
            axes[2].plot(steps, [r[3] for r in rows], **style)
    axes[0].set_ylabel("high quality % (within 3 sigma)")
    axes[1].set_ylabel("modes captured")
    if traced:
        axes[2].set_ylabel("median distance to nearest mode (sigma)")
        axes[2].set_yscale("log")
        axes[2].axhline(3, color="grey", lw=0.8, ls="--")
    for ax in axes:
        ax.set_xlabel("training step")
        ax.grid(alpha=0.3)
    axes[0].legend(fontsize=7, ncol=2)
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def table(paths, figure_path=None):
    finals, course, runs = parse(paths)
    if figure_path:
        figure(runs, figure_path)
    if not finals and not course:
        sys.exit("run_mode_coverage.py: no result rows or reports in " + ", ".join(paths))
    print("| method | seeds | steps | modes | high quality % | reverse KL | seconds a run |")
    print("|---|---|---|---|---|---|---|")
    compared = []
    for (method, steps), rows in sorted(finals.items(), key=lambda item: (item[0][0], item[0][1] or 0)):
        seeds = sorted(rows)
        cols = list(zip(*(rows[s] for s in seeds)))
        print(f"| {method} | {', '.join(map(str, seeds))} | {steps} | {mean_spread(cols[0], 1, True)} | {mean_spread(cols[1], 1, True)} | "
              f"{mean_spread(cols[2], 2, True)} | {min(cols[3]):.0f}-{max(cols[3]):.0f} |")
        published = method.removesuffix(", float")  # the float presets run the same protocol
        if published in PUBLISHED:
            pub = PUBLISHED[published]
            print(f"| PacGAN Table 1, {published} | {PUBLISHED_TRIALS} trials | 400000 | "
                  + " | ".join(f"{m:.{d}f} ± {se:.{d}f}" for (m, se), d in zip(pub, (1, 1, 2))) + " | |")
            if len(seeds) > 1:
                compared.append(f"| {method}, {steps} steps, {len(seeds)} seeds | "
                                + " | ".join(welch(col, p) for col, p in zip(cols[:3], pub)) + " |")
    print("\n(mean ± standard error over seeds, the sample standard deviation in brackets; Table 1: mean ± "
          f"standard error over {PUBLISHED_TRIALS} trials)")
    if compared:
        print("\nWelch's t of the difference from Table 1 (these runs' mean minus the published one):\n")
        print("| runs | modes | high quality % | reverse KL |\n|---|---|---|---|")
        print("\n".join(compared))
    print()
    for method, steps in course.items():
        print(f"{method}: step, runs, mean modes, mean high quality %, mean reverse KL")
        for step in sorted(steps):
            rows = steps[step]
            cols = list(zip(*rows))
            print(f"  {step:7d} {len(rows):3d} {statistics.fmean(cols[0]):6.2f} {statistics.fmean(cols[1]):7.2f} "
                  f"{mean_spread(cols[2])}")
    compare_modes(runs)
    compare_finals(finals)


def compare_modes(runs):
    """Seed by seed, each method's mode count against the plain GAN's of the same seed at the steps both
    reported: how often it is ahead, and from which report on it stays ahead."""
    lines = []
    for (method, seed), rows in sorted(runs.items()):
        if method == plain_gan(method) or (plain_gan(method), seed) not in runs:
            continue
        gan = {r[0]: r[1] for r in runs[(plain_gan(method), seed)]}
        other = {r[0]: r[1] for r in rows}
        steps = sorted(set(gan) & set(other))
        if not steps:
            continue
        behind = [t for t in steps if other[t] <= gan[t]]
        later = [t for t in steps if not behind or t > behind[-1]]
        since = f"ahead at every report from step {later[0]} on" if later else "not ahead at the last report"
        lines.append(f"  {method} against {plain_gan(method)}, seed {seed}: more modes at {len(steps) - len(behind)} of {len(steps)} "
                     f"reports (steps {steps[0]}-{steps[-1]}); {since}")
    if lines:
        print()
        print("modes captured, seed by seed, against the plain GAN of the same seed:")
        print("\n".join(lines))


def compare_finals(finals):
    """Seed by seed, each method's final figures against the plain GAN's of the same seed and length: the
    differences, and the sign test of the mode counts."""
    lines = []
    for (method, steps), rows in sorted(finals.items(), key=lambda item: (item[0][0], item[0][1] or 0)):
        gan = finals.get((plain_gan(method), steps))
        if method == plain_gan(method) or not gan:
            continue
        seeds = sorted(set(rows) & set(gan))
        if not seeds:
            continue
        modes = [rows[s][0] - gan[s][0] for s in seeds]
        kl = [rows[s][2] - gan[s][2] for s in seeds]
        wins, losses = sum(d > 0 for d in modes), sum(d < 0 for d in modes)
        lines.append(f"  {method} - {plain_gan(method)}, {steps} steps, seeds {', '.join(map(str, seeds))}: modes "
                     f"{', '.join(f'{d:+d}' for d in modes)} (more in {wins} of {len(seeds)} seeds, fewer in "
                     f"{losses}; sign test p = {sign_test(wins, losses):.2g}); reverse KL "
                     f"{', '.join(f'{d:+.2f}' for d in kl)}")
    if lines:
        print()
        print("final figures, seed by seed, against the plain GAN of the same seed:")
        print("\n".join(lines))


def look_ahead(paths):
    found = False
    for path in paths:
        with open(path) as f:
            for line in f:
                m = LOOK_AHEAD.match(line)
                if not m:
                    continue
                if not found:
                    print("| run | step | modes | high quality % | median distance to the nearest mode (sigma) | "
                          "D on generated: now / k steps ahead | "
                          "gradient norm: plain / unrolled | cosine | cosine, through SGD | Adam's median rate | "
                          "through SGD at (1 - beta1) times it: norm, cosine |")
                    print("|---|---|---|---|---|---|---|---|---|---|---|")
                    found = True
                g = m.groups()
                d = MEDIAN.search(line)
                print(f"| {g[0]}, seed {g[1]} | {g[2]} | {g[3]} | {g[4]} | {d[1] if d else 'not traced'} | "
                      f"{g[5]} / {g[6]} (k = {g[7]}) | "
                      f"{g[8]} / {g[9]} | {g[10]} | {g[11]} | {g[12]} | "
                      f"{g[13] + ', ' + g[14] if g[13] else 'not traced'} |")
    if not found:
        sys.exit("run_mode_coverage.py: no look-ahead traces in " + ", ".join(paths))


def run(args):
    os.makedirs(args.out, exist_ok=True)
    jobs = []
    for method in ["gan"] + [str(o) for o in args.options]:
        for seed in range(args.first_seed, args.first_seed + args.seeds):
            option = args.options[0] if method == "gan" else int(method)
            name = ("GAN" if method == "gan" else f"option{method}") + f"_seed{seed}"
            command = [args.bench, args.preset, str(args.steps), "1", str(option), str(seed), str(args.report_every),
                       "gan" if method == "gan" else "other", os.path.join(args.out, name + ".checkpoint")]
            jobs.append((os.path.join(args.out, name + ".log"), command))

    def start(job):
        path, command = job
        with open(path, "a") as log:  # a resumed run's reports follow its earlier ones
            return subprocess.run(command, stdout=log, stderr=subprocess.STDOUT).returncode

    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        codes = list(pool.map(start, jobs))
    failed = [path for (path, _), code in zip(jobs, codes) if code != 0]
    if failed:
        sys.exit("run_mode_coverage.py: these runs failed: " + ", ".join(failed))
    table([path for path, _ in jobs])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    r = sub.add_parser("run")
    r.add_argument("bench")
    r.add_argument("--preset", default="pacgan", choices=["pacgan", "pacgan_ring", "pacgan_blocks02", "pacgan_float",
                                                          "pacgan_ring_float", "metz_unrolled", "poole_unrolled"])
    r.add_argument("--steps", type=int, default=400000)
    r.add_argument("--seeds", type=int, default=10)
    r.add_argument("--first-seed", type=int, default=0)
    r.add_argument("--options", type=int, nargs="+", default=[2, 3, 4])
    r.add_argument("--report-every", type=int, default=10000)
    r.add_argument("--jobs", type=int, default=os.cpu_count())
    r.add_argument("--out", default="mode_coverage_runs")
    t = sub.add_parser("table")
    t.add_argument("logs", nargs="+")
    t.add_argument("--figure", help="draw the course of the runs to this PNG file")
    a = sub.add_parser("look-ahead")
    a.add_argument("logs", nargs="+")
    args = parser.parse_args()
    if args.command == "run":
        run(args)
    elif args.command == "look-ahead":
        look_ahead(args.logs)
    else:
        table(args.logs, args.figure)


if __name__ == "__main__":
    main()
