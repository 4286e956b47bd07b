"""`zhisuan check` as a rich table, with an optional tree per vendor."""

from __future__ import annotations

from collections import Counter

from rich.console import Console
from rich.text import Text
from rich.tree import Tree

from ..model.decision import CheckResult, VendorDecision
from .console import make_table, print_line, print_table
from .describe import (
    add_trace,
    criterion_cell,
    criterion_line,
    headline,
    number,
    sub_line,
    supply_line,
    vendor_label,
)
from ..messages import msg, value_label


TRACK_STYLE = {"core": "green", "partial": "yellow", "out": "red", "undetermined": "magenta"}


def render_check(console: Console, result: CheckResult, lang: str, explain: str) -> None:
    """Print the vendor × criteria table, a summary, and trees when `explain` is not off."""
    console.print(msg("check.title", lang))
    table = make_table(
        console,
        msg("col.rank", lang),
        msg("col.vendor", lang),
        msg("col.type", lang),
        "T",
        "P",
        "A",
        "C",
        msg("col.track", lang),
        msg("col.F", lang),
        wrap=(1, 2),
    )
    for i, d in enumerate(result.vendors, 1):
        table.add_row(
            str(i),
            vendor_label(d, lang),
            value_label(d.supplier_type, lang),
            *(criterion_cell(d.criteria[c]) for c in "TPAC"),
            Text(value_label(d.track, lang), style=TRACK_STYLE.get(d.track, "")),
            number(d.supply.F),
        )
    print_table(console, table)
    print_line(console, msg("check.legend", lang))
    print_line(console, summary_line(result, lang))
    if explain != "off":
        for d in result.vendors:
            console.print(vendor_tree(d, lang, explain))


def summary_line(result: CheckResult, lang: str) -> str:
    """`10 vendors: 2 core, …; rules version abc123`."""
    counts = Counter(d.track for d in result.vendors)
    text = msg(
        "check.summary_one" if len(result.vendors) == 1 else "check.summary",
        lang,
        n=len(result.vendors),
        core=counts["core"],
        partial=counts["partial"],
        out=counts["out"],
        undetermined=counts["undetermined"],
    )
    return f"{text}{msg('sep', lang)}{msg('check.rules_version', lang)} {result.rules_version[:12]}"


def vendor_tree(d: VendorDecision, lang: str, explain: str) -> Tree:
    """Criteria, supply, notes and the (filtered) rule trace of one vendor."""
    tree = Tree(headline(d, lang))
    criteria = tree.add(msg("check.criteria", lang))
    for cid, outcome in d.criteria.items():
        branch = criteria.add(criterion_line(cid, outcome, lang))
        for sid, sub in outcome.sub.items():
            branch.add(sub_line(sid, sub, lang))
    tree.add(f"{msg('check.supply', lang)}: {supply_line(d.supply, lang)}")
    if d.notes:
        notes = tree.add(msg("check.notes", lang))
        for note in d.notes:
            notes.add(note.get(lang))
    add_trace(tree, d.trace, explain, lang)
    return tree
