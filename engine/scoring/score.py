"""Score = weighted D1–D5 ratings + the points of applied advice rules, with an exact breakdown."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal

from ..model.decision import TraceEvent
from ..model.ranking import ScoreItem
from ..model.vendor import Vendor
from ..model.vocabulary import DIMENSIONS

QUANTUM = Decimal("0.0001")


def q(value: float | Decimal) -> Decimal:
    """A number rounded to the score's precision."""
    return Decimal(str(value)).quantize(QUANTUM, rounding=ROUND_HALF_EVEN)


def strongest_per_group(events: list[TraceEvent]) -> set[str]:
    """Ids of the fired score rules that count: the largest |points| in each group (ties: first id)."""
    best: dict[str, TraceEvent] = {}
    for e in sorted((e for e in events if e.fired and e.effect.kind == "score"), key=lambda e: e.rule):
        current = best.get(e.effect.group)
        if current is None or abs(e.effect.points) > abs(current.effect.points):
            best[e.effect.group] = e
    return {e.rule for e in best.values()}


def breakdown(
    vendor: Vendor, weights: dict[str, float], events: list[TraceEvent], provenance: dict[str, str]
) -> list[ScoreItem]:
    """The score's terms: one per dimension, one per fired score rule (applied or not).

    `provenance` gives, per fired rule id, where the vendor facts it relied on come from.
    """
    total = Decimal(str(sum(weights.values())))
    items = []
    for d in DIMENSIONS:
        rating = getattr(vendor.ratings, d).value
        points = q(Decimal(str(weights[d])) / total * rating)
        source = getattr(vendor.ratings, d).source
        items.append(
            ScoreItem(kind="dimension", id=d, points=float(points), weight=weights[d], rating=rating, source=source)
        )
    counted = strongest_per_group(events)
    for e in events:
        if e.fired and e.effect.kind == "score":
            items.append(
                ScoreItem(
                    kind="rule",
                    id=e.rule,
                    points=float(q(e.effect.points)),
                    applied=e.rule in counted,
                    group=e.effect.group,
                    source=provenance[e.rule],
                    rule_source=e.source,
                    title=e.title,
                )
            )
    return items


def total(items: list[ScoreItem]) -> float:
    """The score: the exact sum of the applied items."""
    return float(sum((q(i.points) for i in items if i.applied), Decimal(0)))
