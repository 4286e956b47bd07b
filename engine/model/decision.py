"""The result of an evaluation: plain, serialisable values with a full trace."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import Field, SkipValidation, TypeAdapter

from .common import Frozen, Text
from .vocabulary import ALL_SUBS, CRITERIA

# The trace types are plain slotted dataclasses, not models: a vendor's full trace holds
# ~230 of them, built from rules and facts that were validated already, so validating them
# again costs more than the whole evaluation. Pydantic still serialises them by their fields.


@dataclass(slots=True)
class ConditionTrace:
    """One leaf condition: field, operator, expected and actual values, and its result."""

    path: str
    field: str
    op: str
    expected: Any
    actual: Any
    result: str


@dataclass(frozen=True, slots=True)
class EffectTrace:
    """What a rule's effect is: the field and value it sets, or the note it attaches."""

    kind: str
    field: str | None = None
    value: str | None = None
    note: Text | None = None
    points: float | None = None
    group: str | None = None


@dataclass(slots=True)
class TraceEvent:
    """One rule considered during an evaluation."""

    rule: str
    title: Text
    source: str
    location: str
    stratum: int
    fired: bool
    result: str
    conditions: list[ConditionTrace]
    effect: EffectTrace
    applied: bool
    overridden_by: str | None = None


Trace = Annotated[list[TraceEvent], SkipValidation]


RESULTS = ("true", "false", "not_evaluated")
_TRACE = TypeAdapter(list[TraceEvent])
_PATH = re.compile(r"^when(\.(all|any)\[\d+\]|\.not)*$")


def trace_from_json(items: list[dict]) -> list[TraceEvent]:
    """A trace read back from its JSON form (a decision record) as the events it was written from.

    What the renderers rely on is checked (each result one of three, each condition's path the shape
    the trace writes, the types): a record edited by hand raises ValueError, never an error later.
    """
    # every field of the type it is declared, no coercion (strict; as JSON, which lets a dict be a dataclass)
    events = _TRACE.validate_json(json.dumps(items), strict=True)
    for event in events:
        if (event.result not in RESULTS or any(c.result not in RESULTS or not _PATH.match(c.path) for c in event.conditions)
                or event.effect.kind == "score" and event.effect.points is None):
            raise ValueError(f"not an event of a trace: {event.rule!r}"[:200])
    return events


class SubOutcome(Frozen):
    """A sub-criterion: the rules' verdict, the recorded status, evidence and source."""

    status: str
    recorded: str
    evidence: Text
    source: str
    reason: Text | None = None
    decided_by: str | None = None  # the rule that set the verdict


class CriterionOutcome(Frozen):
    """A criterion: its status, the vendor's share and the sub-criteria."""

    status: str
    share: float | None
    share_source: str
    sub: dict[str, SubOutcome]


class SupplyStep(Frozen):
    """One term of F = S×R×T×P×A×C, with the running product after it."""

    term: str
    value: float | None
    running: float | None
    source: str


class Supply(Frozen):
    """The supply-scale computation, term by term."""

    S: float | None
    R: float | None
    S_south: float | None
    F: float | None
    steps: list[SupplyStep]


class Change(Frozen):
    """One change to a vendor's own facts: add a list element or set a value, where it lives in the file,
    and the sub-criteria it decides."""

    field: str  # the fact, as rules read it: pricing, activation, sub.T3.status
    action: Literal["add", "set"]
    value: str
    at: str  # the field of the vendor file: pricing.values, activation.value, sub.T3.status
    subs: list[str]


class FixedFact(Frozen):
    """A fact the vendor cannot change by itself (the report's supplier type, our assessed shares), with its source."""

    field: str
    value: Any
    source: str


class TargetSub(Frozen):
    """A sub-criterion a path decides: the rule that meets it, its one-line definition and section,
    and the evidence the report accepts."""

    rule: str
    title: Text
    source: str
    evidence: Text | None = None


class PathTo(Frozen):
    """The smallest sets of own-fact changes that take a vendor to `target`, each verified by the engine.

    `paths` is empty when no set of at most three changes does; `blocked_by` then names the fixed facts
    that stand in the way."""

    target: str
    unmet: list[str]  # what is not met today: sub-criteria (for core; criteria if every one is met), or criteria (for partial)
    unknown: list[str]  # what is unknown today, of the same
    paths: list[list[Change]]
    more: int  # minimal paths of the same size not listed
    subs: dict[str, TargetSub]
    blocked_by: list[FixedFact]


class Settled(Frozen):
    """A result (a criterion's status, the track, the type) that every completion of the unknown facts gives alike."""

    fact: str  # criteria.T.status, track, supplier_type
    value: str
    unknowns: list[str]  # the unknown facts it holds whatever they are


class Decider(Frozen):
    """One unknown value that alone settles an undetermined result: `field` (for a list, with `element` in it
    or not) at `value` gives `gives`."""

    field: str
    element: str | None
    value: Any  # for a list: true (the element is in it) or false; otherwise the value, in engine units
    gives: str


class Unsettled(Frozen):
    """A result two completions of the unknown facts give differently: the values seen, the unknowns it
    depends on, and those that alone would settle it."""

    fact: str
    values: list[str]  # values it takes in some completion (the search stops once two are seen)
    unknowns: list[str]
    deciders: list[Decider]  # worked out for a vendor with at most 12 unknowns


class VendorDecision(Frozen):
    """Everything decided about one vendor."""

    id: str
    name: Text
    assessed_in_report: bool
    track: str
    supplier_type: str
    declared_type: str | None
    criteria: dict[str, CriterionOutcome]
    supply: Supply
    notes: list[Text]
    input_sha256: str
    trace: Trace
    # results the unknown facts cannot change, and those they can; left out when there are none
    settled: list[Settled] = Field(default_factory=list, exclude_if=lambda value: not value)
    unsettled: list[Unsettled] = Field(default_factory=list, exclude_if=lambda value: not value)
    # what `check` adds for a vendor below core; left out when not computed (batch lines and older records are unchanged)
    path_to: list[PathTo] | None = Field(default=None, exclude_if=lambda value: value is None)


class CheckResult(Frozen):
    """`zhisuan check`: the rules and tool versions, the inputs' hash, and one decision per vendor, ordered by F."""

    rules_version: str
    tool_version: str
    inputs_sha256: str  # over the vendors' input_sha256, in sorted order: the same vendors, the same hash
    vendors: list[VendorDecision]

    @classmethod
    def from_document(cls, document: dict) -> "CheckResult":
        """A result read back from its JSON document (a decision record), traces included."""
        result = cls.model_validate(document)

        def restored(v: VendorDecision) -> VendorDecision:
            # JSON keeps keys sorted; outputs list criteria and sub-criteria in the report's order
            criteria = {c: v.criteria[c].model_copy(update={"sub": {s: v.criteria[c].sub[s] for s in ALL_SUBS if s in v.criteria[c].sub}})
                        for c in CRITERIA if c in v.criteria}
            return v.model_copy(update={"trace": trace_from_json(v.trace), "criteria": criteria})

        return result.model_copy(update={"vendors": [restored(v) for v in result.vendors]})
