"""The evaluation loop: stage by stage, durable_rules fires and Python explains; both must agree."""

from __future__ import annotations

import hashlib
from typing import Any

from ..compile.compiler import CompiledRule, RuleBase
from ..compile.facts import vendor_facts
from ..compile.truth import TRUE, LeafResult, evaluate
from ..errors import EvaluationError
from ..model.decision import ConditionTrace, EffectTrace, TraceEvent
from ..model.fields import FIELDS
from ..model.vendor import Vendor
from .durable_adapter import engine

UNDETERMINED = "undetermined"


def run_rules(base: RuleBase, vendor: Vendor) -> tuple[dict[str, Any], list[TraceEvent]]:
    """Evaluate every stage over the vendor's facts; the final facts and the trace."""
    return run_facts(base, vendor_facts(vendor), vendor.id)


def run_facts(base: RuleBase, facts: dict[str, Any], subject: str) -> tuple[dict[str, Any], list[TraceEvent]]:
    """Evaluate every stage over `facts` (not modified); the final facts and the trace."""
    facts = dict(facts)
    set_by: dict[str, str] = {}
    events: list[TraceEvent] = []
    for stage in base.stages:
        engine_facts = {FIELDS[k].engine_name: v for k, v in facts.items()}
        durable_fired = engine().fire(stage.name, stage.definition, engine_facts)
        explained = {}
        for rule in stage.rules:
            leaves: list[LeafResult] = []
            explained[rule.id] = (evaluate(rule.condition, facts, leaves), leaves)
        python_fired = {rid for rid, (result, _) in explained.items() if result == TRUE}
        if python_fired != durable_fired:
            only_d = sorted(durable_fired - python_fired)
            only_p = sorted(python_fired - durable_fired)
            raise EvaluationError(
                f"durable_rules and the trace disagree for {subject!r}: "
                f"fired only in durable {only_d}, only in the trace {only_p}"
            )
        fired = [base.by_id[rid] for rid in sorted(python_fired)]
        winners = _resolve(fired, facts, set_by, base)
        for rule in stage.rules:
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
        write = rule.rule.then.writes()
        if write is None:
            continue
        field, value = write
        order = base.policy.conflicts.get(rule.rule.then.kind, [value])
        current = winners.get(field) or ((facts[field], set_by[field]) if field in set_by else None)
        if current is None or order.index(value) < order.index(current[0]):
            winners[field] = (value, rule.id)
        else:
            winners[field] = current
    return winners


def _event(rule: CompiledRule, result: str, leaves: list[LeafResult], winners) -> TraceEvent:
    then = rule.rule.then
    write = then.writes()
    fired = result == TRUE
    winner = winners.get(write[0]) if write else None
    applied = fired and (write is None or (winner is not None and winner[0] == write[1]))
    overridden = winner[1] if fired and not applied and winner else None
    return TraceEvent(
        rule=rule.id,
        title=rule.rule.title,
        source=rule.rule.source,
        location=str(rule.location),
        stratum=rule.stratum,
        fired=fired,
        result=result,
        conditions=[_condition(leaf) for leaf in leaves],
        effect=EffectTrace(
            kind=then.kind,
            field=write[0] if write else None,
            value=write[1] if write else None,
            note=_effect_text(then),
            points=then.score.points if then.score else None,
            group=then.score.group if then.score else None,
        ),
        applied=applied,
        overridden_by=overridden,
    )


def _effect_text(then) -> dict | None:
    if then.note:
        return then.note.model_dump(exclude={"excludes"})
    if then.exclude:
        return then.exclude.model_dump()
    if then.score:
        return then.score.reason.model_dump()
    return None


def _condition(leaf: LeafResult) -> ConditionTrace:
    return ConditionTrace(
        path=leaf.path,
        field=leaf.field,
        op=leaf.op,
        expected=to_user_units(leaf.field, leaf.expected),
        actual=to_user_units(leaf.field, leaf.actual),
        result=leaf.result,
    )


def to_user_units(field: str, value: Any) -> Any:
    """Engine units (e.g. basis points) back to the units a user wrote."""
    spec = FIELDS[field]
    if spec.kind != "number" or value is None:
        return list(value) if isinstance(value, tuple) else value
    if isinstance(value, tuple):
        return [v / spec.scale if spec.scale != 1 else v for v in value]
    return value / spec.scale if spec.scale != 1 else value


def input_digest(vendor: Vendor) -> str:
    """sha256 of the vendor's canonical JSON."""
    return hashlib.sha256(vendor.model_dump_json().encode()).hexdigest()
