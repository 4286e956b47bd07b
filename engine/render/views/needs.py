"""The needs matrix (vendors × the needs the buyer states) and what to confirm with each vendor of the
group "to confirm": one table helper for `rank`, `ask` and the audit report, from plain values."""

from __future__ import annotations

from dataclasses import dataclass

from ...messages import msg
from ..blocks import Block, Heading, Items, Paragraph, Table

CELL = {"met_report": "✓", "met_assessed": "✓†", "no_evidence": "?", "not_met_report": "✗"}


@dataclass(frozen=True)
class MatrixRow:
    """One vendor's row: its label, where it stands (ranked, to_confirm or excluded) and one status per stated need."""

    label: str
    place: str
    statuses: tuple[str, ...]


def needs_blocks(needs: list[tuple[str, str]], rows: list[MatrixRow], lang: str, level: int = 2) -> list[Block]:
    """The matrix under its heading, with its legend; `needs` are (title, must or wanted) in the columns' order."""
    if not needs or not rows:
        return []
    heads = (msg("column.vendor", lang),) + tuple(
        f"{title} ({msg('need.must', lang)})" if lvl == "must" else title for title, lvl in needs)
    body = tuple(
        (row.label + ("" if row.place == "ranked" else f" ({msg('need.place.' + row.place, lang)})"),)
        + tuple(CELL[s] for s in row.statuses)
        for row in rows
    )
    return [Heading(msg("rank.needs", lang), level), Table(heads, body), Paragraph(msg("rank.needs_legend", lang))]


def confirm_blocks(asks: list[tuple[str, list[str]]], none_meet: bool, table: Block, lang: str, level: int = 2) -> list[Block]:
    """The group "to confirm": why it ranks where it does, its `table`, and per vendor (label, the questions to ask it)."""
    if not asks:
        return []
    note = msg("rank.none_meet_musts" if none_meet else "rank.to_confirm_note", lang)
    items = tuple((depth, text) for label, questions in asks for depth, text in [(0, label)] + [(1, q) for q in questions])
    return [Heading(msg("rank.to_confirm", lang), level), Paragraph(note), table, Paragraph(msg("rank.confirm_ask", lang)), Items(items)]
