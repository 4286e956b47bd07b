"""The evaluation loop: stage by stage, durable_rules fires and Python explains; both must agree."""

from __future__ import annotations

import hashlib
from typing import Any

from ..compile.compiler import CompiledRule, RuleBase
from ..compile.facts import vendor_facts
from ..compile.truth import TRUE, evaluate
from ..errors import EvaluationError
from ..model.decision import ConditionTrace
from ..model.vendor import Vendor
from .durable_adapter import engine
from .trace import Event

UNDETERMINED = "undetermined"


def run_rules(base: RuleBase, vendor: Vendor, conditions: bool = True) -> tuple[dict[str, Any], list[Event]]:
    """Evaluate every stage over the vendor's facts; the final facts and the trace."""
    return run_facts(base, vendor_facts(vendor), vendor.id, conditions)


def run_facts(
    base: RuleBase, facts: dict[str, Any], subject: str, conditions: bool = True, durable: bool = True
) -> tuple[dict[str, Any], list[Event]]:
    """Evaluate every stage over `facts` (not modified); the final facts and the trace.

    Every rule gets an event; `conditions=False` leaves out the per-leaf results (no output
    will show them), which lets evaluation stop at the first decisive condition. `durable=False`
    skips the engine and the trace (the facts alone): only for a search whose answers are then
    verified with the engine, or for completions of unknown facts, evaluated above it.
    """
    facts = dict(facts)
    set_by: dict[str, str] = {}
    events: list[Event] = []
    for stage in base.stages:
        explained = {}
        for rule in stage.rules:
            leaves: list[ConditionTrace] | None = [] if conditions else None
            explained[rule.id] = (evaluate(rule.condition, facts, leaves), leaves)
        python_fired = {rid for rid, (result, _) in explained.items() if result == TRUE}
        durable_fired = (set().union(*(engine().fire(rs.name, rs.definition, rs.payload(facts)) for rs in stage.rulesets))
                         if durable else python_fired)
        if python_fired != durable_fired:
            only_d = sorted(durable_fired - python_fired)
            only_p = sorted(python_fired - durable_fired)
            raise EvaluationError(
                f"durable_rules and the trace disagree for {subject!r}: "
                f"fired only in durable {only_d}, only in the trace {only_p}"
            )
        fired = [base.by_id[rid] for rid in sorted(python_fired)]
        winners = _resolve(fired, facts, set_by, base)
        for rule in stage.rules if durable else ():  # a search reads the facts alone
            result, leaves = explained[rule.id]
            events.append(_event(rule, result, leaves, winners))
        for field, (value, rule_id) in winners.items():
            facts[field] = value
            set_by[field] = rule_id
    return facts, events


def _resolve(
    fired: list[CompiledRule], facts: dict[str, Any], set_by: dict[str, str], base: RuleBase
) -> dict[str, tuple[str, str]]:
    """Per written field, the winning (value, rule id) under the declared conflict policy.

    A value set in an earlier stage competes too, under the rule that set it.
    """
    winners: dict[str, tuple[str, str]] = {}
    for rule in fired:
        effect = rule.effect
        if effect.field is None:
            continue
        field, value = effect.field, effect.value
        order = base.policy.conflicts.get(effect.kind, [value])
        current = winners.get(field) or ((facts[field], set_by[field]) if field in set_by else None)
        if current is None or order.index(value) < order.index(current[0]):
            winners[field] = (value, rule.id)
        else:
            winners[field] = current
    return winners


def _event(rule: CompiledRule, result: str, leaves: list[ConditionTrace] | None, winners) -> Event:
    effect = rule.effect
    fired = result == TRUE
    winner = winners.get(effect.field) if effect.field else None
    applied = fired and (effect.field is None or (winner is not None and winner[0] == effect.value))
    overridden = winner[1] if fired and not applied and winner else None
    return Event(rule, result, tuple(leaves) if leaves else (), applied, overridden)


def input_digest(vendor: Vendor) -> str:
    """sha256 of the vendor's canonical JSON."""
    return hashlib.sha256(vendor.model_dump_json().encode()).hexdigest()


def digest_of(hashes) -> str:
    """sha256 over a set of hashes, whatever their order."""
    return hashlib.sha256("\n".join(sorted(hashes)).encode()).hexdigest()
