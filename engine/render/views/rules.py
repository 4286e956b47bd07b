"""`zhisuan rules list` and `rules show` renderings."""

from __future__ import annotations

from ..compile.compiler import CompiledRule
from ..compile.tree import Node
from ..model.fields import to_user_units
from .describe import show
from ..model.conformance import Conformance
from ..messages import msg


def rule_rows(rules: dict[str, CompiledRule], lang: str) -> list[list[str]]:
    """One row per rule: id, title, source, location; in file order."""
    return [
        [r.id, r.rule.title.get(lang), r.rule.source, str(r.location)]
        for r in sorted(rules.values(), key=file_order)
    ]


def rule_headers(lang: str) -> list[str]:
    """Headers matching rule_rows."""
    return [msg(k, lang) for k in ("col.id", "col.title", "col.source", "col.location")]


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
        value = "" if leaf.op == "exists" else " " + show(to_user_units(leaf.field, leaf.value))
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
        f"{msg('col.source', lang)}: {r.rule.source}",
        f"{msg('col.location', lang)}: {r.location}",
        f"{msg('col.stage', lang)}: {r.stratum}",
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
    keys = ("col.advice", "col.section") + (("col.quote",) if quotes else ()) + ("col.encoding",)
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
