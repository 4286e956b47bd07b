"""A ranked vendor under changes of our assessments: its exact standing (evaluated once per set of changes) and
sound bounds on it that let the search skip what cannot matter."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Callable

from ...compile.facts import vendor_facts
from ...compile.truth import FALSE, FREE, TRUE, evaluate
from ...compile.tree import Node
from ...model.vendor import Vendor
from ...runtime.trace import Event
from ...scoring.flips import Change, Standing
from ...scoring.score import UNITS, q, rating_units
from ...scoring.supply import running_products, terms_of
from ..knowledge import AdviceKnowledge
from .changes import Assessed
from .rule_index import derived_reach, leaf_owners

__all__ = ["Bounds", "Evaluate", "Outcomes", "RankedPair"]

Evaluate = Callable[[Vendor, "tuple[Vendor, frozenset[str]]"], "Standing | None"]  # vendor, (changed vendor, change ids)


@dataclass(frozen=True)
class RankedPair:
    """A ranked vendor with what the order reads of it, and the facts and advice trace of its pair with the buyer."""

    vendor: Vendor
    standing: Standing
    facts: dict
    trace: list[Event]


class Outcomes:
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


class Bounds:
    """How high and how low a vendor can rank under a set of its changes, without evaluating it: sound bounds.

    The leaves whose truth the changes flip are known from the vendor's facts; what rules derive from
    them, and the need statuses that read them, are left free. A rule none of this reaches fires as it
    did; one it reaches is judged with the free facts unknown: false whatever they are, it cannot fire.
    """

    def __init__(self, kb: AdviceKnowledge, weights: dict[str, float], ranked: dict[str, RankedPair],
                 assessed: dict[str, list[Assessed]], outcome: Outcomes) -> None:
        self._kb, self._ranked, self._assessed, self._outcome = kb, ranked, assessed, outcome
        self._anywhere: dict[str, tuple] = {}
        self._by_vendor: dict[str, tuple[list[tuple], list[str]]] = {}
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
        free = derived_reach(self._kb, owners)
        facts = {k: v for k, v in r.facts.items() if k not in changed}
        facts.update({f: v for f, v in changed.items() if v is not _ABSENT})
        facts.update(dict.fromkeys(free, FREE))
        high: dict[str, list[int]] = {}
        certain: set[str] = set()
        may_drop = False
        rules, musts = self._rules_of(vendor_id)
        for rule_id, condition, reads, group, units, fired in rules:
            result = evaluate(condition, facts) if rule_id in owners or reads & free else fired
            if group is None:  # a filter
                may_drop = may_drop or result != FALSE
            elif result != FALSE:
                high.setdefault(group, []).append(units)
                if result == TRUE:
                    certain.add(group)
        # a group counts one of the rules that fire in it, or nothing when none must fire
        most = sum(max(u + ([] if g in certain else [0])) for g, u in high.items())
        least = sum(min(u + ([] if g in certain else [0])) for g, u in high.items())
        unsure = any(f"need.{n}.status" in free for n in musts)
        return most, least, unsure, may_drop

    def _rules_of(self, vendor_id: str) -> tuple[list[tuple], list[str]]:
        """The vendor's score rules and filters as the bounds read them (id, condition, reads, group or None for a
        filter, points in units, result), and the buyer's musts; once per vendor."""
        if vendor_id not in self._by_vendor:
            r = self._ranked[vendor_id]
            rules = [(e.rule, e.compiled.condition, e.compiled.reads,
                      e.effect.group if e.effect.kind == "score" else None,
                      int(q(e.effect.points) * UNITS) if e.effect.kind == "score" else 0, e.result)
                     for e in r.trace if e.effect.kind in ("score", "exclude")]
            musts = [k.split(".")[1] for k, v in r.facts.items() if k.startswith("need.") and k.endswith(".level") and v == "must"]
            self._by_vendor[vendor_id] = (rules, musts)
        return self._by_vendor[vendor_id]


_ABSENT = object()  # a fact a change removes
