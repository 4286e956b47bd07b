"""No control or format character from data reaches an output, whatever field it hides in.

Random text holding escape sequences, bidi controls, zero-width and C1 characters goes into one
text field of a vendor, a rule file, a profile or an answers file at a time; every command that
reads it, in every output format (piped), must write none of them raw to stdout or stderr.
Records forged in the store (their chain recomputed) carry such text, or HTML, into `audit show`
and every `audit report` format: none of it comes out raw.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.audit.store import GENESIS, chain_hash
from engine.decide.bundle import bundle_root
from engine.text import UNSAFE

from ..conftest import raw_vendor, run_cli

EXAMPLES = max(10, int(os.environ.get("ZHISUAN_FUZZ_EXAMPLES", "300")) // 10)
SETTINGS = settings(max_examples=EXAMPLES, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

HOSTILE = [
    "\x1b[31m", "\x1b]0;TITLE\x07", "\x1b[2J", "\x9b31m", "\x7f", "\x00", "\x08", "\r",
    "\u202e", "\u202d", "\u2066", "\u200b", "\u200d", "\ufeff", "\u00ad", "\u061c", "\U000e0041",
]
hostile_text = st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=4)), min_size=1, max_size=5).map("".join)


def _string_paths(value, path=()) -> list[tuple]:
    """The path of every string leaf (and of every mapping, for a hostile key) in a YAML document."""
    if isinstance(value, dict):
        return [path + ("<key>",)] + [p for key, item in value.items() for p in _string_paths(item, path + (key,))]
    if isinstance(value, list):
        return [p for i, item in enumerate(value) for p in _string_paths(item, path + (i,))]
    return [path] if isinstance(value, str) else []


def _planted(data, path: tuple, text: str):
    """A copy of `data` with `text` put into the string at `path` (or as a new key of the mapping there)."""
    data = json.loads(json.dumps(data))
    node = data
    for key in path[:-1]:
        node = node[key]
    if path[-1] == "<key>":
        node[text] = "x"
    else:
        node[path[-1]] = node[path[-1]][:3] + text + node[path[-1]][3:]
    return data


def _dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _assert_nothing_raw(args: list[str]) -> None:
    result = run_cli(*args)
    for stream, text in (("stdout", result.out), ("stderr", result.err)):
        found = UNSAFE.search(text)
        assert found is None, (args, stream, repr(found.group()) if found else None, text[:300])
    assert "Traceback" not in result.err and result.code != 3, (args, result.err)


VENDOR = raw_vendor("coreshub")
VENDOR_PATHS = _string_paths(VENDOR)
FORMATS = [[], ["--format", "json"], ["--format", "markdown"], ["--explain", "full"]]


@SETTINGS
@given(path=st.sampled_from(VENDOR_PATHS), text=hostile_text, fmt=st.sampled_from(FORMATS),
       command=st.sampled_from(["check", "rank"]))
def test_a_vendor_field(tmp_path_factory, path, text, fmt, command):
    file = tmp_path_factory.mktemp("v") / "vendor.yaml"
    file.write_text(_dump(_planted(VENDOR, path, text)), encoding="utf-8")
    _assert_nothing_raw([command, "--file", str(file), *fmt, "--lang", "en", *(["--draws", "0", "--assessment-draws", "20"] if command == "rank" else [])])


RULE_FILES = ["eligibility/cloud.yaml", "classification.yaml", "advice/segments.yaml", "weights.yaml", "questions.yaml",
              "conformance.yaml", "policy.yaml"]
RULES_COPY: dict[str, Path] = {}


def _rules_copy(tmp_path_factory) -> Path:
    if "dir" not in RULES_COPY:
        RULES_COPY["dir"] = tmp_path_factory.mktemp("rules") / "rules"
        shutil.copytree(bundle_root() / "rules", RULES_COPY["dir"])
    return RULES_COPY["dir"]


@SETTINGS
@given(data=st.data(), name=st.sampled_from(RULE_FILES), text=hostile_text,
       args=st.sampled_from([["rules", "list"], ["rules", "show", "C1"], ["rules", "lint"], ["rules", "advice", "--format", "markdown"],
                             ["check", "coreshub", "--explain", "full"], ["rank", "--draws", "0", "--assessment-draws", "20", "--format", "json"],
                             ["ask", "--list-questions"]]))
def test_a_rule_file_field(tmp_path_factory, data, name, text, args):
    rules = _rules_copy(tmp_path_factory)
    original = (bundle_root() / "rules" / name).read_text(encoding="utf-8")
    parsed = yaml.safe_load(original)
    path = data.draw(st.sampled_from(_string_paths(parsed)))
    (rules / name).write_text(_dump(_planted(parsed, path, text)), encoding="utf-8")
    try:
        _assert_nothing_raw([*args, "--rules", str(rules), "--lang", "zh"])
    finally:
        (rules / name).write_text(original, encoding="utf-8")


PROFILE = yaml.safe_load((bundle_root() / "profiles" / "customers" / "dongguan-factory-smb.yaml").read_text(encoding="utf-8"))


@SETTINGS
@given(path=st.sampled_from(_string_paths(PROFILE)), text=hostile_text, fmt=st.sampled_from(FORMATS[:3]))
def test_a_profile_field(tmp_path_factory, path, text, fmt):
    file = tmp_path_factory.mktemp("p") / "buyer.yaml"
    file.write_text(_dump(_planted(PROFILE, path, text)), encoding="utf-8")
    _assert_nothing_raw(["rank", str(file), "--draws", "0", "--assessment-draws", "20", *fmt, "--lang", "en"])


QUESTION_IDS = ["segment", "province", "city", "industry", "domestic", "nope"]


@SETTINGS
@given(answers=st.dictionaries(st.one_of(st.sampled_from(QUESTION_IDS), hostile_text),
                               st.one_of(hostile_text, st.sampled_from(["small", "guangdong"])), min_size=1, max_size=4),
       fmt=st.sampled_from(FORMATS[:3]))
def test_an_answer(tmp_path_factory, answers, fmt):
    file = tmp_path_factory.mktemp("a") / "answers.yaml"
    file.write_text(_dump({"segment": "small", "province": "guangdong", **answers}), encoding="utf-8")
    _assert_nothing_raw(["ask", "--answers", str(file), "--draws", "0", *fmt, "--lang", "en"])


FORGED = HOSTILE + ['"><img src=x onerror=alert(1)>', "<script>alert(1)</script>", "[x](javascript:alert(1))"]
STORE: dict[str, object] = {}


def _store(tmp_path_factory) -> tuple[Path, str, list[tuple]]:
    """A records database with one ranking, its row's body, and the path of every string in that body."""
    if "db" not in STORE:
        db = tmp_path_factory.mktemp("store") / "r.sqlite"
        assert run_cli("rank", "dongguan-factory-smb", "--draws", "0", "--assessment-draws", "20", "--record", "--db", str(db)).code == 0
        with sqlite3.connect(db) as c:
            body = c.execute("SELECT body FROM records WHERE id = 1").fetchone()[0]
        STORE.update(db=db, body=body, paths=[p for p in _string_paths(json.loads(body)) if p[-1] != "<key>"])
    return STORE["db"], STORE["body"], STORE["paths"]


@SETTINGS
@given(data=st.data(), payload=st.sampled_from(FORGED))
def test_a_forged_record(tmp_path_factory, data, payload):
    from markdown_it import MarkdownIt  # CommonMark, installed with rich

    db, body, paths = _store(tmp_path_factory)
    path = data.draw(st.sampled_from(paths))
    forged = json.dumps(_planted(json.loads(body), path, payload), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    with sqlite3.connect(db) as c:
        c.execute("UPDATE records SET body = ?, hash = ? WHERE id = 1", (forged, chain_hash(GENESIS, forged)))
    try:
        for fmt in ("table", "json", "markdown"):
            _assert_nothing_raw(["audit", "show", "1", "--db", str(db), "--format", fmt, "--explain", "full"])
        for fmt in ("markdown", "html", "svg"):
            _assert_nothing_raw(["audit", "report", "1", "--db", str(db), "--format", fmt])
            out = run_cli("audit", "report", "1", "--db", str(db), "--format", fmt).out
            shown = MarkdownIt("commonmark").render(out) if fmt == "markdown" else out
            assert "<img" not in shown and "<script" not in shown and 'href="javascript' not in shown, (fmt, path)
    finally:
        with sqlite3.connect(db) as c:
            c.execute("UPDATE records SET body = ?, hash = ? WHERE id = 1", (body, chain_hash(GENESIS, body)))
