"""The report of one decision record, as a list of blocks that every report format renders.

The blocks are built once from the record (the `audit show` document: id, hash, prev_hash and
the body); the Markdown, HTML and SVG renderers draw them. Nothing here reads a database: the
command line hands the record over as a dict.
"""

from __future__ import annotations

from typing import Any

from ...decide.records import integrity_warning
from ...messages import msg, value_label
from ...model.decision import PathTo, TraceEvent, trace_from_json
from ...model.fields import DIMENSION_TITLES
from ...model.ranking import Assessments
from ..blocks import Block, Callout, Facts, Heading, Lines, Paragraph, Table
from ...scoring.score import used_weights
from .assessments import assessment_blocks
from .needs import MatrixRow, needs_blocks
from .qualify import path_tree
from ..describe import SYMBOL, condition_tree_lines, effect_text, number, source_label, used_weight, value_text


def report_blocks(record: dict, lang: str) -> list[Block]:
    """Every block of the report of `record` (id, hash, prev_hash, intact, problem and the body's keys), in order:
    the integrity and the verdict first, then what was decided from what, each score term by term, the rules
    that fired and the sections they cite; the hashes last."""
    kind = record["kind"]
    outcome = record["outcome"]
    blocks: list[Block] = [Heading(msg("report.title", lang, id=record["id"]), 1), _integrity(record, lang)]
    blocks += [Heading(msg("report.verdict", lang), 2)]
    blocks += _check_verdict(outcome, lang) if kind == "check" else _rank_verdict(outcome, lang)
    blocks += [
        Heading(msg("report.record_section", lang), 2),
        Facts((
            (msg("report.record", lang), str(record["id"])),
            (msg("report.time", lang), record["time"]),
            (msg("report.command", lang), record["command"]),
            (msg("report.kind", lang), value_label(kind, lang)),
        )),
        Heading(msg("report.inputs", lang), 2),
        Heading(msg("report.vendors", lang), 3),
        _vendor_facts(record["inputs"]["vendors"], lang),
    ]
    sources = record["inputs"].get("vendor_sources")  # records made before schema 2 have none
    if sources:
        heads = (msg("column.vendor", lang), msg("column.report_file", lang))
        blocks.append(Table(heads, tuple((vid, f"{s['file']} ({msg('report.lines_kept', lang, n=len(s['lines']))})")
                                         for vid, s in sorted(sources.items()))))
    if kind != "check":
        blocks += _profile(record, lang)
    blocks.append(Heading(msg("report.outcome", lang), 2))
    blocks += _check_outcome(outcome, lang) if kind == "check" else _scores(outcome, lang)
    traces = _traces(outcome, lang)
    blocks += [Heading(msg("report.trace", lang), 2), Paragraph(msg("report.trace_note", lang))]
    for title, events in traces:
        blocks += [Heading(title, 3), _trace_table(events, lang)]
    blocks += [Heading(msg("report.sources", lang), 2), _sources([e for _, events in traces for e in events], lang)]
    blocks += [Heading(msg("report.hashes", lang), 2), _hashes(record, lang)]
    return blocks


def _integrity(record: dict, lang: str) -> Callout:
    """What was checked of this record, and whether it held: its hash against its body, its links to the records before
    and after it, its mark (with a key), its kept rule files."""
    if record.get("problem"):
        return Callout(integrity_warning(record["problem"], lang), alert=True)
    return Callout(msg("report.intact", lang, n=len(record.get("rule_files", []))))


def _check_verdict(outcome: dict, lang: str) -> list[Block]:
    """Each vendor's track, type and F, in check's order."""
    heads = tuple(msg(k, lang) for k in ("column.vendor", "column.track", "column.type", "column.F"))
    rows = tuple((_name(v, lang), value_label(v["track"], lang), value_label(v["supplier_type"], lang), number(v["supply"]["F"]))
                 for v in outcome["vendors"])
    return [Table(heads, rows)]


def _rank_verdict(outcome: dict, lang: str) -> list[Block]:
    """The ranking (place, vendor, score, track, type) and every excluded vendor with the rule and reason."""
    return _rank_outcome(outcome, lang)


def _scores(outcome: dict, lang: str) -> list[Block]:
    """The weights (each as given, and divided by their sum as the score uses it), then every ranked vendor's score
    term by term: each rating × its weight used and each rule's points, with where each comes from, summing to the score."""
    given = {d: w["value"] for d, w in outcome["weights"].items()}
    used = used_weights(given)
    heads = tuple(msg(k, lang) for k in ("column.report_dimension", "column.report_weight", "column.report_weight_used",
                                         "column.report_origin", "column.source"))
    weights = tuple((f"{d} {DIMENSION_TITLES[d].get(lang)}", number(w["value"]), used_weight(used[d]), msg("rank.origin." + w["origin"], lang),
                     source_label(w["source"], lang)) for d, w in outcome["weights"].items())
    weights += ((msg("report.weights_sum", lang), number(sum(given.values())), used_weight(sum(used.values())), "", ""),)
    blocks: list[Block] = [Paragraph(msg("report.scores_note", lang)), Heading(msg("report.weights", lang), 3), Table(heads, weights)]
    heads = tuple(msg(k, lang) for k in ("column.report_term", "column.report_rating", "column.report_weight_used", "column.report_points",
                                         "column.report_counts", "column.source"))
    for r in outcome["ranking"]:
        rows = []
        for item in r["breakdown"]:
            if item["kind"] == "dimension":
                rows.append((f"{item['id']} {DIMENSION_TITLES[item['id']].get(lang)}", str(item["rating"]), used_weight(used[item["id"]]),
                             f"{item['points']:+.4f}", msg("report.yes", lang), source_label(item["source"], lang)))
            else:
                counts = msg("report.yes", lang) if item["applied"] else msg("report.no_stronger", lang)
                rows.append((f"{item['id']} {_text(item['title'], lang)}", "", "", f"{item['points']:+.4f}", counts,
                             msg("report.rule_and_facts", lang, rule=item["rule_source"], facts=source_label(item["source"], lang))))
        rows.append((msg("report.score_total", lang), "", "", f"{r['score']:.4f}", "", ""))
        blocks += [Heading(f"#{r['rank']} {_name(r, lang)}", 3), Table(heads, tuple(rows))]
    return blocks


def _hashes(record: dict, lang: str) -> Table:
    """One line per hash (and version): what it is, its value, what it covers."""
    outcome = record["outcome"]
    rows = [
        ("hash", record["hash"], msg("report.covers_hash", lang)),
        ("prev_hash", record["prev_hash"], msg("report.covers_prev", lang)),
        ("rules_version", record["rules_version"], msg("report.covers_rules", lang)),
        ("tool_version", record["tool_version"], msg("report.covers_tool", lang)),
    ]
    if record["kind"] == "check":
        rows.append(("inputs_sha256", outcome["inputs_sha256"], msg("report.covers_inputs", lang)))
        rows += [(f"input_sha256 ({v['id']})", v["input_sha256"], msg("report.covers_vendor", lang, id=v["id"]))
                 for v in outcome["vendors"]]
    else:
        rows.append(("profile_sha256", outcome["profile_sha256"], msg("report.covers_profile", lang)))
        rows.append(("vendors_sha256", outcome["vendors_sha256"], msg("report.covers_vendors", lang)))
    rows += [(f"sha256 ({f['file']})", f["sha256"], msg("report.covers_rule_file", lang)) for f in record.get("rule_files", [])]
    heads = ("column.report_hash", "column.report_value", "column.report_covers")
    return Table(tuple(msg(k, lang) for k in heads), tuple(rows))


def _text(value: Any, lang: str) -> str:
    """A bilingual {zh, en} text in `lang`, or the value shown as it is."""
    if isinstance(value, dict) and set(value) == {"zh", "en"}:
        return value["en" if lang == "en" else "zh"]
    if isinstance(value, bool):
        return "true" if value else "false"
    return value_text(value)


def _value(vendor: dict, *path: str) -> Any:
    """vendor[a][b]…, or None where any step is missing."""
    for key in path:
        vendor = vendor.get(key) if isinstance(vendor, dict) else None
    return vendor


def _vendor_facts(vendors: list[dict], lang: str) -> Table:
    """Each vendor as evaluated: id, name and the facts the rules read most."""
    heads = ("column.vendor", "column.report_name", "column.report_declared", "column.report_supply", "column.report_shares",
             "column.report_chips", "column.report_pricing", "column.report_nodes")
    rows = []
    for v in vendors:
        shares = " / ".join(number(_value(v, "shares", c, "value")) for c in "TPAC")
        nodes = ", ".join(
            f"{_text(n.get('city'), lang) if n.get('city') else value_label(n.get('region') or '?', lang)} ({value_label(n.get('kind') or '?', lang)})"
            for n in v.get("nodes") or []
        )
        rows.append((
            v["id"], _text(v["name"], lang), value_label(v.get("declared_type") or "unknown", lang),
            f"S {number(_value(v, 'S', 'value'))} · R {number(_value(v, 'R', 'value'))}", shares,
            ", ".join(_value(v, "chips", "values") or []) or "—", ", ".join(_value(v, "pricing", "values") or []) or "—",
            nodes or "—",
        ))
    return Table(tuple(msg(k, lang) for k in heads), tuple(rows))


def _flatten(value: Any, path: str, lang: str) -> list[tuple[str, str]]:
    """`a.b[0].c: value` lines for a nested document; a {zh, en} text is one value."""
    if isinstance(value, dict) and value and set(value) != {"zh", "en"}:
        return [line for key in sorted(value) for line in _flatten(value[key], f"{path}.{key}" if path else key, lang)]
    if isinstance(value, list) and any(isinstance(item, dict) for item in value):
        return [line for i, item in enumerate(value) for line in _flatten(item, f"{path}[{i}]", lang)]
    return [(path, "{}" if value == {} else _text(value, lang))]


def _profile(record: dict, lang: str) -> list[Block]:
    """The buyer's profile as validated and, for `ask`, the answers given."""
    inputs = record["inputs"]
    blocks: list[Block] = [
        Heading(msg("report.profile", lang, source=record["outcome"]["profile_source"]), 3),
        Facts(tuple(_flatten(inputs["profile"], "", lang))),
    ]
    if "answers" in inputs:
        rows = _flatten(inputs["answers"], "", lang) + [(msg("report.asked", lang), ", ".join(inputs.get("asked", [])))]
        blocks += [Heading(msg("report.answers", lang), 3), Facts(tuple(rows))]
    return blocks


def _name(entry: dict, lang: str) -> str:
    """`DataCanvas (datacanvas)` for a vendor of the outcome."""
    return f"{_text(entry['name'], lang)} ({entry.get('id') or entry['vendor']})"


def _check_outcome(outcome: dict, lang: str) -> list[Block]:
    """Per vendor: each criterion with its share and its sub-criterion verdicts, under check's one legend."""
    blocks: list[Block] = [Paragraph(msg("check.legend", lang))]
    heads = tuple(msg(k, lang) for k in ("column.report_criterion", "column.report_status", "column.report_share", "column.report_subs"))
    for v in outcome["vendors"]:
        blocks.append(Heading(_name(v, lang), 3))  # its track, type and F are in the verdict
        rows = []
        for cid in sorted(v["criteria"], key=lambda c: ("TPAC".find(c) % 5, c)):  # T, P, A, C, then any other
            c = v["criteria"][cid]
            subs = Lines(tuple(
                f"{sid} {SYMBOL.get(s['status'], '?')} {value_label(s['status'], lang)} [{source_label(s['source'], lang)}]"
                for sid, s in c["sub"].items()
            ))
            rows.append((f"{cid} {msg('criterion.' + cid, lang)}", f"{SYMBOL.get(c['status'], '?')} {value_label(c['status'], lang)}",
                         number(c["share"]), subs))
        blocks.append(Table(heads, tuple(rows)))
        blocks += [path_tree(_name(v, lang), PathTo.model_validate(p), lang, level=4) for p in v.get("path_to") or ()]
    return blocks


def _rank_outcome(outcome: dict, lang: str) -> list[Block]:
    """The ranking (place, vendor, score, track, type) and every excluded vendor with the rule and reason."""
    heads = tuple(msg(k, lang) for k in ("column.rank", "column.vendor", "column.score", "column.track", "column.type"))
    ranking = tuple(
        (str(r["rank"]), _name(r, lang) + (f" ({msg('need.place.to_confirm', lang)})" if r.get("to_confirm") else ""),
         number(r["score"]), value_label(r["track"], lang), value_label(r["supplier_type"], lang))
        for r in outcome["ranking"]
    )
    blocks: list[Block] = [Heading(msg("report.ranking", lang), 3), Table(heads, ranking)]
    if outcome.get("assessments"):  # records made before the analysis have none
        blocks += assessment_blocks(Assessments.model_validate(outcome["assessments"]), lang, level=3, limit=None)  # all
    blocks += needs_blocks(*_needs_matrix(outcome, lang), lang, level=3)
    blocks.append(Heading(msg("rank.excluded", lang), 3))
    excluded = tuple(
        (_name(e, lang), r["rule"], _text(r["title"], lang) + " — " + _text(r["text"], lang), r["rule_source"])
        for e in outcome["excluded"] for r in e["reasons"]
    )
    heads = tuple(msg(k, lang) for k in ("column.vendor", "column.id", "column.report_reason", "column.section"))
    blocks.append(Table(heads, excluded) if excluded else Paragraph(msg("report.none", lang)))
    if outcome["unassessed"]:
        unassessed = ", ".join(_name(u, lang) for u in outcome["unassessed"])
        blocks += [Heading(msg("rank.unassessed", lang), 3), Paragraph(unassessed)]
    return blocks


def _needs_matrix(outcome: dict, lang: str) -> tuple[list[tuple[str, str]], list[MatrixRow]]:
    """The needs the buyer stated and each ranked, then excluded, vendor's row (none in records made before needs)."""
    needs = [(_text(n["short"], lang), n["level"]) for n in outcome.get("needs", [])]
    rows = [MatrixRow(f"#{r['rank']} {_name(r, lang)}", "to_confirm" if r.get("to_confirm") else "ranked",
                      tuple(m["status"] for m in r.get("needs", []))) for r in outcome["ranking"]]
    rows += [MatrixRow(_name(e, lang), "excluded", tuple(m["status"] for m in e.get("needs", []))) for e in outcome["excluded"]]
    return needs, rows


def _traces(outcome: dict, lang: str) -> list[tuple[str, list[TraceEvent]]]:
    """(heading, the rules that fired) for each vendor checked, ranked or excluded."""
    def fired(trace: list[dict]) -> list[TraceEvent]:
        return trace_from_json([e for e in trace if e["fired"]])

    if "vendors" in outcome:
        return [(_name(v, lang), fired(v["trace"])) for v in outcome["vendors"]]
    ranked = [(f"#{r['rank']} {_name(r, lang)}", fired(r["trace"])) for r in outcome["ranking"]]
    return ranked + [(msg("report.excluded_vendor", lang, vendor=_name(e, lang)), fired(e["trace"])) for e in outcome["excluded"]]


def _trace_table(events: list[TraceEvent], lang: str) -> Block:
    """The rules that fired: id, title, report section, the conditions as a tree, the effect."""
    if not events:
        return Paragraph(msg("report.none", lang))
    heads = ("column.id", "column.title", "column.section", "column.report_conditions", "column.report_effect")
    rows = []
    for e in events:
        effect = effect_text(e, lang)
        if e.overridden_by:
            effect += f" ({msg('trace.overridden', lang, winner=e.overridden_by)})"
        elif not e.applied:
            effect += f" ({msg('rank.not_applied', lang)})"
        rows.append((e.rule, e.title.get(lang), e.source, Lines(tuple(condition_tree_lines(e.conditions, lang))), effect))
    return Table(tuple(msg(k, lang) for k in heads), tuple(rows))


def _sources(events: list[TraceEvent], lang: str) -> Block:
    """Each report section a fired rule encodes, with those rules."""
    cited: dict[str, set[str]] = {}
    for e in events:
        cited.setdefault(e.source, set()).add(e.rule)
    if not cited:
        return Paragraph(msg("report.none", lang))
    rows = tuple((source, ", ".join(sorted(rules))) for source, rules in sorted(cited.items()))
    return Table((msg("column.section", lang), msg("column.report_rules", lang)), rows)
