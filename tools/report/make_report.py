#!/usr/bin/python3
"""The tour's report: runs minimax-lab for the dynamics, proofs and divergences, draws every figure
with tools/plot/plot.py and writes a self-contained HTML page (figures beside it, formulas typeset
offline by a copy of the local MathJax).

    make_report.py --lab build/tour/apps/minimax-lab [--tour-log tour.txt] --out DIR [--quick]
"""
import argparse
import concurrent.futures
import html
import json
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PLOT = os.path.join(HERE, "..", "plot", "plot.py")
MATHJAX = "/usr/share/javascript/mathjax"


class Lab:
    def __init__(self, binary, data_dir):
        self.binary, self.data = binary, data_dir

    def run(self, name, *args):
        path = os.path.join(self.data, name + ".json")
        cmd = [self.binary, *args, "--format", "json", "--output", path]
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode not in (0, 4):  # 4: a proof that does not hold is still a result to show
            sys.exit(f"make_report.py: {' '.join(cmd)} failed ({done.returncode}): {done.stderr}")
        with open(path, encoding="utf-8") as f:
            return json.load(f)


def plot(kind, inputs, output):
    cmd = ["/usr/bin/python3", PLOT, kind, *inputs, "--output", output]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"make_report.py: {' '.join(cmd)} failed: {done.stderr}")


def copy_mathjax(out):
    """The SVG output needs no web fonts: MathJax.js, one config, the TeX input and the SVG output."""
    dest = os.path.join(out, "mathjax")
    if os.path.isdir(dest):
        shutil.rmtree(dest)
    os.makedirs(os.path.join(dest, "config"))
    shutil.copy(os.path.join(MATHJAX, "MathJax.js"), dest)
    shutil.copy(os.path.join(MATHJAX, "config", "TeX-AMS_SVG-full.js"), os.path.join(dest, "config"))
    for sub in ["extensions", "jax/element", "jax/input/TeX", "jax/output/SVG"]:
        shutil.copytree(os.path.join(MATHJAX, sub), os.path.join(dest, sub))


def esc(x):
    return html.escape(str(x))


def number(x, digits=12):
    if x is None:
        return ""
    if isinstance(x, bool):
        return "yes" if x else "NO"
    if isinstance(x, (int, float)):
        return f"{x:.{digits}g}"
    return esc(x)


def proof_html(doc):
    t = doc["table"]
    rows = []
    for k in range(len(t["step"])):
        rel = {"given": "", "=": "=", "<=": "≤", ">=": "≥"}.get(t["relation"][k], t["relation"][k])
        rows.append(
            f"<tr><td>{t['step'][k]}</td><td>{esc(t['name'][k])}</td><td>\\({esc(t['formula'][k])}\\)</td>"
            f"<td>{rel}</td><td class=n>{number(t['value'][k])}</td><td class=n>{number(t['error'][k], 2)}</td>"
            f"<td class=n>{number(t['residual'][k], 3)}</td><td class=n>{number(t['tolerance'][k], 2)}</td>"
            f"<td class={'ok' if t['holds'][k] else 'bad'}>{'ok' if t['holds'][k] else 'FAILS'}</td></tr>")
    verdict = "holds" if doc["holds"] else "DOES NOT HOLD"
    return (f"<h3>{esc(doc['title'])}</h3><p>\\[{esc(doc['statement'])}\\]</p><p class=pair>for {esc(doc['pair'])}: "
            f"<b class={'ok' if doc['holds'] else 'bad'}>{verdict}</b></p>"
            "<table><tr><th>#</th><th>step</th><th>formula</th><th></th><th>value</th><th>error</th><th>residual</th>"
            "<th>tolerance</th><th>verdict</th></tr>" + "".join(rows) + "</table>")


def figure(name, caption):
    return f'<figure><img src="figures/{name}.png" alt="{esc(caption)}"><figcaption>{caption}</figcaption></figure>'


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lab", required=True)
    parser.add_argument("--tour-log", help="the tour's printed output, shown in the report")
    parser.add_argument("--out", required=True)
    parser.add_argument("--quick", action="store_true", help="fewer steps (for the test)")
    args = parser.parse_args()
    start = time.time()
    out = os.path.abspath(args.out)
    data, figs = os.path.join(out, "data"), os.path.join(out, "figures")
    os.makedirs(data, exist_ok=True)
    os.makedirs(figs, exist_ok=True)
    lab = Lab(os.path.abspath(args.lab), data)
    q = args.quick
    net_steps = "600" if q else "3000"

    jobs = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        def submit(name, *a):
            jobs[name] = pool.submit(lab.run, name, *a)

        # the slow ones first: the network games
        for seed in ["1"]:
            submit(f"ring_plain_{seed}", "simulate", "--game", "ring", "--scheme", "adam", "--steps", net_steps,
                   "--seed", seed, "--snapshots", "4")
            submit(f"ring_unrolled_{seed}", "simulate", "--game", "ring", "--scheme", "unrolled", "--unroll", "5",
                   "--steps", net_steps, "--seed", seed, "--snapshots", "4")
        submit("grid_plain", "simulate", "--game", "grid", "--scheme", "adam", "--steps", net_steps, "--snapshots", "4")
        submit("began", "simulate", "--game", "began", "--steps", "1000" if q else "4000", "--snapshots", "2")
        submit("sweep", "sweep", "--game", "dirac", "--regulariser", "r1", "--log", "--lr-range",
               "0.01,2,12" if q else "0.01,2,30", "--strength-range", "0.01,3,12" if q else "0.01,3,30",
               "--steps", "300" if q else "1000")
        # phase portraits
        portraits = {
            "bilinear": (["--game", "bilinear"], ["simultaneous", "alternating", "extragradient", "optimistic"], "0.1", "300"),
            "dirac_plain": (["--game", "dirac"], ["simultaneous", "alternating", "extragradient", "consensus"], "0.1", "600"),
            "dirac_r1": (["--game", "dirac", "--regulariser", "r1", "--strength", "0.3"],
                         ["simultaneous", "alternating", "extragradient"], "0.1", "600"),
            "dirac_noise": (["--game", "dirac", "--loss", "minimax", "--regulariser", "instance_noise", "--strength", "1"],
                            ["simultaneous", "alternating"], "0.1", "600"),
            "dirac_wgan_gp": (["--game", "dirac", "--loss", "wasserstein", "--regulariser", "wgan_gp", "--strength", "1"],
                              ["simultaneous", "alternating"], "0.1", "600"),
        }
        for name, (game, schemes, lr, steps) in portraits.items():
            for s in schemes:
                submit(f"{name}_{s}", "simulate", *game, "--scheme", s, "--lr", lr, "--steps", steps)
        # analyses
        submit("analyze_bilinear_sim", "analyze", "--game", "bilinear", "--scheme", "simultaneous", "--lr", "0.1")
        submit("analyze_bilinear_eg", "analyze", "--game", "bilinear", "--scheme", "extragradient", "--lr", "0.1")
        for loss in ["minimax", "non_saturating", "wasserstein", "least_squares", "hinge"]:
            submit(f"analyze_dirac_{loss}", "analyze", "--game", "dirac", "--loss", loss, "--lr", "0.1")
            submit(f"analyze_dirac_{loss}_r1", "analyze", "--game", "dirac", "--loss", loss, "--regulariser", "r1",
                   "--strength", "0.3", "--lr", "0.1")
        # proofs and divergences
        pair = ["--p", "normal:0,1", "--q", "mixture:0.5*normal:-3,0.5+0.5*normal:3,0.5"]
        for proof in ["global_optimum", "discriminator_optimality", "least_squares_optimum", "wasserstein_duality"]:
            submit(f"proof_{proof}", "prove", "--proof", proof, *pair)
        submit("proof_f_gan_bound", "prove", "--proof", "f_gan_bound", "--f", "kl", "--p", "normal:0,1", "--q", "normal:1,2")
        submit("proof_began_bound", "prove", "--proof", "began_bound", "--p", "uniform:0,1", "--q", "normal:2,0.5")
        submit("divergence_normals", "divergence", "--p", "normal:0,1", "--q", "normal:1,2")
        submit("divergence_mixture", "divergence", *pair)
        results = {k: f.result() for k, f in jobs.items()}

        figures = []
        def draw(kind, inputs, name):
            figures.append(pool.submit(plot, kind, [os.path.join(data, i + ".json") for i in inputs],
                                       os.path.join(figs, name + ".png")))
        for name, (_, schemes, _, _) in portraits.items():
            draw("portrait", [f"{name}_{s}" for s in schemes], f"portrait_{name}")
        draw("snapshots", ["ring_plain_1", "ring_unrolled_1", "grid_plain"], "ring_snapshots")
        draw("training", ["ring_plain_1", "ring_unrolled_1"], "ring_modes")
        draw("began", ["began"], "began")
        draw("sweep", ["sweep"], "sweep_dirac_r1")
        for f in figures:
            f.result()

    copy_mathjax(out)
    r = results
    body = []
    body.append("<h1>minimax: the tour's report</h1>")
    body.append(f"<p>Generated by <code>./run tour</code> in {time.time() - start:.0f} s{' (quick mode)' if q else ''}. "
                "Every number below comes from minimax-lab; the data files are in <code>data/</code>, the figures "
                "in <code>figures/</code>.</p>")
    # dynamics
    body.append("<h2>Two-player dynamics</h2>")
    body.append("<p>A game's vector field is \\(v(\\theta,\\psi) = (-\\nabla_\\theta L_G, -\\nabla_\\psi L_D)\\). "
                "Near an equilibrium \\(z^*\\) a scheme acts as \\(z_{t+1} - z^* \\approx M (z_t - z^*)\\); it converges "
                "when the spectral radius \\(\\rho(M) < 1\\). Simultaneous steps have \\(M = I + hJ\\), "
                "extragradient \\(M = I + hJ + h^2J^2\\).</p>")
    body.append("<h3>The bilinear game \\(V(x, y) = xy\\)</h3>")
    body.append("<p>\\(J = \\begin{pmatrix} 0 & -1 \\\\ 1 & 0 \\end{pmatrix}\\) has eigenvalues \\(\\pm i\\): "
                "the flow circles; simultaneous steps spiral out with \\(\\rho = \\sqrt{1+h^2}\\) "
                f"(= {r['analyze_bilinear_sim']['spectral_radius']:.10f} at h = 0.1); alternating steps stay on an "
                "ellipse; extragradient converges with \\(\\rho = \\sqrt{1-h^2+h^4}\\) "
                f"(= {r['analyze_bilinear_eg']['spectral_radius']:.10f}).</p>")
    body.append(figure("portrait_bilinear", "The bilinear game: vector field and four schemes from (1, 1), h = 0.1."))
    body.append("<h3>The Dirac-GAN (Mescheder et al. 2018)</h3>")
    body.append("<p>Data \\(\\delta_0\\), generator \\(\\delta_\\theta\\), discriminator \\(D_\\psi(x) = \\psi x\\), "
                "\\(L = f(\\psi\\theta) + f(0)\\). At the equilibrium \\(J = \\begin{pmatrix} 0 & f'(0) \\\\ -f'(0) & -\\gamma "
                "\\end{pmatrix}\\) with \\(\\gamma\\) the R1 weight: eigenvalues \\(\\pm i f'(0)\\) without "
                "regularisation, real parts \\(-\\gamma/2\\) with it.</p>")
    rows = []
    for loss in ["minimax", "non_saturating", "wasserstein", "least_squares", "hinge"]:
        for suffix, label in [("", "none"), ("_r1", "R1 (0.3)")]:
            a = r[f"analyze_dirac_{loss}{suffix}"]
            t = a["table"]
            eig = ", ".join(f"{t['re'][k]:.4g} {'+' if t['im'][k] >= 0 else '−'} {abs(t['im'][k]):.4g}i"
                            for k in range(len(t["matrix"])) if t["matrix"][k] == "J")
            rows.append(f"<tr><td>{loss}</td><td>{label}</td><td>{eig}</td><td class=n>{a['spectral_radius']:.6f}</td>"
                        f"<td>{a['verdict']}</td></tr>")
    body.append("<table><tr><th>loss</th><th>regulariser</th><th>eigenvalues of \\(J\\)</th>"
                "<th>\\(\\rho(I + hJ)\\), h = 0.1</th><th>verdict</th></tr>" + "".join(rows) + "</table>")
    body.append(figure("portrait_dirac_plain", "Dirac-GAN, non-saturating loss, no regulariser: simultaneous steps "
                       "spiral out, alternating ones cycle."))
    body.append(figure("portrait_dirac_r1", "Dirac-GAN with R1 (γ = 0.3): every scheme converges."))
    body.append(figure("portrait_dirac_noise", "Dirac-GAN with instance noise (σ = 1): the noise damps the field."))
    body.append(figure("portrait_dirac_wgan_gp", "Dirac-GAN, WGAN loss with WGAN-GP (λ = 1): the equilibrium is a "
                       "whole segment of the ψ axis, not a point."))
    body.append("<h3>Phase diagram</h3><p>Simultaneous steps on the Dirac-GAN with R1: the linearised update "
                "\\(I + hJ\\) has \\(\\rho < 1\\) exactly inside the white curve; the colour is where the runs "
                "actually ended.</p>")
    body.append(figure("sweep_dirac_r1", "Learning rate × R1 weight: distance to the equilibrium after the run."))
    # networks
    body.append("<h2>GANs of small networks on 2-D mixtures</h2>")
    body.append("<p>Generator and discriminator: two tanh layers of 32 units, latent \\(\\varepsilon \\sim N(0, I_2)\\), "
                "Adam (β₁ = 0.5). The unrolled generator differentiates through \\(k\\) discriminator steps "
                "(Metz et al. 2016).</p>")
    body.append(figure("ring_snapshots", "Training snapshots: plain GAN and unrolled GAN on the ring, plain GAN on the grid."))
    body.append(figure("ring_modes", "Modes captured (within 3σ) during training."))
    rows = []
    for name, label in [("ring_plain_1", "ring, plain"), ("ring_unrolled_1", "ring, unrolled (5)"), ("grid_plain", "grid, plain")]:
        d = r[name]
        total = len(d["modes"])
        rows.append(f"<tr><td>{label}</td><td class=n>{d['modes_captured']} / {total}</td>"
                    f"<td class=n>{100 * d['high_quality_fraction']:.1f}%</td><td class=n>{number(d.get('reverse_kl'), 4)}</td>"
                    f"<td class=n>{d['steps']}</td></tr>")
    body.append("<h3>Mode coverage</h3><table><tr><th>run</th><th>modes</th><th>high quality</th><th>reverse KL</th>"
                "<th>steps</th></tr>" + "".join(rows) + "</table>")
    body.append("<h3>BEGAN</h3><p>\\(k_{t+1} = k_t + \\lambda_k(\\gamma\\mathcal{L}(x) - \\mathcal{L}(G(z)))\\), "
                "\\(\\mathcal{M}_{global} = \\mathcal{L}(x) + |\\gamma\\mathcal{L}(x) - \\mathcal{L}(G(z))|\\).</p>")
    body.append(figure("began", "BEGAN on the ring: k_t and M_global during training."))
    # proofs
    body.append("<h2>Executable proofs</h2><p>Each line is computed; each relation is checked within the error "
                "estimates.</p>")
    for proof in ["global_optimum", "discriminator_optimality", "f_gan_bound", "least_squares_optimum",
                  "wasserstein_duality", "began_bound"]:
        body.append(proof_html(r[f"proof_{proof}"]))
    body.append("<h2>Divergences</h2>")
    for name in ["divergence_normals", "divergence_mixture"]:
        d = r[name]
        t = d["table"]
        rows = "".join(f"<tr><td>{esc(t['measure'][k])}</td><td class=n>{number(t['value'][k])}</td>"
                       f"<td class=n>{number(t['error'][k], 2)}</td><td>{esc(t['method'][k])[:80]}</td></tr>"
                       for k in range(len(t["measure"])))
        body.append(f"<h3>{esc(d['p'])} against {esc(d['q'])}</h3><table><tr><th>measure</th><th>value (nats)</th>"
                    f"<th>error</th><th>method</th></tr>{rows}</table>")
    if args.tour_log and os.path.exists(args.tour_log):
        with open(args.tour_log, encoding="utf-8", errors="replace") as f:
            body.append("<h2>The tour's output</h2><pre>" + esc(f.read()) + "</pre>")

    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>minimax: the tour's report</title>
<style>
body {{ font-family: sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em; color: #222; }}
table {{ border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 0.85em; }}
td, th {{ border: 1px solid #ccc; padding: 3px 6px; vertical-align: middle; }}
td.n {{ text-align: right; font-family: monospace; }}
.ok {{ color: #176f2c; }} .bad {{ color: #b00020; font-weight: bold; }}
figure {{ margin: 1em 0; }} figure img {{ max-width: 100%; border: 1px solid #eee; }}
figcaption {{ font-size: 0.9em; color: #555; }} pre {{ font-size: 0.75em; overflow-x: auto; background: #f7f7f7; }}
</style>
<script type="text/x-mathjax-config">
MathJax.Hub.Config({{ tex2jax: {{ inlineMath: [["\\\\(", "\\\\)"]], displayMath: [["\\\\[", "\\\\]"]] }},
  SVG: {{ font: "TeX" }}, showMathMenu: false, messageStyle: "none" }});
MathJax.Hub.Queue(function () {{ document.body.setAttribute("data-typeset", "done"); }});
</script>
<script src="mathjax/MathJax.js?config=TeX-AMS_SVG-full"></script>
</head><body>
{chr(10).join(body)}
</body></html>
"""
    with open(os.path.join(out, "index.html"), "w", encoding="utf-8") as f:
        f.write(page)
    print(f"the report: {os.path.join(out, 'index.html')} ({time.time() - start:.0f} s)")


if __name__ == "__main__":
    main()
