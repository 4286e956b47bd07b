"""`rules show ID --compiled`: one rule from its YAML to the durable pattern and the tree whose paths the trace names."""

from __future__ import annotations

import json

from engine.decide.check import decide
from engine.decide.knowledge import load_advice_knowledge

from .conftest import patched_vendor, run_cli


def _paths(tree: dict) -> set[str]:
    return {tree["path"]} | {p for child in tree.get("children", []) for p in _paths(child)}


def test_the_compiled_form_is_what_durable_is_given_and_what_the_trace_names():
    kb = load_advice_knowledge()
    shown = json.loads(run_cli("rules", "show", "T.partial", "--compiled", "--format", "json").out)["compiled"]
    stage = kb.eligibility.stages[shown["stage"] - 1]
    ruleset = next(rs for rs in stage.rulesets if rs.name == shown["ruleset"]["name"])
    assert "T.partial" in ruleset.rule_ids and shown["ruleset"]["rules"] == list(ruleset.rule_ids)
    assert shown["pattern"] == ruleset.definition["T.partial"]["all"][0]["m"]  # exactly what is registered
    assert {"path": "when.all[0]", "field": "shares.T", "op": ">", "engine_value": 0, "engine_name": "shares__T"} in shown["tree"]["children"]
    event = next(e for e in decide(kb.eligibility, patched_vendor("huawei", {})).trace if e.rule == "T.partial")
    assert {c.path for c in event.conditions} <= _paths(shown["tree"])  # the trace's condition paths are the tree's


def test_the_text_names_the_ruleset_the_pattern_and_the_tree_in_the_users_language():
    en = run_cli("rules", "show", "p1", "--compiled", "--lang", "en")
    assert en.code == 0
    assert "durable ruleset zs_" in en.out and '{"$iany": {"pricing": {"$i": "pay_as_you_go"}}}' in en.out
    assert "when.any[3].all[1]: sub.P1.status == 'met'  (sub__P1__status)" in en.out
    zh = run_cli("rules", "show", "P1", "--compiled", "--lang", "zh").out
    assert "durable 规则集 zs_" in zh and "在 Python 中求值的条件树" in zh
    assert "Compiled form" not in run_cli("rules", "show", "P1", "--lang", "en").out  # only when asked


def test_an_unknown_rule_with_compiled_is_the_usual_usage_error():
    result = run_cli("rules", "show", "P9", "--compiled", "--lang", "en")
    assert result.code == 2 and "unknown rule 'P9'" in result.err and result.out == ""
    assert "did you mean 'T.partial'" in run_cli("rules", "show", "T.partail", "--compiled", "--lang", "en").err
