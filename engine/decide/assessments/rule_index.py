"""What the assessment analysis reads of the rules, computed once per rules version: leaves by field, who holds each
leaf, what a rule's change can reach, and the chip families the rules read alike."""

from __future__ import annotations

from typing import Callable

from ...compile.tree import Node
from ...model.vocabulary import Chip, values_of
from ..knowledge import AdviceKnowledge

__all__ = ["chip_classes", "derived_reach", "field_leaves", "leaf_owners"]

FAMILIES = values_of(Chip)


def _roots(kb: AdviceKnowledge) -> list[Node]:
    """Every condition tree of the eligibility rules, the advice rules and the needs."""
    roots = [r.condition for r in kb.eligibility.ordered() + kb.advice.ordered()]
    return roots + [n for need in kb.needs for n in (need.must, need.wanted, need.met, need.unmet) if n is not None]


_BY_VERSION: dict[tuple[str, str], object] = {}  # what is computed once per rules version


def _once(kb: AdviceKnowledge, what: str, make: Callable[[], object]):
    key = (kb.version, what)
    if key not in _BY_VERSION:
        _BY_VERSION[key] = make()
    return _BY_VERSION[key]


def field_leaves(kb: AdviceKnowledge) -> dict[str, list[Node]]:
    """Every leaf condition of the rules and the needs, by the field it reads."""
    def make() -> dict[str, list[Node]]:
        leaves: dict[str, list[Node]] = {}
        for root in _roots(kb):
            for leaf in root.leaves():
                leaves.setdefault(leaf.leaf.field, []).append(leaf)
        return leaves
    return _once(kb, "leaves", make)


def chip_classes(kb: AdviceKnowledge) -> list[tuple[str, ...]]:
    """The chip families in classes the rules read alike: swapping two of a class changes no condition."""
    def make() -> list[tuple[str, ...]]:
        roots = [r for r in _roots(kb) if any(leaf.leaf.field == "chips" for leaf in r.leaves())]
        classes: list[list[str]] = []
        for family in FAMILIES:
            for members in classes:
                swap = {family: members[0], members[0]: family}
                if all(_canonical(r, swap) == _canonical(r, {}) for r in roots):
                    members.append(family)
                    break
            else:
                classes.append([family])
        return [tuple(c) for c in classes]
    return _once(kb, "chips", make)


def _canonical(node: Node, swap: dict[str, str]) -> tuple:
    """A condition tree as a value, chip families renamed by `swap`, children of all/any in a fixed order."""
    if node.leaf is not None:
        leaf, value = node.leaf, node.leaf.value
        if leaf.field == "chips":
            value = tuple(sorted(swap.get(v, v) for v in value)) if isinstance(value, tuple) else swap.get(value, value)
        return ("leaf", leaf.field, leaf.op, value)
    children = tuple(_canonical(c, swap) for c in node.children)
    return (node.kind, children if node.kind == "not" else tuple(sorted(children, key=repr)))


def leaf_owners(kb: AdviceKnowledge) -> dict[int, tuple[str, ...]]:
    """For each leaf (by identity), the rules and needs (`need:<id>`) whose conditions hold it."""
    def make() -> dict[int, tuple[str, ...]]:
        owners: dict[int, list[str]] = {}
        for rule in kb.eligibility.ordered() + kb.advice.ordered():
            for leaf in rule.condition.leaves():
                owners.setdefault(id(leaf), []).append(rule.id)
        for need in kb.needs:
            for node in (need.must, need.wanted, need.met, need.unmet):
                for leaf in node.leaves() if node is not None else []:
                    owners.setdefault(id(leaf), []).append(f"need:{need.spec.id}")
        return {k: tuple(v) for k, v in owners.items()}
    return _once(kb, "owners", make)


def derived_reach(kb: AdviceKnowledge, owners: frozenset[str]) -> frozenset[str]:
    """The derived facts and need statuses that the rules and needs in `owners` may change, and all derived from them."""
    def make() -> frozenset[str]:
        rules = kb.eligibility.ordered() + kb.advice.ordered()
        reach: set[str] = set()
        grown = True
        while grown:
            grown = False
            for rule in rules:
                if rule.writes and rule.writes not in reach and (rule.id in owners or rule.reads & reach):
                    reach.add(rule.writes)
                    grown = True
            for need in kb.needs:
                status = f"need.{need.spec.id}.status"
                nodes = [n for n in (need.must, need.wanted, need.met, need.unmet) if n is not None]
                if status not in reach and (f"need:{need.spec.id}" in owners
                                            or any(leaf.leaf.field in reach for n in nodes for leaf in n.leaves())):
                    reach.add(status)
                    grown = True
        return frozenset(reach)
    return _once(kb, f"reach {sorted(owners)}", make)
