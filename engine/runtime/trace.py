"""Trace events as plain slotted objects; pydantic models only at the output boundary."""

from __future__ import annotations

from dataclasses import dataclass

from ..compile.compiler import CompiledRule
from ..compile.truth import TRUE
from ..model.common import Text
from ..model.decision import ConditionTrace, EffectTrace, TraceEvent


@dataclass(slots=True)
class Event:
    """One rule considered during an evaluation, read like `TraceEvent` but costing no validation."""

    compiled: CompiledRule
    result: str
    conditions: tuple[ConditionTrace, ...]  # empty when evaluated without them
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
    def effect(self) -> EffectTrace:
        """What the rule does when it fires."""
        return self.compiled.effect


def trace_models(events: list[Event]) -> list[TraceEvent]:
    """The output form of `events` (their conditions are in user units already)."""
    return [
        TraceEvent(
            e.compiled.id, e.compiled.rule.title, e.compiled.rule.source, e.compiled.where, e.compiled.stratum,
            e.result == TRUE, e.result, list(e.conditions), e.compiled.effect, e.applied,
            e.overridden_by,
        )
        for e in events
    ]
