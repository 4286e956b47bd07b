"""The report's context for one buyer: policies and figures of its province and city, and context rules."""

from __future__ import annotations

from ..compile.facts import city_key
from ..model.decision import TraceEvent
from ..model.profile import Profile
from ..model.ranking import ContextItem
from ..model.report import Figures, Policies


def report_context(profile: Profile, figures: Figures, policies: Policies, traces: list[list[TraceEvent]]) -> list[ContextItem]:
    """Policies and figures for the buyer's province (province-wide or its city), then fired context notes."""
    province, city = profile.location.province, city_key(profile.location.city)

    def applies(region: str | None, where: str | None) -> bool:
        return region == province and (where is None or where == city)

    items = [
        ContextItem(kind="policy", id=p.id, title=p.name, text=p.summary, source=p.source)
        for p in policies.policies
        if applies(p.region, p.city)
    ]
    items += [
        ContextItem(kind="figure", id=f.id, title=f.title, value=f.value, unit=f.unit, source=f.source)
        for f in figures.figures
        if applies(f.region, f.city)
    ]
    notes: dict[str, ContextItem] = {}
    for trace in traces:
        for e in trace:
            if e.fired and e.effect.kind == "note" and e.rule not in notes:
                notes[e.rule] = ContextItem(kind="rule", id=e.rule, title=e.title, text=e.effect.note, source=e.source)
    return items + [notes[k] for k in sorted(notes)]
