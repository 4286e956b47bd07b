"""Blocks as a Markdown document (the `markdown` format of every command, and the audit report's default)."""

from __future__ import annotations

from .blocks import Block, Code, Facts, Heading, Items, Paragraph, Separator, Table, Tree, Verbatim, plain, tree_lines


def render_markdown(blocks: list[Block]) -> str:
    """The blocks one after another, a blank line between two; a tree's label is a heading, its lines a nested list."""
    parts = [_lines(block) for block in blocks]
    return "\n\n".join("\n".join(lines) for lines in parts if lines) + "\n"


def _lines(block: Block) -> list[str]:
    if isinstance(block, Heading):
        return ["#" * block.level + " " + block.text]
    if isinstance(block, Paragraph):
        return [block.text]
    if isinstance(block, Items):
        return ["  " * depth + "- " + text for depth, text in block.items]
    if isinstance(block, Facts):
        return [f"- {key}: {value}" for key, value in block.rows]
    if isinstance(block, Table):
        return markdown_table(list(block.headers), [[plain(cell) for cell in row] for row in block.rows])
    if isinstance(block, Tree):
        return ["#" * block.level + " " + block.label, ""] + ["  " * depth + "- " + label for depth, label in tree_lines(block.children)]
    if isinstance(block, Separator):
        return ["---"]
    if isinstance(block, Code):
        return ["```", *block.text.rstrip("\n").split("\n"), "```"]
    if isinstance(block, Verbatim):
        return block.text.rstrip("\n").split("\n")
    raise TypeError(f"not a block: {block!r}")


def markdown_table(headers: list[str], rows: list[list[str]]) -> list[str]:
    """A pipe table, one line per row; pipes escaped, a cell's lines joined by <br> with their indentation kept."""
    lines = ["| " + " | ".join(_cell(h) for h in headers) + " |", "|" + "---|" * len(headers)]
    return lines + ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]


def _cell(text: str) -> str:
    text = text.replace("|", "\\|")
    return "<br>".join("\u00a0" * (len(line) - len(line.lstrip(" "))) + line.lstrip(" ") for line in text.split("\n"))
