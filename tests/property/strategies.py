"""Hypothesis strategies: random facts and random condition trees over the field catalogue."""

from __future__ import annotations

from hypothesis import strategies as st

from engine.compile.leaves import OPS_BY_KIND
from engine.model.fields import FIELDS, FieldSpec

INPUT_FIELDS = sorted(name for name, spec in FIELDS.items() if not spec.derived)


def _number(spec: FieldSpec) -> st.SearchStrategy[float]:
    """A user-unit number the field accepts (exact in engine units)."""
    lo, hi = round(spec.minimum * spec.scale), round(spec.maximum * spec.scale)
    return st.integers(lo, hi).map(lambda n: n / spec.scale if spec.scale != 1 else n)


def fact_value(spec: FieldSpec) -> st.SearchStrategy:
    """A value of `spec` in engine units, as vendor_facts would produce it."""
    if spec.kind == "number":
        return st.integers(round(spec.minimum * spec.scale), round(spec.maximum * spec.scale))
    if spec.kind == "list":
        return st.lists(st.sampled_from(spec.values), unique=True).map(sorted)
    return st.sampled_from(spec.values)


@st.composite
def facts(draw, fields=INPUT_FIELDS) -> dict:
    """Engine facts with each field present or missing (unknown)."""
    out = {}
    for name in fields:
        if draw(st.booleans()):
            out[name] = draw(fact_value(FIELDS[name]))
    return out


@st.composite
def leaf(draw, fields=INPUT_FIELDS) -> dict:
    """A valid leaf condition in YAML form."""
    name = draw(st.sampled_from(fields))
    spec = FIELDS[name]
    op = draw(st.sampled_from(sorted(OPS_BY_KIND[spec.kind])))
    if op == "exists":
        return {"field": name, "op": op}
    one = _number(spec) if spec.kind == "number" else st.sampled_from(spec.values)
    value = draw(st.lists(one, min_size=1, max_size=3) if op == "in" else one)
    return {"field": name, "op": op, "value": value}


def condition(fields=INPUT_FIELDS) -> st.SearchStrategy[dict]:
    """A random all/any/not tree of leaves, YAML form."""
    return st.recursive(
        leaf(fields),
        lambda children: st.one_of(
            st.lists(children, min_size=1, max_size=3).map(lambda cs: {"all": cs}),
            st.lists(children, min_size=1, max_size=3).map(lambda cs: {"any": cs}),
            children.map(lambda c: {"not": c}),
        ),
        max_leaves=6,
    )
