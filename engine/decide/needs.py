"""The needs matrix: which needs the buyer states (must or wanted), and per vendor whether the
report, our assessment or nothing shows each one met."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..compile.tree import Node, build
from ..compile.truth import FALSE, TRUE, evaluate
from ..explain.provenance import relied_provenance
from ..model.common import ASSESSMENT
from ..model.decision import ConditionTrace
from ..model.needs import NeedSpec
from ..model.ranking import NeedMatch, StatedNeed

__all__ = ["CompiledNeed", "MET", "compile_need", "level_facts", "match_needs", "need_inputs", "need_levels", "need_sources",
           "stated_needs", "status_facts", "to_confirm"]

MET = ("met_report", "met_assessed")


@dataclass(frozen=True)
class CompiledNeed:
    """A need of rules/needs.yaml with its conditions checked against the field catalogue."""

    spec: NeedSpec
    must: Node | None
    wanted: Node | None
    met: Node
    unmet: Node | None


def compile_need(spec: NeedSpec, index: int, locate) -> CompiledNeed:
    """Check the conditions of the `index`th need (`locate(path)` gives file:line)."""

    def node(name: str) -> Node | None:
        cond = getattr(spec, name)
        return None if cond is None else build(cond, ("needs", index, name), locate, name)

    return CompiledNeed(spec, node("must"), node("wanted"), node("met"), node("unmet"))


def need_levels(needs: tuple[CompiledNeed, ...], buyer: dict[str, Any]) -> dict[str, str]:
    """How much the buyer's facts need each need: must, wanted or no (left out while an input it reads is unknown)."""
    levels = {}
    for need in needs:
        results = {lvl: evaluate(cond, buyer) for lvl, cond in (("must", need.must), ("wanted", need.wanted)) if cond}
        if results.get("must") == TRUE:
            levels[need.spec.id] = "must"
        elif results.get("wanted") == TRUE:
            levels[need.spec.id] = "wanted"
        elif all(r == FALSE for r in results.values()):
            levels[need.spec.id] = "no"
    return levels


def level_facts(levels: dict[str, str]) -> dict[str, str]:
    """The `need.<id>.level` facts advice rules read."""
    return {f"need.{need}.level": level for need, level in levels.items()}


def stated_needs(needs: tuple[CompiledNeed, ...], levels: dict[str, str]) -> list[StatedNeed]:
    """The needs the buyer states, musts first, each in needs.yaml order."""
    return [
        StatedNeed(need=n.spec.id, level=level, title=n.spec.title, short=n.spec.short, source=n.spec.source,
                   confirm=n.spec.confirm)
        for level in ("must", "wanted")
        for n in needs
        if levels.get(n.spec.id) == level
    ]


def need_inputs(needs: tuple[CompiledNeed, ...]) -> dict[str, set[str]]:
    """The buyer facts each `need.<id>.level` is read from."""
    return {
        f"need.{n.spec.id}.level": {leaf.leaf.field for cond in (n.must, n.wanted) if cond for leaf in cond.leaves()}
        for n in needs
    }


def match_needs(
    needs: tuple[CompiledNeed, ...], stated: list[StatedNeed], facts: dict[str, Any], sources: dict[str, str]
) -> list[NeedMatch]:
    """What the evidence says of one vendor for each stated need, in the order of `stated`.

    Met: the `met` condition holds, and its source is that of the vendor facts it relied on
    (`assessment` if one of them is ours). Not met (report): the `unmet` condition holds on
    facts the report states. Anything else is no evidence: a missing fact, or an absence only
    our assessment records.
    """
    by_id = {n.spec.id: n for n in needs}
    return [_match(by_id[s.need], facts, sources) for s in stated]


def _match(need: CompiledNeed, facts: dict[str, Any], sources: dict[str, str]) -> NeedMatch:
    out: list[ConditionTrace] = []
    if evaluate(need.met, facts, out) == TRUE:
        source = relied_provenance(out, sources) or need.spec.source
        status = "met_assessed" if source == ASSESSMENT else "met_report"
        return NeedMatch(need=need.spec.id, status=status, facts=_shown(out), source=source)
    if need.unmet is not None:
        out = []
        if evaluate(need.unmet, facts, out) == TRUE:
            source = relied_provenance(out, sources) or need.spec.source
            if source != ASSESSMENT:
                return NeedMatch(need=need.spec.id, status="not_met_report", facts=_shown(out), source=source)
    return NeedMatch(need=need.spec.id, status="no_evidence", facts=[], source="-")


def _shown(conditions: list[ConditionTrace]) -> list[str]:
    """`field: value` of each vendor fact a true leaf read, once, in the order read."""
    shown: list[str] = []
    for c in conditions:
        if c.result != TRUE or c.field.startswith("profile."):
            continue
        value = c.expected if c.op == "contains" else c.actual  # of a list, the element that counted
        text = f"{c.field}: {', '.join(map(str, value)) if isinstance(value, list) else value}"
        if text not in shown:
            shown.append(text)
    return shown


def status_facts(matches: list[NeedMatch]) -> dict[str, str]:
    """The `need.<id>.status` facts advice rules read."""
    return {f"need.{m.need}.status": m.status for m in matches}


def need_sources(matches: list[NeedMatch]) -> dict[str, str]:
    """Where each `need.<id>.status` fact comes from (what a rule reading it relied on)."""
    return {f"need.{m.need}.status": ASSESSMENT if m.source == "-" else m.source for m in matches}


def to_confirm(stated: list[StatedNeed], matches: list[NeedMatch]) -> list[str]:
    """The musts that only an assessment, or nothing, says the vendor meets."""
    return [s.need for s, m in zip(stated, matches, strict=True)
            if s.level == "must" and m.status in ("met_assessed", "no_evidence")]
