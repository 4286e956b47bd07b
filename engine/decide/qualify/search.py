"""The smallest sets of own-fact changes that take a vendor to a track: searched over its facts, verified by the engine."""

from __future__ import annotations

from itertools import combinations
from typing import Any, Callable

from ...compile.compiler import RuleBase
from ...compile.facts import vendor_facts, vendor_fields
from ...compile.truth import TRUE, evaluate
from ...model.decision import Change, FixedFact, PathTo, TargetSub
from ...model.vendor import Vendor
from ...model.vocabulary import ALL_SUBS, CRITERIA
from ...runtime.evaluate import UNDETERMINED, run_facts
from ..settle import DECIDERS_UP_TO, run_settled, settle, unknown_count
from ..tracks import track_meets
from .changes import Candidate, apply_to_facts, candidates, file_path, is_own
from ..dependencies import inputs_of, required_leaves

__all__ = ["MAX_CHANGES", "apply_changes", "path_to", "paths_for"]

MAX_CHANGES = 3  # a path longer than this is a different product, not a fix
LISTED = 5  # minimal paths listed per target; the rest are counted
_WHAT_IF = {"source": "assessment", "reason": {"zh": "试算的改动", "en": "a change being tried"}}


def paths_for(base: RuleBase, vendor: Vendor, track: str) -> list[PathTo] | None:
    """What a vendor on `track` must change: to core, and to partial as well when it is out; None at core."""
    if track == "core":
        return None
    return [path_to(base, vendor, target) for target in ("core", "partial") if target == "core" or track == "out"]


def path_to(base: RuleBase, vendor: Vendor, target: str) -> PathTo:
    """The smallest sets (at most MAX_CHANGES) of changes to the vendor's own facts that reach `target`."""
    facts = vendor_facts(vendor)
    today = _evaluated(base, facts, vendor.id)
    required = _unmet_required(base, today, target)
    # a change helps only through a required condition's inputs; with none required, any input may
    fields = frozenset().union(*required) if required else frozenset().union(*(r.reads for r in base.ordered()))

    def reaches(changes: tuple[Candidate, ...]) -> bool:
        return track_meets(_evaluated(base, apply_to_facts(facts, changes), vendor.id).get("track", UNDETERMINED), target)

    own = candidates(base, facts, fields)
    # a vendor with many unknowns is told to fill them in first: a path would rest on guesses
    many = unknown_count(base, facts) > DECIDERS_UP_TO
    found = [] if many else [c for c in _smallest(own, required, reaches) if _verified(base, vendor, c, target)]
    blocked: list[FixedFact] = []
    if not found and not many:
        blocked = _blockers(vendor, own + candidates(base, facts, fields, own=False), required, reaches)
    paths = [_described(base, facts, today, c, vendor.id) for c in found]
    subs = sorted({s for path in paths[:LISTED] for change in path for s in change.subs})
    unmet, unknown = _unmet(today, target)
    return PathTo(target=target, unmet=unmet, unknown=unknown, paths=paths[:LISTED], more=max(0, len(paths) - LISTED),
                  subs={s: _target_sub(base, s) for s in subs}, blocked_by=blocked)


def apply_changes(vendor: Vendor, changes: list[Change] | tuple[Candidate, ...]) -> Vendor:
    """The vendor with the changes made to its file data (validated as any vendor file is)."""
    data = vendor.model_dump(mode="json")
    for change in changes:
        value = change.value
        if change.field == "capabilities":
            data["capabilities"] = [*(data["capabilities"] or []), {"flag": value, **_WHAT_IF}]
            continue
        *parents, leaf = file_path(change.field).split(".")
        holder = data
        for key in parents:  # an unknown block (no pricing yet) comes to exist
            if holder.get(key) is None:
                holder[key] = {}
            holder = holder[key]
        holder[leaf] = sorted({*(holder.get(leaf) or []), value}) if change.action == "add" else value
        holder.update(_WHAT_IF)  # the changed block is a what-if, never the report's figure
    return Vendor.model_validate(data)


def _evaluated(base: RuleBase, facts: dict[str, Any], subject: str) -> dict[str, Any]:
    """The facts after every stage and settling, in Python alone (a search step; answers are verified with the engine)."""
    return settle(base, facts, run_facts(base, facts, subject, conditions=False, durable=False)[0])[0]


def _verified(base: RuleBase, vendor: Vendor, changes: tuple[Candidate, ...], target: str) -> bool:
    """True when the engine, run on the changed vendor file, puts it on `target` or better."""
    facts, _, _ = run_settled(base, apply_changes(vendor, changes), conditions=False)
    return track_meets(facts.get("track", UNDETERMINED), target)


def _unmet(today: dict[str, Any], target: str) -> tuple[list[str], list[str]]:
    """What stands short today, as (not met, unknown): the sub-criteria for core (the criteria when every
    sub-criterion is met and a share stands in the way), the criteria for partial (neither met nor partial)."""
    if target == "core":
        verdicts = {s: today.get(f"sub.{s}.verdict") for s in ALL_SUBS}
        if any(v != "met" for v in verdicts.values()):
            return [s for s, v in verdicts.items() if v == "not_met"], [s for s, v in verdicts.items() if v is None]
    statuses = {c: today.get(f"criteria.{c}.status") for c in CRITERIA}
    short = ("met",) if target == "core" else ("met", "partial")
    return ([c for c, v in statuses.items() if v is not None and v not in short],
            [c for c, v in statuses.items() if v is None])


def _unmet_required(base: RuleBase, today: dict[str, Any], target: str) -> list[frozenset[str]]:
    """For each condition every way to `target` needs and today's facts miss, the input facts it depends on.

    Reaching partial also counts when the vendor reaches core, so only core has a single way to require.
    """
    if target != "core":
        return []
    return [inputs_of(base, n.leaf.field) for n in required_leaves(base, "track", "core") if evaluate(n, today) != TRUE]


def _smallest(cands: list[Candidate], required: list[frozenset[str]],
              reaches: Callable[[tuple[Candidate, ...]], bool]) -> list[tuple[Candidate, ...]]:
    """Every set of the smallest size (at most MAX_CHANGES) that reaches the target, in candidate order.

    A set that leaves some required condition untouched (none of its inputs changed) cannot reach it
    and is not tried: one bit per condition, a set is tried only when its bits cover them all.
    """
    masks = [sum(1 << i for i, inputs in enumerate(required) if c.field in inputs) for c in cands]
    full = (1 << len(required)) - 1
    for size in range(1, MAX_CHANGES + 1):
        found = []
        for picked in combinations(range(len(cands)), size):
            cover = 0
            for i in picked:
                cover |= masks[i]
            combo = tuple(cands[i] for i in picked)
            if cover == full and _consistent(combo) and reaches(combo):
                found.append(combo)
        if found:
            return found
    return []


def _consistent(combo: tuple[Candidate, ...]) -> bool:
    """No fact set twice in one path."""
    sets = [c.field for c in combo if c.action == "set"]
    return len(sets) == len(set(sets))


def _blockers(vendor: Vendor, pool: list[Candidate], required: list[frozenset[str]], reaches) -> list[FixedFact]:
    """The fixed facts that the smallest paths would need if the vendor could change them too."""
    needed = sorted({c.field for combo in _smallest(pool, required, reaches) for c in combo if not is_own(c.field)})
    raw = vendor_fields(vendor)
    return [FixedFact(field=f, value=raw[f][0], source=raw[f][1]) for f in needed]


def _described(base: RuleBase, facts: dict[str, Any], today: dict[str, Any], combo: tuple[Candidate, ...],
               subject: str) -> list[Change]:
    """The path as file changes, each with the sub-criteria it brings to met."""
    after = _evaluated(base, apply_to_facts(facts, combo), subject)
    gained = [w for w in sorted(after) if w.startswith("sub.") and w.endswith(".verdict")
              and after[w] == "met" and today.get(w) != "met"]
    return [Change(field=c.field, action=c.action, value=c.value, at=file_path(c.field),
                   subs=[w.split(".")[1] for w in gained if c.field in _reads_of(base, w)]) for c in combo]


def _reads_of(base: RuleBase, written: str) -> frozenset[str]:
    """Every field read by the rules that write `written`."""
    return frozenset().union(*(r.reads for r in base.ordered() if r.writes == written))


def _target_sub(base: RuleBase, sub: str) -> TargetSub:
    """The rule that meets `sub`, with its title, section and the evidence the report accepts."""
    rule = min((r for r in base.ordered() if r.writes == f"sub.{sub}.verdict" and r.effect.value == "met"), key=lambda r: r.id)
    return TargetSub(rule=rule.id, title=rule.rule.title, source=rule.rule.source, evidence=rule.rule.evidence)
