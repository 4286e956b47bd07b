"""Decision records: what one holds when it is made, and the outcome read back from one."""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..errors import LoadError, Location, UsageError
from ..messages import M, msg
from ..model.decision import CheckResult
from ..model.ranking import RankResult
from ..model.profile import Profile
from ..model.vendor import Vendor
from ..text import single_line, visible
from .identity import identity_of, rule_file_texts

__all__ = ["KINDS", "HeadCheck", "NewRecord", "check_head", "integrity_warning", "new_record", "parse_head", "record_body",
           "outcome_summary", "record_outcome", "select_records", "unreadable_ids"]

KINDS = ("check", "rank", "ask")


def record_body(kind: str, argv: list[str], rules_version: str, tool_version: str, subjects: list[str],
                inputs: dict, outcome: dict) -> dict:
    """The canonical body of one record (the chain hashes its JSON); the command line as given, on one line.
    Every text in it with an unsafe character (a control, format or separator character, a lone surrogate: a
    file name's undecodable byte, say) is kept escaped (`\\x1b`, `\\xff`), and the command's tabs and newlines
    too: no record holds one, so every record can be written and read back."""
    return _visible_all({
        "time": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "command": single_line(shlex.join(["zhisuan", *argv])),
        "kind": kind,
        "rules_version": rules_version,
        "tool_version": tool_version,
        "subjects": subjects,
        "inputs": inputs,
        "outcome": outcome,
    })


def _visible_all(value):
    """`value` with every text in it, keys included, escaped by `visible`."""
    if isinstance(value, str):
        return visible(value)
    if isinstance(value, dict):
        return {_visible_all(k): _visible_all(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_visible_all(v) for v in value]
    return value


@dataclass(frozen=True)
class NewRecord:
    """A record to append: its body, and the rule files it used (content by sha256) to keep beside it."""

    body: dict
    files: dict[str, str]


def new_record(kind: str, argv: list[str], document: dict, subjects: list[str], inputs: dict,
               rules_dir: Path | None) -> NewRecord:
    """The record of one decision: the inputs as evaluated, the rule files and the whole result document.

    The rule files are read again here: when one changed while deciding, nothing is recorded
    (a record never names rules other than those that decided).
    """
    texts = rule_file_texts(rules_dir)  # kept content-addressed: replay and reports can read the rules as they were
    identity = identity_of(texts)
    if identity.version != document["rules_version"]:
        raise LoadError(M("audit.rules_moved"), Location(str(rules_dir or "rules")), M("hint.rules_moved"))
    body = record_body(kind, argv, document["rules_version"], document["tool_version"], subjects, inputs, document)
    body["rule_files"] = [{"file": name, "sha256": sha} for name, sha in identity.files]
    content = dict(texts)
    return NewRecord(body, {sha: content[name] for name, sha in identity.files})


def record_outcome(body: dict) -> CheckResult | RankResult | None:
    """The body's outcome as the command's result, or None when the record does not read
    (altered with its chain recomputed: verify cannot tell, reading must not crash)."""
    try:
        if body["kind"] not in KINDS or (body["kind"] != "check" and not isinstance(body["inputs"]["profile"], dict)):
            return None
        for vendor in body["inputs"]["vendors"]:
            Vendor.model_validate(vendor)
        if body["kind"] != "check":  # replay decides again from it
            Profile.model_validate(body["inputs"]["profile"])
        return (CheckResult if body["kind"] == "check" else RankResult).from_document(body["outcome"])
    except (ValueError, TypeError, KeyError, AttributeError):
        return None


def select_records(records: list, vendor: str | None = None, since: str | None = None, until: str | None = None,
                   kind: str | None = None, limit: int | None = None) -> list:
    """The records naming `vendor` among their subjects, of `kind`, made from the day `since` through the day `until`
    (YYYY-MM-DD, UTC); the newest `limit` of them, oldest first. None: any. A record that does not read (no body)
    is always among them: what it holds cannot be told."""
    found = [r for r in records
             if r.body is None or (vendor is None or vendor in r.body["subjects"]) and (kind is None or r.body["kind"] == kind)
             and (since is None or r.body["time"][:10] >= since) and (until is None or r.body["time"][:10] <= until)]
    return found[-limit:] if limit else found


def outcome_summary(body: dict | None) -> list[tuple[str, str, float | None]] | None:
    """What a record decided, shortest: each vendor and its track (check), or the first three with place and score;
    None when the record or its outcome does not read (altered with its chain recomputed)."""
    try:
        outcome = body["outcome"]
        if body["kind"] == "check":
            summary = [(v["id"], v["track"], None) for v in outcome.get("vendors", [])]
        else:
            summary = [(r["vendor"], f"#{r['rank']}", r["score"]) for r in outcome.get("ranking", [])[:3]]
    except (KeyError, TypeError, AttributeError):
        return None
    numbers = (int, float)
    sound = all(isinstance(v, str) and isinstance(t, str) and (s is None or isinstance(s, numbers) and not isinstance(s, bool))
                for v, t, s in summary)
    return summary if sound else None


def unreadable_ids(records: list) -> list[int]:
    """The ids of the records (as `audit list` shows them) that do not read as a decision record."""
    return [r.id for r in records if outcome_summary(r.body) is None]


def parse_head(text: str) -> tuple[int, str]:
    """`ID:HASH` as `audit verify` prints the head, or a usage error saying so."""
    number, _, digest = text.partition(":")
    if not number.isdecimal() or int(number) < 1 or len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
        raise UsageError(M("usage.expect_head", value=repr(text)), hint=M("hint.audit_verify"))
    return int(number), digest


@dataclass(frozen=True)
class HeadCheck:
    """An expected head against the store: None when it still holds that record and the chain, verified,
    extends it; else the catalogue key of what is wrong."""

    expected: tuple[int, str]
    problem: str | None


def check_head(verdict, expected: tuple[int, str], hash_of) -> HeadCheck:
    """Whether the store (its verdict, and `hash_of` for one record's stored hash) still holds the `expected` head;
    a record still there with that hash in a chain that does not hold is not said to be extended."""
    if verdict is None or verdict.records == 0:
        return HeadCheck(expected, "audit.head_absent")
    if hash_of(expected[0]) != expected[1]:
        return HeadCheck(expected, "audit.head_lost")
    return HeadCheck(expected, None if verdict.problem is None else "audit.head_unproven")


def integrity_warning(problem: tuple[str, int | None, dict], lang: str) -> str:
    """The warning for what is wrong with a record (a `Record.problem`), in `lang`: what failed, and to run verify."""
    key, record_id, detail = problem
    return msg("audit.record_warning", lang, problem=msg(key, lang, id=record_id, **detail))
