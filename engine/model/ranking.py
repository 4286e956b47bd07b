"""The result of `rank`: ranked vendors with score breakdowns, exclusions, stability."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, StrictBool, StrictFloat, StrictInt, model_validator

from .common import Frozen, Slug, Text
from .decision import Trace, trace_from_json
from .vendor import Risk
from .vocabulary import DIMENSIONS, Need, NeedLevel, NeedStatus

Dimension = Literal[DIMENSIONS]


class ScoreItem(Frozen):
    """One term of a score: a weighted dimension or a rule's points."""

    kind: Literal["dimension", "rule"]
    id: str  # D1…D5 or a rule id
    points: float
    applied: bool = True
    weight: float | None = None
    rating: int | None = None
    group: str | None = None
    source: str  # where the vendor fact behind it comes from: `report:§…` or `assessment`
    rule_source: str | None = None  # the report section the rule itself encodes
    title: Text | None = None


    @model_validator(mode="after")
    def _a_dimension_is_rated(self) -> "ScoreItem":
        if self.kind == "dimension" and (self.id not in DIMENSIONS or self.rating is None):
            raise ValueError(f"a dimension term is one of {', '.join(DIMENSIONS)} with a rating, not {self.id!r}")
        return self

class Cost(Frozen):
    """Where a vendor loses most against the first-ranked vendor."""

    item: str  # D1…D5 or a score group
    delta: float
    title: Text | None = None


class ContextItem(Frozen):
    """Something the report says that applies to this buyer: a policy, a figure or a context rule."""

    kind: str  # policy, figure or rule
    id: str
    title: Text
    text: Text | None = None  # a policy's summary or a rule's note
    value: float | None = None  # a figure's number
    unit: str | None = None
    source: str


class StatedNeed(Frozen):
    """A need the buyer stated: how much (must or wanted), what it is, the report passage, what to ask a vendor."""

    need: Need
    level: NeedLevel
    title: Text
    short: Text
    source: str
    confirm: Text


class NeedMatch(Frozen):
    """What the evidence says of one vendor and one stated need, with the facts it rests on and their source."""

    need: Need
    status: NeedStatus
    facts: list[str]  # `field: value` of the facts that decided it ([] when nothing is known)
    source: str  # `report:§…`, `assessment`, or `-` when there is no evidence


class RankedVendor(Frozen):
    """One vendor in the ranking."""

    rank: int
    vendor: str
    name: Text
    supplier_type: str
    track: str
    score: float
    F: float | None
    F_source: str  # `assessment` when any of S, R, T, P, A, C is ours
    breakdown: list[ScoreItem]
    gap_to_first: float
    costs: list[Cost]
    risks: list[Risk]
    needs: list[NeedMatch] = []  # one per stated need, in the order of `RankResult.needs`
    to_confirm: list[Need] = []  # the musts only an assessment, or nothing, says it meets: ranked after those that meet all
    trace: Trace


class Change(Frozen):
    """One change to the profile or to the vendor's data."""

    field: str
    before: Any
    after: Any
    who: str  # buyer, vendor or derived


class Counterfactual(Frozen):
    """The smallest change found that brings a dropped vendor back."""

    changes: list[Change]
    verified: bool


class Reason(Frozen):
    """A filter that dropped a vendor."""

    rule: str
    title: Text
    source: str  # where the vendor fact behind the exclusion comes from: `report:§…` or `assessment`
    rule_source: str  # the report section the filter itself encodes
    text: Text


class ExcludedVendor(Frozen):
    """A vendor dropped by a hard filter."""

    vendor: str
    name: Text
    reasons: list[Reason]
    counterfactual: Counterfactual | None
    needs: list[NeedMatch] = []
    trace: Trace


class Undecided(Frozen):
    """An advice rule the buyer's unknown answers leave undecided for at least one vendor."""

    rule: str
    waits_on: list[str]  # profile paths whose answers would decide it


class UnassessedVendor(Frozen):
    """A vendor the report names but does not assess: listed apart, with the data it would need."""

    vendor: str
    name: Text
    missing: list[str]  # vendor fields with no value


class WeightUsed(Frozen):
    """The weight of one dimension and where it came from."""

    value: float
    origin: Literal["segment", "profile", "command line"]
    source: str  # `assessment` for the segment's weights (our reading of the advice), `buyer` otherwise


class Swap(Frozen):
    """The smallest single-weight change that swaps #1 and #2."""

    dimension: str
    before: float
    after: float


class Stability(Frozen):
    """How often the top of the ranking survives random weight changes."""

    draws: int
    spread: float
    seed: int
    top1_same: float | None
    top3_same: float | None
    swap: Swap | None


class AssessmentChange(Frozen):
    """One of our assessments of a vendor changed: a rating one step, a flag or chip family added or removed, a share ±0.1."""

    vendor: Slug
    field: Annotated[str, Field(pattern=r"^(ratings\.D[1-5]|capabilities\.[a-z_]{1,40}|chips\.[a-z_]{1,40}|shares\.[TPAC])$")]
    before: StrictBool | StrictInt | StrictFloat  # a rating or share; true or false for a flag or chip family
    after: StrictBool | StrictInt | StrictFloat
    rung: Annotated[str, Field(pattern=r"^D[1-5]\.[1-5]$")] | None = None  # the rubric rung a rating's reason names
    alike: list[Slug] = []  # chip families the rules read as they read this one: adding any of them is this change


class Flip(Frozen):
    """A smallest set of changes to our assessments after which #1 (or the top three) is no longer what it is."""

    changes: Annotated[list[AssessmentChange], Field(min_length=1, max_length=2)]
    top: list[Slug]  # the new #1, or the new top three, in order


class FlipCheck(Frozen):
    """Whether #1 (or the top three) holds: no set of up to `holds_up_to` changes (0, 1 or 2) breaks it; `flips` the smallest that do."""

    holds_up_to: Literal[0, 1, 2]
    flips: list[Flip]

    @model_validator(mode="after")
    def _flips_are_the_smallest(self) -> "FlipCheck":
        if any(len(f.changes) != self.holds_up_to + 1 for f in self.flips):
            raise ValueError(f"holding up to {self.holds_up_to} changes, each flip has {self.holds_up_to + 1}")
        return self


class ClosestChange(Frozen):
    """The single change that leaves #1 the smallest lead over the next vendor."""

    change: AssessmentChange
    lead: float
    runner_up: Slug


class Likelihood(Frozen):
    """How often a vendor comes first, and in the top three, when our assessments are drawn."""

    vendor: Slug
    first: Annotated[float, Field(ge=0, le=1)]
    top3: Annotated[float, Field(ge=0, le=1)]


class ConfirmQuestion(Frozen):
    """A decisive assessment as a question to put to the vendor, with our reason."""

    vendor: Slug
    field: str
    question: Text


class Assessments(Frozen):
    """Which of our assessments the ranking rests on: flip conditions, likelihood under draws, what to confirm."""

    first: FlipCheck
    top3: FlipCheck
    closest: ClosestChange | None
    draws: int
    flag_probability: float
    seed: int
    likelihood: list[Likelihood]  # in the ranking's order
    confirm: list[ConfirmQuestion]
    names: dict[Slug, Text]  # every ranked vendor's name, by id (a ranking cut by --top still names them)
    reasons: dict[Slug, dict[str, Text]] = {}  # why we assessed each changed fact so (the vendor file's reason), by vendor and field


class RankResult(Frozen):
    """`zhisuan rank`."""

    rules_version: str
    tool_version: str
    profile_sha256: str  # the profile as validated
    vendors_sha256: str  # over the vendors' input hashes, in sorted order
    profile: dict[str, Any]
    profile_source: str
    city: str | None  # the buyer's city as the rules know it: one the report names, `other`, or unknown
    city_matters: bool  # some report policy of the buyer's province is a city's
    unknown_inputs: list[str]  # profile paths the buyer left unknown
    unused_inputs: list[str]  # profile paths no rule reads
    undecided: list[Undecided]  # rules waiting on unknown buyer inputs
    context: list[ContextItem]
    weights: dict[Dimension, WeightUsed]
    needs: list[StatedNeed] = []  # what the buyer stated, must first
    ranking: list[RankedVendor]
    excluded: list[ExcludedVendor]
    unassessed: list[UnassessedVendor]
    stability: Stability
    assessments: Assessments | None = None  # None in records made before it was computed

    @classmethod
    def from_document(cls, document: dict) -> "RankResult":
        """A ranking read back from its JSON document (a rank or ask record; ask's own part left out), traces included."""
        result = cls.model_validate({k: v for k, v in document.items() if k != "ask"})
        return result.model_copy(update={key: [item.model_copy(update={"trace": trace_from_json(item.trace)}) for item in getattr(result, key)]
                                          for key in ("ranking", "excluded")})
