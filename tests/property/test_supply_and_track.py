"""F is monotone in S and every share; any zero share puts a vendor out of the track."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.decide.check import decide
from engine.scoring.supply import supply

from ..conftest import patched_vendor

ASSESSED = ["datacanvas", "coreshub", "alibaba", "huawei", "baidu", "volcano", "sensetime"]
TERMS = ["S", "R", "shares.T", "shares.P", "shares.A", "shares.C"]
share = st.integers(0, 10_000).map(lambda n: n / 10_000)
index = st.integers(100, 10_000).map(lambda n: n / 100)


def _term_strategy(term: str):
    return index if term == "S" else share


@st.composite
def vendor_terms(draw) -> tuple[str, dict]:
    """A bundled vendor id and random values for S, R and the four shares."""
    vendor_id = draw(st.sampled_from(ASSESSED))
    return vendor_id, {f"{t}.value": draw(_term_strategy(t)) for t in TERMS}


@settings(max_examples=200, deadline=None)
@given(base=vendor_terms(), term=st.sampled_from(TERMS), data=st.data())
def test_F_never_falls_when_one_term_rises(base, term, data):
    vendor_id, values = base
    low = values[f"{term}.value"]
    high = data.draw(_term_strategy(term).filter(lambda v: v >= low))
    f_low = supply(patched_vendor(vendor_id, values)).F
    f_high = supply(patched_vendor(vendor_id, {**values, f"{term}.value": high})).F
    assert f_high >= f_low


@settings(max_examples=200, deadline=None)
@given(base=vendor_terms())
def test_F_is_the_product_of_its_terms(base):
    vendor_id, values = base
    product = 1.0
    for t in TERMS:
        product *= values[f"{t}.value"]
    assert abs(supply(patched_vendor(vendor_id, values)).F - product) < 1e-4


@settings(max_examples=40, deadline=None)
@given(vendor_id=st.sampled_from(ASSESSED), zeroed=st.sets(st.sampled_from("TPAC"), min_size=1))
def test_any_zero_share_puts_the_vendor_out(rule_base, vendor_id, zeroed):
    vendor = patched_vendor(vendor_id, {f"shares.{c}.value": 0 for c in zeroed})
    decision = decide(rule_base, vendor)
    assert decision.track == "out"
    assert all(decision.criteria[c].status == "not_met" for c in zeroed)
    assert decision.supply.F == 0
