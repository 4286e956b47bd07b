"""`zhisuan rank` as rich output and as Markdown."""

from __future__ import annotations

from rich.console import Console
from rich.tree import Tree

from ..model.ranking import RankResult
from .console import make_table, print_line, print_table
from .describe import add_trace, trace_markdown
from .markdown import markdown_table
from ..messages import msg
from .rank_text import (
    breakdown_lines,
    context_lines,
    excluded_lines,
    headers,
    inputs_lines,
    risk_lines,
    row,
    stability_line,
    title_line,
    unassessed_lines,
    weights_line,
    why_lower_lines,
)


def render_rank(console: Console, result: RankResult, lang: str, explain: str) -> None:
    """Table, stability line, why-lower, exclusions, and trees when asked."""
    print_line(console, title_line(result, lang))
    print_line(console, weights_line(result, lang))
    if result.ranking:
        table = make_table(console, *headers(lang), wrap=(1, 2, 5))
        for r in result.ranking:
            table.add_row(*row(r, lang))
        print_table(console, table)
        print_line(console, msg("rank.legend", lang))
        print_line(console, stability_line(result, lang))
    for heading, lines in _sections(result, lang):
        console.print(f"\n{heading}")
        for line in lines:
            print_line(console, line)
    if explain != "off":
        for r in result.ranking:
            tree = Tree(f"#{r.rank} {r.name.get(lang)} ({r.vendor})")
            parts = tree.add(msg("rank.breakdown", lang))
            for line in breakdown_lines(r, lang):
                parts.add(line)
            add_trace(tree, r.trace, explain, lang)
            console.print(tree)


def _sections(result: RankResult, lang: str) -> list[tuple[str, list[str]]]:
    sections = []
    if inputs_lines(result, lang):
        sections.append((msg("rank.inputs", lang), inputs_lines(result, lang)))
    if len(result.ranking) > 1:
        sections.append((msg("rank.why_lower", lang), why_lower_lines(result, lang)))
    if result.ranking:
        sections.append((msg("rank.risks", lang), risk_lines(result, lang)))
    if result.excluded:
        lines = [line for e in result.excluded for line in excluded_lines(e, lang)]
        sections.append((msg("rank.excluded", lang), lines))
    if result.unassessed:
        sections.append((msg("rank.unassessed", lang), unassessed_lines(result, lang)))
    if result.context:
        sections.append((msg("rank.context", lang), context_lines(result, lang)))
    return sections


def rank_markdown(result: RankResult, lang: str, explain: str) -> str:
    """The ranking as a Markdown document."""
    head = headers(lang)
    lines = [f"# {title_line(result, lang)}", "", weights_line(result, lang), ""]
    if result.ranking:
        lines += markdown_table(head, [row(r, lang) for r in result.ranking])
        lines += ["", msg("rank.legend", lang), "", stability_line(result, lang)]
    for heading, body in _sections(result, lang):
        lines += ["", f"## {heading}", ""]
        lines += [f"- {line}" if not line.startswith("  ") else f"  - {line.strip()}" for line in body]
    if explain != "off":
        for r in result.ranking:
            lines += ["", f"## #{r.rank} {r.name.get(lang)} ({r.vendor})", "", f"### {msg('rank.breakdown', lang)}", ""]
            lines += [f"- {line}" for line in breakdown_lines(r, lang)]
            lines += trace_markdown(r.trace, explain, lang)
    return "\n".join(lines) + "\n"
