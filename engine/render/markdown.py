"""Markdown pieces shared by every command's Markdown output."""

from __future__ import annotations


def markdown_table(headers: list[str], rows: list[list[str]]) -> list[str]:
    """A pipe table, one line per row; pipes and newlines inside cells are escaped."""

    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(cell(h) for h in headers) + " |", "|" + "---|" * len(headers)]
    return lines + ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
