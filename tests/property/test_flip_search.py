"""The flip search agrees with brute force over every single and pair of changes, on random rating tables.

Brute force re-ranks every vendor for every single change and every pair of changes (two of one
assessment never pair), from the ratings, rule points, F and must group, and keeps the smallest
sets that change #1 or the top three. The search prunes (pairs only when no single flips, across
vendors by comparing rows, vendors that cannot matter by bounds); it must find the same sets.
"""

from __future__ import annotations

from itertools import combinations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.model.vocabulary import DIMENSIONS
from engine.scoring.flips import TOP, Change, Standing, search
from engine.scoring.score import score_units

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def tables(draw):
    """Vendors with ratings, rule points, F and group; rating steps and fact changes with their outcomes."""
    n = draw(st.integers(1, 6))
    weights = {d: draw(st.sampled_from([0.05, 0.1, 0.15, 0.2, 0.3, 0.45])) for d in DIMENSIONS}
    base, changes, outcomes = {}, [], {}
    for i in range(n):
        v = f"v{i}"
        ratings = {d: draw(st.integers(1, 5)) for d in DIMENSIONS}
        standing = Standing(ratings, draw(st.integers(-6, 6)) * 500, draw(st.sampled_from([0.1, 0.2, 0.3])),
                            draw(st.integers(0, 1)))
        base[v] = standing
        for d in draw(st.lists(st.sampled_from(DIMENSIONS), max_size=3, unique=True)):
            for step in (-1, 1):
                if 1 <= ratings[d] + step <= 5:
                    changes.append(Change(v, f"ratings.{d}", d, step))
        facts = [f"{v}.f{j}" for j in range(draw(st.integers(0, 3)))]
        changes += [Change(v, fact, fact=fact) for fact in facts]
        for size in (1, 2):
            for subset in combinations(facts, size):
                dropped = draw(st.integers(0, 9)) == 0
                outcomes[(v, frozenset(subset))] = None if dropped else Standing(
                    ratings, standing.rule_units + draw(st.integers(-4, 4)) * 500,
                    draw(st.sampled_from([standing.F, 0.15, 0.25])), draw(st.integers(0, 1)))
    return base, weights, changes, outcomes


def _rows(base, weights, outcomes, chosen):
    """Every vendor's row under the chosen changes, from scratch (None when a fact change drops it)."""
    rows = []
    for v, standing in base.items():
        mine = [c for c in chosen if c.vendor == v]
        facts = frozenset(c.fact for c in mine if c.fact)
        s = outcomes[(v, facts)] if facts else standing
        if s is None:
            continue
        ratings = {d: r + sum(c.step for c in mine if c.dimension == d) for d, r in standing.ratings.items()}
        rows.append((s.group, -score_units(weights, ratings, s.rule_units), -s.F, v))
    return sorted(rows)


def _brute(base, weights, changes, outcomes):
    order = _rows(base, weights, outcomes, ())
    first, top3 = order[0][-1], {r[-1] for r in order[:TOP]}
    sets = [(c,) for c in changes] + [p for p in combinations(changes, 2) if (p[0].vendor, p[0].key) != (p[1].vendor, p[1].key)]
    found = {"first": {}, "top3": {}}
    for chosen in sets:
        rows = _rows(base, weights, outcomes, chosen)
        if tuple(r[-1] for r in rows[:1]) != (first,):
            found["first"].setdefault(len(chosen), set()).add((frozenset(chosen), tuple(r[-1] for r in rows[:1])))
        if {r[-1] for r in rows[:TOP]} != top3:
            found["top3"].setdefault(len(chosen), set()).add((frozenset(chosen), tuple(r[-1] for r in rows[:TOP])))
    expected = {}
    for target, by_size in found.items():
        smallest = min(by_size, default=None)
        expected[target] = (2, set()) if smallest is None else (smallest - 1, by_size[smallest])
    closest = None
    today = order[1][1] - order[0][1] if len(order) > 1 and order[1][0] == order[0][0] else None
    for c in changes:
        rows = _rows(base, weights, outcomes, (c,))
        if len(rows) > 1 and rows[0][-1] == first and rows[1][0] == rows[0][0] and (today is None or rows[1][1] - rows[0][1] < today):
            key = (rows[1][1] - rows[0][1], (c.vendor, c.key, c.step, c.fact or ""))
            if closest is None or key < closest[0]:
                closest = (key, c, rows[1][-1])
    return expected, closest


def _found(holds):
    return holds.up_to, {(frozenset(f.changes), f.top) for f in holds.flips}


def _exact_bounds(base, weights, outcomes, slack):
    """Sound bounds: the exact row, loosened by `slack` units (best higher, worst lower)."""
    def bounds(v, changed):
        rows = [r for r in _rows({v: base[v]}, weights, outcomes, tuple(changed))]
        if not rows:
            return (0, -10**9, -1.0, v), None
        group, units, F, _ = rows[0]
        return (0 if slack else group, units - slack, F, v), (1 if slack else group, units + slack, F, v)
    return bounds


def _exact_anywhere(base, weights, changes, outcomes, slack):
    """A sound bound on a vendor's row under any one or two of its changes: the best of them, loosened."""
    def anywhere(v):
        mine = [c for c in changes if c.vendor == v]
        sets = [()] + [(c,) for c in mine] + [p for p in combinations(mine, 2) if p[0].key != p[1].key]
        rows = [r for chosen in sets for r in _rows({v: base[v]}, weights, outcomes, chosen)]
        best = min(rows, default=(0, -10**9, -1.0, v))
        return (0, best[1] - slack, best[2], v)
    return anywhere


def _pruning(table, slack):
    """No bounds (slack None), or exact bounds loosened by `slack` units: what the search may prune with."""
    base, weights, changes, outcomes = table
    if slack is None:
        return None, None
    return _exact_bounds(base, weights, outcomes, slack), _exact_anywhere(base, weights, changes, outcomes, slack)


@SETTINGS
@given(tables(), st.sampled_from([None, 0, 2000]))
def test_the_flip_search_finds_exactly_the_smallest_flipping_sets_brute_force_finds(table, slack):
    base, weights, changes, outcomes = table
    expected, closest = _brute(base, weights, changes, outcomes)
    report = search(base, weights, changes, lambda v, facts: outcomes[(v, facts)], *_pruning(table, slack))
    assert _found(report.first) == expected["first"]
    assert _found(report.top3) == expected["top3"]
    if closest is None:
        assert report.closest is None
    else:
        (lead, _), change, runner_up = closest
        assert (report.closest.lead, report.closest.change, report.closest.runner_up) == (lead, change, runner_up)


def test_a_planted_one_step_flip_is_reported():
    """Two vendors a step apart on the only weighted dimension: one step of either rating flips #1."""
    ratings = dict.fromkeys(DIMENSIONS, 3)
    base = {"a": Standing({**ratings, "D5": 4}, 0, 0.1, 0), "b": Standing(ratings, 0, 0.2, 0)}
    weights = {**dict.fromkeys(DIMENSIONS, 0.0), "D5": 1.0}
    down, up = Change("a", "ratings.D5", "D5", -1), Change("b", "ratings.D5", "D5", 1)
    report = search(base, weights, [down, up], lambda v, f: None)
    # a tie on the score goes to the larger F: b (0.2) comes first after either step
    assert report.first.up_to == 0
    assert {f.changes for f in report.first.flips} == {(down,), (up,)}
    assert all(f.top == ("b",) for f in report.first.flips)


@SETTINGS
@given(tables(), st.sampled_from([None, 0, 2000]))
def test_singles_only_finds_exactly_the_single_changes_that_change_first(table, slack):
    """What ask's live line uses: #1 under single changes only, with the same pruning."""
    base, weights, changes, outcomes = table
    expected, _ = _brute(base, weights, changes, outcomes)
    report = search(base, weights, changes, lambda v, facts: outcomes[(v, facts)], *_pruning(table, slack), pairs=False)
    up_to, flips = expected["first"]
    assert _found(report.first) == ((0, flips) if up_to == 0 else (1, set()))
