"""Which of our assessments a ranking rests on: flip conditions, how likely each vendor is first, what to confirm.

The changes searched are the vendor file's own assessments: a rating one step up or down
(within its `range`, by default 1–5), an assessed capability flag removed, a chip family added
to or removed from an assessed chip list, an assessed share ±0.1. A fact change is evaluated
by the engine (through the `evaluate` the ranking passes in), once per vendor and set of changes;
a change that no rule condition reads differently only moves F.
"""

from __future__ import annotations

import math
import random
from bisect import bisect_right
import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import Callable

from ..compile.facts import vendor_facts
from ..compile.leaves import scale_number
from ..compile.truth import FALSE, FREE, TRUE, evaluate
from ..compile.tree import Node
from ..messages import msg, value_label
from ..model.common import Text
from ..model.fields import DIMENSION_TITLES, FIELDS
from ..model.ranking import AssessmentChange, Assessments, ClosestChange, ConfirmQuestion, Flip, FlipCheck, Likelihood
from ..model.vendor import Vendor
from ..model.vocabulary import CRITERIA, DIMENSIONS, Chip, values_of
from ..scoring.flips import TOP, Change, Holds, Standing, search
from ..runtime.trace import Event
from ..scoring.score import UNITS, as_points, q, rating_units
from ..scoring.supply import running_products, terms_of
from .knowledge import AdviceKnowledge

__all__ = ["AssessmentOptions", "analyse_assessments", "vendor_changes"]

FAMILIES = values_of(Chip)
SHARE_STEP = 0.1
CONFIRM_LIMIT = 5
_RUNG = re.compile(r"^(D[1-5]\.[1-5]):\s*")
Evaluate = Callable[[Vendor, "tuple[Vendor, frozenset[str]]"], "Standing | None"]  # vendor, (changed vendor, change ids)


@dataclass(frozen=True)
class AssessmentOptions:
    """How the assessments are drawn: how many draws, how likely a credited flag is wrong, the seed."""

    draws: int = 1000
    flag_probability: float = 0.1
    seed: int = 0
    pairs: bool = True  # search pairs when no single change flips (False: singles only)


@dataclass(frozen=True)
class Assessed:
    """A change with what it looks like to a reader and, for a fact, how it changes the vendor."""

    change: Change
    shown: Callable[[], AssessmentChange]  # made only for the changes a report names
    reason: Text | None  # why we assessed the fact so (the vendor file's reason)
    apply: Callable[[Vendor], Vendor] | None = None
    patch: Callable[[dict], dict] | None = None  # the same change made to the vendor's engine facts
    share: tuple[str, float] | None = None  # a share change: the share and its new value (what F reads)
    credited: bool = False  # removes a capability flag we credited the vendor with (what the draws may take away)


def vendor_changes(vendor: Vendor, classes: list[tuple[str, ...]]) -> list[Assessed]:
    """Every change of one of our assessments of `vendor` that the flip search tries.

    Chip families the rules read alike (`classes`) count as one: adding any of them is one change.
    """
    out: list[Assessed] = []

    def add(key: str, before, after, reason: Text | None, dimension=None, step=0, made=(None, None), credited=False,
            rung=None, alike=(), share=None):
        fact = None if made[0] is None else f"{key}={after}"
        def shown() -> AssessmentChange:
            return AssessmentChange(vendor=vendor.id, field=key, before=before, after=after, rung=rung, alike=list(alike))
        out.append(Assessed(Change(vendor.id, key, dimension, step, fact), shown, reason, *made, share, credited))

    for d in DIMENSIONS:
        rating = getattr(vendor.ratings, d)
        if rating.value is None:
            continue
        low, high = rating.plausible()
        rung = _RUNG.match(rating.reason.en) if rating.reason else None
        for step in (-1, 1):
            if low <= rating.value + step <= high:
                add(f"ratings.{d}", rating.value, rating.value + step, rating.reason, d, step, rung=rung and rung.group(1))
    for cap in vendor.capabilities or []:
        if cap.is_assessment:
            add(f"capabilities.{cap.flag}", True, False, cap.reason, made=_without_flag(cap.flag), credited=True)
    if vendor.chips.is_assessment and vendor.chips.values is not None:
        for family in vendor.chips.values:
            add(f"chips.{family}", True, False, vendor.chips.reason, made=_toggle_chip(family))
        for members in classes:
            absent = [f for f in members if f not in vendor.chips.values]
            if absent:
                add(f"chips.{absent[0]}", False, True, vendor.chips.reason, made=_toggle_chip(absent[0]), alike=absent[1:])
    for c in CRITERIA:
        share = getattr(vendor.shares, c)
        if share.is_assessment and share.value is not None:
            for delta in (-SHARE_STEP, SHARE_STEP):
                after = min(1.0, max(0.0, round(share.value + delta, 4)))
                if after != share.value:
                    add(f"shares.{c}", share.value, after, share.reason, made=_set_share(c, after), share=(c, after))
    return out


# Each fact change as made to the vendor (for the engine) and to its engine facts (for bounds and
# for what reads alike); a test holds the two equal for every change of the bundled vendors.
Made = tuple[Callable[[Vendor], Vendor], Callable[[dict], dict]]


def _without_flag(flag: str) -> Made:
    def apply(v: Vendor) -> Vendor:
        return v.model_copy(update={"capabilities": [c for c in v.capabilities or [] if c.flag != flag]})
    return apply, lambda facts: {**facts, "capabilities": [f for f in facts["capabilities"] if f != flag]}


def _toggle_chip(family: str) -> Made:
    def apply(v: Vendor) -> Vendor:
        values = sorted(set(v.chips.values or []) ^ {family})
        return v.model_copy(update={"chips": v.chips.model_copy(update={"values": values})})
    return apply, lambda facts: {**facts, "chips": sorted(set(facts["chips"]) ^ {family})}


def _set_share(criterion: str, value: float) -> Made:
    def apply(v: Vendor) -> Vendor:
        share = getattr(v.shares, criterion).model_copy(update={"value": value})
        return v.model_copy(update={"shares": v.shares.model_copy(update={criterion: share})})
    field = f"shares.{criterion}"
    return apply, lambda facts: {**facts, field: scale_number(FIELDS[field], value)}


def _roots(kb: AdviceKnowledge) -> list[Node]:
    """Every condition tree of the eligibility rules, the advice rules and the needs."""
    roots = [r.condition for r in kb.eligibility.ordered() + kb.advice.ordered()]
    return roots + [n for need in kb.needs for n in (need.must, need.wanted, need.met, need.unmet) if n is not None]


_BY_VERSION: dict[tuple[str, str], object] = {}  # what is computed once per rules version


def _once(kb: AdviceKnowledge, what: str, make: Callable[[], object]):
    key = (kb.version, what)
    if key not in _BY_VERSION:
        _BY_VERSION[key] = make()
    return _BY_VERSION[key]


def field_leaves(kb: AdviceKnowledge) -> dict[str, list[Node]]:
    """Every leaf condition of the rules and the needs, by the field it reads."""
    def make() -> dict[str, list[Node]]:
        leaves: dict[str, list[Node]] = {}
        for root in _roots(kb):
            for leaf in root.leaves():
                leaves.setdefault(leaf.leaf.field, []).append(leaf)
        return leaves
    return _once(kb, "leaves", make)


def chip_classes(kb: AdviceKnowledge) -> list[tuple[str, ...]]:
    """The chip families in classes the rules read alike: swapping two of a class changes no condition."""
    def make() -> list[tuple[str, ...]]:
        roots = [r for r in _roots(kb) if any(leaf.leaf.field == "chips" for leaf in r.leaves())]
        classes: list[list[str]] = []
        for family in FAMILIES:
            for members in classes:
                swap = {family: members[0], members[0]: family}
                if all(_canonical(r, swap) == _canonical(r, {}) for r in roots):
                    members.append(family)
                    break
            else:
                classes.append([family])
        return [tuple(c) for c in classes]
    return _once(kb, "chips", make)


def _canonical(node: Node, swap: dict[str, str]) -> tuple:
    """A condition tree as a value, chip families renamed by `swap`, children of all/any in a fixed order."""
    if node.leaf is not None:
        leaf, value = node.leaf, node.leaf.value
        if leaf.field == "chips":
            value = tuple(sorted(swap.get(v, v) for v in value)) if isinstance(value, tuple) else swap.get(value, value)
        return ("leaf", leaf.field, leaf.op, value)
    children = tuple(_canonical(c, swap) for c in node.children)
    return (node.kind, children if node.kind == "not" else tuple(sorted(children, key=repr)))


class _Outcomes:
    """A vendor's standing under a set of fact changes, each set evaluated once.

    A change that every leaf reading its field reads as before (a leaf reads one field) changes no
    condition whatever else changes, so it only moves F: the rest of the set is what is evaluated.
    """

    def __init__(self, vendors: dict[str, Vendor], base: dict[str, Standing], facts: dict[str, Assessed],
                 leaves: dict[str, list[Node]], evaluate_variant: Evaluate) -> None:
        self._vendors, self._base, self._facts, self.leaves = vendors, base, facts, leaves
        self._evaluate = evaluate_variant
        self._alike: dict[str, bool] = {}
        self._known: dict[tuple[str, frozenset[str]], Standing | None] = {}
        self._facts_of = {v: vendor_facts(vendor) for v, vendor in vendors.items()}

    def facts(self, vendor_id: str, fact_ids=()) -> dict:
        """The vendor's engine facts with the fact changes `fact_ids` made."""
        facts = self._facts_of[vendor_id]
        for fact in sorted(fact_ids):
            facts = self._facts[fact].patch(facts)
        return facts

    def flipped(self, vendor_id: str, fact_ids) -> tuple[set[str], set[int]]:
        """The facts the changes alter, and the leaves (by identity) that read them differently."""
        before, after = self._facts_of[vendor_id], self.facts(vendor_id, fact_ids)
        fields = {f for f in before.keys() | after.keys() if before.get(f) != after.get(f)}
        return fields, {id(leaf) for f in fields for leaf in self.leaves.get(f, []) if evaluate(leaf, before) != evaluate(leaf, after)}

    def F(self, vendor_id: str, fact_ids) -> float:
        """F with the share changes among `fact_ids` made."""
        shares = dict(self._facts[f].share for f in fact_ids if self._facts[f].share)
        terms = [shares.get(name, value) for name, value in terms_of(self._vendors[vendor_id])]
        return running_products(terms)[-1] or 0

    def read_alike(self, fact: str) -> bool:
        """Whether every rule condition reads the vendor's facts after this change as it read them before."""
        if fact not in self._alike:
            self._alike[fact] = not self.flipped(self._facts[fact].change.vendor, [fact])[1]
        return self._alike[fact]

    def variant(self, vendor_id: str, fact_ids) -> Vendor:
        """The vendor with the fact changes `fact_ids` made."""
        variant = self._vendors[vendor_id]
        for fact in sorted(fact_ids):
            variant = self._facts[fact].apply(variant)
        return variant

    def knows(self, vendor_id: str, fact_ids: frozenset[str]) -> bool:
        """Whether the standing under these changes is computed already."""
        return (vendor_id, fact_ids) in self._known

    def __call__(self, vendor_id: str, fact_ids: frozenset[str]) -> Standing | None:
        key = (vendor_id, fact_ids)
        if key not in self._known:
            read = frozenset(f for f in fact_ids if not self.read_alike(f))
            if read == fact_ids:
                self._known[key] = (self._evaluate(self._vendors[vendor_id], (self.variant(vendor_id, fact_ids), fact_ids))
                                    if read else self._base[vendor_id])
            else:
                standing = self(vendor_id, read)
                self._known[key] = standing and replace(standing, F=self.F(vendor_id, fact_ids))
        return self._known[key]


class _Bound:
    """How high and how low a vendor can rank under a set of its changes, without evaluating it: sound bounds.

    The leaves whose truth the changes flip are known from the vendor's facts; what rules derive from
    them, and the need statuses that read them, are left free. A rule none of this reaches fires as it
    did; one it reaches is judged with the free facts unknown: false whatever they are, it cannot fire.
    """

    def __init__(self, kb: AdviceKnowledge, weights: dict[str, float], ranked: dict[str, RankedPair],
                 assessed: dict[str, list[Assessed]], outcome: _Outcomes) -> None:
        self._kb, self._ranked, self._assessed, self._outcome = kb, ranked, assessed, outcome
        self._anywhere: dict[str, tuple] = {}
        self._points = rating_units(weights)
        self._owners = leaf_owners(kb)
        self._known: dict[tuple, tuple] = {}
        self._read: dict[tuple[str, frozenset[str]], tuple | None] = {}
        self._dims = {v: sum(self._points[d][r] for d, r in p.standing.ratings.items()) for v, p in ranked.items()}

    def __call__(self, vendor_id: str, changes: frozenset[Change]) -> tuple | None:
        """The best and the worst row (None when a filter may drop it) of the vendor under `changes`;
        None when the changes read no condition differently, so that the exact row costs nothing."""
        facts = [c.fact for c in changes if c.fact]
        if not facts:
            return None
        ratings = self._ranked[vendor_id].standing.ratings
        dims = self._dims[vendor_id] + sum(self._points[c.dimension][ratings[c.dimension] + c.step]
                                           - self._points[c.dimension][ratings[c.dimension]] for c in changes if c.dimension)
        return self.rows(vendor_id, facts, dims)

    def rows(self, vendor_id: str, facts: list[str], dims: int) -> tuple | None:
        """The best and the worst row under fact changes `facts` with the ratings worth `dims` units (see `__call__`)."""
        given = (vendor_id, frozenset(facts))
        if given not in self._read:
            read = frozenset(f for f in facts if not self._outcome.read_alike(f))
            self._read[given] = (vendor_id, read, len(read) < len(facts)) if read else None
        key = self._read[given]
        if key is None:
            return None
        if key not in self._known:
            self._known[key] = self._rules(*key)
        most, least, unsure, may_drop, F = self._known[key]
        group = self._ranked[vendor_id].standing.group
        best = (0 if unsure else group, -(dims + most), F[0], vendor_id)
        worst = None if may_drop else (1 if unsure else group, -(dims + least), F[1], vendor_id)
        return best, worst

    def _rules(self, vendor_id: str, fact_ids: frozenset[str], moves_f: bool) -> tuple:
        """What the fact changes can do to the rule points (most, least), the must group, a filter, and −F
        (left free, best and worst, when other changes that move F alone come with them: F only breaks ties)."""
        after = self._outcome.facts(vendor_id, fact_ids)
        fields, flipped = self._outcome.flipped(vendor_id, fact_ids)
        owners = frozenset(owner for leaf in flipped for owner in self._owners[leaf])
        exact = {f: after.get(f, _ABSENT) for f in fields}
        most, least, unsure, may_drop = self._judge(vendor_id, exact, owners)
        F = -self._outcome.F(vendor_id, fact_ids)
        return most, least, unsure, may_drop, (-math.inf, 0.0) if moves_f else (F, F)

    def anywhere(self, vendor_id: str) -> tuple:
        """A row no change of up to two of the vendor's assessments ranks above (the facts they touch left free)."""
        if vendor_id not in self._anywhere:
            read = [a for a in self._assessed[vendor_id] if a.change.fact and not self._outcome.read_alike(a.change.fact)]
            fields = set().union(*(self._outcome.flipped(vendor_id, [a.change.fact])[0] for a in read))
            owners = frozenset(o for f in fields for leaf in self._outcome.leaves.get(f, []) for o in self._owners[id(leaf)])
            most, _, unsure, _ = self._judge(vendor_id, dict.fromkeys(fields, FREE), owners)
            r = self._ranked[vendor_id]
            ratings = r.standing.ratings
            gains = sorted((self._points[a.change.dimension][ratings[a.change.dimension] + a.change.step]
                            - self._points[a.change.dimension][ratings[a.change.dimension]]
                            for a in self._assessed[vendor_id] if a.change.dimension), reverse=True)
            dims = self._dims[vendor_id] + sum(g for g in gains[:2] if g > 0)
            self._anywhere[vendor_id] = (0 if unsure else r.standing.group, -(dims + most), -math.inf, vendor_id)
        return self._anywhere[vendor_id]

    def _judge(self, vendor_id: str, changed: dict, owners: frozenset[str]) -> tuple:
        """Rule points (most, least), whether a must may become unsure, whether a filter may drop it, with the
        vendor facts in `changed` set so (FREE: any value) and what rules derive from `owners` left free."""
        r = self._ranked[vendor_id]
        free = _derived_reach(self._kb, owners)
        facts = {k: v for k, v in r.facts.items() if k not in changed}
        facts.update({f: v for f, v in changed.items() if v is not _ABSENT})
        facts.update(dict.fromkeys(free, FREE))
        high: dict[str, list[int]] = {}
        certain: set[str] = set()
        may_drop = False
        for e in r.trace:
            kind = e.effect.kind
            if kind not in ("score", "exclude"):
                continue
            reached = e.rule in owners or bool(e.compiled.reads & free)
            result = evaluate(e.compiled.condition, facts) if reached else e.result
            if kind == "exclude":
                may_drop = may_drop or result != FALSE
            elif result != FALSE:
                high.setdefault(e.effect.group, []).append(int(q(e.effect.points) * UNITS))
                if result == TRUE:
                    certain.add(e.effect.group)
        # a group counts one of the rules that fire in it, or nothing when none must fire
        most = sum(max(u + ([] if g in certain else [0])) for g, u in high.items())
        least = sum(min(u + ([] if g in certain else [0])) for g, u in high.items())
        musts = [k.split(".")[1] for k, v in r.facts.items() if k.startswith("need.") and k.endswith(".level") and v == "must"]
        unsure = any(f"need.{n}.status" in free for n in musts)
        return most, least, unsure, may_drop


_ABSENT = object()  # a fact a change removes


def leaf_owners(kb: AdviceKnowledge) -> dict[int, tuple[str, ...]]:
    """For each leaf (by identity), the rules and needs (`need:<id>`) whose conditions hold it."""
    def make() -> dict[int, tuple[str, ...]]:
        owners: dict[int, list[str]] = {}
        for rule in kb.eligibility.ordered() + kb.advice.ordered():
            for leaf in rule.condition.leaves():
                owners.setdefault(id(leaf), []).append(rule.id)
        for need in kb.needs:
            for node in (need.must, need.wanted, need.met, need.unmet):
                for leaf in node.leaves() if node is not None else []:
                    owners.setdefault(id(leaf), []).append(f"need:{need.spec.id}")
        return {k: tuple(v) for k, v in owners.items()}
    return _once(kb, "owners", make)


def _derived_reach(kb: AdviceKnowledge, owners: frozenset[str]) -> frozenset[str]:
    """The derived facts and need statuses that the rules and needs in `owners` may change, and all derived from them."""
    def make() -> frozenset[str]:
        rules = kb.eligibility.ordered() + kb.advice.ordered()
        reach: set[str] = set()
        grown = True
        while grown:
            grown = False
            for rule in rules:
                if rule.writes and rule.writes not in reach and (rule.id in owners or rule.reads & reach):
                    reach.add(rule.writes)
                    grown = True
            for need in kb.needs:
                status = f"need.{need.spec.id}.status"
                nodes = [n for n in (need.must, need.wanted, need.met, need.unmet) if n is not None]
                if status not in reach and (f"need:{need.spec.id}" in owners
                                            or any(leaf.leaf.field in reach for n in nodes for leaf in n.leaves())):
                    reach.add(status)
                    grown = True
        return frozenset(reach)
    return _once(kb, f"reach {sorted(owners)}", make)


@dataclass(frozen=True)
class RankedPair:
    """A ranked vendor with what the order reads of it, and the facts and advice trace of its pair with the buyer."""

    vendor: Vendor
    standing: Standing
    facts: dict
    trace: list[Event]
    to_confirm: list[str]


def analyse_assessments(kb: AdviceKnowledge, ranked: list[RankedPair], weights: dict[str, float],
                        evaluate_variant: Evaluate, options: AssessmentOptions) -> Assessments | None:
    """Flip conditions, P(#1) and P(top three) under seeded draws, and what to confirm, for a ranking in its order."""
    if not ranked:
        return None
    vendors = {r.vendor.id: r.vendor for r in ranked}
    base = {r.vendor.id: r.standing for r in ranked}
    assessed = {r.vendor.id: vendor_changes(r.vendor, chip_classes(kb)) for r in ranked}
    by_change = {a.change: a for changes in assessed.values() for a in changes}
    facts = {a.change.fact: a for a in by_change.values() if a.change.fact is not None}
    leaves = field_leaves(kb)
    outcome = _Outcomes(vendors, base, facts, leaves, evaluate_variant)
    bound = _Bound(kb, weights, {r.vendor.id: r for r in ranked}, assessed, outcome)
    report = search(base, weights, list(by_change), outcome, bound, bound.anywhere, options.pairs)
    order = [r.vendor.id for r in ranked]
    likelihood = _likelihood(order, vendors, base, assessed, weights, outcome, bound, options)
    first, top3 = _check(report.first, by_change, order), _check(report.top3, by_change, order)
    closest = None
    if report.closest:
        c = report.closest
        closest = ClosestChange(change=by_change[c.change].shown(), lead=float(as_points(c.lead)), runner_up=c.runner_up)
    reasons = {(a.change.vendor, a.change.key): a.reason for a in by_change.values() if a.reason}
    names = {v: vendors[v].name for v in order}
    shown = [c for f in first.flips + top3.flips for c in f.changes] + ([closest.change] if closest else [])
    told: dict[str, dict[str, Text]] = {}
    for c in sorted(shown, key=lambda c: (order.index(c.vendor), c.field)):
        if (c.vendor, c.field) in reasons:
            told.setdefault(c.vendor, {})[c.field] = reasons[(c.vendor, c.field)]
    return Assessments(first=first, top3=top3, closest=closest, draws=options.draws,
                       flag_probability=options.flag_probability, seed=options.seed, likelihood=likelihood,
                       confirm=_confirm(first, top3, closest, order, names, reasons), names=names, reasons=told)


def _check(holds: Holds, by_change: dict[Change, Assessed], order: list[str]) -> FlipCheck:
    """The smallest flipping sets, those of the higher-ranked vendors first."""
    flips = [Flip(changes=[by_change[c].shown() for c in f.changes], top=list(f.top)) for f in holds.flips]
    key = lambda f: ([(order.index(c.vendor), c.field, str(c.after)) for c in f.changes], f.top)  # noqa: E731
    return FlipCheck(holds_up_to=holds.up_to, flips=sorted(flips, key=key))


def _likelihood(order: list[str], vendors: dict[str, Vendor], base: dict[str, Standing], assessed: dict[str, list[Assessed]],
                weights: dict[str, float], outcome: _Outcomes, bound: _Bound, options: AssessmentOptions) -> list[Likelihood]:
    """Share of seeded draws in which each vendor is first, and in the top three.

    Each draw takes every rating uniformly within its plausible range and removes each capability
    flag we credited with `flag_probability`, independently; the score is the one scoring
    function's. A vendor whose drawn changes no draw has evaluated yet is evaluated only if its
    bound could put it among the first three of those already placed.
    """
    if options.draws == 0:
        return []
    points = rating_units(weights)
    rng = random.Random(f"assessments/{options.seed}")
    # vendor by vendor, in the ranking's order: each vendor's rating sums, then its removed facts, per draw
    drawn = [(v, *_Sampler(_rating_sums(points, vendors[v]), _removals(assessed[v], options.flag_probability)).draws(rng, options.draws))
             for v in order]
    # A draw's row of each vendor; None where its removed facts are not evaluated yet (placed after the others).
    columns = []
    for v, sums, removals in drawn:
        known = {r: outcome(v, r) if r else base[v] for r in set(removals) if not r or outcome.knows(v, r)}
        columns.append([_row(v, units, known[r]) if r in known else None for units, r in zip(sums, removals)])
    firsts: Counter[str] = Counter()
    tops: Counter[str] = Counter()
    for i, placed in enumerate(zip(*columns)):
        rows = [r for r in placed if r is not None and r is not _DROPPED]
        for (v, sums, removals), r in zip(drawn, placed):
            if r is not None:
                continue
            units, removed = sums[i], removals[i]
            if not outcome.knows(v, removed) and len(rows) >= TOP:
                rows.sort()
                found = bound.rows(v, sorted(removed), units)
                if found is not None and found[0] > rows[TOP - 1]:
                    continue  # it cannot rank among the first three this draw
            row = _row(v, units, outcome(v, removed))
            if row is not _DROPPED:
                rows.append(row)
        rows.sort()
        if rows:
            firsts[rows[0][-1]] += 1
        tops.update(r[-1] for r in rows[:TOP])
    share = lambda n: round(n / options.draws, 4)  # noqa: E731
    return [Likelihood(vendor=v, first=share(firsts[v]), top3=share(tops[v])) for v in order]


_DROPPED = ("dropped",)  # the row of a vendor a filter drops


def _row(vendor_id: str, units: int, standing: Standing | None) -> tuple:
    return _DROPPED if standing is None else (standing.group, -(units + standing.rule_units), -standing.F, vendor_id)


def _rating_sums(points: dict[str, tuple[int, ...]], vendor: Vendor) -> dict[int, float]:
    """How likely each sum of the dimensions' points is when every rating is uniform over its plausible range."""
    sums = {0: 1.0}
    for d in DIMENSIONS:
        low, high = getattr(vendor.ratings, d).plausible()
        values = range(low, high + 1)
        step: dict[int, float] = {}
        for total, p in sums.items():
            for r in values:
                step[total + points[d][r]] = step.get(total + points[d][r], 0.0) + p / len(values)
        sums = step
    return sums


def _removals(assessed: list[Assessed], p: float) -> dict[frozenset[str], float]:
    """How likely each set of the credited facts is to be removed, each independently with probability p."""
    credited = sorted(a.change.fact for a in assessed if a.credited)
    sets = {frozenset(): 1.0}
    for fact in credited:
        sets = {**{s: q * (1 - p) for s, q in sets.items()}, **{s | {fact}: q * p for s, q in sets.items()}}
    return sets


class _Sampler:
    """Draws a vendor's rating sums and removed facts from their distributions."""

    def __init__(self, sums: dict[int, float], removals: dict[frozenset[str], float]) -> None:
        self._sums, self._sum_cut = _cumulative(sorted(sums.items()))
        self._sets, self._set_cut = _cumulative(sorted(removals.items(), key=lambda kv: (len(kv[0]), sorted(kv[0]))))

    def draws(self, rng: random.Random, n: int) -> tuple[list[int], list[frozenset[str]]]:
        """n rating sums, then n sets of removed facts (no draw at all when nothing can be removed)."""
        last = len(self._sums) - 1
        sums = [self._sums[min(bisect_right(self._sum_cut, rng.random()), last)] for _ in range(n)]
        if len(self._sets) == 1:
            return sums, self._sets * n
        last = len(self._sets) - 1
        return sums, [self._sets[min(bisect_right(self._set_cut, rng.random()), last)] for _ in range(n)]


def _cumulative(items: list[tuple]) -> tuple[list, list[float]]:
    values, cuts, total = [], [], 0.0
    for value, p in items:
        total += p
        values.append(value)
        cuts.append(total)
    return values, cuts


def _confirm(first: FlipCheck, top3: FlipCheck, closest: ClosestChange | None, order: list[str], names: dict[str, Text],
             reasons: dict[tuple[str, str], Text]) -> list[ConfirmQuestion]:
    """The decisive assessments as questions: those in the smallest sets that flip #1, else the top three, else the closest."""
    decisive = first.flips or top3.flips
    counts: Counter[tuple[str, str]] = Counter()
    changes: dict[tuple[str, str], AssessmentChange] = {}
    for flip in decisive:
        for c in flip.changes:
            counts[(c.vendor, c.field)] += 1
            changes.setdefault((c.vendor, c.field), c)
    if not counts and closest:
        key = (closest.change.vendor, closest.change.field)
        counts[key], changes[key] = 1, closest.change
    # the most decisive first; among equals, one of each vendor in turn (the higher-ranked first)
    turn: Counter[tuple[int, str]] = Counter()
    ranked_keys = []
    for k in sorted(counts, key=lambda k: (-counts[k], order.index(k[0]), k[1])):
        turn[(counts[k], k[0])] += 1
        ranked_keys.append(((-counts[k], turn[(counts[k], k[0])], order.index(k[0]), k[1]), k))
    keys = [k for _, k in sorted(ranked_keys)][:CONFIRM_LIMIT]
    def asked(k: tuple[str, str], lang: str) -> str:
        return question(changes[k], names[k[0]].get(lang), reasons.get(k), lang)
    return [ConfirmQuestion(vendor=k[0], field=k[1], question=Text(zh=asked(k, "zh"), en=asked(k, "en"))) for k in keys]


def question(c: AssessmentChange, name: str, why: Text | None, lang: str) -> str:
    """What to ask vendor `name` about one of our assessments of it, with our reason `why`, in `lang`."""
    reason = _RUNG.sub("", why.get(lang)) if why else msg("confirm.no_reason", lang)
    head, _, item = c.field.partition(".")
    if head == "ratings":
        return msg("confirm.rating", lang, vendor=name, title=DIMENSION_TITLES[item].get(lang), dim=item,
                   value=c.before, reason=reason)
    if head == "shares":
        return msg("confirm.share", lang, vendor=name, share=msg(f"share.{item}", lang), value=f"{c.before:g}",
                   reason=reason)
    if head == "capabilities":
        return msg("confirm.capabilities_has", lang, vendor=name, item=value_label(item, lang), reason=reason)
    key = "confirm.chips_has" if c.before else "confirm.chips_lacks"
    return msg(key, lang, vendor=name, item=value_label(item, lang), reason=reason)
