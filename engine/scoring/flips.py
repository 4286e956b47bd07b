"""Flip conditions: the smallest sets of changes to our assessments that change #1 or the top three.

Pure search over what the scoring reads of each vendor (its standing). A change is a rating
one step off, or a change to an assessed fact whose effect (rule points, must group, exclusion,
F) the caller evaluates through `outcome`. Pairs of changes on two vendors combine their single
rows; pairs on one vendor are evaluated as one variant. Only the smallest flipping sets are kept:
pairs are searched only when no single change flips, and a pair is kept only when neither of its
changes flips alone.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from itertools import combinations
from typing import Callable, Mapping

from .score import rating_units

TOP = 3
Row = tuple  # (group, −score units, −F, vendor id): smaller ranks first, as the table sorts


@dataclass(frozen=True)
class Standing:
    """What the order reads of a vendor: ratings, applied rule points, F and its must group (0 meets every must)."""

    ratings: Mapping[str, int]
    rule_units: int
    F: float
    group: int


@dataclass(frozen=True)
class Change:
    """One change to one of our assessments of a vendor: a rating step (`dimension`, `step`) or a fact (`fact`)."""

    vendor: str
    key: str  # the assessment it changes (`ratings.D5`, `chips.ascend`): two changes of one key never pair
    dimension: str | None = None
    step: int = 0
    fact: str | None = None  # the id the caller's `outcome` knows the fact change by


Outcome = Callable[[str, frozenset[str]], "Standing | None"]  # a vendor under fact changes; None: excluded


@dataclass(frozen=True)
class Flip:
    """A smallest set of changes after which the target no longer holds, and what the top becomes."""

    changes: tuple[Change, ...]
    top: tuple[str, ...]  # the new #1 (first) or the new top three (top3), in order


@dataclass(frozen=True)
class Holds:
    """Whether a target holds: `up_to` changes never break it (0, 1 or 2); `flips` are the smallest sets that do."""

    up_to: int
    flips: tuple[Flip, ...]


@dataclass(frozen=True)
class Closest:
    """The single change that leaves #1 the smallest lead over the next vendor (in score units)."""

    change: Change
    lead: int
    runner_up: str


@dataclass(frozen=True)
class FlipReport:
    """Flip conditions of one ranking."""

    first: Holds
    top3: Holds
    closest: Closest | None


class _Variants:
    """Rows of one vendor under sets of its own changes, each computed once.

    A rating step moves the score by its term's change alone (terms are per dimension), so a set's
    score is the vendor's dimension points, the steps' changes and the rule points of its fact changes.
    """

    def __init__(self, base: Mapping[str, Standing], weights: Mapping[str, float], outcome: Outcome) -> None:
        self._base, self._points, self._outcome = base, rating_units(weights), outcome
        self._dims = {v: sum(self._points[d][r] for d, r in s.ratings.items()) for v, s in base.items()}
        self._rows: dict[frozenset[Change], Row | None] = {}

    def step(self, c: Change) -> int:
        """How many units a rating step adds to the vendor's score (0 for a fact change)."""
        if c.dimension is None:
            return 0
        rating = self._base[c.vendor].ratings[c.dimension]
        return self._points[c.dimension][rating + c.step] - self._points[c.dimension][rating]

    def row(self, vendor: str, changes: frozenset[Change]) -> Row | None:
        """The vendor's row with `changes` (all its own) made."""
        found = self._rows.get(changes, _UNSEEN) if changes else _UNSEEN
        if found is not _UNSEEN:
            return found
        facts = frozenset(c.fact for c in changes if c.fact is not None)
        standing = self._outcome(vendor, facts) if facts else self._base[vendor]
        row = None if standing is None else (
            standing.group, -(self._dims[vendor] + sum(self.step(c) for c in changes) + standing.rule_units), -standing.F, vendor)
        if changes:
            self._rows[changes] = row
        return row


_UNSEEN = object()


def _top(rows: list[Row | None], n: int) -> tuple[str, ...]:
    return tuple(r[-1] for r in sorted(r for r in rows if r is not None)[:n])


# Sound bounds on a vendor's row under a set of its changes: the best it can rank, and the worst
# (None when a filter may drop it); None for a set that costs nothing to score exactly. Given,
# the search evaluates only the sets that could flip something.
Bounds = Callable[[str, frozenset[Change]], "tuple[Row, Row | None] | None"]
_LAST = (2,)  # ranks after every row


def search(base: Mapping[str, Standing], weights: Mapping[str, float], changes: list[Change], outcome: Outcome,
           bounds: Bounds | None = None, anywhere: Callable[[str], Row] | None = None, pairs: bool = True) -> FlipReport:
    """The flip conditions of the ranking of `base` (at least one vendor) under `changes` (two of one key never pair).

    `anywhere` bounds a vendor's row under any one or two of its changes: a vendor outside the top three
    that cannot rise above the lowest the top three fall to under one change is left out at once.
    With `pairs` False only the single changes that could change #1 are tried (the top three and the closest
    change are left out: `top3` then holds up to 1 with no flips, as a placeholder).
    """
    variants = _Variants(base, weights, outcome)
    rows = {v: variants.row(v, frozenset()) for v in base}
    order = sorted(rows.values())
    first, top3 = order[0][-1], set(_top(order, TOP))
    second = order[1] if len(order) > 1 else _LAST
    third = order[min(TOP, len(order)) - 1]
    outside = order[TOP] if len(order) > TOP else _LAST  # the best row outside the top three
    by_vendor: dict[str, list[Change]] = {}
    for c in sorted(changes, key=_sort_key):
        by_vendor.setdefault(c.vendor, []).append(c)

    def replaced(swap: dict[str, Row | None], n: int) -> tuple[str, ...]:
        """The first n with some vendors' rows swapped (the rest as they were)."""
        rest = [r for r in order if r[-1] not in swap][: n]
        return _top(rest + list(swap.values()), n)

    def loses_first(v: str, r: Row | None) -> bool:
        """Whether #1 changes when only vendor v's row becomes r."""
        return (r is None or r > second) if v == first else (r is not None and r < order[0])

    def leaves_top(v: str, r: Row | None) -> bool:
        """Whether the top three change when only vendor v's row becomes r."""
        return (r is None or r > outside) if v in top3 else (r is not None and r < third)

    def can_enter(v: str, changed: frozenset[Change], above: Row) -> bool:
        """Whether a vendor outside the top three could rank above `above` under `changed`.

        A set that is cheap to score exactly has no bounds (rating steps, facts no condition reads differently).
        """
        found = bounds(v, changed) if bounds and any(c.fact for c in changed) else None
        return found is None or found[0] < above

    def can_flip(v: str, changed: frozenset[Change]) -> bool:
        """Whether a top-three vendor under `changed` could take #1, lose it, or leave the top three."""
        found = bounds(v, changed) if bounds and any(c.fact for c in changed) else None
        if found is None:
            return True
        best, worst = found
        return worst is None or leaves_top(v, worst) or loses_first(v, worst) or loses_first(v, best)

    # Top-three vendors first: the lowest they fall to bounds which outside changes can matter at all.
    if not pairs:  # #1 under single changes only: what could take it, and what #1's own changes do
        single_row = {c: variants.row(first, frozenset({c})) for c in by_vendor.get(first, [])}
        for v in sorted(by_vendor.keys() - {first}):
            single_row.update({c: variants.row(v, frozenset({c})) for c in by_vendor[v] if can_enter(v, frozenset({c}), order[0])})
        singles = [(c, single_row.get(c, rows[c.vendor])) for c in sorted(changes, key=_sort_key)]
        first_flips = tuple(Flip((c,), replaced({c.vendor: r}, 1)) for c, r in singles if loses_first(c.vendor, r))
        return FlipReport(Holds(0 if first_flips else 1, first_flips), Holds(1, ()), None)
    single_row = {c: variants.row(v, frozenset({c})) for v in sorted(top3) for c in by_vendor.get(v, [])}
    lowest = max([third] + [r for r in single_row.values() if r is not None])
    live = top3 | {v for v in by_vendor.keys() - top3 if anywhere is None or anywhere(v) < lowest}
    for v in sorted(live - top3):
        single_row.update({c: variants.row(v, frozenset({c})) for c in by_vendor[v] if can_enter(v, frozenset({c}), lowest)})
    singles = [(c, single_row.get(c, rows[c.vendor])) for c in sorted(changes, key=_sort_key)]
    first_flips = [Flip((c,), replaced({c.vendor: r}, 1)) for c, r in singles if loses_first(c.vendor, r)]
    top_flips = [Flip((c,), replaced({c.vendor: r}, TOP)) for c, r in singles if leaves_top(c.vendor, r)]
    closest = _closest(singles, order, first)
    first_holds = Holds(0, tuple(first_flips)) if first_flips else None
    top_holds = Holds(0, tuple(top_flips)) if top_flips else None
    if first_holds and top_holds:
        return FlipReport(first_holds, top_holds, closest)

    pair_first: list[Flip] = []
    pair_top: list[Flip] = []
    for v, cs in sorted(by_vendor.items()):
        if v not in live or (v not in top3 and anywhere is not None and not anywhere(v) < third):
            continue
        for a, b in combinations(cs, 2):
            pair = frozenset({a, b})
            if a.key == b.key or not (can_flip(v, pair) if v in top3 else can_enter(v, pair, third)):
                continue
            r = variants.row(v, pair)
            if first_holds is None and loses_first(v, r):
                pair_first.append(Flip((a, b), replaced({v: r}, 1)))
            if top_holds is None and leaves_top(v, r):
                pair_top.append(Flip((a, b), replaced({v: r}, TOP)))
    # Across two vendors, with no single change flipping: if neither is #1, one of them comes first only
    # if it does alone, so the pair holds #1 and takes it from #1 exactly when the other's row is above
    # #1's new one. The top three change only if one of the pair is outside them and rises above the
    # lowest of the three with the other's change made (two inside cannot both fall below the fourth,
    # who neither passes alone; two outside do not enter unless one does alone). A change whose row
    # stays as it was makes the pair its partner's single.
    moved = sorted(((r, c) for c, r in singles if r is not None and r != rows[c.vendor]), key=lambda rc: rc[0])
    moved_rows = [r for r, _ in moved]
    for c, r in singles:
        if r is None or r == rows[c.vendor]:
            continue
        if first_holds is None and c.vendor == first:
            for _, b in moved[: bisect_left(moved_rows, r)]:
                if b.vendor != first:
                    pair_first.append(Flip(_pair(c, b), (b.vendor,)))
        if top_holds is None and c.vendor in top3:
            lowest_kept = max(r if m[-1] == c.vendor else m for m in order[:TOP])
            for rb, b in moved[: bisect_left(moved_rows, lowest_kept)]:
                if b.vendor not in top3:
                    pair_top.append(Flip(_pair(c, b), replaced({c.vendor: r, b.vendor: rb}, TOP)))
    return FlipReport(first_holds or Holds(1 if pair_first else 2, tuple(pair_first)),
                      top_holds or Holds(1 if pair_top else 2, tuple(pair_top)), closest)


def _pair(a: Change, b: Change) -> tuple[Change, Change]:
    return (a, b) if _sort_key(a) <= _sort_key(b) else (b, a)


def _sort_key(c: Change) -> tuple:
    return (c.vendor, c.key, c.step, c.fact or "")


def _closest(singles, order: list[Row], first: str) -> Closest | None:
    """Among single changes after which #1 stays first, the one leaving the smallest lead over the vendor next in its
    group, if that lead is smaller than #1's lead today (a change that narrows nothing is not the closest)."""
    today = order[1][1] - order[0][1] if len(order) > 1 and order[1][0] == order[0][0] else None
    best: Closest | None = None
    for c, r in singles:
        new = [r if row[-1] == c.vendor else row for row in order]
        ranked = sorted(x for x in new if x is not None)
        if len(ranked) < 2 or ranked[0][-1] != first or ranked[1][0] != ranked[0][0]:
            continue
        lead = ranked[1][1] - ranked[0][1]
        if today is not None and lead >= today:
            continue
        candidate = Closest(c, lead, ranked[1][-1])
        if best is None or (lead, _sort_key(c)) < (best.lead, _sort_key(best.change)):
            best = candidate
    return best
