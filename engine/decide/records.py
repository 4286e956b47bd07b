"""Decision records: what one holds when it is made, and the outcome read back from one."""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..errors import LoadError, Location, UsageError
from ..messages import M
from ..model.decision import CheckResult
from ..model.ranking import RankResult
from ..model.vendor import Vendor
from ..text import single_line
from .identity import identity_of, rule_file_texts

__all__ = ["KINDS", "HeadCheck", "NewRecord", "check_head", "kept_files_sound", "new_record", "parse_head", "record_body",
           "outcome_summary", "record_outcome", "select_records"]

KINDS = ("check", "rank", "ask")


def record_body(kind: str, argv: list[str], rules_version: str, tool_version: str, subjects: list[str],
                inputs: dict, outcome: dict) -> dict:
    """The canonical body of one record (the chain hashes its JSON); the command line as given, on one line,
    with an unsafe character in it (a file's name, say: a control, format or separator character, a tab, a
    newline, an undecodable byte) escaped: no record holds one."""
    return {
        "time": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "command": single_line(shlex.join(["zhisuan", *argv])),
        "kind": kind,
        "rules_version": rules_version,
        "tool_version": tool_version,
        "subjects": subjects,
        "inputs": inputs,
        "outcome": outcome,
    }


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
        return (CheckResult if body["kind"] == "check" else RankResult).from_document(body["outcome"])
    except (ValueError, TypeError, KeyError, AttributeError):
        return None


def select_records(records: list, vendor: str | None = None, since: str | None = None, until: str | None = None,
                   kind: str | None = None, limit: int | None = None) -> list:
    """The records naming `vendor` among their subjects, of `kind`, made from the day `since` through the day `until`
    (YYYY-MM-DD, UTC); the newest `limit` of them, oldest first. None: any."""
    found = [r for r in records
             if (vendor is None or vendor in r.body["subjects"]) and (kind is None or r.body["kind"] == kind)
             and (since is None or r.body["time"][:10] >= since) and (until is None or r.body["time"][:10] <= until)]
    return found[-limit:] if limit else found


def outcome_summary(body: dict) -> list[tuple[str, str, float | None]]:
    """What a record decided, shortest: each vendor and its track (check), or the first three with place and score."""
    outcome = body.get("outcome", {})
    if body["kind"] == "check":
        return [(v["id"], v["track"], None) for v in outcome.get("vendors", [])]
    return [(r["vendor"], f"#{r['rank']}", r["score"]) for r in outcome.get("ranking", [])[:3]]


def parse_head(text: str) -> tuple[int, str]:
    """`ID:HASH` as `audit verify` prints the head, or a usage error saying so."""
    number, _, digest = text.partition(":")
    if not number.isdecimal() or int(number) < 1 or len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
        raise UsageError(M("usage.expect_head", value=repr(text)), hint=M("hint.audit_verify"))
    return int(number), digest


@dataclass(frozen=True)
class HeadCheck:
    """An expected head against the store: None when it still holds that record (and, the chain verified,
    extends it), else the catalogue key of what is wrong."""

    expected: tuple[int, str]
    problem: str | None


def check_head(verdict, expected: tuple[int, str], get) -> HeadCheck:
    """Whether the store (its verdict, and `get` for one record) still holds the `expected` head."""
    if verdict is None or verdict.records == 0:
        return HeadCheck(expected, "audit.head_absent")
    record = get(expected[0]) if verdict.records >= expected[0] else None
    return HeadCheck(expected, None if record is not None and record.hash == expected[1] else "audit.head_lost")


def kept_files_sound(body: dict, blob) -> bool:
    """True when every rule file a record names is kept (`blob(sha256)` gives its content) and still matches its sha256."""
    import hashlib

    for kept in body.get("rule_files", []):
        text = blob(kept["sha256"])
        if text is None or hashlib.sha256(text.encode()).hexdigest() != kept["sha256"]:
            return False
    return True
