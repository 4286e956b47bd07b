"""Trace events stay plain until output: the level asked for changes only the trace carried."""

from __future__ import annotations

from engine.decide.check import decide
from engine.decide.inputs import load_vendors
from engine.decide.knowledge import load_rule_base
from engine.explain.filters import is_failure

BASE = load_rule_base()
VENDORS = [lv.vendor for lv in load_vendors()]


def test_explain_level_changes_only_the_trace():
    for vendor in VENDORS:
        full = decide(BASE, vendor, "full")
        off = decide(BASE, vendor, "off")
        fails = decide(BASE, vendor, "fails")
        assert len(full.trace) == len(BASE.by_id)  # every rule, fired or not
        assert off.trace == []
        assert off == full.model_copy(update={"trace": []})
        assert fails.trace == [e for e in full.trace if is_failure(e)]


def test_trace_values_are_in_user_units():
    """Shares are stored as basis points inside the engine; the trace shows 0.85, not 8500."""
    events = decide(BASE, next(v for v in VENDORS if v.id == "huawei")).trace
    shares = [c for e in events for c in e.conditions if c.field.startswith("shares.") and c.actual is not None]
    assert shares and all(0 <= c.actual <= 1 and 0 <= c.expected <= 1 for c in shares)
