"""Blocks as a Markdown document (the `markdown` format of every command, and the audit report's default).

Text from data cannot become markup: a backslash, `<` (raw HTML, autolinks), `&` (an entity such as
`&#x202E;` or `&shy;` would become the invisible character the text check refuses) and the brackets
that make a link (`](`, `][`, `]:`) are escaped, so a vendor name such as `"><img src=x onerror=…>`
or `[x](javascript:…)` reads as itself in any CommonMark renderer. A text that starts a line of its
own (a paragraph, a Verbatim line) has a leading block marker escaped too (`#`, `>`, `-`, `1.`, …),
so it cannot become a heading, a quote, a list or a rule.
"""

from __future__ import annotations

import re

from .blocks import Block, Callout, Code, Facts, Heading, Items, Paragraph, Separator, Table, Tree, Verbatim, plain, tree_lines


def render_markdown(blocks: list[Block]) -> str:
    """The blocks one after another, a blank line between two; a tree's label is a heading, its lines a nested list."""
    parts = [_lines(block) for block in blocks]
    return "\n\n".join("\n".join(lines) for lines in parts if lines) + "\n"


_MARKUP = re.compile(r"\\|<|&|\](?=[(\[:])")
# what opens a block at the start of a line: a heading, quote, list item, rule, setext line, fence, table row
_BLOCK_START = re.compile(r"^( *)(?:[#>+*=~`|_-]|\d{1,9}(?=[.)]))")


def escaped(text: str) -> str:
    """`text` with what could start raw HTML, an entity or a link escaped by a backslash."""
    return _MARKUP.sub(lambda m: "\\" + m.group() if m.group() != "]" else "]\\", text)


def line_escaped(text: str) -> str:
    """`text` escaped, for the start of a line: a block marker it opens with escaped as well (`\\#`, `1\\.`)."""
    text = escaped(text)
    found = _BLOCK_START.match(text)
    if found is None:
        return text
    at = found.end() if found.group().strip().isdigit() else found.end() - 1  # after a number, its `.` or `)`
    return text[:at] + "\\" + text[at:]


def _lines(block: Block) -> list[str]:
    if isinstance(block, Heading):
        return ["#" * block.level + " " + escaped(block.text)]
    if isinstance(block, Paragraph):
        return [line_escaped(block.text)]
    if isinstance(block, Items):
        return ["  " * depth + "- " + escaped(text) for depth, text in block.items]
    if isinstance(block, Facts):
        return [f"- {escaped(key)}: {escaped(value)}" for key, value in block.rows]
    if isinstance(block, Table):
        return markdown_table(list(block.headers), [[plain(cell) for cell in row] for row in block.rows])
    if isinstance(block, Tree):
        items = ["  " * depth + "- " + escaped(label) for depth, label in tree_lines(block.children)]
        return ["#" * block.level + " " + escaped(block.label), ""] + items
    if isinstance(block, Separator):  # the next part's own heading says what it is; a `---` would read as front matter
        return []
    if isinstance(block, Callout):
        return [f"> **{'⚠' if block.alert else '✓'} {escaped(block.text)}**"]
    if isinstance(block, Code):
        fence = "`" * max(3, 1 + max((len(run) for run in re.findall(r"`+", block.text)), default=0))
        return [fence, *block.text.rstrip("\n").split("\n"), fence]
    if isinstance(block, Verbatim):
        lines = list(block.lines)
        while lines and not lines[-1]:
            lines.pop()
        return [line_escaped(line) for line in lines]
    raise TypeError(f"not a block: {block!r}")


def markdown_table(headers: list[str], rows: list[list[str]]) -> list[str]:
    """A pipe table, one line per row; pipes escaped, a cell's lines joined by <br> with their indentation kept."""
    lines = ["| " + " | ".join(_cell(h) for h in headers) + " |", "|" + "---|" * len(headers)]
    return lines + ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]


def _cell(text: str) -> str:
    text = escaped(text).replace("|", "\\|")
    return "<br>".join("\u00a0" * (len(line) - len(line.lstrip(" "))) + line.lstrip(" ") for line in text.split("\n"))
