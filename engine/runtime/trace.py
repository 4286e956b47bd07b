"""Trace events as plain slotted objects; pydantic models only at the output boundary."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import TypeAdapter

from ..compile.compiler import CompiledRule, RuleEffect
from ..compile.truth import TRUE, LeafResult
from ..model.common import Text
from ..model.decision import TraceEvent
from ..model.fields import FIELDS


@dataclass(frozen=True, slots=True)
class Event:
    """One rule considered during an evaluation, read like `TraceEvent` but costing no validation."""

    compiled: CompiledRule
    result: str
    conditions: tuple[LeafResult, ...]
    applied: bool
    overridden_by: str | None

    @property
    def rule(self) -> str:
        """The rule's id."""
        return self.compiled.id

    @property
    def fired(self) -> bool:
        """True when the condition held."""
        return self.result == TRUE

    @property
    def title(self) -> Text:
        """The rule's title."""
        return self.compiled.rule.title

    @property
    def source(self) -> str:
        """The report section the rule encodes."""
        return self.compiled.rule.source

    @property
    def effect(self) -> RuleEffect:
        """What the rule does when it fires."""
        return self.compiled.effect


def trace_models(events: list[Event]) -> list[TraceEvent]:
    """The output form of `events`, values in the user's units (one validation call for all)."""
    if not events:
        return []
    return _TRACE.validate_python([_plain(e) for e in events])


def _plain(e: Event) -> dict:
    rule, effect = e.compiled, e.compiled.effect
    return {
        "rule": rule.id,
        "title": rule.rule.title,
        "source": rule.rule.source,
        "location": rule.where,
        "stratum": rule.stratum,
        "fired": e.result == TRUE,
        "result": e.result,
        "conditions": [_condition(c) for c in e.conditions],
        "effect": {
            "kind": effect.kind, "field": effect.field, "value": effect.value, "note": effect.note,
            "points": effect.points, "group": effect.group,
        },
        "applied": e.applied,
        "overridden_by": e.overridden_by,
    }


def _condition(c: LeafResult) -> dict:
    spec = FIELDS[c.field]
    return {
        "path": c.path, "field": c.field, "op": c.op, "expected": spec.to_user(c.expected),
        "actual": spec.to_user(c.actual), "result": c.result,
    }


_TRACE = TypeAdapter(list[TraceEvent])
