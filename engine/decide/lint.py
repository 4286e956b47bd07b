"""`rules lint`: what loading refuses, plus rules that load but can never fire or act as meant."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..compile.compiler import SourcedRule
from ..compile.satisfiable import never_true
from ..compile.tree import build
from ..errors import EngineUnavailableError, RuleError, ZhisuanError, flatten
from ..messages import M
from ..model.fields import FIELDS
from .knowledge import ADVICE_RULES, ELIGIBILITY_RULES, load_advice_knowledge, load_rule_base, read_rules

__all__ = ["DERIVED", "Finding", "LintReport", "lint_rules"]

# Effects that belong to the other kind of rule.
_ADVICE_EFFECTS = {"exclude", "score"}
_PROFILE_PREFIXES = ("profile.", "match.", "need.")
DERIVED = frozenset(name for name, spec in FIELDS.items() if spec.derived)


@dataclass(frozen=True)
class Finding:
    """One problem: which check found it and the error (message, file:line, hint)."""

    check: str
    error: ZhisuanError

    def sort_key(self) -> tuple:
        """File, then line, then check: the order findings are printed in."""
        where = self.error.location
        return (where.file if where else "", (where.line or 0) if where else 0, self.check)


@dataclass(frozen=True)
class LintReport:
    """Every finding, sorted by file and line, and how many rules were read."""

    findings: list[Finding]
    rules: int


def lint_rules(rules_dir: Path | None = None) -> LintReport:
    """Every finding for the rules in rules_dir (default: bundled), sorted by file and line; and how many rules were read.

    A folder that is not a rules folder, or a broken installation, is raised, not reported as a finding.
    """
    sources = {False: read_rules(rules_dir, ELIGIBILITY_RULES, strict=False),  # the folder itself: raised
               True: read_rules(rules_dir, ADVICE_RULES, strict=False)}
    findings: list[Finding] = []
    try:
        load_advice_knowledge(rules_dir)
    except EngineUnavailableError:
        raise
    except ZhisuanError as exc:
        findings += [Finding("load", e) for e in flatten(exc)]
        try:  # loading stops at the first rule base: the advice rules on their own, whatever eligibility sets
            load_rule_base(rules_dir, ADVICE_RULES, given=DERIVED)
        except ZhisuanError as advice:
            findings += [Finding("load", e) for e in flatten(advice)]
    for is_advice, (sourced, _) in sources.items():
        for item in sourced:
            findings += _rule_findings(item, is_advice)
    unique = {(f.check, str(f.error.location), f.error.message): f for f in findings}
    return LintReport(sorted(unique.values(), key=Finding.sort_key), sum(len(s) for s, _ in sources.values()))


def _rule_findings(item: SourcedRule, is_advice: bool) -> list[Finding]:
    rule = item.rule
    rid = repr(rule.id)
    try:
        node = build(rule.when, ("when",), item.locate)
    except RuleError:
        return []  # an unknown field or value: loading reports it
    found = []
    if not is_advice:
        for leaf in node.leaves():
            if leaf.leaf.field.startswith(_PROFILE_PREFIXES):
                found.append(Finding("eligibility-reads-profile", RuleError(
                    M("lint.reads_profile", id=rid, field=repr(leaf.leaf.field)), leaf.location, M("hint.lint_reads_profile"))))
        if rule.then.kind in _ADVICE_EFFECTS:
            found.append(Finding("advice-effect-in-eligibility", RuleError(
                M("lint.advice_effect", id=rid, kind=rule.then.kind), item.locate(("then",)), M("hint.lint_advice_effect"))))
    elif rule.then.writes() is not None:
        field = rule.then.writes()[0]
        found.append(Finding("eligibility-effect-in-advice", RuleError(
            M("lint.writes_verdict", id=rid, field=field), item.locate(("then",)), M("hint.lint_writes_verdict"))))
    blocked = never_true(node)
    if blocked is not None:
        culprit, field = blocked
        problem = M("lint.never_true_any", id=rid) if field is None else M("lint.never_true", id=rid, field=repr(field))
        found.append(Finding("never-true", RuleError(problem, culprit.location, M("hint.lint_never_true"))))
    return found
