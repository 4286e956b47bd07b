"""`check`: the vendor × criteria table, its legend and summary, and a tree per vendor when a trace is asked."""

from __future__ import annotations

from collections import Counter

from ...messages import msg, value_label
from ...model.decision import CheckResult, VendorDecision
from ..blocks import Block, Heading, Paragraph, Styled, Table, Tree, node
from ..describe import (criterion_cell, criterion_line, headline, number, shares_cell, sub_line, supply_line, trace_tree,
                        vendor_label)
from . import View
from .qualify import path_blocks
from .unknowns import unknown_blocks, unknown_lines

TRACK_STYLE = {"core": "green", "partial": "yellow", "out": "red", "undetermined": "magenta"}


def check_blocks(result: CheckResult, lang: str, fmt: str, explain: str = "off") -> list[Block]:
    """The table, the legend and the summary; a tree per vendor when `explain` is not off."""
    headers = (msg("column.rank", lang), msg("column.vendor", lang), msg("column.type", lang), "T", "P", "A", "C",
               msg("column.shares", lang), msg("column.track", lang), msg("column.F", lang))
    rows = tuple(
        (str(i), vendor_label(d, lang), value_label(d.supplier_type, lang), *(criterion_cell(d.criteria[c]) for c in "TPAC"),
         shares_cell(d), Styled(value_label(d.track, lang), TRACK_STYLE.get(d.track, "")), number(d.supply.F))
        for i, d in enumerate(result.vendors, 1)
    )
    blocks: list[Block] = [
        Heading(msg("check.title", lang)),
        Table(headers, rows, wrap=(1, 2)),
        Paragraph(msg("check.legend", lang)),
        Paragraph(summary_line(result, lang)),
    ]
    blocks += unknown_blocks(result.vendors, lang)
    blocks += path_blocks(result.vendors, lang)
    if explain != "off":
        blocks += [vendor_tree(d, lang, explain) for d in result.vendors]
    return blocks


def summary_line(result: CheckResult, lang: str) -> str:
    """`10 vendors: 2 core, …; rules version abc123`."""
    counts = Counter(d.track for d in result.vendors)
    text = msg(
        "check.summary", lang,
        n=len(result.vendors),
        core=counts["core"],
        partial=counts["partial"],
        out=counts["out"],
        undetermined=counts["undetermined"],
    )
    return f"{text}{msg('sep', lang)}{msg('check.rules_version', lang)} {result.rules_version[:12]}"


def vendor_tree(d: VendorDecision, lang: str, explain: str) -> Tree:
    """Criteria, supply, notes and the (filtered) rule trace of one vendor."""
    criteria = node(msg("check.criteria", lang), [
        node(criterion_line(cid, outcome, lang), [Tree(sub_line(sid, sub, lang)) for sid, sub in outcome.sub.items()])
        for cid, outcome in d.criteria.items()
    ])
    children = [criteria, Tree(f"{msg('check.supply', lang)}: {supply_line(d.supply, lang)}")]
    if d.notes:
        children.append(node(msg("check.notes", lang), [Tree(note.get(lang)) for note in d.notes]))
    if d.settled or d.unsettled:
        children.append(node(msg("settle.title", lang), [Tree(line) for line in unknown_lines(d, lang)]))
    children.append(trace_tree(d.trace, explain, lang))
    return node(headline(d, lang), children)


VIEWS = {"check": View(blocks=check_blocks)}
