"""The compiler: stages from reads and writes, cycles, unset derived fields, duplicate ids."""

from __future__ import annotations

import pytest

from engine.compile.compiler import SourcedRule, compile_rules
from engine.errors import Location, RuleError
from engine.model.rules import Policy, Rule

POLICY = Policy.model_validate(
    {"conflicts": {"verdict": ["not_met", "met"], "criterion": ["not_met", "partial", "met"],
                   "track": ["out", "partial", "core"], "supplier_type": ["ai_company", "internet_cloud", "independent"]}}
)


def _rule(rid: str, when: dict, then: dict) -> SourcedRule:
    rule = Rule.model_validate(
        {"id": rid, "title": {"zh": rid, "en": rid}, "source": "report:§03 test", "when": when, "then": then}
    )
    return SourcedRule(rule, lambda path, rid=rid: Location(f"{rid}.yaml", 1))


def test_a_rule_reading_a_derived_field_runs_after_its_writer():
    base = compile_rules(
        [
            _rule("reader", {"field": "supplier_type", "op": "==", "value": "independent"}, {"track": "core"}),
            _rule("writer", {"field": "business.core", "op": "==", "value": "ai_compute_cloud"},
                  {"supplier_type": "independent"}),
        ],
        POLICY,
        "v",
    )
    assert base.by_id["writer"].stratum == 1
    assert base.by_id["reader"].stratum == 2


def test_a_cycle_between_rules_is_an_error_naming_the_cycle():
    with pytest.raises(RuleError, match="cycle"):
        compile_rules(
            [
                _rule("a", {"field": "track", "op": "==", "value": "core"}, {"supplier_type": "independent"}),
                _rule("b", {"field": "supplier_type", "op": "==", "value": "independent"}, {"track": "core"}),
            ],
            POLICY,
            "v",
        )


def test_reading_a_derived_field_that_no_rule_sets_is_an_error():
    with pytest.raises(RuleError, match="no rule sets"):
        compile_rules([_rule("a", {"field": "track", "op": "==", "value": "core"}, {"supplier_type": "independent"})],
                      POLICY, "v")


def test_duplicate_rule_ids_are_an_error():
    rule = _rule("a", {"field": "business.core", "op": "exists"}, {"track": "core"})
    with pytest.raises(RuleError, match="duplicate rule id"):
        compile_rules([rule, rule], POLICY, "v")


def test_stage_names_depend_only_on_compiled_content():
    rules = [_rule("a", {"field": "business.core", "op": "exists"}, {"track": "core"})]
    assert compile_rules(rules, POLICY, "v1").stages[0].name == compile_rules(rules, POLICY, "v2").stages[0].name
    other = [_rule("a", {"field": "business.core", "op": "exists"}, {"track": "out"})]
    # Effects run in Python, not in durable: the same conditions share one ruleset.
    assert compile_rules(other, POLICY, "v").stages[0].name == compile_rules(rules, POLICY, "v").stages[0].name
    changed = [_rule("a", {"field": "business.core", "op": "==", "value": "general_cloud"}, {"track": "core"})]
    assert compile_rules(changed, POLICY, "v").stages[0].name != compile_rules(rules, POLICY, "v").stages[0].name


def test_a_stage_over_the_durable_limit_is_refused_at_load_not_hung_at_run_time():
    from engine.compile.compiler import MAX_RULES_PER_STAGE

    rules = [
        _rule(f"r{i:04d}", {"field": "R", "op": ">=", "value": (i + 1) / 10_000}, {"note": {"zh": "n", "en": "n"}})
        for i in range(MAX_RULES_PER_STAGE + 1)
    ]
    with pytest.raises(RuleError, match="over the limit of 500") as caught:
        compile_rules(rules, POLICY, "v")
    assert str(caught.value.location) == f"r{MAX_RULES_PER_STAGE:04d}.yaml:1"
    assert len(compile_rules(rules[:MAX_RULES_PER_STAGE], POLICY, "v").by_id) == MAX_RULES_PER_STAGE
