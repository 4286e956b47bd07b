"""What any way to a result requires: the leaf conditions every set of rules leading to it must meet,
and the input facts each depends on. They prune the path search without ever cutting a real path, and tell
settling which unknowns bear on a result."""

from __future__ import annotations

from ..compile.compiler import RuleBase
from ..compile.leaves import Leaf
from ..compile.tree import Node
from ..model.fields import FIELDS, FieldSpec

__all__ = ["inputs_of", "leaf_values", "required_leaves", "threshold_points"]


def required_leaves(base: RuleBase, field: str, value: str) -> list[Node]:
    """Leaves that hold whenever `field` takes `value`: the conjuncts of the one rule that sets it, and theirs.

    When several rules can set the value (or none), nothing is required beyond the fact itself; a
    conjunct that is not a leaf is left out. Both keep the list a necessary condition, never more.
    """
    setters = [r for r in base.ordered() if r.writes == field and r.effect.value == value]
    if len(setters) != 1:
        return []
    condition = setters[0].condition
    conjuncts = [condition] if condition.leaf is not None else list(condition.children) if condition.kind == "all" else []
    found: list[Node] = []
    for node in conjuncts:
        if node.leaf is None:
            continue
        found.append(node)
        if node.leaf.op == "==" and FIELDS[node.leaf.field].derived:
            found.extend(required_leaves(base, node.leaf.field, node.leaf.value))
    return found


def inputs_of(base: RuleBase, field: str) -> frozenset[str]:
    """The input facts a fact depends on: itself when no rule here sets it, else what its setters read, in turn."""
    reads = base.__dict__.get("_reads_by_written")
    if reads is None:
        reads = {}
        for rule in base.ordered():
            if rule.writes:
                reads.setdefault(rule.writes, set()).update(rule.reads)
        object.__setattr__(base, "_reads_by_written", reads)  # not a field: equality and hashing ignore it
    found: set[str] = set()
    seen: set[str] = set()
    todo = [field]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        if name in reads:
            todo.extend(reads[name])
        else:
            found.add(name)
    return frozenset(found)


def leaf_values(leaf: Leaf) -> tuple:
    """The values a leaf names (one, or the list of an `in`), in engine units."""
    return leaf.value if isinstance(leaf.value, tuple) else (leaf.value,)


def threshold_points(spec: FieldSpec, values) -> set[int]:
    """Each number the rules name for `spec` and one engine unit either side, within the field's range:
    one point in every region the comparisons tell apart."""
    low, high = round(spec.minimum * spec.scale), round(spec.maximum * spec.scale)
    return {p for v in values for p in (v - 1, v, v + 1) if low <= p <= high}
