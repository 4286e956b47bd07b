"""The compiler: stages from reads and writes, cycles, unset derived fields, duplicate ids."""

from __future__ import annotations

import pytest

from engine.compile.compiler import SourcedRule, compile_rules
from engine.errors import Location, RuleError
from engine.model.rules import ConflictPolicy, Rule

POLICY = ConflictPolicy.model_validate(
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


def test_ruleset_names_depend_only_on_compiled_content():
    rules = [_rule("a", {"field": "business.core", "op": "exists"}, {"track": "core"})]

    def name(base):
        return base.stages[0].rulesets[0].name

    assert name(compile_rules(rules, POLICY, "v1")) == name(compile_rules(rules, POLICY, "v2"))
    other = [_rule("a", {"field": "business.core", "op": "exists"}, {"track": "out"})]
    # Effects run in Python, not in durable: the same conditions share one ruleset.
    assert name(compile_rules(other, POLICY, "v")) == name(compile_rules(rules, POLICY, "v"))
    changed = [_rule("a", {"field": "business.core", "op": "==", "value": "general_cloud"}, {"track": "core"})]
    assert name(compile_rules(changed, POLICY, "v")) != name(compile_rules(rules, POLICY, "v"))


def _firing(n: int) -> list:
    """n rules on one field, all true for R = 1 (durable failed such a stage from 65 with error 303)."""
    return [_rule(f"r{i:04d}", {"field": "R", "op": "!=", "value": (i + 2) / 10_000}, {"note": {"zh": "n", "en": "n"}})
            for i in range(n)]


def test_a_big_stage_is_split_into_rulesets_within_the_durable_limit():
    from engine.compile.compiler import WIDTH_PER_RULESET
    from engine.compile.durable_form import rule_pattern, width

    base = compile_rules(_firing(600), POLICY, "v")  # 512 rules in one ruleset hung durable
    stage = base.stages[0]
    assert len(stage.rules) == 600 and len(stage.rulesets) > 1
    assert [rid for part in stage.rulesets for rid in part.rule_ids] == [r.id for r in stage.rules]
    for part in stage.rulesets:
        assert sum(width(rule_pattern(base.by_id[rid].condition)) for rid in part.rule_ids) <= WIDTH_PER_RULESET


def test_a_stage_with_hundreds_of_rules_firing_at_once_evaluates():
    from engine.runtime.evaluate import run_facts
    from engine.runtime.limits import refuse_over_limits

    base = compile_rules(_firing(300), POLICY, "v")
    refuse_over_limits(base)
    facts, events = run_facts(base, {"R": 0.0001}, "probe")
    assert sum(e.fired for e in events) == 300


def test_a_condition_durable_cannot_take_is_refused_at_load_at_its_rule():
    from engine.runtime.limits import refuse_over_limits

    big = {"all": [{"field": "R", "op": ">=", "value": (i + 1) / 10_000} for i in range(14)]}
    rules = _firing(3) + [_rule("big", big, {"note": {"zh": "n", "en": "n"}})]
    with pytest.raises(RuleError, match=r"cannot take rule 'big'.*error 113") as caught:
        refuse_over_limits(compile_rules(rules, POLICY, "v"))
    assert str(caught.value.location) == "big.yaml:1"
    refuse_over_limits(compile_rules(rules[:-1] + [_rule("big", {"all": big["all"][:13]}, {"note": {"zh": "n", "en": "n"}})], POLICY, "v"))


def test_hundreds_of_rules_with_one_identical_condition_evaluate():
    from engine.runtime.evaluate import run_facts
    from engine.runtime.limits import refuse_over_limits

    # durable refused 257 identical conditions in one ruleset (error 108); split, they all fire
    same = [_rule(f"s{i:04d}", {"field": "R", "op": ">=", "value": 0.0001}, {"note": {"zh": "n", "en": "n"}}) for i in range(300)]
    base = compile_rules(same, POLICY, "v")
    refuse_over_limits(base)
    facts, events = run_facts(base, {"R": 5}, "probe")
    assert sum(e.fired for e in events) == 300


def test_a_rule_with_more_branches_that_can_hold_at_once_than_durable_takes_is_refused_at_load():
    from engine.compile.compiler import WIDTH_PER_RULESET
    from engine.model.fields import FIELDS
    from engine.runtime.evaluate import run_facts

    fields = sorted(f for f in FIELDS if not FIELDS[f].derived)[:64]  # all present: durable failed this fact with error 303 at run time
    wide = _rule("wide", {"any": [{"field": f, "op": "exists"} for f in fields]}, {"note": {"zh": "n", "en": "n"}})
    with pytest.raises(RuleError, match=r"cannot take rule 'wide': 64 of its branches can hold at once") as caught:
        compile_rules([wide], POLICY, "v")
    assert str(caught.value.location) == "wide.yaml:1"
    narrow = _rule("narrow", {"any": [{"field": f, "op": "exists"} for f in fields[:WIDTH_PER_RULESET]]}, {"note": {"zh": "n", "en": "n"}})
    facts = {f: (FIELDS[f].values[0] if FIELDS[f].kind == "enum" else ((FIELDS[f].values[0],) if FIELDS[f].kind == "list" else 1))
             for f in fields}
    assert [e.fired for e in run_facts(compile_rules([narrow], POLICY, "v"), facts, "probe")[1]] == [True]
