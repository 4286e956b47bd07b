"""`rank` (and `ask`): the ranking table, why each vendor is lower or dropped, the report's context, and trees when asked."""

from __future__ import annotations

from typing import Any

from ...messages import msg, value_label
from ...model.common import ASSESSMENT
from ...model.ranking import ExcludedVendor, RankedVendor, RankResult, ScoreItem
from ...model.vocabulary import ALL_SUBS, CRITERIA, DIMENSIONS, City, values_of
from ..blocks import Block, Heading, Items, Paragraph, Separator, Table, Tree, Verbatim, node
from ...scoring.score import sums_to_one, used_weights
from ..describe import number, source_label, trace_tree, used_weight, value_text
from . import View
from .assessments import assessment_blocks, hinge_line
from .needs import MatrixRow, confirm_blocks, needs_blocks

KNOWN_CITIES = [c for c in values_of(City) if c != "other"]


def rank_blocks(results: list[RankResult], lang: str, fmt: str, explain: str = "off", many: bool = False,
                extra: dict | None = None) -> list[Block]:
    """Each ranking in turn; with `many`, each under a rule naming where its profile came from."""
    blocks: list[Block] = []
    for result in results:
        if many:
            blocks.append(Separator(result.profile_source))
        blocks += ranking_blocks(result, lang, explain)
    return blocks


def ranking_blocks(result: RankResult, lang: str, explain: str) -> list[Block]:
    """Title, weights, the table with its legend and stability, the sections, and a tree per ranked vendor when asked."""
    blocks: list[Block] = [Heading(title_line(result, lang), hanging=True), Paragraph(weights_line(result, lang))]
    confirmed = [r for r in result.ranking if not r.to_confirm]
    unsure = [r for r in result.ranking if r.to_confirm]
    if confirmed:
        blocks.append(_table(confirmed, lang))
    if unsure:
        blocks += confirm_blocks(confirm_asks(result, lang), not confirmed, _table(unsure, lang), lang)
    if result.ranking:
        blocks += [Paragraph(msg("rank.legend", lang)), Paragraph(stability_line(result, lang))]
        blocks += assessment_blocks(result.assessments, lang)
    blocks += needs_blocks(matrix_needs(result, lang), matrix_rows(result, lang), lang)
    for heading, lines in _sections(result, lang):
        items = tuple((1, line[2:]) if line.startswith("  ") else (0, line) for line in lines)
        blocks += [Heading(heading, 2), Items(items)]
    if explain != "off":
        for r in result.ranking:
            breakdown = node(msg("rank.breakdown", lang), [Tree(line) for line in breakdown_lines(r, lang)])
            blocks.append(node(f"#{r.rank} {r.name.get(lang)} ({r.vendor})", [breakdown, trace_tree(r.trace, explain, lang)]))
    return blocks


def _table(ranked: list[RankedVendor], lang: str) -> Table:
    return Table(tuple(headers(lang)), tuple(tuple(row(r, lang)) for r in ranked), wrap=(1, 2, 5))


def matrix_needs(result: RankResult, lang: str) -> list[tuple[str, str]]:
    """The stated needs as the matrix's columns: (short title, must or wanted)."""
    return [(n.short.get(lang), n.level) for n in result.needs]


def matrix_rows(result: RankResult, lang: str) -> list[MatrixRow]:
    """One row per ranked vendor, in rank order, then per excluded vendor."""
    rows = [MatrixRow(f"#{r.rank} {r.name.get(lang)}", "to_confirm" if r.to_confirm else "ranked",
                      tuple(m.status for m in r.needs)) for r in result.ranking]
    return rows + [MatrixRow(e.name.get(lang), "excluded", tuple(m.status for m in e.needs)) for e in result.excluded]


def confirm_asks(result: RankResult, lang: str) -> list[tuple[str, list[str]]]:
    """Per vendor of the group "to confirm": what to ask it, one question per must, with what we have."""
    titles = {n.need: n for n in result.needs}
    asks = []
    for r in result.ranking:
        if not r.to_confirm:
            continue
        by_need = {m.need: m for m in r.needs}
        questions = []
        for need in r.to_confirm:
            match = by_need[need]
            have = msg("need.assessed_only", lang, facts="; ".join(match.facts)) if match.status == "met_assessed" \
                else msg("need.no_evidence", lang)
            questions.append(f"{titles[need].title.get(lang)}: {titles[need].confirm.get(lang)} ({have})")
        asks.append((f"#{r.rank} {r.name.get(lang)} ({r.vendor})", questions))
    return asks


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


def rank_document(results: list[RankResult], lang: str, many: bool = False, extra: dict | None = None, **_: Any) -> Any:
    """One ranking's document (with `extra` keys, e.g. `ask`), or a list of them with `many`."""
    documents = [r.model_dump(mode="json") for r in results]
    return documents if many else {**documents[0], **(extra or {})}


def rank_lines(results: list[RankResult], lang: str, **_: Any) -> list[dict]:
    """One document per ranking, for JSON Lines."""
    return [r.model_dump(mode="json") for r in results]


def lead_reason(first: RankedVendor, lang: str) -> str:
    """Why #1 leads, in one line: its strongest applied advice rule, else its ratings."""
    rules = [i for i in first.breakdown if i.kind == "rule" and i.applied and i.points > 0]
    if not rules:
        return msg("ask.reason_ratings", lang)
    best = max(rules, key=lambda i: (i.points, i.id))
    return f"{best.title.get(lang)} (+{best.points:g})"


def live_blocks(result: RankResult, lang: str, fmt: str) -> list[Block]:
    """`ask`'s live line after each answer: the current top three and why #1 leads."""
    top = " · ".join(f"{r.rank} {r.name.get(lang)} {r.score:g}" for r in result.ranking[:3])
    lines = [f"  {msg('ask.top_three', lang)}: {top or msg('ask.none_left', lang)}"]
    if result.ranking:
        lines.append(f"  {msg('ask.why_first', lang, reason=lead_reason(result.ranking[0], lang))}")
        hinge = hinge_line(result.assessments, lang)
        if hinge:
            lines.append(f"  {hinge}")
    return [Verbatim(tuple(lines))]


def title_line(result: RankResult, lang: str) -> str:
    """`Vendors ranked for <profile name>`."""
    name = result.profile["name"][lang]
    return msg("rank.title", lang, name=f"{name} ({result.profile['id']})")


def weights_line(result: RankResult, lang: str) -> str:
    """`Weights: D1 0.2 (segment) · …`; when they do not add up to 1, each as the score uses it (divided by their sum)."""
    parts = [
        f"{d} {number(w.value)}{assessed_mark(w.source)} ({msg('rank.origin.' + w.origin, lang)})"
        for d, w in result.weights.items()
    ]
    line = f"{msg('rank.weights', lang)}: " + " · ".join(parts)
    given = {d: w.value for d, w in result.weights.items()}
    if sums_to_one(given):
        return line
    used = " · ".join(f"{d} {used_weight(u)}" for d, u in used_weights(given).items())
    return line + msg("rank.weights_used", lang, total=number(sum(given.values())), used=used)


def inputs_lines(result: RankResult, lang: str) -> list[str]:
    """What the buyer left unknown, which inputs no rule reads, and a city the report does not name."""
    lines = []
    city = result.profile["location"]["city"]
    if city is not None and result.city == "other" and result.city_matters:
        lines.append(msg("rank.city_other", lang, city=city, known=", ".join(KNOWN_CITIES)))
    if result.unknown_inputs:
        lines.append(msg("rank.unknown_inputs", lang, fields=", ".join(result.unknown_inputs)))
    if result.unused_inputs:
        lines.append(msg("rank.unused_inputs", lang, fields=", ".join(result.unused_inputs)))
    if result.undecided:
        counts: dict[str, int] = {}
        for u in result.undecided:
            for path in u.waits_on:
                counts[path] = counts.get(path, 0) + 1
        ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        lines.append(msg("rank.undecided", lang, answers=", ".join(f"{p} ({n})" for p, n in ordered)))
    return lines


def context_lines(result: RankResult, lang: str) -> list[str]:
    """The report's policies, figures and context notes that apply to this buyer."""
    lines = []
    for c in result.context:
        if c.kind == "figure":
            body = f"{number(c.value)} {c.unit}"
        else:
            body = c.text.get(lang)
        lines.append(f"{c.title.get(lang)}: {body} [{c.source}]")
    return lines


def risk_lines(result: RankResult, lang: str) -> list[str]:
    """Each ranked vendor's risks as the report's challenges name them."""
    lines = []
    for r in result.ranking:
        lines.append(f"#{r.rank} {r.name.get(lang)} ({r.vendor})")
        lines += [f"  ! {risk.get(lang)} [{source_label(risk.source, lang)}]" for risk in r.risks] or [f"  {msg('rank.no_risks', lang)}"]
    return lines


_FIELD_GROUPS = (
    ("shares.T/P/A/C", tuple(f"shares.{c}" for c in CRITERIA)),
    ("sub.T1…C2.status", tuple(f"sub.{s}.status" for s in ALL_SUBS)),
    ("ratings.D1–D5", tuple(f"ratings.{d}" for d in DIMENSIONS)),
)


def compact_fields(fields: list[str]) -> list[str]:
    """Field names with complete families (every share, sub-criterion or rating) written once."""
    out = list(fields)
    for label, members in _FIELD_GROUPS:
        if set(members) <= set(out):
            at = out.index(members[0])
            out = [f for f in out if f not in members]
            out.insert(at, label)
    return out


def unassessed_lines(result: RankResult, lang: str) -> list[str]:
    """Vendors the report names but does not assess, with the data they would need."""
    return [
        f"{u.name.get(lang)} ({u.vendor}): {msg('rank.needs_data', lang, fields=', '.join(compact_fields(u.missing)))}"
        for u in result.unassessed
    ]


def reasons_cell(r: RankedVendor, lang: str, limit: int = 2) -> str:
    """The applied rules that helped most, by title."""
    helped = sorted((i for i in r.breakdown if i.kind == "rule" and i.applied and i.points > 0), key=lambda i: (-i.points, i.id))
    return msg("sep", lang).join(i.title.get(lang) + assessed_mark(i.source) for i in helped[:limit])


def assessed_mark(source: str) -> str:
    """`†` after anything that rests on our assessment rather than a figure or fact of the report."""
    return "†" if source == ASSESSMENT else ""


def stability_line(result: RankResult, lang: str) -> str:
    """One line: how often the top-1 and top-3 survive, and the nearest swap ('' with no ranking)."""
    s = result.stability
    if not result.ranking:
        return ""
    pct = lambda v: "—" if v is None else f"{v * 100:.1f}%"  # noqa: E731
    line = msg("rank.stability", lang, draws=s.draws, pct=round(s.spread * 100), seed=s.seed, top1=pct(s.top1_same), top3=pct(s.top3_same))
    if s.swap:
        return line + msg("rank.swap", lang, dim=s.swap.dimension, before=number(s.swap.before), after=number(s.swap.after))
    return line + (msg("rank.no_swap", lang) if len(result.ranking) > 1 else "")


def why_lower_lines(result: RankResult, lang: str) -> list[str]:
    """For each vendor below #1: its gap and where it loses most."""
    lines = []
    titles = {n.need: n.title.get(lang) for n in result.needs}
    first_unsure = bool(result.ranking[0].to_confirm)
    for r in result.ranking[1:]:
        # a dimension reads with its id (D3 …); a rule group's id is internal, its title says it
        costs = msg("sep", lang).join(f"{c.item + ' ' if c.item in DIMENSIONS else ''}{c.title.get(lang)} {c.delta:+g}" for c in r.costs)
        if r.to_confirm and not first_unsure:  # its group, not its score, puts it below
            musts = msg("sep", lang).join(titles[n] for n in r.to_confirm)
            costs = msg("rank.lower_to_confirm", lang, needs=musts) + (msg("sep", lang) + costs if costs else "")
        lines.append(f"#{r.rank} {r.name.get(lang)} ({r.vendor}): {msg('rank.gap', lang, gap=number(r.gap_to_first))} — {costs}")
    return lines


def excluded_lines(e: ExcludedVendor, lang: str) -> list[str]:
    """A dropped vendor: each filter, then the change that would bring it back."""
    lines = [f"{e.name.get(lang)} ({e.vendor})"]
    lines += [f"  ✗ {r.rule} {r.text.get(lang)}{assessed_mark(r.source)} [{r.rule_source}]" for r in e.reasons]
    cf = e.counterfactual
    if cf and cf.verified:
        changes = "; ".join(
            f"{c.field}: {value_text(c.before)} → {value_text(c.after)} ({msg('rank.who.' + c.who, lang)})" for c in cf.changes
        )
        lines.append(f"  ↺ {msg('rank.comeback', lang)} {changes}")
    else:
        lines.append(f"  ↺ {msg('rank.no_comeback', lang)}")
    return lines


def breakdown_lines(r: RankedVendor, lang: str) -> list[str]:
    """Every term of the score, summing to it."""
    given = {i.id: i.weight for i in r.breakdown if i.kind == "dimension"}
    used = None if sums_to_one(given) else used_weights(given)
    lines = []
    for i in r.breakdown:
        lines.append(_item_line(i, lang, used, sum(given.values())))
    lines.append(f"= {number(r.score)}")
    return lines


def _item_line(i: ScoreItem, lang: str, used: dict[str, float] | None, total: float) -> str:
    """One term; a dimension's weight as the score uses it (`0.148148 (0.2 ÷ 1.35)`) when the weights do not add up to 1."""
    if i.kind == "dimension":
        rating, weight = msg("label.rating", lang), msg("label.weight", lang)
        shown = number(i.weight) if used is None else f"{used_weight(used[i.id])} ({number(i.weight)} ÷ {number(total)})"
        return f"{i.points:+.4f}  {i.id} {rating} {i.rating}{assessed_mark(i.source)} × {weight} {shown}"
    suffix = "" if i.applied else f"  ({msg('rank.not_applied', lang)})"
    mark = "" if i.applied else "  ·"
    return f"{i.points:+.4f}{mark}  {i.id} [{i.group}] {i.title.get(lang)}{assessed_mark(i.source)} [{i.rule_source}]{suffix}"


def row(r: RankedVendor, lang: str) -> list[str]:
    """One table row."""
    return [
        str(r.rank),
        f"{r.name.get(lang)} ({r.vendor})",
        value_label(r.supplier_type, lang),
        number(r.score),
        number(r.F) + assessed_mark(r.F_source),
        reasons_cell(r, lang),
    ]


def headers(lang: str) -> list[str]:
    """Table headers matching `row`."""
    keys = ("column.rank", "column.vendor", "column.type", "column.score", "column.F", "column.reasons")
    return [msg(k, lang) for k in keys]


VIEWS = {
    "rank": View(blocks=rank_blocks, document=rank_document, lines=rank_lines),
    "live": View(blocks=live_blocks),
}
