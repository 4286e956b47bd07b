"""Conditions that can never be true, found without any vendor: per field, no value passes every test."""

from __future__ import annotations

from typing import Any

from ..model.fields import FieldSpec
from .tree import Node
from .truth import TRUE, evaluate

_ABSENT = object()


def never_true(node: Node) -> tuple[Node, str] | None:
    """The node (and the field) that keeps `node` from ever being true, or None when it can be.

    Conservative: an `all` is never true when one child never is, or when the leaves it holds
    on one field admit no common value; an `any` when none of its children can be true. A
    `not` is assumed satisfiable, so nothing reported here is a false alarm.
    """
    if node.kind == "any":
        found = [never_true(child) for child in node.children]
        return (node, found[0][1]) if found and all(found) else None
    if node.kind == "leaf":
        return (node, node.leaf.field) if not _candidates_pass([node]) else None
    if node.kind != "all":
        return None
    by_field: dict[str, list[Node]] = {}
    for child in node.children:
        if child.kind == "leaf":
            by_field.setdefault(child.leaf.field, []).append(child)
        else:
            inner = never_true(child)
            if inner is not None:
                return inner
    for field, leaves in by_field.items():
        if not _candidates_pass(leaves):
            return (leaves[-1] if len(leaves) == 1 else node, field)
    return None


def _candidates_pass(leaves: list[Node]) -> bool:
    """True when some value of the leaves' field makes every leaf true."""
    spec = leaves[0].leaf.spec
    field = spec.name
    for value in _candidates(spec, leaves):
        facts = {} if value is _ABSENT else {field: value}
        if all(evaluate(leaf, facts) == TRUE for leaf in leaves):
            return True
    return False


def _candidates(spec: FieldSpec, leaves: list[Node]) -> list[Any]:
    """Every value that can tell the leaves apart: the allowed values, or each constant and its neighbours."""
    constants = [v for leaf in leaves for v in (leaf.leaf.value if isinstance(leaf.leaf.value, tuple) else (leaf.leaf.value,)) if v is not None]
    if spec.kind == "enum":
        return [*spec.values, _ABSENT]
    if spec.kind == "list":
        return [tuple(sorted(set(constants))), (), _ABSENT]
    low, high = round(spec.minimum * spec.scale), round(spec.maximum * spec.scale)
    near = {c + step for c in constants for step in (-1, 0, 1)} | {low, high}
    return [v for v in sorted(near) if low <= v <= high] + [_ABSENT]
