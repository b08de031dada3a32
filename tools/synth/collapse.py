#!/usr/bin/env python3
"""Writes a copy of a report with all whitespace removed inside its tables, as a crawler that
collapsed whitespace leaves it (issue #3, part 4). Table extents come from `xxgk parse`: from a
table's first line to the line of its last cell.

    tools/synth/collapse.py --xxgk build/dev/xxgk REPORT.txt OUT.txt
"""
import argparse
import json
import re
import subprocess
import sys


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--xxgk", default="build/dev/xxgk")
    ap.add_argument("report")
    ap.add_argument("out")
    args = ap.parse_args()
    ast = json.loads(subprocess.run([args.xxgk, "parse", args.report], check=True, capture_output=True).stdout)
    raw = open(args.report, "rb").read().decode("utf-8-sig")
    lines = raw.replace("\r\n", "\n").split("\n")
    spans = []
    for table in ast["tables"].values():
        if not table:
            continue
        last = max(c["line"] for row in table["rows"] for c in row["cells"])
        spans.append((table["line"], last))
    out = []
    i = 1
    while i <= len(lines):
        span = next((s for s in spans if s[0] == i), None)
        if span:
            out.append(re.sub(r"[\s\u3000]+", "", "".join(lines[span[0] - 1:span[1]])))
            i = span[1] + 1
        else:
            out.append(lines[i - 1])
            i += 1
    open(args.out, "w", encoding="utf-8").write("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
