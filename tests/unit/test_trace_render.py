"""The text trace shows all/any/not, and says when the rules overrode a recorded status."""

from __future__ import annotations

import yaml

from engine.model.decision import ConditionTrace
from engine.render.describe import condition_tree_lines

from ..conftest import raw_vendor, run_cli


def _leaf(path: str, result: str, field: str = "f") -> ConditionTrace:
    return ConditionTrace(path=path, field=field, op="==", expected="x", actual="y", result=result)


def test_a_not_over_a_false_leaf_shows_as_true():
    lines = condition_tree_lines([_leaf("when.any[0].not", "false"), _leaf("when.any[1]", "false")], "en")
    assert lines[0] == "any ✓" and lines[1] == "  not ✓" and lines[2].startswith("    ✗ f ==")


def test_three_valued_composites():
    assert condition_tree_lines([_leaf("when.all[0]", "true"), _leaf("when.all[1]", "not_evaluated")], "en")[0] == "all ?"
    assert condition_tree_lines([_leaf("when.all[0]", "false"), _leaf("when.all[1]", "not_evaluated")], "en")[0] == "all ✗"
    assert condition_tree_lines([_leaf("when.any[0]", "true"), _leaf("when.any[1]", "not_evaluated")], "en")[0] == "any ✓"


def test_a_single_condition_has_no_structure_line():
    assert len(condition_tree_lines([_leaf("when", "true")], "en")) == 1


def _vendor_with(tmp_path, **changes) -> str:
    data = raw_vendor("coreshub")
    data["id"] = "cx"
    for key, value in changes.items():
        data[key]["values"] = value
    path = tmp_path / "cx.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return str(path)


def test_a_fired_rule_never_shows_only_failed_lines(tmp_path):
    out = run_cli("check", "--file", _vendor_with(tmp_path, pricing=["annual"]), "--explain", "full", "--lang", "en").out
    block = out.split("✓ C1.not_met", 1)[1].split("\n    ├── ", 1)[0]
    assert "any ✓" in block and "not ✓" in block


def test_an_overridden_recorded_status_is_said_with_the_rule_that_decided(tmp_path):
    out = run_cli("check", "--file", _vendor_with(tmp_path, pricing=["annual"]), "--explain", "fails", "--lang", "en").out
    flat = " ".join(line.strip("│├└─ ") for line in out.splitlines())
    assert "P1 ✗ not met" in flat and "(recorded as met; the rule P1.not_met decided otherwise from the facts" in flat
