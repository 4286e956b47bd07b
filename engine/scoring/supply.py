"""F = S × R × T × P × A × C, computed and traced term by term."""

from __future__ import annotations

from ..model.common import ASSESSMENT
from ..model.decision import Supply, SupplyStep
from ..model.vendor import Vendor

DIGITS = 6


def running_products(values: list[float | None]) -> list[float | None]:
    """S, S×R, S×R×T, … each product rounded as F is; an unknown term makes the rest unknown."""
    out: list[float | None] = []
    running: float | None = 1.0
    for value in values:
        running = None if running is None or value is None else round(running * value, DIGITS)
        out.append(running)
    return out


def terms_of(vendor: Vendor) -> list[tuple[str, float | None]]:
    """The terms of F in order: S, R, T, P, A, C, with their values."""
    return [("S", vendor.S.value), ("R", vendor.R.value)] + [(c, getattr(vendor.shares, c).value) for c in "TPAC"]


def supply(vendor: Vendor) -> Supply:
    """The supply-scale terms of `vendor`; any unknown term makes the rest unknown."""
    facts = [vendor.S, vendor.R] + [getattr(vendor.shares, c) for c in "TPAC"]
    terms = terms_of(vendor)
    products = running_products([value for _, value in terms])
    steps = [SupplyStep(term=name, value=value, running=running, source=fact.source)
             for (name, value), running, fact in zip(terms, products, facts)]
    s_south = steps[1].running
    return Supply(S=vendor.S.value, R=vendor.R.value, S_south=s_south, F=steps[-1].running, steps=steps)


def supply_source(terms: Supply) -> str:
    """`assessment` when any of S, R, T, P, A, C is ours; else the report sections of the terms."""
    sources = {step.source for step in terms.steps}
    return ASSESSMENT if ASSESSMENT in sources else "; ".join(sorted(sources))
