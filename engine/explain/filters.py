"""Pure filters over a trace: off, fails, full."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only for annotations: the command line imports this before any model
    from ..model.decision import TraceEvent

EXPLAIN_LEVELS = ("off", "fails", "full")
POSITIVE = {"met", "core"}
NEGATIVE = {"not_met", "partial", "out", "yes"}


def is_failure(event: TraceEvent) -> bool:
    """A rule that counts against the vendor: a negative effect that fired, or a positive one that did not.

    Advice rules count against a vendor only when they fire: an exclusion, or negative points.
    """
    if event.effect.kind == "exclude":
        return event.fired
    if event.effect.kind == "score":
        return event.fired and event.effect.points < 0
    value = event.effect.value
    if event.fired:
        return value in NEGATIVE
    return value in POSITIVE


def filter_trace(events: list[TraceEvent], level: str) -> list[TraceEvent]:
    """The events shown at explain `level`."""
    if level == "off":
        return []
    if level == "fails":
        return [e for e in events if is_failure(e)]
    return list(events)


def at_level(result, level: str):
    """A check result or ranking whose traces keep only what explain `level` shows."""
    keys = ("vendors",) if hasattr(result, "vendors") else ("ranking", "excluded")
    return result.model_copy(update={
        key: [item.model_copy(update={"trace": filter_trace(item.trace, level)}) for item in getattr(result, key)] for key in keys
    })
