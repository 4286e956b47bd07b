"""Benchmark: one `rank` (10 vendors, counterfactuals, stability, the assessment analysis) against `check`.

Run: python bench/bench_rank.py [--repeat N] [--profile ID]. Not part of the test suite; prints
ratios against `check` measured in the same run, and the assessment analysis (flip search,
assessment draws) as a ratio to the same ranking without it.
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
    parser.add_argument("--profile", default="dongguan-factory-smb", help="a bundled buyer")
    args = parser.parse_args()
    kb = load_advice_knowledge()
    vendors = [lv.vendor for lv in load_vendors()]
    profile = load_profile_file(bundled_profiles()[args.profile]).profile
    rank(kb, profile, vendors, "bench", RankOptions(weights={}))  # warm: registers rulesets
    base = timed(lambda: check(kb.eligibility, vendors), args.repeat)
    print(f"check, 10 vendors (baseline):                 {base * 1e3:7.1f} ms  ratio 1.00")
    for draws in (0, 1000, 10_000):
        cost = timed(lambda: rank(kb, profile, vendors, "bench", RankOptions(weights={}, draws=draws)), args.repeat)
        print(f"rank, 10 vendors, {draws:>5} draws:               {cost * 1e3:7.1f} ms  ratio {cost / base:5.2f}")
    bare = timed(lambda: rank(kb, profile, vendors, "bench", RankOptions(weights={}, assess=False)), args.repeat)
    print(f"rank without the assessment analysis:         {bare * 1e3:7.1f} ms  ratio {bare / base:5.2f}")
    for label, options in (("flip search only (0 assessment draws)", RankOptions(weights={}, assessment_draws=0)),
                           ("with it (default, 1000 assessment draws)", RankOptions(weights={}))):
        cost = timed(lambda: rank(kb, profile, vendors, "bench", options), args.repeat)
        print(f"rank {label}: {cost * 1e3:7.1f} ms  {cost / bare:5.2f}× rank without it")


if __name__ == "__main__":
    main()
