"""The changes a vendor could make to its facts: the ones the eligibility rules read, as facts and as file edits."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...compile.compiler import RuleBase
from ...compile.leaves import Leaf
from ..dependencies import leaf_values, threshold_points

__all__ = ["Candidate", "OWN_FIELDS", "apply_to_facts", "candidates", "file_path", "is_own"]

# A vendor's own facts (what it sells and how): fact → the field of its file. Every other input
# a rule reads (its core business and supply model, the report's supplier type; our assessed
# shares, S and R) is fixed: named when it stands in the way, never offered as a fix.
OWN_FIELDS = {
    "pricing": "pricing.values",
    "chips": "chips.values",
    "capabilities": "capabilities",
    "activation": "activation.value",
    "contract.min_commitment": "contract.min_commitment",
}


def file_path(field: str) -> str | None:
    """Where an own fact lives in the vendor file (a recorded sub-criterion status is its own path); None if fixed."""
    if field.startswith("sub.") and field.endswith(".status"):
        return field
    return OWN_FIELDS.get(field)


def is_own(field: str) -> bool:
    """True for a fact the vendor can change by itself."""
    return file_path(field) is not None


@dataclass(frozen=True, order=True)
class Candidate:
    """One change as a fact edit: add `value` to a list fact, or set a one-value fact to it (engine units)."""

    field: str
    action: str  # add | set
    value: Any


def candidates(base: RuleBase, facts: dict[str, Any], fields: frozenset[str], own: bool = True) -> list[Candidate]:
    """The changes to `fields` that some rule leaf could tell apart from today's facts, in a stable order.

    Own facts gain a list element or take a value a rule names; a recorded status only becomes `met`.
    With `own=False`, the fixed facts instead (numbers one engine unit either side of each threshold).
    """
    found: set[Candidate] = set()
    for rule in base.ordered():
        for node in rule.condition.leaves():
            leaf = node.leaf
            if leaf.field in fields and not leaf.spec.derived and is_own(leaf.field) == own:
                found.update(_from_leaf(leaf, facts.get(leaf.field)))
    return sorted(found, key=lambda c: (c.field, c.action, str(c.value)))


def _from_leaf(leaf: Leaf, current: Any) -> set[Candidate]:
    """The changes that make a difference to this one leaf."""
    spec = leaf.spec
    if leaf.op == "exists":
        return set()  # a list comes to exist by gaining an element; a value by being set
    if spec.kind == "list":
        return {Candidate(spec.name, "add", v) for v in leaf_values(leaf) if v not in (current or ())}
    if spec.kind == "number":
        return {Candidate(spec.name, "set", p) for p in threshold_points(spec, leaf_values(leaf)) if p != current}
    options = leaf_values(leaf)
    if spec.name.startswith("sub."):
        options = tuple(v for v in options if v == "met")  # evidence makes a status met; nothing is fixed by unmeeting it
    return {Candidate(spec.name, "set", v) for v in options if v != current}


def apply_to_facts(facts: dict[str, Any], changes: tuple[Candidate, ...]) -> dict[str, Any]:
    """`facts` with the changes made (a new dict; lists stay sorted, as the facts of a file are)."""
    changed = dict(facts)
    for change in changes:
        if change.action == "add":
            changed[change.field] = sorted({*changed.get(change.field, ()), change.value})
        else:
            changed[change.field] = change.value
    return changed
