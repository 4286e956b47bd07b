"""Golden CLI outputs: args → exit code, stdout, stderr, compared byte for byte."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml

from .conftest import run_cli

GOLDEN = Path(__file__).parent / "golden"
CASES = yaml.safe_load((GOLDEN / "cases.yaml").read_text(encoding="utf-8"))
UPDATE = os.environ.get("ZHISUAN_UPDATE_GOLDEN") == "1"


def _normalise(text: str) -> str:
    """Replace the rules version (it changes with every rule edit) by a placeholder."""
    text = re.sub(r"\b[0-9a-f]{64}\b", "<RULES_VERSION>", text)
    text = re.sub(r'"tool_version": "[^"]*"', '"tool_version": "<TOOL_VERSION>"', text)  # installed or not
    return re.sub(r"(rules version|规则版本) [0-9a-f]{12}\b", r"\1 <RV>", text)


def _transcript(args: list[str]) -> str:
    result = run_cli(*args)
    return _normalise(
        f"$ zhisuan {' '.join(args)}\nexit: {result.code}\n--- stdout\n{result.out}--- stderr\n{result.err}"
    )


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_golden(case):
    path = GOLDEN / "expected" / f"{case['name']}.txt"
    actual = _transcript(case["args"])
    if UPDATE:
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"no golden file {path}; run with ZHISUAN_UPDATE_GOLDEN=1 and review it"
    assert actual == path.read_text(encoding="utf-8")


def test_every_golden_file_has_a_case():
    names = {c["name"] for c in CASES} | {f"pty80_{n}" for n in ("check_en", "check_zh", "rank_en", "rank_zh")}
    assert {p.stem for p in (GOLDEN / "expected").glob("*.txt")} <= names
