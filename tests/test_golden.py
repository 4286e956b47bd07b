"""Golden CLI outputs: args → exit code, stdout, stderr, compared byte for byte.

A case may prepare what it needs in a fresh folder (`{tmp}` in its arguments; `cwd: tmp` runs it
there): commands run first (`setup`, each must exit 0; `{db}` is a records database there), files
written there (`files`), and a copy of the bundled rules with one edit (`edited_rules`, at
`{edited}`, or `edited-rules` from that folder).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
import yaml

from engine.decide.bundle import bundle_root
from engine.decide.identity import rules_identity

from .conftest import ROOT, run_cli

GOLDEN = Path(__file__).parent / "golden"
CASES = yaml.safe_load((GOLDEN / "cases.yaml").read_text(encoding="utf-8"))
UPDATE = os.environ.get("ZHISUAN_UPDATE_GOLDEN") == "1"
CASE_KEYS = {"name", "args", "setup", "files", "edited_rules", "cwd"}


def _normalise(text: str, tmp: Path) -> str:
    """Replace what changes from run to run or machine to machine by placeholders.

    The rules version changes with every rule edit; a record's time, and with it its hash,
    with every run; the folder a case runs in with every machine.
    """
    version = rules_identity().version
    text = text.replace(str(tmp), "<TMP>").replace(str(bundle_root()), "<BUNDLE>")
    text = text.replace(version, "<RULES_VERSION>").replace(version[:12], "<RV>")
    text = re.sub(r"\b[0-9a-f]{64}\b", "<SHA256>", text)
    text = re.sub(r"\b20\d\d-\d\d-\d\dT\d\d:\d\d:\d\dZ\b", "<TIME>", text)
    text = re.sub(r"\b(?!0{16})[0-9a-f]{16}(?=…)", "<HASH16>", text)  # a record hash's head, as `audit show` prints it
    text = re.sub(r"terminal-\d+", "terminal-<ID>", text)  # the SVG's ids are a checksum of its content
    text = re.sub(r'"tool_version": "[^"]*"', '"tool_version": "<TOOL_VERSION>"', text)  # installed or not
    return re.sub(r"(tool version |工具版本 )\d+\.\d+\.\d+\S*", r"\1<TOOL_VERSION>", text)


def _prepare(case: dict, tmp: Path) -> dict[str, str]:
    """Write the case's files and edited rules, run its set-up; the placeholders its arguments may use."""
    places = {"tmp": str(tmp), "db": str(tmp / "records.sqlite"), "edited": str(tmp / "edited-rules"),
              "bundled": str(bundle_root())}
    for name, text in (case.get("files") or {}).items():
        target = tmp / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    if "edited_rules" in case:
        edit = case["edited_rules"]
        shutil.copytree(bundle_root() / "rules", places["edited"])
        path = Path(places["edited"]) / edit["file"]
        text = path.read_text(encoding="utf-8")
        assert edit["replace"] in text, f"{edit['file']} does not hold {edit['replace']!r}"
        path.write_text(text.replace(edit["replace"], edit["with"], 1), encoding="utf-8")
    for args in case.get("setup") or []:
        done = run_cli(*(a.format(**places) for a in args))
        assert done.code == 0, (args, done.err)
    return places


def _transcript(case: dict, tmp: Path) -> str:
    places = _prepare(case, tmp)
    result = run_cli(*(a.format(**places) for a in case["args"]))
    return _normalise(
        f"$ zhisuan {' '.join(case['args'])}\nexit: {result.code}\n--- stdout\n{result.out}--- stderr\n{result.err}", tmp
    )


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_golden(case, tmp_path, monkeypatch):
    assert set(case) <= CASE_KEYS, set(case) - CASE_KEYS
    # Paths such as profiles/customers/… are the checkout's; a case that names its own files runs in
    # its folder, so that no output (a column's width, say) depends on how long that folder's name is.
    monkeypatch.chdir(tmp_path if case.get("cwd") == "tmp" else ROOT)
    monkeypatch.delenv("ZHISUAN_LANG", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")  # a case's language is its --lang, else English, whatever the machine's locale
    monkeypatch.delenv("ZHISUAN_DB", raising=False)
    monkeypatch.delenv("ZHISUAN_RECORD", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # never the user's own records
    path = GOLDEN / "expected" / f"{case['name']}.txt"
    actual = _transcript(case, tmp_path)
    if UPDATE:
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"no golden file {path}; run with ZHISUAN_UPDATE_GOLDEN=1 and review it"
    assert actual == path.read_text(encoding="utf-8")


def test_every_golden_file_has_a_case():
    names = {c["name"] for c in CASES} | {f"pty80_{n}" for n in ("check_en", "check_zh", "rank_en", "rank_zh")}
    assert {p.stem for p in (GOLDEN / "expected").glob("*.txt")} <= names


def test_the_normalisation_keeps_what_does_not_vary(tmp_path):
    text = "rules version 0123456789ab, F 4.1182, 2025 H1, id 12"
    assert _normalise(text, tmp_path) == text
