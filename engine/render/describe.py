"""Plain-text phrases shared by the table, tree and Markdown renderers."""

from __future__ import annotations

import re

from typing import Any

from ..model.decision import ConditionTrace, CriterionOutcome, Supply, TraceEvent, VendorDecision
from ..explain.filters import filter_trace
from ..messages import msg, value_label
from .blocks import Tree

SYMBOL = {"met": "✓", "partial": "◐", "not_met": "✗", "undetermined": "?", "unknown": "?"}
RESULT_SYMBOL = {"true": "✓", "false": "✗", "not_evaluated": "?"}


def number(value: float | None, places: int = 4) -> str:
    """A number to `places` decimals without trailing zeros, or — when unknown."""
    if value is None:
        return "—"
    return f"{value:.{places}f}".rstrip("0").rstrip(".")


USED_WEIGHT_PLACES = 6  # a rating (at most 5) × it is then within 2.5e-6 of the exact term, rounded to four places


def used_weight(value: float) -> str:
    """A weight divided by the sum of the weights, as a rating is multiplied by it (six places)."""
    return number(value, USED_WEIGHT_PLACES)


def source_label(source: str, lang: str) -> str:
    """Where a fact comes from, in `lang`: `assessment` (ours) and `buyer` said in words, a report section as it is."""
    return msg("check.assessment", lang) if source == "assessment" else msg("source.buyer", lang) if source == "buyer" else source


def value_text(value: Any) -> str:
    """A condition value as text."""
    if isinstance(value, list):
        return "[" + ", ".join(value_text(v) for v in value) + "]"
    if isinstance(value, float):
        return number(value)
    return "∅" if value is None else str(value)


def criterion_cell(outcome: CriterionOutcome) -> str:
    """A criterion's mark: its status alone (the share is printed apart, see `shares_cell`)."""
    return SYMBOL.get(outcome.status, "?")


def shares_cell(d: VendorDecision) -> str:
    """`0.85 0.75 0.95 0.85`: the vendor's T, P, A, C shares (`—` where unknown)."""
    return " ".join(number(d.criteria[c].share) for c in "TPAC")


def vendor_label(d: VendorDecision, lang: str) -> str:
    """`DataCanvas (datacanvas)` in the chosen language."""
    return f"{d.name.get(lang)} ({d.id})"


def headline(d: VendorDecision, lang: str) -> str:
    """Vendor, track and type in one line."""
    unassessed = "" if d.assessed_in_report else f" · {msg('check.unassessed', lang)}"
    return (
        f"{vendor_label(d, lang)} — {value_label(d.track, lang)} · {value_label(d.supplier_type, lang)}{unassessed}"
    )


def supply_line(s: Supply, lang: str) -> str:
    """`S 40 × R 0.2 = 8 × T 0.85 = … → F 4.1` with unknowns shown as —."""
    parts = []
    for step in s.steps:
        tag = "" if step.source != "assessment" else "*"
        parts.append(f"{step.term} {number(step.value)}{tag}")
    return " × ".join(parts) + f" = F {number(s.F)}   (* {msg('check.assessment', lang)})"


def condition_line(c: ConditionTrace, lang: str) -> str:
    """`✓ sub.T1.status == met (actual: met)`."""
    expected = "" if c.op == "exists" else f" {value_text(c.expected)}"
    actual = "actual" if lang == "en" else "实际"
    return f"{RESULT_SYMBOL[c.result]} {c.field} {c.op}{expected}  ({actual}: {value_text(c.actual)})"


def effect_text(e: TraceEvent, lang: str) -> str:
    """What the rule does: `field = value`, `+0.5 reason`, `exclude: reason` or the note."""
    text = e.effect.note.get(lang) if e.effect.note else ""
    if e.effect.kind == "score":
        return f"{e.effect.points:+g} [{e.effect.group}] {text}"
    if e.effect.kind == "exclude":
        return f"{msg('effect.exclude', lang)}: {text}"
    if e.effect.field:
        write = f"{e.effect.field} = {e.effect.value}"
        return f"{text} → {write}" if text else write
    return text


def event_line(e: TraceEvent, lang: str) -> str:
    """`✓ T1 Supply comes mainly from outside → sub.T1.verdict = met [report:§03 …] file:line`."""
    mark = RESULT_SYMBOL[e.result]
    effect = effect_text(e, lang)
    extra = ""
    if e.overridden_by:
        extra = f" ({msg('trace.overridden', lang, winner=e.overridden_by)})"
    elif e.result == "not_evaluated":
        extra = f" ({msg('trace.not_evaluated', lang)})"
    return f"{mark} {e.rule} {e.title.get(lang)} → {effect}{extra}  [{e.source}] {e.location}"


def sub_line(sub_id: str, outcome, lang: str) -> str:
    """`T1 ✓ met — evidence [source]`; where the rules overrode the recorded status, it says so."""
    line = (
        f"{sub_id} {SYMBOL.get(outcome.status, '?')} {value_label(outcome.status, lang)} — "
        f"{outcome.evidence.get(lang)} [{source_label(outcome.source, lang)}]"
    )
    if outcome.recorded not in (outcome.status, "unknown") and outcome.status != "unknown":
        line += " " + msg(
            "check.overridden", lang, recorded=value_label(outcome.recorded, lang), rule=outcome.decided_by or "?"
        )
    return line


def criterion_line(cid: str, outcome: CriterionOutcome, lang: str) -> str:
    """`T third-party: ✓ met, share 0.85 (assessment)`."""
    src = msg("check.assessment", lang) if outcome.share_source == "assessment" else outcome.share_source
    return (
        f"{cid} {msg('criterion.' + cid, lang)}: {SYMBOL.get(outcome.status, '?')} "
        f"{value_label(outcome.status, lang)}, {msg('label.share', lang)} {number(outcome.share)} ({src})"
    )


def trace_items(events: list[TraceEvent], explain: str, lang: str) -> list[tuple[str, list[str]]]:
    """(event line, its condition lines, nested under all/any/not) for each event shown at `explain`."""
    return [(event_line(e, lang), condition_tree_lines(e.conditions, lang)) for e in filter_trace(events, explain)]


_STEP = re.compile(r"^(all|any)\[(\d+)\]$|^not$")


def condition_tree_lines(conditions: list[ConditionTrace], lang: str) -> list[str]:
    """The conditions as a tree: `all ✓`, `any ✗` and `not ✓` lines with their leaves indented below.

    Each leaf's `path` (e.g. `when.any[1].not`) gives its place; a composite's result follows
    from its children by three-valued logic, so a fired rule never shows only ✗ lines.
    """
    root: dict = {"kind": None, "children": {}}
    for c in conditions:
        node = root
        steps = c.path.split(".")[1:]  # after `when`
        for step in steps:
            m = _STEP.match(step)
            kind = m.group(1) or "not"
            node["kind"] = node["kind"] or kind
            key = int(m.group(2)) if m.group(2) else 0
            node = node["children"].setdefault(key, {"kind": None, "children": {}})
        node["leaf"] = c
    lines: list[str] = []

    def walk(node: dict, depth: int) -> str:
        if "leaf" in node:
            lines.append("  " * depth + condition_line(node["leaf"], lang))
            return node["leaf"].result
        at = len(lines)
        lines.append("")
        results = [walk(child, depth + 1) for _, child in sorted(node["children"].items())]
        result = _combine(node["kind"], results)
        lines[at] = "  " * depth + f"{msg('condition.' + node['kind'], lang)} {RESULT_SYMBOL[result]}"
        return result

    walk(root, 0)
    return lines


def _combine(kind: str, results: list[str]) -> str:
    if kind == "not":
        return {"true": "false", "false": "true"}.get(results[0], "not_evaluated")
    decisive, other = ("false", "true") if kind == "all" else ("true", "false")
    if decisive in results:
        return decisive
    return "not_evaluated" if "not_evaluated" in results else other


def trace_tree(events: list[TraceEvent], explain: str, lang: str) -> Tree:
    """A 'Rule trace' node: each event shown at `explain`, its conditions below it."""
    items = trace_items(events, explain, lang)
    children = [Tree(head, tuple(Tree(line) for line in conditions)) for head, conditions in items]
    return Tree(f"{msg('check.trace', lang)} ({explain})", tuple(children) or (Tree(msg("check.no_events", lang)),))
