"""Condition trees → durable_rules declarative patterns (negation pushed to the leaves)."""

from __future__ import annotations

from typing import Any

from .tree import Node

MARKER = "zs_fact"
LIST_SENTINEL = "_"  # appended to every list so durable's $iall never sees an empty list

_NEGATED = {"==": "!=", "!=": "==", "<": ">=", "<=": ">", ">": "<=", ">=": "<"}
_DURABLE_OP = {"!=": "$neq", "<": "$lt", "<=": "$lte", ">": "$gt", ">=": "$gte"}


def rule_pattern(node: Node) -> dict[str, Any]:
    """The `m` pattern of one rule: its condition plus the marker only real facts carry.

    The marker keeps durable's own session-state fact from matching `$nex` and friends,
    which otherwise loops forever.
    """
    return {"$and": [_compile(node, negate=False), {"$ex": {MARKER: 1}}]}


def width(pattern: dict[str, Any]) -> int:
    """How many of a pattern's alpha nodes can wait on durable's match stack at once (an upper bound).

    durable chains the comparisons of an `$and` (each waits for the one before: they add up
    less one per link) and hangs the branches of an `$or` side by side (they add up); its
    stack holds 64 nodes (events.c, MAX_STACK_SIZE), error 303 beyond.
    """
    key = next(iter(pattern))
    if key == "$and":
        return sum(width(child) for child in pattern[key]) - (len(pattern[key]) - 1)
    if key == "$or":
        return sum(width(child) for child in pattern[key])
    return 1


def _compile(node: Node, negate: bool) -> dict[str, Any]:
    if node.kind == "not":
        return _compile(node.children[0], not negate)
    if node.kind in ("all", "any"):
        conj = (node.kind == "all") != negate
        return {"$and" if conj else "$or": [_compile(c, negate) for c in node.children]}
    return _leaf(node, negate)


def _exists(name: str) -> dict[str, Any]:
    return {"$ex": {name: 1}}


def _leaf(node: Node, negate: bool) -> dict[str, Any]:
    leaf = node.leaf
    name = leaf.spec.engine_name
    op, value = leaf.op, leaf.value
    if op == "exists":
        return {"$nex": {name: 1}} if negate else _exists(name)
    if op == "contains":
        if negate:
            return {"$and": [_exists(name), {"$iall": {name: {"$neq": {"$i": value}}}}]}
        return {"$iany": {name: {"$i": value}}}
    if op == "in":
        if negate:
            return {"$and": [_exists(name)] + [{"$neq": {name: v}} for v in value]}
        return {"$or": [{name: v} for v in value]}
    if negate:
        op = _NEGATED[op]
    if op == "==":
        return {name: value}
    return {"$and": [_exists(name), {_DURABLE_OP[op]: {name: value}}]}
