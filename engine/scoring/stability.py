"""How stable the top of a ranking is under random weight changes, and the nearest swap."""

from __future__ import annotations

import random
from dataclasses import dataclass
from itertools import product

from ..model.ranking import Stability, Swap
from ..model.vocabulary import DIMENSIONS
from .score import UNITS, score_units

TOP = 3
# Per-term rounding (half a unit, five terms) can move a score by at most 2.5 units off the
# exact weighted average whose extremes sit on the box's corners.
_ROUNDING = 3


@dataclass(frozen=True)
class Contender:
    """What the stability check needs of a ranked vendor."""

    vendor: str
    ratings: dict[str, int]
    rule_units: int  # applied advice points in ten-thousandths (weights do not change them)
    F: float
    group: int = 0  # 0: meets every must; 1: a must to confirm (ranked after group 0 whatever the weights)


def _order(contenders: list[Contender], weights: dict[str, float]) -> list[str]:
    """The ranking's order under `weights`: the group, the one score, then F, then id, as the table sorts."""
    scored = [(c.group, -score_units(weights, c.ratings, c.rule_units), -c.F, c.vendor) for c in contenders]
    return [v for *_, v in sorted(scored)]


def _bounds(c: Contender, weights: dict[str, float], spread: float) -> tuple[int, int]:
    """The lowest and highest score `c` can reach with each weight in [w(1−s), w(1+s)].

    A weighted average over a box of weights is extreme at a corner of the box.
    """
    corners = [
        score_units({d: weights[d] * (1 + sign * spread) for d, sign in zip(DIMENSIONS, signs)}, c.ratings, c.rule_units)
        for signs in product((-1, 1), repeat=len(DIMENSIONS))
        if sum(weights[d] * (1 + sign * spread) for d, sign in zip(DIMENSIONS, signs)) > 0
    ]
    return min(corners) - _ROUNDING, max(corners) + _ROUNDING


def in_reach_of_top(contenders: list[Contender], weights: dict[str, float], spread: float) -> list[Contender]:
    """The contenders that some draw could put in the top three: a vendor that at least three
    others beat at its best and their worst can never get there, so no draw needs to score it."""
    if len(contenders) <= TOP:
        return list(contenders)
    bounds = {c.vendor: _bounds(c, weights, spread) for c in contenders}
    kept = []
    for c in contenders:
        _, high = bounds[c.vendor]
        # an earlier group always ranks ahead; in the same group, a low above c's high does (its own never is)
        ahead = sum(1 for o in contenders if o.group < c.group or (o.group == c.group and bounds[o.vendor][0] > high))
        if ahead < TOP:
            kept.append(c)
    return kept


def stability(contenders: list[Contender], weights: dict[str, float], draws: int, spread: float, seed: int) -> Stability:
    """Share of seeded draws (each weight × U(1−spread, 1+spread)) keeping the top-1 and top-3.

    `contenders` come in the ranking's own order (the exact scores and the tie-break); that
    order is the base, so float noise can never reorder a tie the user sees.
    """
    if not contenders:
        return Stability(draws=draws, spread=spread, seed=seed, top1_same=None, top3_same=None, swap=None)
    base = [c.vendor for c in contenders]
    reachable = in_reach_of_top(contenders, weights, spread)
    rng = random.Random(seed)
    same1 = same3 = 0
    for _ in range(draws):
        drawn = {d: w * rng.uniform(1 - spread, 1 + spread) for d, w in weights.items()}
        if sum(drawn.values()) <= 0:
            continue
        order = _order(reachable, drawn)
        same1 += order[0] == base[0]
        same3 += order[:3] == base[:3]
    by_id = {c.vendor: c for c in contenders}
    swap = nearest_swap(by_id[base[0]], by_id[base[1]], weights) if len(base) > 1 else None
    share = (lambda n: round(n / draws, 4)) if draws else (lambda n: None)
    return Stability(draws=draws, spread=spread, seed=seed, top1_same=share(same1), top3_same=share(same3), swap=swap)


def nearest_swap(first: Contender, second: Contender, weights: dict[str, float]) -> Swap | None:
    """The smallest change to one weight after which `second` scores at least as high as `first`
    (None if none does, or if `first` meets every must and `second` does not: no weight moves that).

    With W = Σw, N = Σ w_d (r1_d − r2_d) and E = e1 − e2 (rule points), the gap is N/W + E.
    Changing w_d by x gives (N + x a_d)/(W + x) + E, zero at x = −(N + E W)/(a_d + E).
    """
    if first.group != second.group:
        return None
    total = sum(weights.values())
    numerator = sum(weights[d] * (first.ratings[d] - second.ratings[d]) for d in DIMENSIONS)
    # Rule points are multiples of 0.05: round away float noise, or a slope that is truly zero
    # (1.9 − 0.9 − 1) becomes 1e-16 and yields a "swap" at an astronomically large weight.
    extra = (first.rule_units - second.rule_units) / UNITS
    best: Swap | None = None
    for d in DIMENSIONS:
        slope = round((first.ratings[d] - second.ratings[d]) + extra, 6)
        if slope == 0:
            continue
        x = -(numerator + extra * total) / slope
        new = weights[d] + x
        if new < 0 or total + x <= 0:
            continue
        if best is None or abs(x) < abs(best.after - best.before):
            best = Swap(dimension=d, before=round(weights[d], 4), after=round(new, 4))
    return best
