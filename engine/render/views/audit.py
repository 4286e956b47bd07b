"""`audit list|show|verify|replay|diff|report`: decision records, their chain, and outcomes decided again."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from ...messages import MESSAGES, msg, value_label
from ...decide.records import integrity_warning, outcome_summary
from ..blocks import Block, Callout, Table, Verbatim
from ..describe import value_text
from . import View
from .audit_report import report_blocks
from .check import check_blocks
from .rank import rank_blocks


def _lines(lines: list[str]) -> list[Block]:
    return [Verbatim(tuple(lines))]


def _rows(records: list) -> list[dict]:
    rows = []
    for r in records:
        summary = outcome_summary(r.body)
        if summary is None:  # not a record this tool can read: listed as such
            rows.append({"id": r.id, "unreadable": True})
            continue
        outcome = ([{"vendor": v, "track": t} for v, t, _ in summary] if r.body["kind"] == "check"
                   else [{"vendor": v, "place": p, "score": s} for v, p, s in summary])
        rows.append({"id": r.id, "time": r.body["time"], "kind": r.body["kind"], "subjects": r.body["subjects"],
                     "rules_version": r.body["rules_version"], "hash": r.hash, "outcome": outcome})
    return rows


def list_blocks(records: list, lang: str, fmt: str, filtered: bool = False) -> list[Block]:
    """One row per record: id, time, kind, rules version, subjects, what it decided (or that it does not read); or that
    there is none (to match)."""
    if not records:
        return _lines([msg("audit.none_match" if filtered else "audit.empty", lang)])
    keys = ("column.audit_id", "column.audit_time", "column.audit_kind", "column.audit_rules", "column.audit_subjects",
            "column.audit_outcome")

    def outcome(row: dict) -> str:
        if row["kind"] == "check":
            return ", ".join(f"{o['vendor']} {value_label(o['track'], lang)}" for o in row["outcome"])
        return ", ".join(f"{o['place']} {o['vendor']} {o['score']:g}" for o in row["outcome"])

    unreadable = ("-", "-", "-", "-", msg("audit.unreadable_row", lang))
    rows = tuple((str(r["id"]), *unreadable) if r.get("unreadable") else
                 (str(r["id"]), r["time"], value_label(r["kind"], lang), r["rules_version"][:12], ", ".join(r["subjects"]), outcome(r))
                 for r in _rows(records))
    return [Table(tuple(msg(k, lang) for k in keys), rows, wrap=(4, 5))]


def list_document(records: list, lang: str, filtered: bool = False) -> list[dict]:
    """One object per record, with what it decided (each vendor's track, or the first three places); `unreadable`
    for one that does not read."""
    return _rows(records)


def show_blocks(record, lang: str, fmt: str, outcome=None, explain: str = "off") -> list[Block]:
    """The record's header and hashes, then its outcome as the command showed it; first, in an alert, what is wrong with it."""
    body = record.body
    header = msg("audit.show_header", lang, id=record.id, time=body["time"], kind=body["kind"], command=body["command"])
    hashes = msg("audit.show_hashes", lang, hash=record.hash[:16], prev=record.prev_hash[:16], rules=body["rules_version"][:12],
                 tool=body["tool_version"])
    shown = check_blocks(outcome, lang, fmt, explain) if body["kind"] == "check" else rank_blocks([outcome], lang, fmt, explain)
    alert = [Callout(integrity_warning(record.problem, lang), alert=True)] if record.problem else []
    return [*alert, Verbatim((header, hashes, "")), *shown]


def show_document(record, lang: str, outcome=None, explain: str = "off") -> dict:
    """The record in full, its outcome with the trace at `explain` (and `ask`'s answers where it has them)."""
    body = record.body
    shown = {**outcome.model_dump(mode="json"), **({"ask": body["outcome"]["ask"]} if "ask" in body["outcome"] else {})}
    return {"id": record.id, "hash": record.hash, "prev_hash": record.prev_hash, "intact": record.intact, **body, "outcome": shown}


def verify_blocks(verdict, lang: str, fmt: str, path: str = "", head=None, absent: bool = False) -> list[Block]:
    """That the chain holds, how many records, the head to keep elsewhere (and that the key's marks and an
    expected head check out); or the first problem; or that there is no record yet, or no store at all."""
    if verdict is None:
        lines = [msg("audit.no_database", lang, path=path) if absent else msg("audit.empty", lang) + f" ({path})"]
    elif verdict.problem is not None:
        lines = [msg(verdict.problem, lang, id=verdict.bad_id, **verdict.detail)]
    else:
        lines = [msg("audit.verified", lang, n=verdict.records, path=path)]
        if verdict.keyed and verdict.records:
            lines.append(msg("audit.keyed_line", lang))
        if verdict.head is not None:
            lines.append(msg("audit.head_line", lang, head=f"{verdict.head[0]}:{verdict.head[1]}"))
    if head is not None:
        number, digest = head.expected
        lines.append(msg(head.problem or "audit.head_as_expected", lang, id=number, hash=digest))
    return _lines(lines)


def change_line(change, lang: str) -> str:
    """One changed outcome: `  vendor  what: before → after`, labels and values in `lang`."""
    head, _, rest = change.what.partition(".")
    what = msg(f"audit.what_{head}", lang, id=rest) if f"audit.what_{head}" in MESSAGES else change.what

    def shown(value):
        return "-" if value is None else value_label(value, lang)

    return f"  {change.vendor}  {what}: {shown(change.before)} → {shown(change.after)}"


def edit_text(edit, lang: str) -> str:
    """`points 0.5 → 1.5`, `condition`, `source report:§03 … → …`: what changed in a rule, in `lang`."""
    part = msg(f"audit.part_{edit.part}", lang)
    if edit.before is None and edit.after is None:
        return part
    return f"{part} {value_text(edit.before)} → {value_text(edit.after)}"


def modified_text(modified: list[str], edits: list, lang: str) -> str:
    """Each modified rule, with what changed in it: `segment.smb_independent (points 0.5 → 1.5)`."""
    def one(rid: str) -> str:
        parts = [edit_text(e, lang) for e in edits if e.rule == rid]
        return f"{rid} ({msg('sep', lang).join(parts)})" if parts else rid

    return ", ".join(one(rid) for rid in modified) or "-"


def weights_text(edits: list, lang: str) -> str:
    """`small D1 0.2 → 0.9, …`: each weight that differs (- where there is none)."""
    shown = lambda value: "-" if value is None else value_text(value)  # noqa: E731
    return ", ".join(f"{e.segment} {e.dimension} {shown(e.before)} → {shown(e.after)}" for e in edits)


def behind_text(rules: list[str], weights: list, lang: str) -> str:
    """The rules behind a set of changes and, when the ranking's weights differ, those weights: what moved it."""
    text = msg("audit.rules_behind", lang, rules=", ".join(rules) or "-")
    return text + msg("audit.weights_behind", lang, weights=weights_text(weights, lang)) if weights else text


def _files_line(files: dict[str, list[str]] | None, key: str, lang: str) -> list[str]:
    """The rule files added, removed and modified, as one line under `key`; none when no file differs."""
    if not files or not any(files.values()):
        return []
    return [msg(key, lang, **{k: ", ".join(v) or "-" for k, v in files.items()})]


def replay_blocks(replay, lang: str, fmt: str) -> list[Block]:
    """`identical`, or each change and the rules (and weights) behind it; then the rules, weights and rule files
    changed since the record."""
    lines = []
    if not replay.changes:
        said = "audit.identical_kept" if replay.recorded_rules else "audit.identical"
        same = "audit.same_rules" if replay.version_then == replay.version_now else "audit.other_rules"
        lines.append(msg(said, lang, id=replay.record, same=msg(same, lang)))
    else:
        lines.append(msg("audit.changed", lang, id=replay.record, n=len(replay.changes)))
        lines += [change_line(c, lang) for c in replay.changes]
        lines.append(behind_text(replay.rules, replay.weights, lang))
    if replay.since and any(replay.since.values()):
        since = {k: ", ".join(v) or "-" for k, v in replay.since.items()}
        since["modified"] = modified_text(replay.since["modified"], replay.edits, lang)
        lines.append(msg("audit.rules_since", lang, **since))
    elif replay.kept_files and replay.since is None:
        lines.append(msg("audit.rules_since_unknown", lang))
    if replay.weight_edits:
        lines.append(msg("audit.weights_since", lang, weights=weights_text(replay.weight_edits, lang)))
    lines += _files_line(replay.files, "audit.files_since", lang)
    return _lines(lines)


def replay_document(replay, lang: str) -> dict:
    """The replay as JSON: identical or not, both rules versions, the rules and every change."""
    return {
        "record": replay.record, "intact": replay.intact, "identical": not replay.changes,
        "rules_version_then": replay.version_then, "rules_version_now": replay.version_now, "rules": replay.rules,
        "rules_changed_since": replay.since, "changes": [asdict(c) for c in replay.changes],
        "rule_edits": [asdict(e) for e in replay.edits], "weights": [asdict(w) for w in replay.weights],
        "weight_edits": [asdict(w) for w in replay.weight_edits], "rule_files_changed_since": replay.files,
    }


def section_title(where: str, lang: str) -> str:
    """A part of a diff in `lang`, with its colon: `check: ` (the classification), or `rank PROFILE: ` (one buyer's ranking)."""
    kind, _, profile = where.partition(" ")
    return msg(f"audit.section_{kind}", lang, profile=profile)


def diff_blocks(diff, lang: str, fmt: str) -> list[Block]:
    """The rules, segment weights and rule files that differ, then each section that changed with the rules (and
    weights) behind it and its changes (or that none did)."""
    rules = diff.rules
    lines = [msg("audit.diff_rules", lang, added=", ".join(rules["added"]) or "-",
                 removed=", ".join(rules["removed"]) or "-", modified=modified_text(rules["modified"], diff.edits, lang))]
    if diff.weight_edits:
        lines.append(msg("audit.diff_weights", lang, weights=weights_text(diff.weight_edits, lang)))
    lines += _files_line(diff.files, "audit.diff_files", lang)
    for section in diff.changed:
        lines.append(section_title(section.where, lang) + behind_text(section.rules, section.weights, lang))
        lines += [change_line(c, lang) for c in section.changes]
    if not diff.changed:
        lines.append(msg("audit.diff_none", lang, n=len(diff.sections)))
    return _lines(lines)


def diff_document(diff, lang: str) -> dict:
    """Both rules versions, the rules, segment weights and rule files that differ, and each section that changed."""
    return {
        "rules_versions": list(diff.versions), "rules": diff.rules, "rule_edits": [asdict(e) for e in diff.edits],
        "weight_edits": [asdict(w) for w in diff.weight_edits], "rule_files": diff.files,
        "changes": [{"where": s.where, "rules": s.rules, "weights": [asdict(w) for w in s.weights],
                     "changes": [asdict(c) for c in s.changes]} for s in diff.changed],
    }


def report_view_blocks(record: dict, lang: str, fmt: str) -> list[Block]:
    """The report of one record (`audit report`), from the record as `audit show --format json` prints it."""
    return report_blocks(record, lang)


VIEWS: dict[str, Any] = {
    "list": View(blocks=list_blocks, document=list_document),
    "show": View(blocks=show_blocks, document=show_document),
    "verify": View(blocks=verify_blocks, document=None),
    "replay": View(blocks=replay_blocks, document=replay_document),
    "diff": View(blocks=diff_blocks, document=diff_document),
    "report": View(blocks=report_view_blocks, document=None),
}
