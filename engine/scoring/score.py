"""Score = weighted D1–D5 ratings + the points of applied advice rules, with an exact breakdown."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Mapping

from ..runtime.trace import Event
from ..model.ranking import ScoreItem
from ..model.vendor import Vendor
from ..model.vocabulary import DIMENSIONS

QUANTUM = Decimal("0.0001")


def q(value: float | Decimal) -> Decimal:
    """A number rounded to the score's precision."""
    return Decimal(str(value)).quantize(QUANTUM, rounding=ROUND_HALF_EVEN)


UNITS = 10_000  # points are exact in ten-thousandths, the score's four places


def _term_units(weight: float, total: float, rating: int) -> int:
    """q(weight / total × rating) in ten-thousandths, as the exact decimal computation gives it.

    Floats agree with the decimal rounding except within a hair of a half unit; only there is
    the exact (slow) decimal path taken, so stability draws stay cheap and identical.
    """
    x = weight / total * rating * UNITS
    if abs(abs(x - int(x)) - 0.5) < 1e-6:
        exact = Decimal(str(weight)) / Decimal(str(total)) * rating
        return int(q(exact) * UNITS)
    return round(x)


def used_weights(weights: Mapping[str, float]) -> dict[str, float]:
    """Each weight divided by the sum of all (docs/scoring.md): what a rating is multiplied by; they add up to 1."""
    total = sum(weights.values())
    return {d: w / total for d, w in weights.items()}


def sums_to_one(weights: Mapping[str, float]) -> bool:
    """Whether the weights add up to 1, so that each is used as it is given."""
    return math.isclose(sum(weights.values()), 1.0, abs_tol=1e-9)


def dimension_units(weights: Mapping[str, float], ratings: Mapping[str, int]) -> dict[str, int]:
    """Each dimension's points in ten-thousandths: weight / Σ weights × rating, rounded half-even."""
    total = sum(weights.values())
    return {d: _term_units(weights[d], total, ratings[d]) for d in DIMENSIONS}


def score_units(weights: Mapping[str, float], ratings: Mapping[str, int], rule_units: int) -> int:
    """The one scoring function, in ten-thousandths: the dimensions' points plus the applied
    advice rules' points. The table, JSON, why-lower and the stability draws all come from it."""
    return sum(dimension_units(weights, ratings).values()) + rule_units


def rating_units(weights: Mapping[str, float]) -> dict[str, tuple[int, ...]]:
    """Each dimension's points in ten-thousandths for every rating 0–5 (indexed by the rating): the terms
    `dimension_units` gives, looked up rather than recomputed where many ratings are drawn."""
    by_rating = [dimension_units(weights, dict.fromkeys(DIMENSIONS, r)) for r in range(6)]
    return {d: tuple(units[d] for units in by_rating) for d in DIMENSIONS}


def as_points(units: int) -> Decimal:
    """Ten-thousandths as exact points."""
    return Decimal(units).scaleb(-4)


def strongest_per_group(events: list[Event]) -> set[str]:
    """Ids of the fired score rules that count: the largest |points| in each group (ties: first id)."""
    best: dict[str, Event] = {}
    for e in sorted((e for e in events if e.fired and e.effect.kind == "score"), key=lambda e: e.rule):
        current = best.get(e.effect.group)
        if current is None or abs(e.effect.points) > abs(current.effect.points):
            best[e.effect.group] = e
    return {e.rule for e in best.values()}


def breakdown(
    vendor: Vendor, weights: dict[str, float], events: list[Event], provenance: dict[str, str]
) -> list[ScoreItem]:
    """The score's terms: one per dimension, one per fired score rule (applied or not).

    `provenance` gives, per fired rule id, where the vendor facts it relied on come from.
    """
    items = []
    for d, units in dimension_units(weights, ratings_of(vendor)).items():
        rating = getattr(vendor.ratings, d).value
        source = getattr(vendor.ratings, d).source
        items.append(
            ScoreItem(kind="dimension", id=d, points=float(as_points(units)), weight=weights[d], rating=rating, source=source)
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


def ratings_of(vendor: Vendor) -> dict[str, int]:
    """The vendor's D1–D5 ratings."""
    return {d: getattr(vendor.ratings, d).value for d in DIMENSIONS}


def rule_units(events: list[Event]) -> int:
    """The points of the fired advice rules that count (the strongest in each group), in ten-thousandths."""
    counted = strongest_per_group(events)
    return sum(int(q(e.effect.points) * UNITS) for e in events if e.rule in counted)
