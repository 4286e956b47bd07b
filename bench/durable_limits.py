"""Measure durable_rules' structural limits on zhisuan's compilation (not part of the suite).

Run: python bench/durable_limits.py

Each probe compiles stage rulesets the way `compile_rules` does (negation pushed to the
leaves, the fact marker, the catch-all added by the adapter) and runs one fact through the
adapter, doubling then bisecting to the smallest size that fails, and prints durable's error.
"""

from __future__ import annotations

import sys
from itertools import count
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engine.compile.compiler import ruleset  # noqa: E402
from engine.compile.tree import build  # noqa: E402
from engine.errors import Location  # noqa: E402
from engine.model.rules import Condition  # noqa: E402
from engine.runtime.durable_adapter import engine  # noqa: E402

_names = count()
NOWHERE = Location("probe.yaml")


class _Rule:
    def __init__(self, rid: str, when: dict) -> None:
        self.id = rid
        self.condition = build(Condition.model_validate(when), (), lambda path: NOWHERE)
        self.reads = frozenset(leaf.leaf.field for leaf in self.condition.leaves())


def _run(rules: list[_Rule], fact: dict) -> str | None:
    """None when durable takes the rules and the fact; else its error."""
    part = ruleset(rules)  # one durable ruleset, unsplit: the probe measures durable itself
    name = f"{part.name}_{next(_names)}"  # a fresh ruleset every probe
    try:
        engine().fire(name, part.definition, part.payload(fact))
    except Exception as exc:  # noqa: BLE001 - the error is what we measure
        return f"{type(exc).__name__}: {str(exc)[:140]}"
    return None


def comparisons_in_one_condition(n: int) -> str | None:
    """One rule: all of n distinct comparisons, all true."""
    leaves = [{"field": "S", "op": ">=", "value": 1 + i / 100} for i in range(n)]
    return _run([_Rule("r", {"all": leaves})], {"S": 10_000})


def rules_firing_in_one_stage(n: int) -> str | None:
    """n rules with distinct conditions, all firing on the same fact."""
    return _run([_Rule(f"r{i}", {"field": "S", "op": ">=", "value": 1 + i / 100}) for i in range(n)], {"S": 10_000})


def identical_conditions(n: int) -> str | None:
    """n rules with the same condition (firing)."""
    return _run([_Rule(f"r{i}", {"field": "S", "op": ">=", "value": 1}) for i in range(n)], {"S": 10_000})


def rules_in_one_stage(n: int) -> str | None:
    """n rules with distinct conditions, none firing."""
    return _run([_Rule(f"r{i}", {"field": "R", "op": ">=", "value": (i + 1) / 10_000}) for i in range(n)], {"R": 0})


_TRUE_LEAVES = [  # every one true for _PACKED_FACT
    {"field": "S", "op": ">=", "value": 1}, {"field": "S", "op": "!=", "value": 2}, {"field": "R", "op": ">", "value": 0.0001},
    {"field": "R", "op": "<=", "value": 1}, {"field": "S", "op": "exists"}, {"field": "R", "op": "exists"},
    {"field": "S", "op": "in", "value": [3, 100]}, {"field": "chips", "op": "contains", "value": "nvidia"},
    {"not": {"field": "S", "op": "<", "value": 5}}, {"not": {"field": "chips", "op": "contains", "value": "ascend"}},
]
_PACKED_FACT = {"S": 100, "R": 0.5, "chips": ["nvidia"]}


def _true_condition(rng, depth: int = 0) -> dict:
    if depth >= 2 or rng.random() < 0.4:
        return dict(rng.choice(_TRUE_LEAVES))
    return {rng.choice(["any", "all"]): [_true_condition(rng, depth + 1) for _ in range(rng.randint(2, 3))]}


def packed_rulesets(budget: int, trials: int = 150, seed: int = 1) -> str:
    """Random rules of nested any/all, every leaf true, packed until their widths reach `budget`; errors seen."""
    import random

    from engine.compile.durable_form import rule_pattern, width

    rng, failures = random.Random(seed), 0
    for _ in range(trials):
        rules, used = [], 0
        while True:
            rule = _Rule(f"r{len(rules)}", _true_condition(rng))
            size = width(rule_pattern(rule.condition))
            if used + size > budget:
                break
            rules.append(rule)
            used += size
        failures += _run(rules, _PACKED_FACT) is not None
    return f"{failures} of {trials} rulesets failed"


def smallest_failing(probe, start: int = 1, limit: int = 9_000) -> tuple[int | None, str | None]:
    """The smallest n in [start, limit] for which `probe` fails (failures assumed monotone)."""
    low, high = start, start
    while high <= limit and probe(high) is None:
        low, high = high, high * 2
    if high > limit:
        high = limit
        if probe(high) is None:
            return None, None
    while low < high:
        mid = (low + high) // 2
        if probe(mid) is None:
            low = mid + 1
        else:
            high = mid
    return high, probe(high)


def _in_child(probe, n: int, seconds: float) -> str | None:
    """`probe(n)` in a child process; a hang is reported as one."""
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(1) as pool:
        try:
            return pool.apply_async(probe, (n,)).get(seconds)
        except multiprocessing.TimeoutError:
            return f"hangs (no answer in {seconds:g} s)"


def main() -> None:
    """Print each limit with durable's error."""
    print("| probe | smallest failing size | durable's error |\n|---|---|---|")
    for probe in (comparisons_in_one_condition, rules_firing_in_one_stage, identical_conditions):
        size, error = smallest_failing(probe, limit=2_000)
        print(f"| {probe.__doc__.strip()} | {size if size else '> 2,000'} | {error or 'none'} |", flush=True)
    for budget in (60, 90):
        print(f"| random rulesets packed to width {budget}, every leaf true | | {packed_rulesets(budget)} |", flush=True)
    # Bisection would wait forever here: each size runs in a child with a time limit.
    for n in (511, 512, 1024, 4096):
        print(f"| {rules_in_one_stage.__doc__.strip()} (n = {n}) | | {_in_child(rules_in_one_stage, n, 20) or 'none'} |", flush=True)


if __name__ == "__main__":
    main()
