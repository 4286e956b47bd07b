"""Benchmark: `check` of the ten bundled vendors with what each must change (`path_to`) against `check` without it.

Run: python bench/bench_paths.py [--repeat N]. Not part of the test suite; prints the cost of the
path search as a ratio to the same check without it, measured in the same run, and per vendor.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import timed  # noqa: E402
from engine.decide.check import check, decide  # noqa: E402
from engine.decide.inputs import load_vendors  # noqa: E402
from engine.decide.knowledge import load_rule_base  # noqa: E402


def main() -> None:
    """Print check with paths as a ratio to check without them, then each vendor's own ratio."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    base = load_rule_base()
    vendors = [lv.vendor for lv in load_vendors()]
    check(base, vendors, "off", paths=True)  # warm: registers rulesets
    without = timed(lambda: check(base, vendors, "off"), args.repeat)
    with_paths = timed(lambda: check(base, vendors, "off", paths=True), args.repeat)
    print(f"check, 10 vendors (baseline):   {without * 1e3:7.1f} ms  ratio 1.00")
    print(f"check, 10 vendors, with paths:  {with_paths * 1e3:7.1f} ms  ratio {with_paths / without:5.2f}")
    for vendor in vendors:
        alone = timed(lambda: decide(base, vendor, "off"), args.repeat)
        paths = timed(lambda: decide(base, vendor, "off", paths=True), args.repeat)
        print(f"  {vendor.id:<11} {alone * 1e3:6.2f} ms → {paths * 1e3:6.2f} ms  ratio {paths / alone:6.1f}")


if __name__ == "__main__":
    main()
