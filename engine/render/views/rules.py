"""`rules list|show|advice|version|lint|coverage`: what each rule says and where, the report's advice, the rules' health."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from ...compile.compiler import CompiledRule
from ...compile.tree import Node
from ...messages import msg
from ...model.conformance import Conformance
from ...model.fields import to_user_units
from ..blocks import Block, Code, Lines, Paragraph, Table, Verbatim
from ..describe import value_text
from . import View


def rule_rows(rules: dict[str, CompiledRule], lang: str) -> list[list[str]]:
    """One row per rule: id, title, source, location; in file order."""
    return [
        [r.id, r.rule.title.get(lang), r.rule.source, str(r.location)]
        for r in sorted(rules.values(), key=file_order)
    ]


def rule_headers(lang: str) -> list[str]:
    """Headers matching rule_rows."""
    return [msg(k, lang) for k in ("column.id", "column.title", "column.source", "column.location")]


FILE_ORDER = (
    "third_party", "inclusive", "ai_compute", "cloud", "classification", "filters", "segments", "regional", "vendors"
)


def file_order(r: CompiledRule) -> tuple[int, str, int]:
    """Sort key: T, P, A, C files, then classification, then any other file; then line."""
    stem = r.location.file.rsplit("/", 1)[-1].removesuffix(".yaml")
    rank = FILE_ORDER.index(stem) if stem in FILE_ORDER else len(FILE_ORDER)
    return (rank, r.location.file, r.location.line or 0)


def condition_lines(node: Node, indent: int = 0) -> list[str]:
    """The condition tree as indented text."""
    pad = "  " * indent
    if node.kind == "leaf":
        leaf = node.leaf
        value = "" if leaf.op == "exists" else " " + value_text(to_user_units(leaf.field, leaf.value))
        return [f"{pad}{leaf.field} {leaf.op}{value}"]
    lines = [f"{pad}{node.kind}:"]
    for child in node.children:
        lines += condition_lines(child, indent + 1)
    return lines


def rule_detail(r: CompiledRule, lang: str) -> str:
    """Everything about one rule, as plain text."""
    other = "en" if lang == "zh" else "zh"
    lines = [
        f"{r.id}: {r.rule.title.get(lang)}",
        f"  ({r.rule.title.get(other)})",
        f"{msg('column.source', lang)}: {r.rule.source}",
        *([f"{msg('column.evidence', lang)}: {r.rule.evidence.get(lang)}"] if r.rule.evidence else []),
        f"{msg('column.location', lang)}: {r.location}",
        f"{msg('column.stage', lang)}: {r.stratum}",
        "when:",
        *condition_lines(r.condition, 1),
        f"then: {r.rule.then.describe(lang)}",
    ]
    return "\n".join(lines) + "\n"


def rule_json(r: CompiledRule) -> dict:
    """One rule as JSON: its YAML form plus location and stage."""
    data = r.rule.model_dump(mode="json", by_alias=True, exclude_none=True)
    data.update(location=str(r.location), stage=r.stratum)
    return data


def advice_headers(lang: str, quotes: bool) -> list[str]:
    """Headers of the advice conformance table."""
    keys = ("column.advice", "column.section") + (("column.quote",) if quotes else ()) + ("column.encoding",)
    return [msg(k, lang) for k in keys]


def advice_rows(table: Conformance, lang: str, quotes: bool) -> list[list[str]]:
    """One row per advice item: id, section, (quote,) and how it is encoded or why not."""
    rows = []
    for item in table.advice:
        parts = [
            msg(f"advice.{key}", lang, ids=", ".join(getattr(item, key)))
            for key in ("encoded_by", "context", "risks")
            if getattr(item, key)
        ]
        how = msg("sep", lang).join(parts) if parts else msg("advice.not_encoded", lang, why=item.not_encoded)
        rows.append([item.id, item.section] + ([item.quote] if quotes else []) + [how])
    return rows


def list_blocks(kb, lang: str, fmt: str) -> list[Block]:
    """Every rule, eligibility then advice, one row each."""
    return [Table(tuple(rule_headers(lang)), tuple(tuple(r) for r in rule_rows(kb.all_rules(), lang)), wrap=(1, 2))]


def list_document(kb, lang: str) -> dict:
    """The rules version and every rule's YAML form, in file order."""
    return {"rules_version": kb.version, "rules": [rule_json(r) for r in sorted(kb.all_rules().values(), key=file_order)]}


def show_blocks(rule: CompiledRule, lang: str, fmt: str, compiled=None) -> list[Block]:
    """One rule as preformatted text; with `compiled` (a CompiledForm), how the engine runs it."""
    return [Code(rule_detail(rule, lang) + ("\n" + compiled_text(compiled, lang) if compiled else ""))]


def show_document(rule: CompiledRule, lang: str, compiled=None) -> dict:
    """One rule as JSON; with `compiled`, its compiled form under `compiled`."""
    return {**rule_json(rule), **({"compiled": compiled_json(compiled)} if compiled else {})}


def compiled_text(form, lang: str) -> str:
    """A rule's rule base and stage, durable ruleset, facts sent, durable pattern and evaluation tree."""
    rs = form.ruleset
    reads = [(name, engine) for name, engine in rs.inputs if name in form.rule.reads]
    lines = [
        f"{msg('compiled.title', lang)}",
        f"  {msg('compiled.stage', lang, base=form.base, stage=form.stage, stages=form.stages)}",
        f"  {msg('compiled.ruleset', lang, name=rs.name, n=len(rs.rule_ids), used=form.ruleset_width, limit=form.limit, width=form.width)}",
        f"  {msg('compiled.inputs', lang)}",
        *(f"    {name} → {engine}" for name, engine in reads),
        f"  {msg('compiled.pattern', lang)}",
        *_pattern_lines(form.pattern, 2),
        f"  {msg('compiled.tree', lang)}",
        *_tree_lines(form.rule.condition, 2),
    ]
    return "\n".join(lines) + "\n"


def _pattern_lines(pattern: dict, depth: int) -> list[str]:
    """A durable pattern: `$and:` / `$or:` with their parts below, each comparison as one line of JSON."""
    import json

    key = next(iter(pattern))
    if key in ("$and", "$or"):
        return [f"{'  ' * depth}{key}:"] + [line for part in pattern[key] for line in _pattern_lines(part, depth + 1)]
    return ["  " * depth + json.dumps(pattern, ensure_ascii=False)]


def _tree_lines(node: Node, depth: int) -> list[str]:
    pad = "  " * depth
    if node.kind == "leaf":
        leaf = node.leaf
        value = "" if leaf.op == "exists" else f" {leaf.value!r}"
        return [f"{pad}{node.path}: {leaf.field} {leaf.op}{value}  ({leaf.spec.engine_name})"]
    return [f"{pad}{node.path}: {node.kind}"] + [line for child in node.children for line in _tree_lines(child, depth + 1)]


def compiled_json(form) -> dict:
    """The compiled form as JSON: base, stage, ruleset, the facts it reads, the pattern and the tree."""
    def tree(node: Node) -> dict:
        if node.kind == "leaf":
            leaf = node.leaf
            return {"path": node.path, "field": leaf.field, "op": leaf.op, "engine_value": leaf.value,
                    "engine_name": leaf.spec.engine_name}
        return {"path": node.path, "kind": node.kind, "children": [tree(c) for c in node.children]}

    rs = form.ruleset
    return {
        "base": form.base, "stage": form.stage, "stages": form.stages,
        "ruleset": {"name": rs.name, "rules": list(rs.rule_ids), "width": form.ruleset_width, "limit": form.limit},
        "width": form.width, "inputs": {name: engine for name, engine in rs.inputs if name in form.rule.reads},
        "pattern": form.pattern, "tree": tree(form.rule.condition),
    }


def advice_blocks(table: Conformance, lang: str, fmt: str, version: str = "") -> list[Block]:
    """The conformance table (the report's words beside each item in Markdown) and a summary."""
    encoded = sum(1 for item in table.advice if item.not_encoded is None)
    summary = msg("advice.summary", lang, n=len(table.advice), encoded=encoded, not_encoded=len(table.advice) - encoded)
    if fmt == "table":
        advice, _, how = advice_headers(lang, False)
        rows = tuple(
            (Lines((item.quote if lang == "zh" else item.advice, f"{where} · {item_id}")), encoding)
            for item, (item_id, where, encoding) in zip(table.advice, advice_rows(table, lang, quotes=False))
        )
        return [Table((advice, how), rows, wrap=(0, 1)), Paragraph(summary, hanging=False)]
    rows = tuple(tuple(r) for r in advice_rows(table, lang, quotes=True))
    return [Table(tuple(advice_headers(lang, True)), rows), Paragraph(summary, hanging=False)]


def advice_document(table: Conformance, lang: str, version: str = "") -> dict:
    """The rules version and the conformance table as written."""
    return {"rules_version": version, **table.model_dump(mode="json")}


def version_blocks(identity, lang: str, fmt: str) -> list[Block]:
    """The rules version, then each file it covers with the head of its sha256."""
    lines = [f"{msg('check.rules_version', lang)} {identity.version}"] + [f"  {sha[:12]}  {name}" for name, sha in identity.files]
    return [Verbatim(tuple(lines))]


def version_document(identity, lang: str) -> dict:
    """The rules version and every file with its sha256."""
    return {"rules_version": identity.version, "files": [{"file": name, "sha256": sha} for name, sha in identity.files]}


def lint_blocks(report, lang: str, fmt: str) -> list[Block]:
    """Each finding at its file:line, then how many; or that there is none."""
    if not report.findings:
        return [Verbatim((msg("lint.clean", lang, n=report.rules),))]
    lines = []
    for f in report.findings:
        hint = f.error.hint_in(lang)
        where = f"{f.error.location}: " if f.error.location else ""
        lines.append(f"{where}{f.check}: {f.error.message_in(lang)}" + (f" ({hint})" if hint else ""))
    lines.append(msg("lint.found", lang, n=len(report.findings), load=sum(f.check == "load" for f in report.findings)))
    return [Verbatim(tuple(lines))]


def lint_document(report, lang: str) -> dict:
    """How many rules were read, and each finding with its check, file, line, message and hint in `lang`."""
    return {"rules": report.rules, "findings": [
        {"check": f.check, "file": f.error.location.file if f.error.location else None,
         "line": f.error.location.line if f.error.location else None,
         "message": f.error.message_in(lang), "hint": f.error.hint_in(lang)} for f in report.findings]}


def _never(coverage) -> tuple[list[str], list[str]]:
    """The rules that never fired, and those that fired without changing an outcome."""
    return ([r.rule for r in coverage.rules if not r.fired], [r.rule for r in coverage.rules if r.fired and r.changed == 0])


def coverage_blocks(coverage, lang: str, fmt: str) -> list[Block]:
    """Per rule: its base, fire count, outcome changes and place; then the corpus and the idle rules."""
    never, idle = _never(coverage)
    bases = {"eligibility": msg("coverage.eligibility", lang), "advice": msg("coverage.advice", lang)}

    def changed(r) -> str:
        if not r.fired:
            return "-"
        return msg("coverage.needed", lang) if r.changed is None else f"{r.changed}/{r.out_of}"

    keys = ("column.coverage_rule", "column.coverage_base", "column.coverage_fired", "column.coverage_changed", "column.coverage_where")
    rows = tuple((r.rule, bases[r.base], str(r.fired), changed(r), r.location) for r in coverage.rules)
    return [
        Table(tuple(msg(key, lang) for key in keys), rows),
        Paragraph(msg("coverage.corpus", lang, vendors=coverage.vendors, profiles=coverage.profiles), hanging=False),
        Paragraph(msg("coverage.never_fired", lang, n=len(never), rules=", ".join(never) or "-"), hanging=False),
        Paragraph(msg("coverage.never_changed", lang, n=len(idle), rules=", ".join(idle) or "-"), hanging=False),
    ]


def coverage_document(coverage, lang: str) -> dict:
    """Every rule's coverage, with the never-fired and never-changed lists."""
    never, idle = _never(coverage)
    return {"vendors": coverage.vendors, "profiles": coverage.profiles, "never_fired": never,
            "never_changed": idle, "rules": [asdict(r) for r in coverage.rules]}


VIEWS: dict[str, Any] = {
    "list": View(blocks=list_blocks, document=list_document),
    "show": View(blocks=show_blocks, document=show_document),
    "advice": View(blocks=advice_blocks, document=advice_document),
    "version": View(blocks=version_blocks, document=version_document),
    "lint": View(blocks=lint_blocks, document=lint_document),
    "coverage": View(blocks=coverage_blocks, document=coverage_document),
}
