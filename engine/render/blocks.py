"""The block model every text output is built from: a view turns a result into blocks, and one
renderer per format (terminal table, Markdown, HTML, SVG) turns blocks into text.

A block says what a piece of output is (a heading, a table, a tree of lines), never how it looks
in one format; JSON is not made from blocks (it is the result itself, serialised).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass, replace
from typing import Any, Callable


@dataclass(frozen=True)
class Styled:
    """A table cell with a terminal style (a colour name); other formats show only the text."""

    text: str
    style: str = ""

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Lines:
    """A table cell of several lines, each one line of text (its leading spaces, an indentation, kept)."""

    lines: tuple[str, ...]


Cell = str | Styled | Lines


@dataclass(frozen=True)
class Heading:
    """A title; level 1 is the document's own, 2 a section, 3 a part of a section.

    `hanging`: on a terminal, a title too long for one line continues indented under its start.
    """

    text: str
    level: int = 1
    hanging: bool = False


@dataclass(frozen=True)
class Paragraph:
    """Running text wrapped at word boundaries; `hanging`: continuation lines indented under its start."""

    text: str
    hanging: bool = True


@dataclass(frozen=True)
class Items:
    """A list of lines, each with its depth (0 at the top)."""

    items: tuple[tuple[int, str], ...]


@dataclass(frozen=True)
class Facts:
    """Key/value lines."""

    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Table:
    """A table; a cell of several lines is a `Lines` (a text cell is one line, as every text of a block but Code).

    `wrap`: the columns that may wrap on a terminal (the others keep their longest cell).
    """

    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    wrap: tuple[int, ...] = ()


@dataclass(frozen=True)
class Tree:
    """A labelled tree of lines (a vendor's criteria and trace); `level` is the heading its label becomes in a document.

    On a terminal it is drawn with guide lines; in a document its label is a heading and the rest a nested list.
    """

    label: str
    children: tuple["Tree", ...] = field(default=())
    level: int = 2


@dataclass(frozen=True)
class Separator:
    """A rule across the page between parts (one buyer's ranking and the next), with a title."""

    title: str


@dataclass(frozen=True)
class Callout:
    """A line the reader must see first (a record's integrity): `alert` when something is wrong."""

    text: str
    alert: bool = False


@dataclass(frozen=True)
class Verbatim:
    """Lines printed exactly as they are, one after another (never wrapped or reflowed); each is one line."""

    lines: tuple[str, ...]


@dataclass(frozen=True)
class Code:
    """Preformatted text, the one block whose text keeps its line breaks: as it is on a terminal, fenced in
    Markdown, <pre> in HTML."""

    text: str


Block = Heading | Paragraph | Items | Facts | Table | Tree | Separator | Callout | Verbatim | Code


def node(label: str, children: list[Tree] | tuple[Tree, ...]) -> Tree:
    """A tree node with `children`."""
    return Tree(label, tuple(children))


def tree_lines(trees: tuple[Tree, ...], depth: int = 0) -> list[tuple[int, str]]:
    """(depth, label) of every node below `trees`, in reading order.

    A label's leading spaces, two per level, nest it further (a rule's conditions are drawn that
    way on a terminal: `all ✓` with its leaves indented below it, as children of one node).
    """
    out = []
    for tree in trees:
        label = tree.label.lstrip(" ")
        out.append((depth + (len(tree.label) - len(label)) // 2, label))
        out += tree_lines(tree.children, depth + 1)
    return out


def plain(cell: Cell) -> str:
    """A cell's text (a `Lines` cell's lines joined by newlines)."""
    if isinstance(cell, Lines):
        return "\n".join(cell.lines)
    return cell.text if isinstance(cell, Styled) else cell


def preformatted(block: "Verbatim | Code") -> str:
    """The text a Verbatim (its lines, each ended by a newline) or Code block prints as it is."""
    return "".join(line + "\n" for line in block.lines) if isinstance(block, Verbatim) else block.text


def map_text(blocks: list[Block], fn: Callable[[str], str]) -> list[Block]:
    """The blocks with every text in them (cells, labels, rows, titles) passed through `fn`."""
    return [_mapped(block, fn) for block in blocks]


def _mapped(value: Any, fn: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return fn(value)
    if isinstance(value, Styled):  # its style is a name, not text
        return Styled(fn(value.text), value.style)
    if isinstance(value, tuple):
        return tuple(_mapped(item, fn) for item in value)
    if is_dataclass(value):
        return replace(value, **{f.name: _mapped(getattr(value, f.name), fn) for f in fields(value)})
    return value  # numbers: a heading's level, a table's wrap columns
