"""The smallest change to the profile or the vendor's data that lifts every exclusion."""

from __future__ import annotations

from itertools import combinations
from typing import Any

from ..compile.compiler import CompiledRule, RuleBase
from ..compile.truth import TRUE, evaluate
from ..model.fields import FIELDS
from ..model.ranking import Change, Counterfactual

MAX_COMBINED = 3


def _who(field: str) -> str:
    if field.startswith("profile.") or (field.startswith("need.") and field.endswith(".level")):
        return "buyer"
    return "derived" if FIELDS[field].derived or field.startswith(("match.", "need.")) else "vendor"


def _alternatives(field: str, facts: dict[str, Any], rule: CompiledRule) -> list[Any]:
    """Values the field could take instead (engine units); None means 'unknown'."""
    spec = FIELDS[field]
    current = facts.get(field)
    if spec.kind == "enum":
        return [v for v in spec.values if v != current]
    if spec.kind == "list":
        present = list(current or [])
        added = [sorted(present + [v]) for v in spec.values if v not in present]
        removed = [[x for x in present if x != v] for v in present]
        return added + removed
    pivots = {leaf.leaf.value for leaf in rule.condition.leaves() if leaf.leaf.field == field}
    numbers = set()
    for p in pivots:
        for v in p if isinstance(p, tuple) else (p,):
            if v is not None:
                numbers |= {v - 1, v, v + 1}
    lo, hi = round(spec.minimum * spec.scale), round(spec.maximum * spec.scale)
    if current is None:
        numbers.add(lo)  # an unknown number becomes known
    return sorted(n for n in numbers if lo <= n <= hi and n != current)


def _excluding(rules: list[CompiledRule], facts: dict[str, Any]) -> list[CompiledRule]:
    return [r for r in rules if evaluate(r.condition, facts) == TRUE]


def _candidates(rules: list[CompiledRule], facts: dict[str, Any]) -> list[tuple[str, Any]]:
    """Single-field changes that stop at least one of `rules` from firing; buyer changes first."""
    found: dict[tuple[str, str], tuple[int, str, Any]] = {}
    for rule in rules:
        for field in sorted({leaf.leaf.field for leaf in rule.condition.leaves()}):
            for place, value in enumerate(_alternatives(field, facts, rule)):
                changed = dict(facts, **{field: value})
                if evaluate(rule.condition, changed) != TRUE:
                    found.setdefault((field, repr(value)), (place, field, value))
    order = {"buyer": 0, "vendor": 1, "derived": 2}
    # a field's values in the catalogue's order: a must relaxes to wanted before no
    ranked = sorted(found.values(), key=lambda pfv: (order[_who(pfv[1])], pfv[1], pfv[0], repr(pfv[2])))
    return [(field, value) for _, field, value in ranked]


def counterfactual(advice: RuleBase, facts: dict[str, Any], to_user) -> Counterfactual | None:
    """Fewest changes (up to three fields) after which no exclusion rule fires, or None."""
    excluders = [r for r in advice.ordered() if r.rule.then.exclude is not None]
    firing = _excluding(excluders, facts)
    if not firing:
        return None
    options = _candidates(firing, facts)
    for size in range(1, MAX_COMBINED + 1):
        for combo in combinations(options, size):
            if len({f for f, _ in combo}) < size:
                continue
            changed = dict(facts, **dict(combo))
            if not _excluding(excluders, changed):
                return Counterfactual(
                    changes=[
                        Change(field=f, before=to_user(f, facts.get(f)), after=to_user(f, v), who=_who(f))
                        for f, v in combo
                    ],
                    verified=True,
                )
    return Counterfactual(changes=[], verified=False)
