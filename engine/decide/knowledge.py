"""The knowledge a decision needs: the rule files read, validated and compiled, with the weights and the report's data."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..compile.compiler import WIDTH_PER_RULESET, CompiledRule, RuleBase, Ruleset, SourcedRule, compile_rules
from ..compile.durable_form import rule_pattern, width
from ..errors import LoadError, Location, RuleError, UsageError, ZhisuanError, flatten, raise_all
from ..loader.validate import validate
from ..loader.yaml_source import load, parse, read_text
from ..messages import M
from ..model.needs import NeedsFile
from ..model.report import Figures, Policies
from ..model.rules import ConflictPolicy, RuleFile
from ..model.weights import WeightsFile
from ..runtime.limits import refuse_over_limits
from ..suggest import did_you_mean
from .bundle import bundle_root, display_name, display_root, inside, rules_folder
from .identity import rules_identity
from .needs import CompiledNeed, compile_need

__all__ = ["ADVICE_RULES", "ELIGIBILITY_RULES", "AdviceKnowledge", "CompiledForm", "compiled_form", "load_advice_knowledge",
           "load_needs", "load_report_data", "load_rule_base", "read_rules"]

ELIGIBILITY_RULES = ("eligibility/*.yaml", "classification.yaml")
ADVICE_RULES = ("advice/*.yaml",)


def read_rules(
    rules_dir: Path | None = None, patterns: tuple[str, ...] = ELIGIBILITY_RULES, strict: bool = True
) -> tuple[list[SourcedRule], ConflictPolicy | None]:
    """The validated rules of the files matching `patterns` in rules_dir (default: bundled), and the policy.

    `strict=False` skips files that do not load (what `rules lint` reads beside the load errors);
    a missing folder or no matching file is raised either way.
    """
    root = display_root(rules_dir)
    rules_dir = rules_folder(rules_dir)
    if not rules_dir.is_dir():
        raise LoadError(M("load.no_rules_folder"), Location(str(rules_dir)), M("hint.rules_folder"))
    files = sorted({p for pat in patterns for p in rules_dir.glob(pat)})
    if not files:
        raise LoadError(M("load.no_rule_files"), Location(str(rules_dir)), M("hint.expected_files", files=", ".join(patterns)))
    sourced: list[SourcedRule] = []
    errors: list[ZhisuanError] = []  # every file's problems at once
    policy = None
    for path in files + [rules_dir / "policy.yaml"]:
        display = display_name(path, root)
        try:
            text = read_text(inside(path, rules_dir, display), display)
            doc = parse(text, display)
            if path.name == "policy.yaml":
                policy = validate(ConflictPolicy, doc)
                continue
            rule_file = validate(RuleFile, doc)
        except ZhisuanError as exc:
            errors += flatten(exc)
            continue
        for i, rule in enumerate(rule_file.rules):
            sourced.append(SourcedRule(rule, lambda p, d=doc, i=i: d.locate(("rules", i) + tuple(p))))
    if strict:
        raise_all(errors)
    return sourced, policy


def load_rule_base(
    rules_dir: Path | None = None,
    patterns: tuple[str, ...] = ELIGIBILITY_RULES,
    given: frozenset[str] = frozenset(),
    version: str | None = None,
) -> RuleBase:
    """Load, validate and compile the rule files matching `patterns` in rules_dir (default: bundled).

    `version` is the rules version when the caller has it already (else the files are hashed here).
    """
    sourced, policy = read_rules(rules_dir, patterns)
    base = compile_rules(sourced, policy, version or rules_identity(rules_dir).version, given)
    refuse_over_limits(base)  # every command refuses what durable would fail on, at the rule's line
    return base


def load_report_data(root: Path | None = None) -> tuple[Figures, Policies]:
    """The report's figures and policies from profiles/report/."""
    folder = (root or bundle_root()) / "profiles" / "report"
    figures = validate(Figures, load(folder / "figures.yaml", "profiles/report/figures.yaml"))
    policies = validate(Policies, load(folder / "policies.yaml", "profiles/report/policies.yaml"))
    return figures, policies


@dataclass(frozen=True)
class AdviceKnowledge:
    """What `rank` needs: eligibility rules, advice rules, weights, and one version for all."""

    eligibility: RuleBase
    advice: RuleBase
    weights: WeightsFile
    version: str
    figures: Figures
    policies: Policies
    needs: tuple[CompiledNeed, ...] = ()  # rules/needs.yaml, in its order

    def all_rules(self) -> dict:
        """Every rule of both bases by id."""
        return {**self.eligibility.by_id, **self.advice.by_id}

    def rule(self, rule_id: str):
        """The rule `rule_id`, whatever its case (ids never differ only in case); a usage error with the nearest id."""
        rules = self.all_rules()
        found = rules.get(rule_id) or {rid.lower(): r for rid, r in rules.items()}.get(rule_id.lower())
        if found is None:
            raise UsageError(M("error.unknown_rule", id=rule_id), hint=did_you_mean(rule_id, rules) or M("hint.rules_list"))
        return found


def load_advice_knowledge(rules_dir: Path | None = None) -> AdviceKnowledge:
    """Load the eligibility and advice rule bases and the weights file."""
    version = rules_identity(rules_dir).version  # every rule file hashed once for both bases
    eligibility = load_rule_base(rules_dir, version=version)
    provided = frozenset(r.writes for r in eligibility.by_id.values() if r.writes)
    advice = load_rule_base(rules_dir, ADVICE_RULES, given=provided, version=version)
    weights = validate(WeightsFile, _rules_document(rules_dir, "weights.yaml"))
    needs = load_needs(rules_dir)
    eligibility_ids = {rule_id.lower(): rule for rule_id, rule in eligibility.by_id.items()}
    for rule_id, rule in advice.by_id.items():
        other = eligibility_ids.get(rule_id.lower())  # ids differing only in case are one id to a reader
        if other is not None:
            raise RuleError(M("rule.id_in_both", id=repr(other.id), at=str(other.location)), rule.location, M("hint.rule_ids_case"))
    figures, policies = load_report_data()  # the report's own data, whichever rules are used
    return AdviceKnowledge(eligibility, advice, weights, version, figures, policies, needs)


def load_needs(rules_dir: Path | None = None) -> tuple[CompiledNeed, ...]:
    """rules/needs.yaml validated, each condition checked against the field catalogue at its line."""
    doc = _rules_document(rules_dir, "needs.yaml")
    needs_file = validate(NeedsFile, doc)
    errors: list[ZhisuanError] = []
    compiled = []
    for i, spec in enumerate(needs_file.needs):
        try:
            compiled.append(compile_need(spec, i, doc.locate))
        except ZhisuanError as exc:
            errors += flatten(exc)
    raise_all(errors)
    return tuple(compiled)


def _rules_document(rules_dir: Path | None, name: str):
    """The parsed file `name` of the rules folder (default: bundled), refused if it links outside it."""
    folder = rules_folder(rules_dir)
    path = folder / name
    display = display_name(path, display_root(rules_dir))
    return parse(read_text(inside(path, folder, display), display), display)


@dataclass(frozen=True)
class CompiledForm:
    """One rule as the engine runs it: its rule base and stage, the durable ruleset it is registered in
    (with the other rules there), the pattern durable matches, and the condition tree Python evaluates."""

    rule: CompiledRule
    base: str  # eligibility or advice
    stage: int  # 1-based, in its rule base
    stages: int
    ruleset: Ruleset
    ruleset_width: int  # the widths of all its rules, of WIDTH_PER_RULESET
    pattern: dict
    width: int
    limit: int = WIDTH_PER_RULESET


def compiled_form(kb: AdviceKnowledge, rule_id: str) -> CompiledForm:
    """Where and how rule `rule_id` runs (a usage error with the nearest id when there is no such rule)."""
    rule = kb.rule(rule_id)
    for base_name, base in (("eligibility", kb.eligibility), ("advice", kb.advice)):
        for number, stage in enumerate(base.stages, 1):
            for ruleset in stage.rulesets:
                if rule.id in ruleset.rule_ids:
                    used = sum(width(rule_pattern(base.by_id[rid].condition)) for rid in ruleset.rule_ids)
                    pattern = ruleset.definition[rule.id]["all"][0]["m"]
                    return CompiledForm(rule, base_name, number, len(base.stages), ruleset, used, pattern, width(pattern))
    raise LookupError(f"rule {rule.id} is in no ruleset")  # every loaded rule is: a bug if not
