"""`check`: evaluate vendors against the eligibility rules and build their decisions."""

from __future__ import annotations

from dataclasses import dataclass

from ..compile.compiler import RuleBase
from ..model.decision import CheckResult, VendorDecision
from ..model.vendor import Vendor
from ..model.vocabulary import SUB_CRITERIA
from ..scoring.supply import supply
from ..explain.filters import filter_trace
from ..runtime.evaluate import UNDETERMINED, digest_of, input_digest
from ..version import tool_version
from ..runtime.trace import trace_models
from .qualify import paths_for
from .settle import run_settled
from .tracks import IN_TRACK, track_meets

__all__ = ["IN_TRACK", "Shortfall", "check", "check_result", "decide", "meets", "shortfalls", "sort_decisions", "track_meets"]

def decide(base: RuleBase, vendor: Vendor, explain: str = "full", paths: bool = False) -> VendorDecision:
    """The decision for one vendor, carrying the trace that `explain` (off, fails, full) shows;
    with `paths`, what it must change to qualify when it is below core."""
    facts, trace, settlement = run_settled(base, vendor, conditions=explain != "off")
    track = facts.get("track", UNDETERMINED)
    notes = [e.effect.note for e in trace if e.fired and e.effect.kind == "note"]
    setters = _setters(trace)
    # One validation call for the whole decision: nested dicts, not a model per sub-criterion.
    return VendorDecision.model_validate({
        "id": vendor.id,
        "name": vendor.name,
        "assessed_in_report": vendor.assessed_in_report,
        "track": track,
        "supplier_type": facts.get("supplier_type", UNDETERMINED),
        "declared_type": vendor.declared_type,
        "criteria": {c: _criterion(c, vendor, facts, setters) for c in SUB_CRITERIA},
        "supply": supply(vendor),
        "notes": notes,
        "input_sha256": input_digest(vendor),
        "trace": trace_models(filter_trace(trace, explain)),
        "settled": settlement.settled,
        "unsettled": settlement.unsettled,
        "path_to": paths_for(base, vendor, track) if paths else None,
    })


def _setters(trace) -> dict[str, str]:
    """Field → the rule whose effect set it (the winner where rules conflicted)."""
    return {e.effect.field: e.rule for e in trace if e.fired and e.applied and e.effect.field}


def _criterion(c: str, vendor: Vendor, facts: dict, setters: dict[str, str]) -> dict:
    """A CriterionOutcome's fields."""
    share = getattr(vendor.shares, c)
    subs = {}
    for s in SUB_CRITERIA[c]:
        data = vendor.sub[s]
        subs[s] = {
            "status": facts.get(f"sub.{s}.verdict", "unknown"),
            "recorded": data.status,
            "evidence": data.evidence,
            "source": data.source,
            "reason": data.reason,
            "decided_by": setters.get(f"sub.{s}.verdict"),
        }
    return {"status": facts.get(f"criteria.{c}.status", UNDETERMINED), "share": share.value,
            "share_source": share.source, "sub": subs}


def check(base: RuleBase, vendors: list[Vendor], explain: str = "full", paths: bool = False) -> CheckResult:
    """Decisions for all `vendors`, ordered by F (unknown last), then id, with the traces `explain` shows
    (and, with `paths`, what each below core must change)."""
    return check_result(base.version, [decide(base, v, explain, paths) for v in vendors])


def check_result(rules_version: str, decisions: list[VendorDecision]) -> CheckResult:
    """The check document: decisions in check's order, with the versions and the inputs' hash."""
    return CheckResult(
        rules_version=rules_version,
        tool_version=tool_version(),
        inputs_sha256=digest_of(d.input_sha256 for d in decisions),
        vendors=sort_decisions(decisions),
    )


def sort_decisions(decisions: list[VendorDecision]) -> list[VendorDecision]:
    """Decisions in check's order: by F, largest first (unknown last), then id."""
    return sorted(decisions, key=lambda d: (d.supply.F is None, -(d.supply.F or 0), d.id))


def meets(result: CheckResult, least: str) -> bool:
    """True when every checked vendor's track is `least` or better (core > partial > out/undetermined)."""
    return all(track_meets(d.track, least) for d in result.vendors)


@dataclass(frozen=True)
class Shortfall:
    """A vendor below `--fail-unless`: its track and each criterion that is not met, with its status."""

    vendor: str
    track: str
    criteria: tuple[tuple[str, str], ...]


def shortfalls(result: CheckResult, least: str) -> list[Shortfall]:
    """The vendors whose track is below `least`, in check's order, each with the criteria that keep it there."""
    return [Shortfall(d.id, d.track, tuple((c, o.status) for c, o in d.criteria.items() if o.status != "met"))
            for d in result.vendors if not track_meets(d.track, least)]
