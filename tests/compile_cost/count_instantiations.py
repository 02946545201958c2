#!/usr/bin/env python3
"""Compiles one unit with clang's -ftime-trace and counts the costly templates its front end
instantiated: Eigen's decompositions (eigensolvers, Schur, Hessenberg, Cholesky, QR, LU, SVD),
Boost.Math's quadrature rules and its special functions (the error function and its inverse, the
gamma family, zeta, beta, Bessel functions: each brings rational approximations, constants and
static initialisers that are compiled, and at -O1 and above emitted, into the unit). Every instantiation is recorded (granularity 0), so this is a count,
not a time.

  count_instantiations.py --cxx clang++ --expect none  -- -I include ... unit.cpp
  count_instantiations.py --cxx clang++ --expect eigen -- ...       (the unit must instantiate one)

--expect none: fails when the unit instantiates any of them, and names them.
--expect eigen / quadrature / special: fails unless it instantiates that kind (a control: the count
works).
"""

import argparse
import collections
import json
import os
import re
import subprocess
import sys
import tempfile

KINDS = {
    "eigen": re.compile(
        r"^Eigen::(internal::)?(EigenSolver|SelfAdjointEigenSolver|GeneralizedSelfAdjointEigenSolver|"
        r"ComplexEigenSolver|RealSchur|ComplexSchur|RealQZ|HessenbergDecomposition|Tridiagonalization|"
        r"tridiagonalization_inplace|LLT|LDLT|HouseholderQR|ColPivHouseholderQR|FullPivHouseholderQR|"
        r"CompleteOrthogonalDecomposition|HouseholderSequence|PartialPivLU|FullPivLU|JacobiSVD|BDCSVD)\b"),
    "quadrature": re.compile(r"^boost::math::quadrature::"),
    "special": re.compile(
        r"^boost::math::(detail::)?(erf|erfc|erf_inv|erfc_inv|tgamma|tgamma1pm1|lgamma|digamma|trigamma|polygamma|"
        r"gamma_p|gamma_q|gamma_p_inv|gamma_q_inv|zeta|beta|ibeta|ibeta_inv|cyl_bessel_[ijk]|cyl_neumann|"
        r"legendre_p|legendre_q)(_imp|_initializer|_inv_imp)?\b"),
}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cxx", required=True, help="a clang++ that takes -ftime-trace")
    parser.add_argument("--expect", required=True, choices=["none", *KINDS])
    parser.add_argument("args", nargs=argparse.REMAINDER, help="-- then the compiler's arguments and the unit")
    options = parser.parse_args()
    args = options.args[1:] if options.args[:1] == ["--"] else options.args

    with tempfile.TemporaryDirectory() as tmp:
        obj = os.path.join(tmp, "unit.o")
        # clang writes the trace beside the object file (with -fsyntax-only it writes none).
        command = [options.cxx, "-std=c++20", "-O0", "-c", "-ftime-trace", "-ftime-trace-granularity=0",
                   *args, "-o", obj]
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            sys.exit(f"count_instantiations: the unit did not compile:\n{' '.join(command)}\n{result.stderr}")
        with open(os.path.join(tmp, "unit.json"), encoding="utf-8") as f:
            trace = json.load(f)

    found = {kind: collections.Counter() for kind in KINDS}
    for event in trace["traceEvents"]:
        if event.get("name") not in ("InstantiateClass", "InstantiateFunction"):
            continue
        detail = event.get("args", {}).get("detail", "")
        for kind, pattern in KINDS.items():
            if pattern.search(detail):
                found[kind][re.sub(r"<.*", "", detail)] += 1

    unit = args[-1]
    for kind, names in found.items():
        total = sum(names.values())
        print(f"{os.path.basename(unit)}: {total} instantiations of {kind} templates"
              + (": " + ", ".join(f"{n} x{c}" for n, c in names.most_common(8)) if total else ""))
    if options.expect == "none":
        bad = {k: v for k, v in found.items() if v}
        if bad:
            print(f"FAILED: {unit} instantiates templates it never calls; make the non-template code that "
                  "reaches them a template (docs/building.md)")
            return 1
    elif not found[options.expect]:
        print(f"FAILED: {unit} calls {options.expect} code, yet no instantiation was counted: the count is broken")
        return 1
    print("passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
