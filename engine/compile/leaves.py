"""Checks each leaf condition against the field catalogue and normalises its value."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import Problem, RuleError
from ..messages import M, Msg
from ..suggest import allowed, did_you_mean
from ..model.fields import FIELDS, FieldSpec

OPS_BY_KIND = {
    "enum": {"==", "!=", "in", "exists"},
    "number": {"==", "!=", "<", "<=", ">", ">=", "in", "exists"},
    "list": {"contains", "exists"},
}


@dataclass(frozen=True)
class Leaf:
    """A checked leaf: catalogue field, operator, and value in engine units."""

    spec: FieldSpec
    op: str
    value: Any  # str | int | tuple[str | int, ...] | None
    field: str = ""  # the dotted field name, filled from `spec` (read once per leaf per evaluation)
    shown: Any = None  # `value` in the units a user writes, for traces

    def __post_init__(self) -> None:
        object.__setattr__(self, "field", self.spec.name)
        object.__setattr__(self, "shown", self.spec.to_user(self.value))


def scale_number(spec: FieldSpec, raw: object) -> int:
    """A number in the field's range as an integer in engine units (e.g. basis points)."""
    if isinstance(raw, bool) or not isinstance(raw, (int, float)):
        raise Problem(M("rule.takes_number", field=spec.name, value=repr(raw)))
    if not spec.minimum <= raw <= spec.maximum:
        raise Problem(M("rule.number_range", field=spec.name, low=f"{spec.minimum:g}", high=f"{spec.maximum:g}", value=repr(raw)))
    scaled = round(raw * spec.scale)
    if abs(scaled - raw * spec.scale) > 1e-6:
        digits = len(str(spec.scale)) - 1
        raise Problem(M("rule.number_decimals", field=spec.name, places=digits, value=repr(raw)))
    return scaled


def check_leaf(field: str, op: str, value: Any, where) -> Leaf:
    """Validate one `field op value` against the catalogue, raising RuleError at `where`."""
    spec = FIELDS.get(field)
    if spec is None:
        raise RuleError(M("rule.unknown_field", field=repr(field)), where, did_you_mean(field, FIELDS) or allowed(FIELDS))
    if op not in OPS_BY_KIND[spec.kind]:
        raise RuleError(M("rule.operator_kind", op=repr(op), kind=spec.kind, field=repr(field)), where, allowed(OPS_BY_KIND[spec.kind]))
    if op == "exists":
        return Leaf(spec, op, None)
    items = value if isinstance(value, list) else [value]
    try:
        normal = [_normalise(spec, item) for item in items]
    except Problem as exc:
        raise RuleError(exc.msg, where, _value_hint(spec, items)) from None
    return Leaf(spec, op, tuple(normal) if op == "in" else normal[0])


def _normalise(spec: FieldSpec, item: object) -> str | int:
    if spec.kind == "number":
        return scale_number(spec, item)
    if not isinstance(item, str) or item not in spec.values:
        raise Problem(M("rule.not_a_value", value=repr(item), field=spec.name))
    return item


def _value_hint(spec: FieldSpec, items: list) -> Msg | None:
    if spec.kind == "number":
        return None
    bad = next((i for i in items if i not in spec.values), None)
    return did_you_mean(bad, spec.values) or allowed(spec.values)
