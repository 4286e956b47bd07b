"""Conditions that can never be true, found without any vendor: per field, no value passes every test."""

from __future__ import annotations

from typing import Any

from ..model.fields import FieldSpec
from .leaves import Leaf
from .tree import Node
from .truth import TRUE, evaluate

_ABSENT = object()
_TURNED = {"==": "!=", "!=": "==", "<": ">=", "<=": ">", ">": "<=", ">=": "<"}


def never_true(node: Node) -> tuple[Node, str | None] | None:
    """The node that keeps `node` from ever being true and the field it fails on (None: every branch of an any), or None.

    Conservative: an `all` is never true when one child never is, or when the comparisons it
    requires on one field (through nested `all`s and negated comparisons) admit no common
    value; an `any` when none of its children can be true. Any other `not` is assumed
    satisfiable, so nothing reported here is a false alarm.
    """
    if node.kind == "any":
        found = [never_true(child) for child in node.children]
        return (node, None) if found and all(found) else None
    if node.kind == "leaf":
        return (node, node.leaf.field) if not _candidates_pass([node]) else None
    if node.kind != "all":
        return None
    for child in node.children:
        inner = never_true(child) if child.kind in ("all", "any") else None
        if inner is not None:
            return inner
    by_field: dict[str, list[Node]] = {}
    for leaf in _required(node):
        by_field.setdefault(leaf.leaf.field, []).append(leaf)
    for field, leaves in by_field.items():
        if not _candidates_pass(leaves):
            return (leaves[0] if len(leaves) == 1 else node, field)
    return None


def _required(node: Node) -> list[Node]:
    """The comparisons an `all` requires: its leaves, those of nested `all`s, and negated comparisons turned round.

    Under three-valued logic `not (S >= 20)` is true exactly when `S < 20` is.
    """
    found = []
    for child in node.children:
        if child.kind == "all":
            found += _required(child)
        elif child.kind == "leaf":
            found.append(child)
        elif child.kind == "not" and child.children[0].kind == "leaf" and child.children[0].leaf.op in _TURNED:
            leaf = child.children[0].leaf
            found.append(Node("leaf", leaf=Leaf(leaf.spec, _TURNED[leaf.op], leaf.value), path=child.path, location=child.location))
    return found


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
