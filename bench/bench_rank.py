"""Benchmark: one `rank` (10 vendors, counterfactuals, stability) against `check` of the same vendors.

Run: python bench/bench_rank.py [--repeat N]. Not part of the test suite; prints ratios
against `check` measured in the same run.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import timed  # noqa: E402
from engine.decide.inputs import bundled_profiles, load_profile_file, load_vendors  # noqa: E402
from engine.decide.knowledge import load_advice_knowledge  # noqa: E402
from engine.decide.check import check  # noqa: E402
from engine.decide.rank import RankOptions, rank  # noqa: E402


def main() -> None:
    """Print the cost of rank's parts as ratios to check."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    kb = load_advice_knowledge()
    vendors = [lv.vendor for lv in load_vendors()]
    profile = load_profile_file(bundled_profiles()["dongguan-factory-smb"]).profile
    rank(kb, profile, vendors, "bench", RankOptions(weights={}))  # warm: registers rulesets
    base = timed(lambda: check(kb.eligibility, vendors), args.repeat)
    print(f"check, 10 vendors (baseline):       {base * 1e3:7.1f} ms  ratio 1.00")
    for draws in (0, 1000, 10_000):
        cost = timed(lambda: rank(kb, profile, vendors, "bench", RankOptions(weights={}, draws=draws)), args.repeat)
        print(f"rank, 10 vendors, {draws:>5} draws:     {cost * 1e3:7.1f} ms  ratio {cost / base:5.2f}")


if __name__ == "__main__":
    main()
