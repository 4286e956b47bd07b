"""Where the vendor facts behind a fired rule come from: a report section, or `assessment`."""

from __future__ import annotations

from ..compile.facts import vendor_fields
from ..model.common import ASSESSMENT
from ..model.decision import ConditionTrace, TraceEvent
from ..model.vendor import Vendor


def fact_sources(vendor: Vendor, province: str, eligibility: list[TraceEvent]) -> dict[str, str]:
    """The provenance of every vendor fact a rule may read (capabilities per flag: `capabilities:<flag>`).

    A derived field (a verdict, a criterion, the track, the type) takes the provenance of the
    facts that the eligibility rule which set it relied on, in the order the rules ran.
    """
    local = [n.source for n in vendor.nodes if n.region == province]
    sources = {name: source for name, (_, source) in vendor_fields(vendor).items()}
    sources["match.local_node"] = _strongest(local) if local else sources["regions"]
    sources["match.industry"] = sources["industries"]
    for cap in vendor.capabilities or []:
        sources[f"capabilities:{cap.flag}"] = cap.source
    for event in eligibility:
        if event.fired and event.applied and event.effect.field:
            sources[event.effect.field] = rule_provenance(event, sources)
    return sources


def rule_provenance(event: TraceEvent, sources: dict[str, str]) -> str:
    """`assessment` if a vendor fact the fired rule relied on is ours; else the report sections of those facts.

    A rule that reads no vendor fact rests on the buyer's input and the report section it encodes.
    """
    return relied_provenance(event.conditions, sources) or event.source


def relied_provenance(conditions: list[ConditionTrace], sources: dict[str, str]) -> str | None:
    """`assessment` if a vendor fact the true leaves relied on is ours; else those facts' report sections; None if none."""
    relied = set()
    for c in conditions:
        if c.result != "true" or _buyer_fact(c.field):
            continue
        if c.field == "capabilities":
            # A present flag has its own source; an absent one is no evidence either way.
            key = f"capabilities:{c.expected}"
            relied.add(sources.get(key, ASSESSMENT) if c.op == "contains" and c.actual is not None else ASSESSMENT)
        else:
            relied.add(sources.get(c.field, ASSESSMENT))
    if not relied:
        return None
    return ASSESSMENT if ASSESSMENT in relied else "; ".join(sorted(relied))


def _buyer_fact(field: str) -> bool:
    """A fact of the buyer's own (its inputs, whether a vendor is its current cloud, how much it needs something)."""
    return field.startswith("profile.") or field == "match.existing_cloud" or (field.startswith("need.") and field.endswith(".level"))


def _strongest(sources: list[str]) -> str:
    reported = sorted(s for s in sources if s != ASSESSMENT)
    return reported[0] if reported else ASSESSMENT
