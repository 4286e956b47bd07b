"""`rules coverage`: over the vendors and a profile corpus, which rules fire and which change an outcome.

A rule changes an outcome when leaving it out changes a classification (eligibility rules,
over the vendors) or a ranking (advice rules, over the profiles): each rule that fires is
left out once and everything is decided again.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from ..compile.compiler import RuleBase, compile_rules
from ..errors import RuleError
from ..explain.changes import check_changes, rank_changes
from ..model.profile import Profile
from ..model.vendor import Vendor
from .check import check
from .inputs import load_vendors
from .knowledge import ADVICE_RULES, ELIGIBILITY_RULES, AdviceKnowledge, load_advice_knowledge, read_rules
from .rank import Eligibility, RankOptions, rank

__all__ = ["Coverage", "RuleCoverage", "rule_coverage"]

_QUIET = RankOptions(weights={}, draws=0, explain="off", assess=False)


@dataclass(frozen=True)
class RuleCoverage:
    """One rule: where it is, how often it fired and how often leaving it out changes an outcome."""

    rule: str
    base: str  # eligibility or advice
    location: str
    fired: int  # vendors (eligibility) or profile × vendor pairs (advice) it fired for
    changed: int | None  # vendors or profiles whose outcome changes without it; None: other rules read what it sets
    out_of: int  # vendors (eligibility) or profiles (advice) decided


@dataclass(frozen=True)
class Coverage:
    """Every rule's coverage over `vendors` vendors and `profiles` profiles."""

    rules: list[RuleCoverage]
    vendors: int
    profiles: int


def rule_coverage(rules_dir: Path | None, profiles: list[tuple[Profile, str]]) -> Coverage:
    """Fire counts and outcome changes of every rule over the bundled vendors and `profiles`."""
    kb = load_advice_knowledge(rules_dir)
    vendors = [lv.vendor for lv in load_vendors()]
    checked = check(kb.eligibility, vendors, "full")
    fired_e = Counter(e.rule for d in checked.vendors for e in d.trace if e.fired)
    eligibility = Eligibility(kb)
    full = RankOptions(weights={}, draws=0, explain="full", assess=False)
    rankings = [rank(kb, profile, vendors, name, full, eligibility) for profile, name in profiles]
    fired_a = Counter(e.rule for r in rankings for item in r.ranking + r.excluded for e in item.trace if e.fired)
    found = []
    sourced, policy = read_rules(rules_dir, ELIGIBILITY_RULES)
    before = check(kb.eligibility, vendors, "off").model_dump(mode="json")
    for rid, rule in kb.eligibility.by_id.items():
        changed = None
        if fired_e[rid]:
            without = _without(sourced, policy, rid, kb.version)
            if without is not None:
                after = check(without, vendors, "off").model_dump(mode="json")
                changed = len({c.vendor for c in check_changes(before, after)})
        found.append(RuleCoverage(rid, "eligibility", rule.where, fired_e[rid], changed if fired_e[rid] else 0, len(vendors)))
    sourced, policy = read_rules(rules_dir, ADVICE_RULES)
    given = frozenset(r.writes for r in kb.eligibility.by_id.values() if r.writes)
    ranked = _ranked(kb, eligibility, vendors, profiles)
    for rid, rule in kb.advice.by_id.items():
        changed = None
        if fired_a[rid]:
            without = _without(sourced, policy, rid, kb.version, given)
            if without is not None:
                after = _ranked(replace(kb, advice=without), eligibility, vendors, profiles)
                changed = sum(bool(rank_changes(a, b)) for a, b in zip(ranked, after))
        found.append(RuleCoverage(rid, "advice", rule.where, fired_a[rid], changed if fired_a[rid] else 0, len(profiles)))
    return Coverage(found, len(vendors), len(profiles))


def _ranked(kb: AdviceKnowledge, eligibility: Eligibility, vendors: list[Vendor], profiles) -> list[dict]:
    return [rank(kb, p, vendors, name, _QUIET, eligibility).model_dump(mode="json") for p, name in profiles]


def _without(sourced, policy, rule_id: str, version: str, given: frozenset[str] = frozenset()) -> RuleBase | None:
    """The rule base without `rule_id`, or None when other rules read a field only it sets."""
    try:
        return compile_rules([s for s in sourced if s.rule.id != rule_id], policy, version, given)
    except RuleError:
        return None
