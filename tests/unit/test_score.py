"""The one scoring function: its fast float path gives exactly the decimal rounding."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.scoring.score import UNITS, _term_units, q


def _exact(weight: float, total: float, rating: int) -> int:
    return int(q(Decimal(str(weight)) / Decimal(str(total)) * rating) * UNITS)


@settings(max_examples=2000, deadline=None)
@given(
    weight=st.floats(0, 100, allow_nan=False, allow_infinity=False),
    extra=st.floats(0.001, 400, allow_nan=False, allow_infinity=False),
    rating=st.integers(1, 5),
)
def test_term_units_equal_the_exact_decimal_rounding(weight, extra, rating):
    total = weight + extra
    assert _term_units(weight, total, rating) == _exact(weight, total, rating)


def test_half_units_round_half_even_like_the_table():
    # 1/32 = 0.03125 and 3/32 = 0.09375: exactly half a unit, decided by the decimal path.
    assert _term_units(1, 32, 1) == _exact(1, 32, 1) == 312
    assert _term_units(3, 32, 1) == _exact(3, 32, 1) == 938
    assert _term_units(0.05, 1.6, 1) == _exact(0.05, 1.6, 1)
    # 0.01 / 0.96 × 3 is 312.5 units in floats but 312.50…01 in 28-digit decimals: 313.
    assert _term_units(0.01, 0.96, 3) == _exact(0.01, 0.96, 3) == 313
