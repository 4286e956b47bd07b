"""Three-valued evaluation of a condition tree in Python: true, false or not_evaluated."""

from __future__ import annotations

import operator
from dataclasses import dataclass
from typing import Any

from .leaves import Leaf
from .tree import Node

TRUE, FALSE, UNKNOWN = "true", "false", "not_evaluated"


@dataclass(frozen=True, slots=True)
class LeafResult:
    """One evaluated leaf: the field, operator, expected and actual values, and the result."""

    path: str
    field: str
    op: str
    expected: Any
    actual: Any
    result: str


_TESTS = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "in": lambda actual, value: actual in value,
    "contains": operator.contains,  # contains(actual, value): value in actual
}
_MISSING = object()


def leaf_value(leaf: Leaf, facts: dict[str, Any]) -> str:
    """The truth of one leaf over the facts (missing data gives not_evaluated)."""
    actual = facts.get(leaf.field, _MISSING)
    if leaf.op == "exists":
        return FALSE if actual is _MISSING else TRUE
    if actual is _MISSING:
        return UNKNOWN
    return TRUE if _TESTS[leaf.op](actual, leaf.value) else FALSE


def evaluate(node: Node, facts: dict[str, Any], out: list[LeafResult] | None = None) -> str:
    """Kleene evaluation of the tree; every leaf's result is appended to `out` if given."""
    if node.kind == "leaf":
        result = leaf_value(node.leaf, facts)
        if out is not None:
            leaf = node.leaf
            out.append(LeafResult(node.path, leaf.field, leaf.op, leaf.value, facts.get(leaf.field), result))
        return result
    results = [evaluate(c, facts, out) for c in node.children]
    if node.kind == "not":
        return {TRUE: FALSE, FALSE: TRUE, UNKNOWN: UNKNOWN}[results[0]]
    decisive, other = (FALSE, TRUE) if node.kind == "all" else (TRUE, FALSE)
    if decisive in results:
        return decisive
    return UNKNOWN if UNKNOWN in results else other
