"""Benchmark: cost of `check` per vendor, against a pure-Python evaluation of the same rules.

Run: python bench/bench_check.py [--repeat N]. Not part of the test suite. Prints ratios
against the baseline measured in the same run, so numbers compare across machines.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import timed  # noqa: E402
from engine.compile.facts import vendor_facts  # noqa: E402
from engine.compile.truth import evaluate  # noqa: E402
from engine.decide.knowledge import load_rule_base, load_vendors  # noqa: E402
from engine.decide.check import decide  # noqa: E402


def python_only(base, vendor) -> None:
    """Baseline: evaluate every rule in Python over the input facts (no durable_rules, no chaining)."""
    facts = vendor_facts(vendor)
    for rule in base.ordered():
        evaluate(rule.condition, facts, [])


def main() -> None:
    """Print per-vendor costs and ratios."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    base = load_rule_base()
    vendors = [lv.vendor for lv in load_vendors()]
    decide(base, vendors[0])  # registers the rulesets once
    baseline = timed(lambda: [python_only(base, v) for v in vendors], args.repeat) / len(vendors)
    print(f"rules: {len(base.by_id)}, stages: {len(base.stages)}, vendors: {len(vendors)}")
    print(f"baseline (python-only evaluation): {baseline * 1e6:8.1f} µs/vendor  ratio 1.00")
    for n in (1, 10, 100):
        batch = (vendors * (n // len(vendors) + 1))[:n]
        cost = timed(lambda: [decide(base, v) for v in batch], args.repeat) / n
        print(f"decide, {n:>3} vendors:              {cost * 1e6:8.1f} µs/vendor  ratio {cost / baseline:5.2f}")


if __name__ == "__main__":
    main()
