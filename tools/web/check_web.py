#!/usr/bin/python3
"""Test: the browser lab (build/.../wasm/site) loaded in headless Chromium shows minimax-lab's numbers.

For each configuration below the page is opened with `autorun=1` in its address: it runs the
configuration once in WebAssembly, draws every view and writes what it ran and what came back into
the element #minimax-result. This script then runs the native minimax-lab on exactly the same
command lines and compares the two outputs key by key: every number to 1e-12 (relative, or absolute
below 1), every text and exit status exactly. It also checks that every view drew (no canvas left
blank) and that the page logged no error. One screenshot per configuration is kept in --out.

    check_web.py --site DIR --lab PATH --chromium PATH --out DIR [--bench]
"""
import argparse
import functools
import html
import http.server
import json
import math
import os
import re
import socket
import subprocess
import sys
import threading

TOLERANCE = 1e-12

# (name, the page's query string): every game family, schemes that converge, cycle and diverge, and
# the phase-diagram tab. Every canvas the page draws for a configuration must be non-blank.
CONFIGURATIONS = [
    ("dirac-r1-simultaneous", "game=dirac&regulariser=r1&strength=0.3&scheme=simultaneous&steps=800"),
    ("dirac-extragradient", "game=dirac&loss=minimax&scheme=extragradient&lr=0.2&steps=600"),
    ("bilinear-simultaneous", "game=bilinear&scheme=simultaneous&steps=300"),
    ("bilinear-extragradient", "game=bilinear&scheme=extragradient&lr=0.3&steps=500"),
    ("bilinear-momentum", "game=bilinear&scheme=momentum&beta=-0.4&steps=400"),
    ("gauss1d-consensus", "game=gauss1d&loss=minimax&scheme=consensus&steps=400"),
    ("dirac-phase-diagram", "game=dirac&regulariser=r1&tab=phase"),
    ("ring-adam", "game=ring&steps=100&snapshots=2"),
]


def serve(directory):
    """A static server for `directory` on a free port of 127.0.0.1, in a thread; returns (server, port)."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=directory)
    handler.log_message = lambda *args: None
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, port


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


def open_page(chromium, url, extra):
    common = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
              "--virtual-time-budget=60000", "--window-size=1280,1000"]
    return subprocess.run(common + extra + [url], capture_output=True, text=True, timeout=300)


def check(name, query, a, port, failures):
    url = f"http://127.0.0.1:{port}/index.html?{query}&autorun=1"
    dom = open_page(a.chromium, url, ["--dump-dom"]).stdout
    found = re.search(r'<pre id="minimax-result"[^>]*>(.*?)</pre>', dom, re.S)
    if not found:
        failures.append(f"{name}: the page wrote no #minimax-result (did the module load?)")
        return None
    result = json.loads(html.unescape(found.group(1)))
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
    for run in runs:
        argv = run["argv"]
        native = subprocess.run([a.lab] + argv, capture_output=True, text=True, timeout=300)
        where = f"{name}: {' '.join(argv)}"
        if run["exit"] != native.returncode:
            failures.append(f"{where}: exit status {run['exit']} on the page, {native.returncode} native "
                            f"(page stderr: {run.get('stderr', '')!r}; native: {native.stderr!r})")
            continue
        if native.returncode != 0:
            failures.append(f"{where}: failed natively: {native.stderr.strip()}")
            continue
        compare(run["output"], json.loads(native.stdout), where, failures)
    open_page(a.chromium, url, ["--screenshot=" + os.path.join(a.out, name + ".png")])
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
    try:
        for name, query in CONFIGURATIONS:
            before = len(failures)
            result = check(name, query, a, port, failures)
            runs = len(result.get("runs", [])) if result else 0
            checked += runs
            timing = result.get("timing_ms", {}) if result else {}
            print(f"{name}: {runs} command(s) compared, {len(failures) - before} difference(s); timing_ms {timing}")
        if a.bench:
            result = check("bench", "game=dirac&steps=1000&bench=1", a, port, failures)
            print("bench: timing_ms", json.dumps(result.get("timing_ms", {}) if result else {}))
    finally:
        server.shutdown()
    for f in failures[:50]:
        print("FAIL:", f)
    if len(failures) > 50:
        print(f"FAIL: ... and {len(failures) - 50} more")
    print(f"{checked} commands run on the page and natively; {len(failures)} difference(s)")
    return 1 if failures or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
