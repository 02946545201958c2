#!/usr/bin/python3
"""Measures GAN Lab's training speed in headless Chromium on this machine, for docs/web.md.

GAN Lab (poloclub/ganlab, TensorFlow.js on WebGL) is not part of minimax: give this script a copy of
its published site (the index.html and bundle.js of its gh-pages branch). The page loads Chart.js
2.4 from a CDN, which cannot be reached here; the script serves Debian's libjs-chart.js (3.9) in its
place (its charts then log "Invalid scale configuration", their training is unchanged). WebGL is
Chromium's software renderer (SwiftShader): this machine has no GPU, so the figure is GAN Lab on a
CPU, as minimax's page is measured (check_web.py --bench).

    measure_ganlab.py --site DIR [--chromium PATH] [--seconds 30]

It opens the page, presses Play and reads the iteration counter over the given time; GAN Lab's
defaults (the ring with its pre-trained model, one hidden layer of 8 units in each network, two
discriminator steps per iteration, batch 150) are printed beside the rate.
"""
import argparse
import os
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_web  # noqa: E402  (its static server and DevTools client)

CDN_CHART = "https://cdnjs.cloudflare.com/ajax/libs/Chart.js/2.4.0/Chart.bundle.min.js"
DEBIAN_CHART = "/usr/share/javascript/chart.js/chart.min.js"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--site", required=True, help="GAN Lab's published site (index.html, bundle.js)")
    p.add_argument("--chromium", default="/usr/bin/chromium")
    p.add_argument("--seconds", type=float, default=30)
    a = p.parse_args()
    with tempfile.TemporaryDirectory() as site, tempfile.TemporaryDirectory() as profile:
        shutil.copytree(a.site, site, dirs_exist_ok=True)
        shutil.copy(DEBIAN_CHART, os.path.join(site, "chart.min.js"))
        index = os.path.join(site, "index.html")
        with open(index, encoding="utf-8") as f:
            html = f.read()
        with open(index, "w", encoding="utf-8") as f:
            f.write(html.replace(CDN_CHART, "chart.min.js"))
        server, port = check_web.serve(site)
        launch = check_web.subprocess.Popen

        def software_webgl(args, **kw):  # WebGL on SwiftShader instead of no GPU at all
            args = [x for x in args if x != "--disable-gpu"]
            return launch(args + ["--use-gl=angle", "--use-angle=swiftshader", "--enable-unsafe-swiftshader"], **kw)

        check_web.subprocess.Popen = software_webgl
        browser = check_web.Browser(a.chromium, profile)
        try:
            browser.call("Page.navigate", url=f"http://127.0.0.1:{port}/index.html")
            count = "document.getElementById('iteration-count').textContent.replace(/,/g, '')"
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and not browser.evaluate(f"!!document.getElementById('iteration-count')"):
                time.sleep(0.5)
            time.sleep(5)  # the pre-trained model loads
            browser.evaluate("document.getElementById('play-pause-button').click()")
            time.sleep(2)
            first, started = int(browser.evaluate(count)), time.monotonic()
            time.sleep(a.seconds)
            last, ended = int(browser.evaluate(count)), time.monotonic()
            model = browser.evaluate(
                "(() => { const e = document.querySelector('gan-lab'); return e ? JSON.stringify({generator: "
                "[e.numGeneratorLayers, e.numGeneratorNeurons], discriminator: [e.numDiscriminatorLayers, "
                "e.numDiscriminatorNeurons], discriminator_steps: e.kDSteps, generator_steps: e.kGSteps}) : '?'; })()")
        finally:
            browser.close()
            server.shutdown()
    rate = (last - first) / (ended - started)
    print(f"GAN Lab: {last - first} iterations in {ended - started:.1f} s = {rate:.1f} iterations per second; "
          f"model (layers, units): {model}")
    return 0 if last > first else 1


if __name__ == "__main__":
    sys.exit(main())
