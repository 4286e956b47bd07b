"""Three-valued evaluation of a condition tree in Python: true, false or not_evaluated."""

from __future__ import annotations

import operator
from typing import Any, Callable

from ..model.decision import ConditionTrace
from .tree import Node

TRUE, FALSE, UNKNOWN = "true", "false", "not_evaluated"


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


class _Free:
    """The value of a fact that may be anything: every leaf reading it is not_evaluated (for bounds, never traced)."""

    def __repr__(self) -> str:
        return "FREE"


FREE = _Free()


def evaluate(node: Node, facts: dict[str, Any], out: list[ConditionTrace] | None = None) -> str:
    """Kleene evaluation of the tree; if `out` is given, every leaf's trace (user units) is appended.

    Each node is compiled once into a closure (kept on the node); without `out` an all/any
    stops at its first decisive child.
    """
    run = node.__dict__.get("_run") or _attach(node)
    return run(facts, out)


_NOT = {TRUE: FALSE, FALSE: TRUE, UNKNOWN: UNKNOWN}
Runner = Callable[[dict, "list[ConditionTrace] | None"], str]


def _attach(node: Node) -> Runner:
    run = _leaf(node) if node.kind == "leaf" else _composite(node)
    object.__setattr__(node, "_run", run)  # not a field: equality and hashing ignore it
    return run


def _leaf(node: Node) -> Runner:
    leaf = node.leaf
    name, op, value, path, shown, to_user = leaf.field, leaf.op, leaf.value, node.path, leaf.shown, leaf.spec.to_user
    test = _TESTS.get(op)

    def run(facts: dict, out: list | None) -> str:
        actual = facts.get(name, _MISSING)
        if actual is FREE:
            return UNKNOWN
        if op == "exists":
            result = FALSE if actual is _MISSING else TRUE
        elif actual is _MISSING:
            result = UNKNOWN
        else:
            result = TRUE if test(actual, value) else FALSE
        if out is not None:
            out.append(ConditionTrace(path, name, op, shown, None if actual is _MISSING else to_user(actual), result))
        return result

    return run


def _composite(node: Node) -> Runner:
    children = [c.__dict__.get("_run") or _attach(c) for c in node.children]
    if node.kind == "not":
        child = children[0]
        return lambda facts, out: _NOT[child(facts, out)]
    decisive, other = (FALSE, TRUE) if node.kind == "all" else (TRUE, FALSE)

    def run(facts: dict, out: list | None) -> str:
        if out is None:
            unknown = False
            for child in children:
                result = child(facts, None)
                if result == decisive:
                    return decisive
                unknown = unknown or result == UNKNOWN
            return UNKNOWN if unknown else other
        results = [child(facts, out) for child in children]  # every leaf, for the trace
        if decisive in results:
            return decisive
        return UNKNOWN if UNKNOWN in results else other

    return run
