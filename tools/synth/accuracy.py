#!/usr/bin/env python3
"""Measures xxgk against a generated set (tools/synth/generate.py): per extraction route, how
many reports parse fully, cell accuracy, missed and wrong cells, injected errors found, and
error findings on clean reports.

    tools/synth/accuracy.py --xxgk build/release/xxgk /tmp/synth [--show-wrong N] [--show-missed N]
                            [--html-direct] [--docx-direct] [--pdf-direct]

Every folder of the set but truth/ and source/ is a route. --html-direct adds the route `html`: the
generated pages themselves (source/N.html), which xxgk reads directly; --docx-direct the route `docx`:
the Word files LibreOffice made of them (source/N.docx), read directly; --pdf-direct the route `pdf`:
the generated PDF files (source/N.pdf), read directly by their words' geometry. Only error findings count as false:
a label written with a typo (the truth's altered_labels) is a warning (F4), as it should be.
"""
import argparse
import json
import subprocess
import sys
from pathlib import Path


def xxgk_json(xxgk, *args):
    p = subprocess.run([xxgk, *args], capture_output=True)
    if p.returncode == 2:
        return None
    return json.loads(p.stdout)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--xxgk", default="build/release/xxgk")
    ap.add_argument("--show-wrong", type=int, default=0, help="print up to N wrong cells per route")
    ap.add_argument("--show-missed", type=int, default=0, help="print up to N missed cells per route")
    ap.add_argument("--html-direct", action="store_true", help="also read source/N.html directly, as the route html")
    ap.add_argument("--docx-direct", action="store_true", help="also read source/N.docx directly, as the route docx")
    ap.add_argument("set")
    ap.add_argument("--pdf-direct", action="store_true", help="also read source/N.pdf directly, as the route pdf")
    args = ap.parse_args()
    root = Path(args.set)
    truths = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted((root / "truth").glob("*.json"))}
    routes = sorted(d.name for d in root.iterdir()
                    if d.is_dir() and d.name not in ("truth", "source", "lo-profile"))
    if args.html_direct:
        routes.append("html")
    if args.docx_direct:
        routes.append("docx")
    if args.pdf_direct:
        routes.append("pdf")
    header = f"{'route':<18} {'reports':>7} {'full':>5} {'cells right/total':>20} {'acc %':>7} {'missed':>6} {'open':>5} {'wrong':>6} {'injected found':>14} {'false':>5}"
    print(header)
    print("-" * len(header))
    failed = False
    for route in routes:
        reports = full = right = total = missed = wrong = unresolved = inj = inj_found = false_findings = 0
        shown = shown_missed = 0
        for name, truth in truths.items():
            if route in ("html", "docx", "pdf"):
                path = root / "source" / f"{name}.{route}"
            else:
                path = root / route / f"{name}.txt"
            if not path.exists():
                continue
            reports += 1
            # html2text 1.3 cuts characters apart: read as its users are told to, with --lossy.
            lossy = ["--lossy"] if route == "html2text" else []
            ast = xxgk_json(args.xxgk, "parse", *lossy, str(path))
            cells = {}
            if ast:
                for table in ast["tables"].values():
                    for row in (table or {}).get("rows", []):
                        for c in row["cells"]:
                            cells[c["key"]] = None if c["state"] == "unresolved" else c["raw"]
            ok = 0
            for key, value in truth["cells"].items():
                total += 1
                if key not in cells:
                    missed += 1
                    if shown_missed < args.show_missed:
                        print(f"  {route}/{name}: missed {key}, truth {value!r}")
                        shown_missed += 1
                elif cells[key] is None:
                    # Left open with X2: no reading settles it. Not read, but no wrong number either.
                    unresolved += 1
                    if shown_missed < args.show_missed:
                        print(f"  {route}/{name}: unresolved {key}, truth {value!r}")
                        shown_missed += 1
                elif cells[key] != value:
                    wrong += 1
                    if shown < args.show_wrong:
                        print(f"  {route}/{name}: {key} = {cells[key]!r}, truth {value!r}")
                        shown += 1
                else:
                    ok += 1
            right += ok
            full += ok == len(truth["cells"])
            findings = xxgk_json(args.xxgk, "check", "--format=json", *lossy, str(path)) or []
            errors = [f for f in findings if f["severity"] == "error"]
            if truth["injected"]:
                inj += 1
                inj_found += any(f["rule"] == truth["injected"]["rule"] for f in errors)
            else:
                false_findings += len(errors)
                if errors and shown < args.show_wrong:
                    print(f"  {route}/{name}: false {errors[0]['rule']} {errors[0]['message']}")
                    shown += 1
        acc = 100.0 * right / total if total else 0.0
        print(f"{route:<18} {reports:>7} {full:>5} {f'{right}/{total}':>20} {acc:>7.2f} {missed:>6} {unresolved:>5} {wrong:>6} {f'{inj_found}/{inj}':>14} {false_findings:>5}")
        # The targets of issue #3: 99.5% on every route, every cell on the tab-row and DOCX routes,
        # every injected error found and no error on a clean report.
        exact = route in ("tabrow", "docx2txt", "pandoc", "html", "docx")
        failed |= (right != total if exact else acc < 99.5) or wrong > 0 or inj_found != inj or false_findings > 0
    if failed:
        print("targets not met: 99.5% per route, 100% on tabrow/docx2txt/pandoc/html/docx, no wrong number, all injected found, "
              "no false error")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
