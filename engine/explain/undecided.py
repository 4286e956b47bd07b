"""Advice rules that the buyer's unknown answers leave undecided, and the answers they wait on."""

from __future__ import annotations

from ..compile.facts import PROFILE_INPUTS
from ..compile.truth import UNKNOWN
from ..model.decision import TraceEvent
from ..model.ranking import Undecided

_PATH_OF_FACT = {fact: path for path, facts in PROFILE_INPUTS.items() for fact in facts if fact.startswith("profile.")}


def undecided_rules(
    traces: list[list[TraceEvent]], known_facts: set[str], read_from: dict[str, set[str]] | None = None
) -> list[Undecided]:
    """Every advice rule not evaluated for some vendor because a buyer input it reads is unknown.

    `read_from` names the buyer facts a fact of the buyer's is derived from (`need.<id>.level`).
    """
    read_from = read_from or {}
    waiting: dict[str, set[str]] = {}
    for trace in traces:
        for e in trace:
            if e.result != UNKNOWN:
                continue
            unknown = {c.field for c in e.conditions if c.result == UNKNOWN and c.field not in known_facts}
            for fact in list(unknown):
                unknown |= {f for f in read_from.get(fact, ()) if f not in known_facts}
            paths = {_PATH_OF_FACT[f] for f in unknown if f in _PATH_OF_FACT}
            if paths:
                waiting.setdefault(e.rule, set()).update(paths)
    order = list(PROFILE_INPUTS)
    return [Undecided(rule=rule, waits_on=sorted(paths, key=order.index)) for rule, paths in sorted(waiting.items())]
