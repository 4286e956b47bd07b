"""Which of our assessments a ranking rests on: flip conditions, how likely each vendor is first, what to confirm.

A fact change is evaluated by the engine (through the `evaluate` the ranking passes in), once per
vendor and set of changes; a change that no rule condition reads differently only moves F.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...model.ranking import Assessments, ClosestChange, Flip, FlipCheck
from ...model.common import Text
from ...scoring.flips import Change, Holds, search
from ...scoring.score import as_points
from ..knowledge import AdviceKnowledge
from .changes import Assessed, vendor_changes
from .confirm import confirm_questions
from .draws import likelihood_under_draws
from .rule_index import chip_classes, field_leaves
from .variants import Bounds, Evaluate, Outcomes, RankedPair

__all__ = ["AssessmentOptions", "analyse_assessments"]


@dataclass(frozen=True)
class AssessmentOptions:
    """How the assessments are drawn: how many draws, how likely a credited flag is wrong, the seed."""

    draws: int = 1000
    flag_probability: float = 0.1
    seed: int = 0
    pairs: bool = True  # search pairs when no single change flips (False: singles only)


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
    outcome = Outcomes(vendors, base, facts, leaves, evaluate_variant)
    bound = Bounds(kb, weights, {r.vendor.id: r for r in ranked}, assessed, outcome)
    report = search(base, weights, list(by_change), outcome, bound, bound.anywhere, options.pairs)
    order = [r.vendor.id for r in ranked]
    likelihood = likelihood_under_draws(order, vendors, base, assessed, weights, outcome, bound, options.draws,
                                        options.flag_probability, options.seed)
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
                       confirm=confirm_questions(first, top3, closest, order, names, reasons), names=names, reasons=told)


def _check(holds: Holds, by_change: dict[Change, Assessed], order: list[str]) -> FlipCheck:
    """The smallest flipping sets, those of the higher-ranked vendors first."""
    flips = [Flip(changes=[by_change[c].shown() for c in f.changes], top=list(f.top)) for f in holds.flips]
    key = lambda f: ([(order.index(c.vendor), c.field, str(c.after)) for c in f.changes], f.top)  # noqa: E731
    return FlipCheck(holds_up_to=holds.up_to, flips=sorted(flips, key=key))
