"""The nearest #1/#2 swap is exact: at it the two tie, just short of it #1 still leads."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.scoring import stability as stability_module
from engine.scoring.stability import Contender, _order, in_reach_of_top, nearest_swap, stability

DIMS = ["D1", "D2", "D3", "D4", "D5"]
ratings = st.fixed_dictionaries({d: st.integers(1, 5) for d in DIMS})
weights = st.fixed_dictionaries({d: st.integers(1, 50).map(lambda n: n / 10) for d in DIMS})
points = st.integers(-20, 20).map(lambda n: n * 1000)  # ±2 points in ten-thousandths


def _score(c: Contender, w: dict) -> float:
    return sum(w[d] * c.ratings[d] for d in DIMS) / sum(w.values()) + c.rule_units / 10_000


@settings(max_examples=300, deadline=None)
@given(r1=ratings, r2=ratings, e1=points, e2=points, w=weights)
def test_the_swap_point_ties_the_two_and_less_keeps_the_order(r1, r2, e1, e2, w):
    first, second = Contender("a", r1, e1, 0), Contender("b", r2, e2, 0)
    if _score(first, w) <= _score(second, w):
        return  # the function is only asked when first leads
    swap = nearest_swap(first, second, w)
    if swap is None:
        return
    at = dict(w, **{swap.dimension: swap.after})
    assert abs(_score(first, at) - _score(second, at)) < 1e-3
    short = dict(w, **{swap.dimension: swap.before + 0.9 * (swap.after - swap.before)})
    assert _score(first, short) > _score(second, short)


def test_no_swap_when_first_leads_on_every_term():
    first = Contender("a", {d: 5 for d in DIMS}, 10000, 0)
    second = Contender("b", {d: 3 for d in DIMS}, 0, 0)
    assert nearest_swap(first, second, {d: 1.0 for d in DIMS}) is None


def test_stability_is_reproducible_with_a_seed():
    contenders = [Contender(v, {d: r for d in DIMS}, 0, 0) for v, r in (("a", 4), ("b", 3), ("c", 2))]
    w = {d: 1.0 for d in DIMS}
    assert stability(contenders, w, 200, 0.2, 7) == stability(contenders, w, 200, 0.2, 7)
    assert stability(contenders, w, 200, 0.2, 7).top1_same == 1.0


def test_zero_draws_reports_no_shares_but_still_the_swap():
    contenders = [Contender("a", {d: 4 for d in DIMS}, 0, 0), Contender("b", {d: 3 for d in DIMS}, 5000, 0)]
    result = stability(contenders, {d: 1.0 for d in DIMS}, 0, 0.2, 0)
    assert result.top1_same is None and result.top3_same is None


def test_a_slope_that_is_zero_but_for_float_noise_gives_no_swap():
    # 1.9 − 0.9 is 0.9999999999999999 in floats; with D5 rated 1 against 2 the D5 slope is zero,
    # and the two scores only meet at an infinite D5 weight: there is no swap.
    first = Contender("a", {d: 1 for d in DIMS}, 19000, 0)
    second = Contender("b", {**{d: 1 for d in DIMS}, "D5": 2}, 9000, 0)
    assert nearest_swap(first, second, {d: 0.1 for d in DIMS}) is None


def test_a_tie_in_the_table_is_a_tie_in_the_draws_too():
    # Both score 3.65 in the table's four places (F puts a first); in floats b's sum is
    # 3.65 and a's 3.6499999999999995, which used to put b first in every draw.
    weights = {"D1": 0.1, "D2": 0.2, "D3": 0.3, "D4": 0.15, "D5": 0.25}
    a = Contender("a", {"D1": 5, "D2": 1, "D3": 3, "D4": 5, "D5": 4}, 3000, 2.0)
    b = Contender("b", {"D1": 4, "D2": 2, "D3": 3, "D4": 3, "D5": 4}, 5000, 1.0)
    assert _order([b, a], weights) == ["a", "b"]
    unperturbed = stability([a, b], weights, 50, 0.0, 0)  # weights never move: nothing can change
    assert unperturbed.top1_same == 1.0 and unperturbed.top3_same == 1.0


contender_lists = st.lists(
    st.builds(Contender, st.uuids().map(str), ratings, points, st.integers(0, 3).map(float)),
    min_size=1, max_size=9, unique_by=lambda c: c.vendor,
)


@settings(max_examples=150, deadline=None)
@given(contenders=contender_lists, w=weights, spread=st.sampled_from([0.0, 0.1, 0.2, 0.5]))
def test_pruning_never_changes_stability(contenders, w, spread):
    """Scoring only the vendors that can reach the top three gives the same shares as scoring all."""
    ordered = sorted(contenders, key=lambda c: _order(contenders, w).index(c.vendor))
    pruned = stability(ordered, w, 40, spread, 3)
    original = stability_module.in_reach_of_top
    stability_module.in_reach_of_top = lambda cs, *_: list(cs)
    try:
        everyone = stability(ordered, w, 40, spread, 3)
    finally:
        stability_module.in_reach_of_top = original
    assert pruned == everyone


def test_pruning_drops_a_vendor_three_others_always_beat():
    w = {d: 1.0 for d in DIMS}
    field = [Contender(v, {d: r for d in DIMS}, 0, 0) for v, r in (("a", 5), ("b", 5), ("c", 3), ("d", 1))]
    field.append(Contender("e", {"D1": 4, "D2": 3, "D3": 3, "D4": 3, "D5": 3}, 0, 0))  # always above c
    assert [c.vendor for c in in_reach_of_top(field, w, 0.2)] == ["a", "b", "e"]
