"""Undetermined only when it matters: a criterion, the track or the type that every completion of the
vendor's unknown facts gives alike is settled to that result; one that two completions give differently
is undetermined, with the unknowns that decide it.

The unknown facts are the inputs the vendor's file leaves unknown and some rule compares (a status, a
share, the supply model, the chips). An input a rule tests with `exists` is not one of them: the rules
say what its being unknown means (the recorded status stands in for unknown pricing or capabilities).
A list fact is completed element by element (each value a rule names is in it or not), a one-value fact
takes each of its values, a number each side of every threshold. Completions are evaluated above the
engine, in Python over the same condition trees, after the engine's own run (whose agreement check is
untouched), and each is evaluated whole: a rule that an unknown leaves open can still win a conflict.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import product
from typing import Any

from ..compile.compiler import RuleBase
from ..compile.facts import vendor_facts
from ..model.decision import Decider, Settled, Unsettled
from ..model.fields import FIELDS
from ..model.vendor import Vendor
from ..model.vocabulary import CRITERIA
from ..runtime.evaluate import run_facts, run_rules
from ..runtime.trace import Event
from .dependencies import inputs_of, leaf_values, threshold_points

__all__ = ["BUDGET", "DECIDERS_UP_TO", "SETTLED", "Settlement", "run_settled", "settle", "unknown_count"]

SETTLED = (*(f"criteria.{c}.status" for c in CRITERIA), "track", "supplier_type")
BUDGET = 1024  # completions evaluated per result (~0.15 s): past it the engine's own result stands, unless the probes disagree
PROBE_PAST = 16  # completions of a result up to which all are tried at once, without the extreme probes first
UNTRIED = "completion:untried"  # among the values seen when not every completion was tried
DECIDERS_UP_TO = 6  # a vendor's unknowns, up to which each one's effect alone is worked out (past it, fill the file in)


@dataclass(frozen=True)
class Unknown:
    """One unknown of a completion: a one-value fact (`element` None) or one element of a list fact."""

    field: str
    element: Any
    domain: tuple


@dataclass(frozen=True)
class Settlement:
    """What settling found: the results settled, and the ones left undetermined with what decides them."""

    settled: list[Settled]
    unsettled: list[Unsettled]


def run_settled(base: RuleBase, vendor: Vendor, conditions: bool = True) -> tuple[dict[str, Any], list[Event], Settlement]:
    """The engine's run over the vendor's facts, then every result the unknowns cannot change settled."""
    facts, trace = run_rules(base, vendor, conditions)
    settled, settlement = settle(base, vendor_facts(vendor), facts)
    return settled, trace, settlement


def settle(base: RuleBase, inputs: dict[str, Any], facts: dict[str, Any]) -> tuple[dict[str, Any], Settlement]:
    """`facts` (the run's result over `inputs`) with each result set to what every completion gives, or
    undetermined where two completions disagree."""
    unknowns = _unknowns(base, inputs)
    if not unknowns:
        return facts, Settlement([], [])
    out, settled, unsettled = dict(facts), [], []
    done = _Completions(base, inputs, unknowns)
    for result in SETTLED:
        depends = inputs_of(base, result)  # a result no rule here sets depends on itself alone: no unknown
        mine = [u for u in unknowns if u.field in depends]
        if not mine:
            continue
        values = _outcomes(done, mine, result, {})
        fields = sorted({u.field for u in mine})
        if values == {None} or (UNTRIED in values and len(values) == 2):
            continue  # open in every completion, or one value seen past the budget: the engine's result stands
        values.discard(UNTRIED)
        if len(values) == 1:
            out[result] = next(iter(values))
            settled.append(Settled(fact=result, value=out[result], unknowns=fields))
        else:
            out.pop(result, None)
            unsettled.append(Unsettled(fact=result, values=sorted(v for v in values if v is not None), unknowns=fields,
                                       deciders=_deciders(done, mine, result) if len(unknowns) <= DECIDERS_UP_TO else []))
    return out, Settlement(settled, unsettled)


def unknown_count(base: RuleBase, inputs: dict[str, Any]) -> int:
    """How many unknowns a completion of `inputs` fills (list elements one by one)."""
    return len(_unknowns(base, inputs))


def _unknowns(base: RuleBase, inputs: dict[str, Any]) -> list[Unknown]:
    """The unknowns a completion fills: inputs missing from `inputs` that a rule compares, none tested by `exists`."""
    found = []
    for field, named in _compared(base).items():
        if field in inputs:
            continue
        spec = FIELDS[field]
        if spec.kind == "list":
            found += [Unknown(field, v, (True, False)) for v in named]
        elif spec.kind == "number":
            ends = {round(spec.minimum * spec.scale), round(spec.maximum * spec.scale)}
            found.append(Unknown(field, None, tuple(sorted(threshold_points(spec, named) | ends))))
        else:
            found.append(Unknown(field, None, tuple(spec.values)))
    return found


def _compared(base: RuleBase) -> dict[str, tuple]:
    """Each input the rules compare and none tests with `exists`, with the values they name (kept on the rule base)."""
    known = base.__dict__.get("_compared")
    if known is None:
        named: dict[str, set] = {}
        existence = set()
        for rule in base.ordered():
            for node in rule.condition.leaves():
                leaf = node.leaf
                if leaf.op == "exists":
                    existence.add(leaf.field)
                elif not leaf.spec.derived:
                    named.setdefault(leaf.field, set()).update(leaf_values(leaf))
        known = {f: tuple(sorted(named[f])) for f in sorted(set(named) - existence)}
        object.__setattr__(base, "_compared", known)  # not a field: equality and hashing ignore it
    return known


def _completed(inputs: dict[str, Any], assigned: dict[Unknown, Any]) -> dict[str, Any]:
    """`inputs` with the assigned unknowns filled in (list elements gathered into their list)."""
    facts = dict(inputs)
    lists: dict[str, list] = {}
    for unknown, value in assigned.items():
        if unknown.element is None:
            facts[unknown.field] = value
        else:
            lists.setdefault(unknown.field, [])
            if value:
                lists[unknown.field].append(unknown.element)
    facts.update({field: sorted(values) for field, values in lists.items()})
    return facts


class _Completions:
    """The results of completions of one vendor's inputs, each completion evaluated once for every result."""

    def __init__(self, base: RuleBase, inputs: dict[str, Any], unknowns: list[Unknown]) -> None:
        self.base, self.inputs, self.unknowns, self.known = base, inputs, unknowns, {}

    def result(self, assigned: dict[Unknown, Any], result: str) -> Any:
        """`result` in the completion that sets the `assigned` unknowns (the others left unknown)."""
        key = frozenset(assigned.items())
        facts = self.known.get(key)
        if facts is None:
            facts = self.known[key] = run_facts(self.base, _completed(self.inputs, assigned), "completion",
                                                conditions=False, durable=False)[0]
        return facts.get(result)


def _outcomes(done: _Completions, unknowns: list[Unknown], result: str, fixed: dict[Unknown, Any]) -> set:
    """The values `result` takes over the completions of `unknowns` (with `fixed` set), stopping at two.

    Past a few completions, four extreme ones go first (a result that depends on the unknowns usually shows
    it there); past the budget only they are tried, and UNTRIED joins what was seen: not every completion was.
    """
    free = [u for u in unknowns if u not in fixed]
    sizes = 1
    for u in free:
        sizes *= len(u.domain)
    seen: set = set()
    if sizes > PROBE_PAST:  # every unknown of the vendor set in a probe: the same four serve every result
        every = [u for u in done.unknowns if u not in fixed]
        probes = [{u: u.domain[end] for u in every} for end in (0, -1)]  # numbers low, the rest first; and the other way
        probes += [{u: u.domain[end if FIELDS[u.field].kind == "number" else -1 - end] for u in every} for end in (0, -1)]
        seen = {done.result({**fixed, **probe}, result) for probe in probes}
        if len(seen) > 1:
            return seen
        if sizes > BUDGET:
            return seen | {UNTRIED}
    for values in product(*(u.domain for u in free)):
        seen.add(done.result({**fixed, **dict(zip(free, values))}, result))
        if len(seen) > 1:
            break
    return seen


def _deciders(done: _Completions, unknowns: list[Unknown], result: str) -> list[Decider]:
    """Each unknown value that alone settles `result`, whatever the other unknowns are."""
    found = []
    for unknown in unknowns:
        for value in unknown.domain:
            values = _outcomes(done, unknowns, result, {unknown: value})
            if len(values) == 1 and None not in values:
                found.append(Decider(field=unknown.field, element=unknown.element, value=value, gives=next(iter(values))))
    return found
