"""durable_rules' structural limits, found at load: every ruleset is created before any fact is sent."""

from __future__ import annotations

from ..compile.compiler import RuleBase, ruleset
from ..errors import RuleError
from ..messages import M
from .durable_adapter import RulesetRefused, engine

# durable's error codes for rulesets it will not create (rules.h of durable-rules 2.0.28).
_KNOWN = {113: "rule.durable_expressions", 108: "rule.durable_shared", 107: "rule.durable_exists"}


def refuse_over_limits(base: RuleBase) -> None:
    """Create every ruleset of `base` in durable; a RuleError at the first rule durable refuses."""
    for stage in base.stages:
        for part in stage.rulesets:
            try:
                engine().register(part.name, part.definition)
            except RulesetRefused as whole:
                rules = [base.by_id[rid] for rid in part.rule_ids]
                culprit, code = _first_refused(rules, whole.durable_code)
                key = _KNOWN.get(code, "rule.durable_other")
                raise RuleError(M(key, id=repr(culprit.id), code=code), culprit.location, M("hint.durable_split")) from None


def _first_refused(rules: list, code: int) -> tuple:
    """The first rule durable refuses on its own (else the first rule of the group) and the code."""
    for rule in rules:
        try:
            single = ruleset([rule])
            engine().register(single.name, single.definition)
        except RulesetRefused as alone:
            return rule, alone.durable_code
    return rules[0], code
