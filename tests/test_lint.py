"""`zhisuan rules lint`: clean on the bundled rules; each planted defect found at its file:line.

Each case plants one defect in a copy of the bundled rules (a new rule file, or one edit)
and names the check that must find it and where. A planted file's first rule starts on line 3 (its `when` on 6, its `then` on 7).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from engine.model.fields import FIELDS
from tests.conftest import run_cli

BUNDLED = Path(__file__).resolve().parents[1] / "rules"
NOTE = "then: {note: {zh: 注, en: note}}"


def _rule(rid: str, when: str, then: str = NOTE) -> str:
    return (f"  - id: {rid}\n    title: {{zh: 测试, en: test}}\n    source: \"report:§03 test\"\n"
            f"    when: {when}\n    {then}\n")


def _file(*rules: str) -> str:
    return "concern: {zh: 测试, en: planted}\nrules:\n" + "".join(rules)


_WIDE = "{any: [" + ", ".join(f"{{field: {f}, op: exists}}" for f in sorted(n for n, spec in FIELDS.items() if not spec.derived)[:64]) + "]}"
_FOURTEEN = "{all: [" + ", ".join(f"{{field: S, op: '>=', value: {i + 1}}}" for i in range(14)) + "]}"

# (name, planted file under rules/, its text, check, line, words the message must hold)
PLANTED = [
    ("unknown field", "eligibility/zz.yaml", _file(_rule("zz.a", "{field: business.cores, op: exists}")),
     "load", 6, "business.cores"),
    ("unknown key in a rule", "eligibility/zz.yaml",
     _file(_rule("zz.a", "{field: S, op: '>', value: 1}") + "    priority: 3\n"), "load", 8, "priority"),
    ("eligibility rule reading a buyer field", "eligibility/zz.yaml",
     _file(_rule("zz.a", "{field: profile.segment, op: '==', value: large}")),
     "eligibility-reads-profile", 6, "profile.segment"),
    ("eligibility rule with an advice effect", "eligibility/zz.yaml",
     _file(_rule("zz.a", "{field: S, op: '>', value: 1}", "then: {exclude: {zh: 排除, en: out}}")),
     "advice-effect-in-eligibility", 7, "exclude"),
    ("advice rule writing a classification", "advice/zz.yaml",
     _file(_rule("zz.a", "{field: profile.segment, op: '==', value: large}", "then: {track: core}")),
     "eligibility-effect-in-advice", 7, "track"),
    ("a condition that can never be true", "eligibility/zz.yaml",
     _file(_rule("zz.a", "{all: [{field: S, op: '>=', value: 50}, {field: S, op: '<', value: 20}]}")),
     "never-true", 6, "'S'"),
    ("an any none of whose branches can be true", "eligibility/zz.yaml",
     _file(_rule("zz.a", "{any: [{field: R, op: '>', value: 1}, {field: S, op: '<', value: 1}]}")),
     "never-true", 6, "none of the branches of its any"),
    ("a negated comparison that contradicts another", "eligibility/zz.yaml",
     _file(_rule("zz.a", "{all: [{field: S, op: '>=', value: 50}, {not: {field: S, op: '>=', value: 20}}]}")),
     "never-true", 6, "'S'"),
    ("a contradiction across a nested all", "eligibility/zz.yaml",
     _file(_rule("zz.a", "{all: [{all: [{field: R, op: '>=', value: 0.5}]}, {field: R, op: '<', value: 0.25}]}")),
     "never-true", 6, "'R'"),
    ("one all of 14 comparisons (durable error 113)", "eligibility/zz.yaml",
     _file(_rule("zz.a", _FOURTEEN)), "load", 3, "error 113"),
    ("an any of 64 branches that can all hold (durable error 303 at run time)", "eligibility/zz.yaml",
     _file(_rule("zz.a", _WIDE)), "load", 3, "64 of its branches can hold at once"),
    ("ids differing only in case", "eligibility/zz.yaml",
     _file(_rule("zz.a", "{field: S, op: '>', value: 1}"), _rule("ZZ.A", "{field: S, op: '>', value: 2}")),
     "load", 8, "only in case"),
    ("an advice id differing from an eligibility id only in case", "advice/zz.yaml",
     _file(_rule("t1", "{field: profile.segment, op: '==', value: large}", "then: {score: {points: 0.5, group: zz, reason: {zh: 加分, en: plus}}}")),
     "load", 3, "eligibility rule too"),
]


def _copy(tmp_path: Path) -> Path:
    rules = tmp_path / "rules"
    shutil.copytree(BUNDLED, rules)
    return rules


def _lint(rules: Path, *extra: str):
    return run_cli("rules", "lint", "--rules", str(rules), *extra)


def test_the_bundled_rules_are_clean():
    result = run_cli("rules", "lint")
    assert result.code == 0, result.out
    assert result.out.startswith("no findings: ")


@pytest.mark.parametrize("name, planted, text, check, line, words", PLANTED, ids=[p[0] for p in PLANTED])
def test_each_planted_defect_is_found_at_its_line(tmp_path, name, planted, text, check, line, words):
    rules = _copy(tmp_path)
    (rules / planted).write_text(text, encoding="utf-8")
    result = _lint(rules)
    assert result.code == 1, result.out + result.err
    assert "Traceback" not in result.out + result.err
    where = f"{rules}/{planted}:{line}: {check}: "
    hits = [row for row in result.out.splitlines() if row.startswith(where)]
    assert hits, f"{where!r} not in:\n{result.out}"
    assert words in hits[0], hits[0]
    document = json.loads(_lint(rules, "--format", "json").out)
    assert {"check": check, "file": f"{rules}/{planted}", "line": line} in [
        {k: f[k] for k in ("check", "file", "line")} for f in document["findings"]]


def test_a_value_missing_from_the_conflict_policy_is_found_at_the_rule_that_writes_it(tmp_path):
    rules = _copy(tmp_path)
    policy = rules / "policy.yaml"
    policy.write_text(policy.read_text(encoding="utf-8").replace("track: [out, partial, core]", "track: [out, core]"), encoding="utf-8")
    result = _lint(rules)
    assert result.code == 1
    assert "no conflict order" in result.out or "policy" in result.out, result.out
    assert any(": load: " in row and "'partial'" in row for row in result.out.splitlines()), result.out


def test_every_command_refuses_what_durable_cannot_take_at_the_rule_line(tmp_path):
    rules = _copy(tmp_path)
    (rules / "eligibility/zz.yaml").write_text(_file(_rule("zz.a", _FOURTEEN)), encoding="utf-8")
    for command in (("check", "huawei"), ("rank", "dongguan-factory-smb"), ("rules", "list")):
        result = run_cli(*command, "--rules", str(rules))
        assert result.code == 2, (command, result.err)
        assert f"{rules}/eligibility/zz.yaml:3" in result.err and "error 113" in result.err, result.err
        assert "Traceback" not in result.err


def test_zh_findings_are_in_chinese(tmp_path):
    rules = _copy(tmp_path)
    (rules / "eligibility/zz.yaml").write_text(PLANTED[5][2], encoding="utf-8")
    result = _lint(rules, "--lang", "zh")
    assert result.code == 1 and "永远不可能成立" in result.out and "发现 1 个问题" in result.out, result.out


def test_defects_in_eligibility_and_advice_rules_are_found_in_one_run(tmp_path):
    rules = _copy(tmp_path)
    (rules / "eligibility/zz.yaml").write_text(_file(_rule("zz.a", "{field: business.cores, op: exists}")), encoding="utf-8")
    (rules / "advice/zz.yaml").write_text(_file(_rule("zz.b", "{field: profile.segmentt, op: exists}")), encoding="utf-8")
    out = _lint(rules).out
    assert f"{rules}/eligibility/zz.yaml:6: load: " in out and f"{rules}/advice/zz.yaml:6: load: " in out, out


def test_satisfiable_conditions_are_not_flagged(tmp_path):
    rules = _copy(tmp_path)
    fine = [
        "{all: [{field: S, op: '>=', value: 20}, {field: S, op: '<', value: 20.01}]}",  # S = 20
        "{all: [{field: S, op: '>=', value: 50}, {not: {field: S, op: '<', value: 20}}]}",
        "{all: [{field: R, op: in, value: [0.1, 0.2]}, {field: R, op: '!=', value: 0.1}]}",
        "{all: [{field: chips, op: contains, value: nvidia}, {field: chips, op: contains, value: ascend}]}",
        "{any: [{field: S, op: '>', value: 99.99}, {field: S, op: '<', value: 1}]}",
        "{not: {field: S, op: exists}}",
    ]
    (rules / "eligibility/zz.yaml").write_text(_file(*(_rule(f"zz.{i}", w) for i, w in enumerate(fine))), encoding="utf-8")
    result = _lint(rules)
    assert result.code == 0, result.out


@pytest.mark.parametrize("folder", ["missing", "empty"])
def test_a_folder_that_is_not_a_rules_folder_is_bad_input_not_a_finding(tmp_path, folder):
    target = tmp_path / folder
    if folder == "empty":
        target.mkdir()
    result = _lint(target)
    assert result.code == 2 and result.out == "" and "Traceback" not in result.err


def test_one_finding_is_said_in_the_singular(tmp_path):
    rules = _copy(tmp_path)
    (rules / "eligibility/zz.yaml").write_text(
        _file(_rule("zz.a", "{all: [{field: S, op: '>=', value: 50}, {field: S, op: '<', value: 20}]}")), encoding="utf-8")
    result = _lint(rules, "--lang", "en")
    assert result.code == 1 and "1 finding (0 refused at load)" in result.out and "1 findings" not in result.out, result.out
