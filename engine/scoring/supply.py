"""F = S × R × T × P × A × C, computed and traced term by term."""

from __future__ import annotations

from ..model.common import ASSESSMENT
from ..model.decision import Supply, SupplyStep
from ..model.vendor import Vendor

DIGITS = 6


def supply(vendor: Vendor) -> Supply:
    """The supply-scale terms of `vendor`; any unknown term makes the rest unknown."""
    terms = [("S", vendor.S), ("R", vendor.R)] + [(c, getattr(vendor.shares, c)) for c in "TPAC"]
    steps: list[SupplyStep] = []
    running: float | None = 1.0
    for name, fact in terms:
        value = fact.value
        running = None if running is None or value is None else round(running * value, DIGITS)
        steps.append(SupplyStep(term=name, value=value, running=running, source=fact.source))
    s_south = steps[1].running
    return Supply(S=vendor.S.value, R=vendor.R.value, S_south=s_south, F=steps[-1].running, steps=steps)


def supply_source(terms: Supply) -> str:
    """`assessment` when any of S, R, T, P, A, C is ours; else the report sections of the terms."""
    sources = {step.source for step in terms.steps}
    return ASSESSMENT if ASSESSMENT in sources else "; ".join(sorted(sources))
