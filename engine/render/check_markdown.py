"""`zhisuan check --format markdown`."""

from __future__ import annotations

from ..model.decision import CheckResult
from .check_view import summary_line
from .describe import (
    criterion_cell,
    criterion_line,
    headline,
    number,
    sub_line,
    supply_line,
    trace_markdown,
    vendor_label,
)
from .markdown import markdown_table
from ..messages import msg, value_label


def check_markdown(result: CheckResult, lang: str, explain: str) -> str:
    """The check result as a Markdown document."""
    head = [msg(k, lang) for k in ("col.rank", "col.vendor", "col.type")] + list("TPAC")
    head += [msg("col.track", lang), msg("col.F", lang)]
    rows = []
    for i, d in enumerate(result.vendors, 1):
        row = [str(i), vendor_label(d, lang), value_label(d.supplier_type, lang)]
        row += [criterion_cell(d.criteria[c]) for c in "TPAC"]
        row += [value_label(d.track, lang), number(d.supply.F)]
        rows.append(row)
    lines = [f"# {msg('check.title', lang)}", ""] + markdown_table(head, rows)
    lines += ["", msg("check.legend", lang), "", summary_line(result, lang)]
    if explain != "off":
        for d in result.vendors:
            lines += ["", f"## {headline(d, lang)}", ""]
            for cid, outcome in d.criteria.items():
                lines.append(f"- {criterion_line(cid, outcome, lang)}")
                lines += [f"  - {sub_line(sid, sub, lang)}" for sid, sub in outcome.sub.items()]
            lines.append(f"- {msg('check.supply', lang)}: {supply_line(d.supply, lang)}")
            lines += [f"- {msg('check.notes', lang)}: {n.get(lang)}" for n in d.notes]
            lines += trace_markdown(d.trace, explain, lang)
    return "\n".join(lines) + "\n"
