"""Rule models → checked, stratified rules and durable_rules ruleset definitions."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from ..errors import Location, RuleError, raise_all
from ..messages import M
from ..model.common import Text
from ..model.decision import EffectTrace
from ..model.fields import FIELDS
from ..model.rules import Effect, ConflictPolicy, Rule
from .durable_form import rule_pattern, width
from .tree import Node, build


def rule_effect(then: Effect) -> EffectTrace:
    """The flat form of a rule's `then`, made once and shared by every trace of the rule."""
    write = then.writes()
    note = then.note or then.exclude or (then.score.reason if then.score else None)
    return EffectTrace(
        kind=then.kind,
        field=write[0] if write else None,
        value=write[1] if write else None,
        note=Text(zh=note.zh, en=note.en) if note is not None else None,
        points=then.score.points if then.score else None,
        group=then.score.group if then.score else None,
    )


# durable_rules 2.0.28 fails a fact with error 303 when more than 64 alpha nodes wait on its match
# stack at once, and hangs on a ruleset of 512 rules (bench/durable_limits.py). A stage is sent
# to durable as several rulesets whose rules' widths (durable_form.width: the nodes a rule can
# keep waiting) add up to at most this, and a wider rule is refused at load: no fact, whatever
# it holds, can reach the limit (the root and the catch-all take the last places).
WIDTH_PER_RULESET = 60


@dataclass(frozen=True)
class CompiledRule:
    """A rule with its checked condition tree, stratum, origin and flattened effect."""

    rule: Rule
    condition: Node
    location: Location
    stratum: int
    reads: frozenset[str]
    writes: str | None
    effect: EffectTrace
    where: str  # str(location), made once: traces print it for every vendor

    @property
    def id(self) -> str:
        """The rule's id."""
        return self.rule.id


@dataclass(frozen=True)
class Ruleset:
    """Some rules of one stage, registered together as one durable ruleset.

    `inputs` pairs each field the rules read with its durable name: only these facts are
    sent to durable, which re-encodes the fact for every rule that fires.
    """

    name: str
    rule_ids: tuple[str, ...]
    definition: dict = field(hash=False, compare=False)
    inputs: tuple[tuple[str, str], ...] = ()

    def payload(self, facts: dict) -> dict:
        """The facts these rules read, under their durable names."""
        return {engine_name: facts[name] for name, engine_name in self.inputs if name in facts}


@dataclass(frozen=True)
class Stage:
    """The rules of one stratum (they read nothing another of them writes), in durable rulesets."""

    rules: tuple[CompiledRule, ...]
    rulesets: tuple[Ruleset, ...]


@dataclass(frozen=True)
class RuleBase:
    """Everything evaluation needs: stages in order, the rule table and the conflict policy."""

    stages: tuple[Stage, ...]
    by_id: dict[str, CompiledRule]
    policy: ConflictPolicy
    version: str

    def ordered(self) -> list[CompiledRule]:
        """All rules, by stratum then id."""
        return [r for stage in self.stages for r in stage.rules]


@dataclass(frozen=True)
class SourcedRule:
    """A validated rule plus a function that locates any YAML path inside it."""

    rule: Rule
    locate: object  # Callable[[tuple], Location]


def compile_rules(
    sourced: list[SourcedRule], policy: ConflictPolicy, version: str, given: frozenset[str] = frozenset()
) -> RuleBase:
    """Check rules against the catalogue, stratify them and build durable definitions.

    `given` names derived fields that an earlier rule base provides as inputs.
    """
    seen: dict[str, tuple[str, Location]] = {}  # lower-cased id → (id, where)
    checked: list[tuple[SourcedRule, Node]] = []
    errors: list[RuleError] = []  # every rule's problems at once
    for item in sourced:
        where = item.locate(("id",))
        key = item.rule.id.lower()
        if key in seen:
            first, at = seen[key]
            problem = (
                M("rule.duplicate_id", id=repr(first), at=str(at))
                if first == item.rule.id
                else M("rule.case_only_id", id=repr(item.rule.id), other=repr(first), at=str(at))
            )
            errors.append(RuleError(problem, where, M("hint.rule_ids_case")))
            continue
        seen[key] = (item.rule.id, where)
        try:
            checked.append((item, build(item.rule.when, ("when",), item.locate)))
        except RuleError as exc:
            errors.append(exc)
    raise_all(errors)
    _check_policy(policy, [i for i, _ in checked])
    strata = _stratify(checked, given)
    compiled = [
        CompiledRule(
            rule=item.rule,
            condition=node,
            location=item.locate(()),
            stratum=strata[item.rule.id],
            reads=frozenset(leaf.leaf.field for leaf in node.leaves()),
            writes=(item.rule.then.writes() or (None,))[0],
            effect=rule_effect(item.rule.then),
            where=str(item.locate(())),
        )
        for item, node in checked
    ]
    stages = []
    for level in sorted({c.stratum for c in compiled}):
        rules = tuple(sorted((c for c in compiled if c.stratum == level), key=lambda c: c.id))
        stages.append(Stage(rules, tuple(ruleset(part) for part in _split(rules))))
    return RuleBase(tuple(stages), {c.id: c for c in compiled}, policy, version)


def _split(rules: tuple[CompiledRule, ...]) -> list[tuple[CompiledRule, ...]]:
    """Consecutive groups of rules whose widths add up to at most WIDTH_PER_RULESET; a wider rule is refused."""
    parts: list[list[CompiledRule]] = [[]]
    used = 0
    for rule in rules:
        size = width(rule_pattern(rule.condition))
        if size > WIDTH_PER_RULESET:
            raise RuleError(M("rule.durable_width", id=repr(rule.id), width=size, limit=WIDTH_PER_RULESET), rule.location,
                            M("hint.durable_split"))
        if parts[-1] and used + size > WIDTH_PER_RULESET:
            parts.append([])
            used = 0
        parts[-1].append(rule)
        used += size
    return [tuple(part) for part in parts if part]


def ruleset(rules) -> Ruleset:
    """One durable ruleset for `rules` (anything with id, condition and reads), named by its content."""
    patterns = {r.id: rule_pattern(r.condition) for r in rules}
    digest = hashlib.sha256(json.dumps(patterns, sort_keys=True).encode()).hexdigest()[:16]
    definition = {rid: {"all": [{"m": p}], "pri": 1} for rid, p in patterns.items()}
    inputs = tuple((name, FIELDS[name].engine_name) for name in sorted(set().union(*(r.reads for r in rules))))
    return Ruleset(f"zs_{digest}", tuple(patterns), definition, inputs)


def _writers(checked) -> dict[str, list[str]]:
    writers: dict[str, list[str]] = {}
    for item, _ in checked:
        write = item.rule.then.writes()
        if write:
            writers.setdefault(write[0], []).append(item.rule.id)
    return writers


def _stratify(checked, given: frozenset[str]) -> dict[str, int]:
    """Stratum = 1 + the highest stratum of any rule writing a field this rule reads."""
    writers = _writers(checked)
    reads: dict[str, list[str]] = {}
    for item, node in checked:
        fields = []
        for leaf in node.leaves():
            name = leaf.leaf.field
            if FIELDS[name].derived and name not in writers and name not in given:
                raise RuleError(M("rule.reads_unset", id=repr(item.rule.id), field=repr(name)), leaf.location, M("hint.add_setter"))
            fields.append(name)
        reads[item.rule.id] = fields
    where = {item.rule.id: item.locate(("id",)) for item, _ in checked}
    level: dict[str, int] = {}
    visiting: list[str] = []

    def visit(rid: str) -> int:
        if rid in level:
            return level[rid]
        if rid in visiting:
            cycle = " → ".join(visiting[visiting.index(rid):] + [rid])
            raise RuleError(M("rule.cycle", cycle=cycle), where[rid])
        visiting.append(rid)
        deps = [visit(w) for f in reads[rid] if FIELDS[f].derived for w in writers.get(f, [])]
        visiting.pop()
        level[rid] = 1 + max(deps, default=0)
        return level[rid]

    for rid in sorted(reads):
        visit(rid)
    return level


def _check_policy(policy: ConflictPolicy, sourced: list[SourcedRule]) -> None:
    for item in sourced:
        kind = item.rule.then.kind
        if kind in policy.conflicts:
            value = item.rule.then.writes()[1]
            if value not in policy.conflicts[kind]:
                raise RuleError(
                    M("rule.policy_gap", id=repr(item.rule.id), kind=kind, value=repr(value)),
                    item.locate(("then",)),
                    M("hint.policy_gap", kind=kind, value=repr(value)),
                )
