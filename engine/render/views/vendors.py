"""`vendors`: every vendor in one table; `vendors show`: one vendor's every fact with its source, its criteria,
ratings, capabilities and risks; `compare`: vendors side by side, and what each would need to change."""

from __future__ import annotations

from typing import Any

from ...compile.facts import vendor_fields
from ...messages import joined, msg, value_label
from ...model.decision import CheckResult, VendorDecision
from ...model.fields import FIELDS
from ...model.vendor import Vendor
from ..blocks import Block, Heading, Items, Paragraph, Table
from ..describe import criterion_cell, criterion_line, number, source_label, value_text, vendor_label
from . import View
from .check import summary_line
from .qualify import path_tree

ASSESSED_MARK = "†"  # a value that rests on our assessment, not on the report


def list_blocks(result: CheckResult, lang: str, fmt: str) -> list[Block]:
    """One row per vendor: id, name, in the report or not, type, track, F."""
    heads = tuple(msg(k, lang) for k in ("column.vendor_id", "column.vendor", "column.in_report", "column.type", "column.track", "column.F"))
    rows = tuple((d.id, d.name.get(lang), msg("vendors.assessed" if d.assessed_in_report else "vendors.not_assessed", lang),
                  value_label(d.supplier_type, lang), value_label(d.track, lang), number(d.supply.F)) for d in result.vendors)
    return [Heading(msg("vendors.title", lang)), Table(heads, rows), Paragraph(summary_line(result, lang)),
            Paragraph(msg("vendors.next", lang))]


def list_document(result: CheckResult, lang: str) -> dict:
    """The list as JSON: each vendor's id, name, whether the report assesses it, type, track and F."""
    return {"rules_version": result.rules_version, "vendors": [
        {"id": d.id, "name": d.name.model_dump(), "assessed_in_report": d.assessed_in_report, "declared_type": d.declared_type,
         "supplier_type": d.supplier_type, "track": d.track, "F": d.supply.F} for d in result.vendors]}


def show_blocks(shown: tuple[CheckResult, list[Vendor]], lang: str, fmt: str) -> list[Block]:
    """Per vendor: its facts with their sources, criteria, capabilities, risks and what it must change."""
    result, vendors = shown
    decisions = {d.id: d for d in result.vendors}
    blocks: list[Block] = []
    for vendor in vendors:
        d = decisions[vendor.id]
        blocks += [Heading(f"{vendor_label(d, lang)} · {value_label(d.track, lang)} · {value_label(d.supplier_type, lang)}", 2),
                   Heading(msg("vendors.facts", lang), 3), _facts_table(vendor, lang),
                   Heading(msg("check.criteria", lang), 3), _items(criterion_line(c, o, lang) for c, o in d.criteria.items()),
                   Heading(msg("vendors.capabilities", lang), 3), _capabilities(vendor, lang),
                   Heading(msg("vendors.risks", lang), 3), _risks(vendor, lang)]
        blocks += [path_tree(vendor_label(d, lang), p, lang) for p in d.path_to or ()]
    return blocks


def show_document(shown: tuple[CheckResult, list[Vendor]], lang: str) -> dict:
    """Each vendor's file data and its decision (with what it must change)."""
    result, vendors = shown
    decisions = {d.id: d for d in result.vendors}
    return {"rules_version": result.rules_version,
            "vendors": [{"vendor": v.model_dump(mode="json"), "decision": decisions[v.id].model_dump(mode="json")} for v in vendors]}


def compare_blocks(shown: tuple[CheckResult, list[Vendor]], lang: str, fmt: str) -> list[Block]:
    """One column per vendor: track, type, F, criteria, every fact (†: our assessment), risks, the fewest changes to core."""
    result, vendors = shown
    decisions = {d.id: d for d in result.vendors}
    ds = [decisions[v.id] for v in vendors]
    rows = [(msg("column.track", lang), *(value_label(d.track, lang) for d in ds)),
            (msg("column.type", lang), *(value_label(d.supplier_type, lang) for d in ds)),
            (msg("column.F", lang), *(number(d.supply.F) for d in ds))]
    rows += [(f"{c} {msg(f'criterion.{c}', lang)}", *(f"{criterion_cell(d.criteria[c])} {number(d.criteria[c].share)}" for d in ds))
             for c in "TPAC"]
    fields = [vendor_fields(v) for v in vendors]
    for name in fields[0]:
        if name.endswith(".source"):
            continue
        if name == "capabilities":  # each flag has its own source
            rows.append((_title(name, lang), *(_flags(v, lang) for v in vendors)))
            continue
        rows.append((_title(name, lang), *(_value(f[name], lang) for f in fields)))
    rows.append((msg("vendors.risks", lang), *(str(len(v.risks)) for v in vendors)))
    rows.append((msg("vendors.to_core", lang), *(_fewest(d, lang) for d in ds)))
    heads = (msg("column.fact", lang), *(vendor_label(d, lang) for d in ds))
    return [Heading(msg("compare.title", lang)), Table(heads, tuple(rows), wrap=tuple(range(1, len(heads)))),
            Paragraph(msg("compare.legend", lang))]


def compare_document(shown: tuple[CheckResult, list[Vendor]], lang: str) -> dict:
    """The vendors' decisions side by side, each fact with its value and source per vendor."""
    result, vendors = shown
    decisions = {d.id: d for d in result.vendors}
    fields = {v.id: vendor_fields(v) for v in vendors}
    names = [n for n in fields[vendors[0].id] if not n.endswith(".source")]
    return {"rules_version": result.rules_version, "vendors": [v.id for v in vendors],
            "facts": {n: {v.id: {"value": fields[v.id][n][0], "source": fields[v.id][n][1]} for v in vendors} for n in names},
            "decisions": {v.id: decisions[v.id].model_dump(mode="json") for v in vendors}}


def _facts_table(vendor: Vendor, lang: str) -> Table:
    """Each fact a rule may read: its title, its value and where it comes from."""
    heads = tuple(msg(k, lang) for k in ("column.fact", "column.value", "column.source"))
    return Table(heads, tuple((_title(name, lang), _plain(value, lang), source_label(source, lang))
                              for name, (value, source) in vendor_fields(vendor).items()
                              if not name.endswith(".source") and name != "capabilities"),  # capabilities: their own list
                 wrap=(1, 2))


def _capabilities(vendor: Vendor, lang: str) -> Block:
    if vendor.capabilities is None:
        return Paragraph(msg("vendors.unknown", lang))
    return _items([f"{value_label(c.flag, lang)} [{source_label(c.source, lang)}]" + (f" {c.reason.get(lang)}" if c.reason else "")
                   for c in vendor.capabilities] or ["-"])


def _risks(vendor: Vendor, lang: str) -> Block:
    return _items([f"{r.get(lang)} [{r.source}]" for r in vendor.risks] or [msg("vendors.no_risks", lang)])


def _items(lines) -> Items:
    """Lines as one flat list."""
    return Items(tuple((0, line) for line in lines))


def _title(name: str, lang: str) -> str:
    spec = FIELDS.get(name)
    return spec.title.get(lang) if spec else name


def _plain(value: Any, lang: str) -> str:
    if value is None:
        return msg("vendors.unknown", lang)
    if isinstance(value, list):
        return joined((value_label(str(v), lang) for v in value), lang) or "-"
    return value_label(value_text(value), lang)


def _value(fact: tuple[Any, str], lang: str) -> str:
    value, source = fact
    return _plain(value, lang) + (ASSESSED_MARK if source == "assessment" and value is not None else "")


def _flags(vendor: Vendor, lang: str) -> str:
    """`an AI PaaS toolchain, elastic scaling†`: each capability, marked where it rests on our assessment."""
    if vendor.capabilities is None:
        return msg("vendors.unknown", lang)
    return joined((value_label(c.flag, lang) + (ASSESSED_MARK if c.source == "assessment" else "")
                   for c in sorted(vendor.capabilities, key=lambda c: c.flag)), lang) or "-"


def _fewest(d: VendorDecision, lang: str) -> str:
    """`2 changes` on the way to core, `—` at core, `more than 3` when no short path exists."""
    if not d.path_to:
        return "—"
    core = d.path_to[0]
    if not core.paths:
        return msg("vendors.no_path", lang)
    return msg("vendors.changes", lang, n=len(core.paths[0]))


VIEWS = {
    "vendors": View(blocks=list_blocks, document=list_document),
    "show": View(blocks=show_blocks, document=show_document),
    "compare": View(blocks=compare_blocks, document=compare_document),
}
