"""`rank`: filter, score and order vendors for one buyer, and explain the order."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from ..compile.facts import city_key, missing_vendor_facts, pair_facts, profile_facts, unknown_inputs, unread_inputs
from ..errors import LoadError, RuleError, UsageError
from ..messages import M
from ..explain.context import report_context
from ..explain.counterfactual import counterfactual
from ..explain.provenance import fact_sources, rule_provenance
from ..explain.undecided import undecided_rules
from .assessments import AssessmentOptions, RankedPair, analyse_assessments
from .inputs import LoadedProfile
from .knowledge import AdviceKnowledge
from .needs import level_facts, match_needs, need_inputs, need_levels, need_sources, stated_needs, status_facts, to_confirm
from .settle import run_settled
from ..model.fields import DIMENSION_TITLES
from ..model.profile import Profile
from ..model.ranking import (Cost, ExcludedVendor, NeedMatch, RankedVendor, RankResult, Reason, ScoreItem, StatedNeed,
                             UnassessedVendor)
from ..model.vendor import Vendor
from ..scoring.score import as_points, breakdown, q, ratings_of, rule_units, score_units
from ..scoring.flips import Standing
from ..scoring.stability import Contender, stability
from ..scoring.supply import running_products, supply, supply_source, terms_of
from ..scoring.weights import resolve_weights
from ..explain.filters import filter_trace
from ..model.fields import to_user_units
from ..runtime.evaluate import UNDETERMINED, digest_of, input_digest, run_facts
from ..version import tool_version
from ..runtime.trace import Event, trace_models

__all__ = ["Eligibility", "RankOptions", "costs_against", "most_excluding", "own_weights_add_up", "rank", "top_three"]


@dataclass(frozen=True)
class RankOptions:
    """Knobs of a ranking run."""

    weights: dict[str, float]
    draws: int = 1000
    spread: float = 0.2
    seed: int = 0
    explain: str = "full"  # the trace each ranked or excluded vendor carries: off, fails, full
    assess: bool = True  # analyse which assessments the ranking rests on (flips, draws, what to confirm)
    assessment_pairs: bool = True  # False: #1 under single changes only (ask's live line; the top three not analysed)
    assessment_draws: int = 1000
    flag_probability: float = 0.1  # how likely a capability flag we credited is wrong, in those draws


@dataclass
class _Scored:
    vendor: Vendor
    facts: dict
    items: list[ScoreItem]
    score: Decimal  # from the one scoring function
    rule_units: int
    F: float | None
    F_source: str
    trace: list[Event]
    needs: list[NeedMatch]
    to_confirm: list[str]  # musts only an assessment, or nothing, says it meets

    def order(self) -> tuple:
        """Where it ranks: vendors meeting every must first, then the higher score, the larger F, the id."""
        return (bool(self.to_confirm), -self.score, -(self.F or 0), self.vendor.id)


class Eligibility:
    """Each vendor's eligibility outcome (facts and trace), computed once and reused for every profile."""

    def __init__(self, kb: AdviceKnowledge) -> None:
        self._base = kb.eligibility
        self._known: dict[int, tuple[Vendor, dict, list[Event]]] = {}
        self._variants: dict[tuple[int, frozenset[str]], tuple[Vendor, dict, list[Event]]] = {}

    def of(self, vendor: Vendor, variant: tuple[Vendor, frozenset[str]] | None = None) -> tuple[dict, list[Event]]:
        """The eligibility facts and trace of `vendor`; of a `variant` of it (the changed vendor, the changes' ids)
        computed once for every profile too."""
        if variant is not None:
            key = (id(vendor), variant[1])
            known = self._variants.get(key)
            if known is None or known[0] is not vendor:
                known = self._variants[key] = (vendor, *run_settled(self._base, variant[0])[:2])
            return known[1], known[2]
        known = self._known.get(id(vendor))
        if known is None or known[0] is not vendor:  # the vendor object is kept, so its id stays its own
            known = (vendor, *run_settled(self._base, vendor)[:2])
            self._known[id(vendor)] = known
        return known[1], known[2]


def rank(
    kb: AdviceKnowledge,
    profile: Profile,
    vendors: list[Vendor],
    source: str,
    options: RankOptions,
    eligibility: Eligibility | None = None,
) -> RankResult:
    """The full ranking of `vendors` for `profile` (pass one `eligibility` to rank many profiles)."""
    eligibility = eligibility or Eligibility(kb)
    used = resolve_weights(kb.weights, profile, options.weights)
    weights = {d: w.value for d, w in used.items()}
    buyer, stated = _buyer(kb, profile)
    scored: list[_Scored] = []
    excluded: list[ExcludedVendor] = []
    dropped_traces: list[list[Event]] = []
    unassessed: list[UnassessedVendor] = []
    for vendor in sorted(vendors, key=lambda v: v.id):
        absent = missing_vendor_facts(vendor)
        if not vendor.assessed_in_report and absent:
            unassessed.append(UnassessedVendor(vendor=vendor.id, name=vendor.name, missing=absent))
            continue
        pair = _advice(kb, eligibility, buyer, stated, profile, vendor)
        provenance = {e.rule: rule_provenance(e, pair.sources) for e in pair.trace if e.fired}
        drops = [e for e in pair.trace if e.fired and e.effect.kind == "exclude"]
        if drops:
            excluded.append(_excluded(kb, vendor, pair, drops, provenance, options.explain))
            dropped_traces.append(pair.trace)
            continue
        _require_ratings(vendor, weights)
        items = breakdown(vendor, weights, pair.trace, provenance)
        terms = supply(vendor)
        extra = rule_units(pair.trace)
        exact = as_points(score_units(weights, ratings_of(vendor), extra))
        scored.append(_Scored(vendor, pair.facts, items, exact, extra, terms.F, supply_source(terms), pair.trace,
                              pair.needs, to_confirm(stated, pair.needs)))
    scored.sort(key=_Scored.order)
    traces = [s.trace for s in scored] + dropped_traces
    ranking = [_ranked(i, s, scored[0], options.explain) for i, s in enumerate(scored, 1)]
    contenders = [Contender(s.vendor.id, ratings_of(s.vendor), s.rule_units, s.F or 0, int(bool(s.to_confirm)))
                  for s in scored]
    return RankResult(
        rules_version=kb.version,
        tool_version=tool_version(),
        profile_sha256=hashlib.sha256(profile.model_dump_json().encode()).hexdigest(),
        vendors_sha256=digest_of(input_digest(v) for v in vendors),
        profile=profile.model_dump(mode="json"),
        profile_source=source,
        city=city_key(profile.location.city),
        city_matters=any(p.city for p in kb.policies.policies if p.region == profile.location.province),
        unknown_inputs=unknown_inputs(profile),
        unused_inputs=unread_inputs(_advice_reads(kb)),
        undecided=undecided_rules(traces, set(buyer), need_inputs(kb.needs)),
        context=report_context(profile, kb.figures, kb.policies, traces),
        weights=used,
        needs=stated,
        ranking=ranking,
        excluded=excluded,
        unassessed=unassessed,
        stability=stability(contenders, weights, options.draws, options.spread, options.seed),
        assessments=None if not options.assess else analyse_assessments(
            kb, [RankedPair(s.vendor, _standing(s), s.facts, s.trace) for s in scored], weights,
            lambda vendor, variant: _variant_standing(kb, eligibility, buyer, stated, profile, vendor, variant),
            AssessmentOptions(options.assessment_draws, options.flag_probability, options.seed, options.assessment_pairs)),
    )


def _standing(s: _Scored) -> Standing:
    return Standing(ratings_of(s.vendor), s.rule_units, s.F or 0, int(bool(s.to_confirm)))


def _variant_standing(kb: AdviceKnowledge, eligibility: Eligibility, buyer: dict, stated: list[StatedNeed],
                      profile: Profile, vendor: Vendor, variant: tuple[Vendor, frozenset[str]]) -> Standing | None:
    """A vendor changed (`variant`: the changed vendor, the changes' ids) as the order reads it, by the same engine
    and score as `rank` (None when a filter drops it)."""
    changed = variant[0]
    pair = _advice(kb, eligibility, buyer, stated, profile, changed, conditions=False, like=(vendor, variant))
    if any(e.fired and e.effect.kind == "exclude" for e in pair.trace):
        return None
    return Standing(ratings_of(changed), rule_units(pair.trace), running_products([v for _, v in terms_of(changed)])[-1] or 0,
                    int(bool(to_confirm(stated, pair.needs))))


def _advice_reads(kb: AdviceKnowledge) -> set[str]:
    """Every buyer fact the advice reads, and those the needs matrix reads."""
    reads = set().union(*(r.reads for r in kb.advice.by_id.values()))
    return reads | {f for inputs in need_inputs(kb.needs).values() for f in inputs}


def own_weights_add_up(kb: AdviceKnowledge, loaded: LoadedProfile) -> None:
    """Refuse a profile whose own weights (before the command line's) add up to zero: the file's fault, at its line."""
    try:
        resolve_weights(kb.weights, loaded.profile, {})
    except UsageError:
        raise LoadError(M("usage.weights_zero"), loaded.doc.locate(("weights",)), M("hint.positive_weight")) from None


def most_excluding(result: RankResult) -> tuple[str, int]:
    """The filter that dropped the most vendors of a ranking, and how many (`-`, 0 when none did)."""
    counts = Counter(r.rule for e in result.excluded for r in e.reasons)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0] if counts else ("-", 0)


@dataclass
class _Pair:
    """One buyer–vendor pair: its facts, their sources, the needs matrix row and the advice trace."""

    facts: dict
    sources: dict[str, str]
    needs: list[NeedMatch]
    trace: list[Event]


def _buyer(kb: AdviceKnowledge, profile: Profile) -> tuple[dict, list[StatedNeed]]:
    """The buyer's facts, with how much it needs each need, and the needs it states."""
    buyer = profile_facts(profile)
    levels = need_levels(kb.needs, buyer)
    return {**buyer, **level_facts(levels)}, stated_needs(kb.needs, levels)


def _advice(kb: AdviceKnowledge, eligibility: Eligibility, buyer: dict, stated: list[StatedNeed], profile: Profile,
            vendor: Vendor, conditions: bool = True, like: tuple | None = None) -> _Pair:
    """The facts of one buyer–vendor pair with the vendor's needs matrix row, and the advice trace
    (`like`: the vendor this one is a variant of, and the variant, so that its eligibility is kept for every profile)."""
    derived, checked = eligibility.of(*like) if like else eligibility.of(vendor)
    facts = {**derived, **buyer, **pair_facts(profile, vendor)}
    sources = fact_sources(vendor, profile.location.province, checked)
    needs = match_needs(kb.needs, stated, facts, sources)
    facts.update(status_facts(needs))
    sources.update(need_sources(needs))
    _, trace = run_facts(kb.advice, facts, f"{profile.id}/{vendor.id}", conditions)
    return _Pair(facts, sources, needs, trace)


def _require_ratings(vendor: Vendor, weights: dict[str, float]) -> None:
    missing = [d for d in weights if getattr(vendor.ratings, d).value is None]
    if missing:
        raise RuleError(M("rule.missing_rating", id=repr(vendor.id), dims=", ".join(missing)), hint=M("hint.keep_unrated_filter"))


def top_three(
    kb: AdviceKnowledge, profile: Profile, vendors: list[Vendor], eligibility: Eligibility, overrides: dict[str, float]
) -> tuple[str, ...]:
    """The ids of the first three of `rank`'s ranking, by the same engine and score, with no trace or explanation.

    What the questionnaire's look-ahead compares (a property test holds it equal to `rank`).
    """
    weights = {d: w.value for d, w in resolve_weights(kb.weights, profile, overrides).items()}
    buyer, stated = _buyer(kb, profile)
    rows = []
    for vendor in vendors:
        if not vendor.assessed_in_report and missing_vendor_facts(vendor):
            continue
        pair = _advice(kb, eligibility, buyer, stated, profile, vendor, conditions=False)
        if any(e.fired and e.effect.kind == "exclude" for e in pair.trace):
            continue
        _require_ratings(vendor, weights)
        units = score_units(weights, ratings_of(vendor), rule_units(pair.trace))
        rows.append((bool(to_confirm(stated, pair.needs)), -units, -(supply(vendor).F or 0), vendor.id))
    return tuple(vendor_id for *_, vendor_id in sorted(rows)[:3])


def _ranked(rank_no: int, s: _Scored, first: _Scored, explain: str) -> RankedVendor:
    return RankedVendor(
        rank=rank_no,
        vendor=s.vendor.id,
        name=s.vendor.name,
        supplier_type=s.facts.get("supplier_type", UNDETERMINED),
        track=s.facts.get("track", UNDETERMINED),
        score=float(s.score),
        F=s.F,
        F_source=s.F_source,
        breakdown=s.items,
        gap_to_first=float(q(first.score - s.score)),
        costs=[] if s is first else costs_against(s.items, first.items),
        risks=s.vendor.risks,
        needs=s.needs,
        to_confirm=s.to_confirm,
        trace=trace_models(filter_trace(s.trace, explain)),
    )


def costs_against(items: list[ScoreItem], first: list[ScoreItem], limit: int = 3) -> list[Cost]:
    """The dimensions and rule groups where a vendor loses most points to the first-ranked one."""

    def by_key(rows: list[ScoreItem]) -> dict[str, tuple[float, ScoreItem]]:
        out: dict[str, tuple[float, ScoreItem]] = {}
        for row in rows:
            if row.applied:
                key = row.id if row.kind == "dimension" else row.group
                out[key] = (out.get(key, (0.0, row))[0] + row.points, row)
        return out

    mine, theirs = by_key(items), by_key(first)
    deltas = []
    for key in sorted(set(mine) | set(theirs)):
        delta = float(q(mine.get(key, (0.0, None))[0] - theirs.get(key, (0.0, None))[0]))
        if delta < 0:
            row = (theirs.get(key) or mine.get(key))[1]
            title = DIMENSION_TITLES[key] if row.kind == "dimension" else row.title
            deltas.append(Cost(item=key, delta=delta, title=title))
    return sorted(deltas, key=lambda c: (c.delta, c.item))[:limit]


def _excluded(
    kb: AdviceKnowledge, vendor: Vendor, pair: _Pair, drops: list[Event], provenance: dict[str, str], explain: str
) -> ExcludedVendor:
    return ExcludedVendor(
        vendor=vendor.id,
        name=vendor.name,
        reasons=[
            Reason(rule=e.rule, title=e.title, source=provenance[e.rule], rule_source=e.source, text=e.effect.note)
            for e in drops
        ],
        counterfactual=counterfactual(kb.advice, pair.facts, to_user_units),
        needs=pair.needs,
        trace=trace_models(filter_trace(pair.trace, explain)),
    )
