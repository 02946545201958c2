#!/usr/bin/python3
"""Test: builds the report in quick mode, opens it in headless Chromium and checks that every image
loaded, MathJax typeset every formula (SVG elements, no raw TeX delimiters left) and keeps a screenshot.

    check_report.py --lab PATH --chromium PATH --out DIR
"""
import argparse
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

PROBE = """
<script>
window.addEventListener("load", function () {
  MathJax.Hub.Queue(function () {
    var imgs = document.images, ok = 0;
    for (var i = 0; i < imgs.length; ++i) if (imgs[i].complete && imgs[i].naturalWidth > 0) ++ok;
    document.body.setAttribute("data-images", imgs.length + "/" + ok);
    document.body.setAttribute("data-math", document.querySelectorAll(".MathJax_SVG").length);
  });
});
</script>
"""


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--lab", required=True)
    p.add_argument("--chromium", required=True)
    p.add_argument("--out", required=True)
    a = p.parse_args()
    report = os.path.join(a.out, "report")
    subprocess.run(["/usr/bin/python3", os.path.join(HERE, "make_report.py"), "--lab", a.lab, "--out", report, "--quick"],
                   check=True)
    with open(os.path.join(report, "index.html"), encoding="utf-8") as f:
        page = f.read()
    probe = os.path.join(report, "probe.html")
    with open(probe, "w", encoding="utf-8") as f:
        f.write(page.replace("</body>", PROBE + "</body>"))
    common = [a.chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
              "--allow-file-access-from-files", "--virtual-time-budget=60000", "--window-size=1280,2400"]
    dom = subprocess.run(common + ["--dump-dom", "file://" + probe], capture_output=True, text=True, timeout=300).stdout
    subprocess.run(common + ["--screenshot=" + os.path.join(a.out, "screenshot.png"), "file://" + os.path.join(report, "index.html")],
                   capture_output=True, timeout=300)
    failures = []
    images = re.search(r'data-images="(\d+)/(\d+)"', dom)
    if not images:
        failures.append("the probe did not run (no data-images attribute)")
    elif images.group(1) != images.group(2) or images.group(1) == "0":
        failures.append(f"images: {images.group(2)} of {images.group(1)} loaded")
    math = re.search(r'data-math="(\d+)"', dom)
    source = re.sub(r"<script.*?</script>", "", page, flags=re.S)  # the MathJax configuration names the delimiters
    expected = source.count("\\(") + source.count("\\[")
    if not math or int(math.group(1)) < expected:
        failures.append(f"formulas typeset: {math.group(1) if math else 'none'} of {expected}")
    text = re.sub(r"<script.*?</script>", "", dom, flags=re.S)
    text = re.sub(r"<[^>]+>", "", text)
    if "\\(" in text or "\\[" in text:
        failures.append("raw TeX delimiters remain in the page's text")
    if not os.path.exists(os.path.join(a.out, "screenshot.png")):
        failures.append("no screenshot")
    print(f"images {images.group(0) if images else '?'}, formulas {math.group(1) if math else '?'} of {expected}")
    for f in failures:
        print("FAIL:", f)
    print(f"{0 if failures else 1} passed, {1 if failures else 0} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
