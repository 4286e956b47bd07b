"""Runs the eligibility case corpus against the bundled rules: tests/cases/eligibility/*.yaml, classification.yaml
and policy.yaml, one case file per rule file (tests/test_advice_cases.py runs tests/cases/advice/ and needs.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from engine.decide.check import decide

from .conftest import patched_vendor

CASES_DIR = Path(__file__).parent / "cases"
WANT_KEYS = {"track", "supplier_type", "criteria", "verdicts", "fired", "not_fired", "not_evaluated", "overridden"}


CASE_FILES = sorted((CASES_DIR / "eligibility").glob("*.yaml")) + [CASES_DIR / "classification.yaml", CASES_DIR / "policy.yaml"]


def _load_cases() -> list:
    cases = []
    for path in CASE_FILES:
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            cases.append(pytest.param(case, id=f"{path.relative_to(CASES_DIR)}: {case.get('note', '?')}"))
    return cases


def test_case_files_mirror_rule_files():
    """One case file per rule file, of the same name (eligibility/, advice/, classification, policy, needs), and no other."""
    from engine.decide.bundle import bundle_root

    rules = bundle_root() / "rules"
    wanted = {p.relative_to(rules).as_posix() for pattern in ("eligibility/*.yaml", "advice/*.yaml", "classification.yaml", "policy.yaml", "needs.yaml")
              for p in rules.glob(pattern)}
    assert {p.relative_to(CASES_DIR).as_posix() for p in CASES_DIR.rglob("*.yaml")} == wanted


def test_corpus_is_not_empty():
    assert len(_load_cases()) >= 25


@pytest.mark.parametrize("case", _load_cases())
def test_case(case, rule_base):
    want = case.get("want")
    assert want, "a case without `want` proves nothing"
    assert set(want) <= WANT_KEYS, f"unknown expectation keys: {set(want) - WANT_KEYS}"
    decision = decide(rule_base, patched_vendor(case["vendor"], case.get("patch", {})))
    events = {e.rule: e for e in decision.trace}
    if "track" in want:
        assert decision.track == want["track"]
    if "supplier_type" in want:
        assert decision.supplier_type == want["supplier_type"]
    for cid, status in want.get("criteria", {}).items():
        assert decision.criteria[cid].status == status, cid
    for sid, status in want.get("verdicts", {}).items():
        assert decision.criteria[sid[0]].sub[sid].status == status, sid
    for rid in want.get("fired", []):
        assert events[rid].fired, f"{rid} should fire"
    for rid in want.get("not_fired", []):
        assert not events[rid].fired, f"{rid} should not fire"
    for rid in want.get("not_evaluated", []):
        assert events[rid].result == "not_evaluated", f"{rid} should be not_evaluated, got {events[rid].result}"
    for loser, winner in want.get("overridden", {}).items():
        assert events[loser].fired and not events[loser].applied
        assert events[loser].overridden_by == winner
