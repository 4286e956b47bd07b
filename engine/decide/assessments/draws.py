"""How likely each vendor is first, and in the top three, when our assessments are drawn (seeded)."""

from __future__ import annotations

import random
from bisect import bisect_right
from collections import Counter

from ...model.ranking import Likelihood
from ...model.vendor import Vendor
from ...model.vocabulary import DIMENSIONS
from ...scoring.flips import TOP, Standing
from ...scoring.score import rating_units
from .changes import Assessed
from .variants import Bounds, Outcomes

__all__ = ["likelihood_under_draws"]


def likelihood_under_draws(order: list[str], vendors: dict[str, Vendor], base: dict[str, Standing],
                           assessed: dict[str, list[Assessed]], weights: dict[str, float], outcome: Outcomes, bound: Bounds,
                           draws: int, flag_probability: float, seed: int) -> list[Likelihood]:
    """Share of seeded draws in which each vendor is first, and in the top three.

    Each draw takes every rating uniformly within its plausible range and removes each capability
    flag we credited with `flag_probability`, independently; the score is the one scoring
    function's. A vendor whose drawn changes no draw has evaluated yet is evaluated only if its
    bound could put it among the first three of those already placed.
    """
    if draws == 0:
        return []
    points = rating_units(weights)
    rng = random.Random(f"assessments/{seed}")
    # vendor by vendor, in the ranking's order: each vendor's rating sums, then its removed facts, per draw
    drawn = [(v, *_Sampler(_rating_sums(points, vendors[v]), _removals(assessed[v], flag_probability)).draws(rng, draws))
             for v in order]
    # A draw's row of each vendor; None where its removed facts are not evaluated yet (placed after the others).
    columns = []
    for v, sums, removals in drawn:
        known = {r: outcome(v, r) if r else base[v] for r in set(removals) if not r or outcome.knows(v, r)}
        columns.append([_row(v, units, known[r]) if r in known else None for units, r in zip(sums, removals)])
    firsts: Counter[str] = Counter()
    tops: Counter[str] = Counter()
    for i, placed in enumerate(zip(*columns)):
        rows = [r for r in placed if r is not None and r is not _DROPPED]
        for (v, sums, removals), r in zip(drawn, placed):
            if r is not None:
                continue
            units, removed = sums[i], removals[i]
            if not outcome.knows(v, removed) and len(rows) >= TOP:
                rows.sort()
                found = bound.rows(v, sorted(removed), units)
                if found is not None and found[0] > rows[TOP - 1]:
                    continue  # it cannot rank among the first three this draw
            row = _row(v, units, outcome(v, removed))
            if row is not _DROPPED:
                rows.append(row)
        rows.sort()
        if rows:
            firsts[rows[0][-1]] += 1
        tops.update(r[-1] for r in rows[:TOP])
    share = lambda n: round(n / draws, 4)  # noqa: E731
    return [Likelihood(vendor=v, first=share(firsts[v]), top3=share(tops[v])) for v in order]


_DROPPED = ("dropped",)  # the row of a vendor a filter drops


def _row(vendor_id: str, units: int, standing: Standing | None) -> tuple:
    return _DROPPED if standing is None else (standing.group, -(units + standing.rule_units), -standing.F, vendor_id)


def _rating_sums(points: dict[str, tuple[int, ...]], vendor: Vendor) -> dict[int, float]:
    """How likely each sum of the dimensions' points is when every rating is uniform over its plausible range."""
    sums = {0: 1.0}
    for d in DIMENSIONS:
        low, high = getattr(vendor.ratings, d).plausible()
        values = range(low, high + 1)
        step: dict[int, float] = {}
        for total, p in sums.items():
            for r in values:
                step[total + points[d][r]] = step.get(total + points[d][r], 0.0) + p / len(values)
        sums = step
    return sums


def _removals(assessed: list[Assessed], p: float) -> dict[frozenset[str], float]:
    """How likely each set of the credited facts is to be removed, each independently with probability p."""
    credited = sorted(a.change.fact for a in assessed if a.credited)
    sets = {frozenset(): 1.0}
    for fact in credited:
        sets = {**{s: q * (1 - p) for s, q in sets.items()}, **{s | {fact}: q * p for s, q in sets.items()}}
    return sets


class _Sampler:
    """Draws a vendor's rating sums and removed facts from their distributions."""

    def __init__(self, sums: dict[int, float], removals: dict[frozenset[str], float]) -> None:
        self._sums, self._sum_cut = _cumulative(sorted(sums.items()))
        self._sets, self._set_cut = _cumulative(sorted(removals.items(), key=lambda kv: (len(kv[0]), sorted(kv[0]))))

    def draws(self, rng: random.Random, n: int) -> tuple[list[int], list[frozenset[str]]]:
        """n rating sums, then n sets of removed facts (no draw at all when nothing can be removed)."""
        last = len(self._sums) - 1
        sums = [self._sums[min(bisect_right(self._sum_cut, rng.random()), last)] for _ in range(n)]
        if len(self._sets) == 1:
            return sums, self._sets * n
        last = len(self._sets) - 1
        return sums, [self._sets[min(bisect_right(self._set_cut, rng.random()), last)] for _ in range(n)]


def _cumulative(items: list[tuple]) -> tuple[list, list[float]]:
    values, cuts, total = [], [], 0.0
    for value, p in items:
        total += p
        values.append(value)
        cuts.append(total)
    return values, cuts
