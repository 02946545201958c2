#!/usr/bin/python3
"""Test: the browser lab (build/.../wasm/site) loaded in headless Chromium shows minimax-lab's numbers.

For each configuration below the page is opened with `autorun=1` in its address, in headless
Chromium driven over the DevTools protocol: it runs the configuration once in WebAssembly, draws
every view and writes what it ran and what came back into the element #minimax-result. This script then runs the native minimax-lab on exactly the same
command lines and compares the two outputs key by key: every number to 1e-12 (relative, or absolute
below 1), every text and exit status exactly. It also checks that every view drew (no canvas left
blank) and that the page logged no error. One screenshot per configuration is kept in --out.

    check_web.py --site DIR --lab PATH --chromium PATH --out DIR [--bench]
"""
import argparse
import base64
import functools
import http.server
import json
import math
import os
import re
import subprocess
import sys
import tempfile
import threading
import time

TOLERANCE = 1e-12
LARGEST_DIFFERENCE = [0.0]  # the largest scaled difference seen, |a - b| / max(1, |a|, |b|)

# (name, the page's query string): every game family, schemes that converge, cycle and diverge, and
# the phase-diagram tab. Every canvas the page draws for a configuration must be non-blank.
CONFIGURATIONS = [
    ("dirac-r1-simultaneous", "game=dirac&regulariser=r1&strength=0.3&scheme=simultaneous&steps=800"),
    ("dirac-extragradient", "game=dirac&loss=minimax&scheme=extragradient&lr=0.2&steps=600"),
    ("bilinear-simultaneous", "game=bilinear&scheme=simultaneous&steps=300"),
    ("bilinear-extragradient", "game=bilinear&scheme=extragradient&lr=0.3&steps=500"),
    ("bilinear-momentum", "game=bilinear&scheme=momentum&beta=-0.4&steps=400"),
    ("bilinear-alternating-nd3", "game=bilinear&scheme=alternating&lr=0.5&lr-d=0.2&d-steps=3&steps=300"),
    ("gauss1d-rmsprop", "game=gauss1d&scheme=rmsprop&lr=0.01&steps=300"),
    ("bilinear-2x2-optimistic", "game=bilinear&coupling=1,0.4,-0.2,0.7&scheme=optimistic&steps=400"),
    ("gauss1d-consensus", "game=gauss1d&loss=minimax&scheme=consensus&steps=400"),
    ("dirac-ttur-optimistic", "game=dirac&regulariser=r1&scheme=optimistic&lr=0.05&lr-d=0.2&steps=600"),
    ("dirac-phase-diagram", "game=dirac&regulariser=r1&tab=phase"),
    ("ring-adam", "game=ring&steps=100"),
    ("grid-unrolled-live", "game=grid&scheme=unrolled&unroll=2&lr=0.002&steps=120&record-every=4"),
    ("began-live", "game=began&steps=60&lr-d=0.002"),
]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory):
    """A static server for `directory` on a free port of 127.0.0.1, in a thread; returns (server, port)."""
    handler = functools.partial(QuietHandler, directory=directory)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.server_address[1]


class Browser:
    """Headless Chromium driven over the DevTools protocol on a pipe (--remote-debugging-pipe: JSON
    messages ended by a NUL byte, ours on its fd 3, its answers on fd 4), so that the script can wait
    for the page to finish its WebAssembly work, which a fixed --virtual-time-budget does not."""

    def __init__(self, chromium, profile):
        to_browser_read, self.to_browser = os.pipe()
        self.from_browser, from_browser_write = os.pipe()

        def wire():
            os.dup2(to_browser_read, 3)
            os.dup2(from_browser_write, 4)

        self.process = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
             "--remote-debugging-pipe", "--window-size=1280,1000", "--user-data-dir=" + profile, "about:blank"],
            preexec_fn=wire, close_fds=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser_read)
        os.close(from_browser_write)
        self.pending, self.next_id, self.session = b"", 0, None
        targets = self.call("Target.getTargets")["targetInfos"]
        page = next(t for t in targets if t["type"] == "page")
        self.session = self.call("Target.attachToTarget", targetId=page["targetId"], flatten=True)["sessionId"]
        self.call("Page.enable")

    def call(self, method, **params):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params}
        if self.session and not method.startswith("Target."):
            message["sessionId"] = self.session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        while True:
            while b"\0" not in self.pending:
                chunk = os.read(self.from_browser, 1 << 20)
                if not chunk:
                    raise RuntimeError("Chromium closed its DevTools pipe")
                self.pending += chunk
            text, self.pending = self.pending.split(b"\0", 1)
            answer = json.loads(text)
            if answer.get("id") == self.next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})

    def evaluate(self, expression):
        return self.call("Runtime.evaluate", expression=expression, returnByValue=True)["result"].get("value")

    def close(self):
        try:
            self.call("Browser.close")
        except (RuntimeError, OSError):
            pass
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


def compare(page, native, path, failures):
    """Appends to `failures` every place where the page's value differs from the native one."""
    if isinstance(native, bool) or isinstance(page, bool):
        if page != native:
            failures.append(f"{path}: page {page!r}, native {native!r}")
    elif isinstance(native, (int, float)) and isinstance(page, (int, float)):
        a, b = float(page), float(native)
        if math.isnan(a) and math.isnan(b):
            return
        if a == b:
            return
        LARGEST_DIFFERENCE[0] = max(LARGEST_DIFFERENCE[0], abs(a - b) / max(1.0, abs(a), abs(b)))
        if not (abs(a - b) <= TOLERANCE * max(1.0, abs(a), abs(b))):
            failures.append(f"{path}: page {a!r}, native {b!r} (difference {abs(a - b):.3g})")
    elif isinstance(native, dict) and isinstance(page, dict):
        if sorted(page) != sorted(native):
            failures.append(f"{path}: keys differ: page {sorted(page)}, native {sorted(native)}")
        for key in native:
            if key in page:
                compare(page[key], native[key], f"{path}.{key}", failures)
    elif isinstance(native, list) and isinstance(page, list):
        if len(page) != len(native):
            failures.append(f"{path}: {len(page)} entries on the page, {len(native)} native")
        for i, (p, n) in enumerate(zip(page, native)):
            compare(p, n, f"{path}[{i}]", failures)
    elif page != native:
        failures.append(f"{path}: page {page!r}, native {native!r}")


def check(name, query, a, browser, port, failures):
    url = f"http://127.0.0.1:{port}/index.html?{query}&autorun=1"
    browser.call("Page.navigate", url=url)
    text, deadline = None, time.monotonic() + 240
    while time.monotonic() < deadline:
        text = browser.evaluate("document.body && document.body.dataset.done === '1' ? "
                                "document.getElementById('minimax-result').textContent : null")
        if text:
            break
        time.sleep(0.2)
    if not text:
        failures.append(f"{name}: the page wrote no #minimax-result within 240 s (did the module load?)")
        return None
    shot = browser.call("Page.captureScreenshot", format="png")["data"]
    with open(os.path.join(a.out, name + ".png"), "wb") as f:
        f.write(base64.b64decode(shot))
    result = json.loads(text)
    for message in result.get("errors", []):
        failures.append(f"{name}: the page logged an error: {message}")
    canvases = result.get("canvases", {})
    if not canvases:
        failures.append(f"{name}: no canvas was drawn")
    for canvas, pixels in canvases.items():
        if pixels <= 0:
            failures.append(f"{name}: canvas {canvas} is blank")
    runs = result.get("runs", [])
    if not runs:
        failures.append(f"{name}: the page ran nothing")
    # the commands run natively in order, in a folder of their own: the live games' parts pass their
    # checkpoint file from one command to the next, as they do in the module's memory on the page
    with tempfile.TemporaryDirectory(prefix="minimax-web-") as workdir:
        for run in runs:
            argv = run["argv"]
            native = subprocess.run([os.path.abspath(a.lab)] + argv, capture_output=True, text=True, timeout=300, cwd=workdir)
            where = f"{name}: {' '.join(argv)}"
            if run["exit"] != native.returncode:
                failures.append(f"{where}: exit status {run['exit']} on the page, {native.returncode} native "
                                f"(page stderr: {run.get('stderr', '')!r}; native: {native.stderr!r})")
                continue
            if native.returncode != 0:
                failures.append(f"{where}: failed natively: {native.stderr.strip()}")
                continue
            compare(run["output"], json.loads(native.stdout), where, failures)
    return result


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--site", required=True, help="the built site (index.html, minimax-lab.js, .wasm)")
    p.add_argument("--lab", required=True, help="the native minimax-lab")
    p.add_argument("--chromium", required=True)
    p.add_argument("--out", required=True, help="where the screenshots go")
    p.add_argument("--bench", action="store_true", help="also measure the page's speed (timing_ms)")
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    server, port = serve(a.site)
    failures, checked = [], 0
    with tempfile.TemporaryDirectory() as profile:
        browser = Browser(a.chromium, profile)
        try:
            for name, query in CONFIGURATIONS:
                before = len(failures)
                result = check(name, query, a, browser, port, failures)
                runs = len(result.get("runs", [])) if result else 0
                checked += runs
                timing = result.get("timing_ms", {}) if result else {}
                print(f"{name}: {runs} command(s) compared, {len(failures) - before} difference(s); "
                      f"timing_ms {json.dumps(timing)}")
            # A high-density screen (devicePixelRatio 2): the canvases keep their size on the page and
            # draw on twice as many device pixels each way, and the numbers are those of any screen.
            browser.call("Emulation.setDeviceMetricsOverride", width=1280, height=1000, deviceScaleFactor=2,
                         mobile=False)
            before = len(failures)
            result = check("dirac-r1-simultaneous-hidpi", CONFIGURATIONS[0][1], a, browser, port, failures)
            sizes = browser.evaluate("JSON.stringify([...document.querySelectorAll('canvas')].map(c => "
                                     "[c.id, c.width, c.height, c.getBoundingClientRect().width, "
                                     "Number(c.dataset.width)]))")
            for canvas, width, height, shown, logical in json.loads(sizes or "[]"):
                if width != 2 * logical or abs(shown - logical) > 0.5 and shown > 0:
                    failures.append(f"hidpi: canvas {canvas} has {width}x{height} device pixels, shown {shown} "
                                    f"CSS pixels wide, logical width {logical}")
            checked += len(result.get("runs", [])) if result else 0
            print(f"dirac-r1-simultaneous-hidpi: {len(failures) - before} difference(s); canvases (id, device "
                  f"width, height, CSS width, logical width): {sizes}")
            # The scheme's formulas, typeset by the MathJax served beside the page (where the site has it)
            if os.path.exists(os.path.join(a.site, "mathjax", "MathJax.js")):
                typeset, deadline = None, time.monotonic() + 60
                while time.monotonic() < deadline:
                    typeset = browser.evaluate(
                        "(() => { const e = document.getElementById('scheme-formula');"
                        " return e && !e.hidden && e.querySelectorAll('svg').length >= 2 &&"
                        " !e.textContent.includes('\\\\[') ? e.querySelectorAll('svg').length : 0; })()")
                    if typeset:
                        break
                    time.sleep(0.2)
                if not typeset:
                    failures.append("mathjax: the scheme's formulas were not typeset within 60 s")
                print(f"mathjax: {typeset or 0} formula(s) typeset in the scheme panel")
                shot = browser.call("Page.captureScreenshot", format="png", captureBeyondViewport=True,
                                    clip={"x": 0, "y": 560, "width": 1280, "height": 440, "scale": 1})["data"]
                with open(os.path.join(a.out, "scheme-formula.png"), "wb") as f:
                    f.write(base64.b64decode(shot))
            browser.call("Emulation.clearDeviceMetricsOverride")
            if a.bench:
                result = check("bench", "game=dirac&steps=1000&bench=1", a, browser, port, failures)
                print("bench: timing_ms", json.dumps(result.get("timing_ms", {}) if result else {}))
        finally:
            browser.close()
            server.shutdown()
    for f in failures[:50]:
        print("FAIL:", f)
    if len(failures) > 50:
        print(f"FAIL: ... and {len(failures) - 50} more")
    print(f"{checked} commands run on the page and natively; {len(failures)} difference(s) beyond {TOLERANCE:g}; "
          f"the largest scaled difference {LARGEST_DIFFERENCE[0]:.3g}")
    return 1 if failures or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
