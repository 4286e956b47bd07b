"""A checked condition tree, remembering where each node came from."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import Location
from ..model.rules import Condition
from .leaves import Leaf, check_leaf


@dataclass(frozen=True)
class Node:
    """all / any / not with children, or a leaf."""

    kind: str
    children: tuple["Node", ...] = ()
    leaf: Leaf | None = None
    path: str = ""
    location: Location | None = None

    def leaves(self) -> list["Node"]:
        """Every leaf below this node, in document order."""
        if self.leaf is not None:
            return [self]
        return [leaf for child in self.children for leaf in child.leaves()]


def build(cond: Condition, yaml_path: tuple, locate, label: str = "when") -> Node:
    """Check a Condition against the catalogue; `locate(yaml_path)` gives file:line."""
    kind = cond.kind
    where = locate(yaml_path)
    if kind == "leaf":
        leaf = check_leaf(cond.field, cond.op, cond.value, locate(yaml_path + ("field",)))
        return Node("leaf", leaf=leaf, path=label, location=where)
    key = "not" if kind == "not" else kind
    if kind == "not":
        children = (build(cond.not_, yaml_path + ("not",), locate, f"{label}.not"),)
    else:
        children = tuple(
            build(c, yaml_path + (key, i), locate, f"{label}.{key}[{i}]") for i, c in enumerate(cond.children)
        )
    return Node(kind, children=children, path=label, location=where)
