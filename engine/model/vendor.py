"""A vendor's knowledge-base entry: facts with provenance, sub-criteria, assessed numbers."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StrictBool, model_validator

from ..errors import Problem
from ..messages import M

from .common import Frozen, NonEmpty, Number, Provenance, Slug, Text
from .vocabulary import (
    ALL_SUBS,
    Activation,
    Capability,
    Industry,
    DIMENSIONS,
    Chip,
    CoreBusiness,
    MinCommitment,
    NodeKind,
    Pricing,
    Region,
    Status,
    SupplierType,
    SupplyModel,
)


class Business(Provenance):
    """What the vendor mainly is and where its supply comes from."""

    core: CoreBusiness
    supply_model: SupplyModel


class ComputeNode(Provenance):
    """One South China presence: a region, optionally a city, and how the vendor holds it."""

    region: Region
    city: Text | None = None
    kind: NodeKind


class VendorChips(Provenance):
    """Accelerator families the vendor's pool serves."""

    values: Annotated[list[Chip], Field(max_length=10)] | None = Field(
        description="null when unknown"
    )


class PricingFacts(Provenance):
    """Ways a buyer can pay."""

    values: Annotated[list[Pricing], Field(max_length=10)] | None = Field(
        description="null when unknown"
    )


class CapabilityFact(Provenance):
    """One capability the advice rules look for."""

    flag: Capability


class Industries(Provenance):
    """Industries the vendor has solutions and cases for."""

    values: Annotated[list[Industry], Field(max_length=15)]


class ActivationFact(Provenance):
    """How a buyer starts using the service (P2): self-service online, or through a sales order or tender."""

    value: Activation


class Contract(Provenance):
    """The smallest commitment a buyer must make to start."""

    min_commitment: MinCommitment


class SubCriterion(Provenance):
    """The status of one sub-criterion (T1…C2) with a one-line evidence statement."""

    status: Status
    evidence: Text


class Share(Provenance):
    """A share in [0, 1] (T, P, A, C or R)."""

    value: Number(0, 1, 4) | None = Field(description="0 to 1, at most 4 decimals; null when unknown")


class SupplyIndex(Provenance):
    """The supply index S in [1, 100]."""

    value: Number(1, 100, 2) | None = Field(description="1 to 100, at most 2 decimals; null when unknown")


RatingValue = Annotated[int, Field(ge=1, le=5, strict=True)]


class Rating(Provenance):
    """A 1–5 rating of one capability dimension (always an assessment)."""

    value: RatingValue | None = Field(description="1 to 5; null when unknown")
    range: Annotated[list[RatingValue], Field(min_length=2, max_length=2)] | None = Field(
        default=None, description="[low, high] the rating may truly be (default: one step either side, within 1–5)",
        exclude_if=lambda value: value is None,  # a vendor without one dumps, and hashes, as before
    )

    @model_validator(mode="after")
    def _range_holds_the_value(self) -> "Rating":
        if self.range is not None:
            low, high = self.range
            if self.value is None:
                raise Problem(M("model.rating_range_unrated"))
            if low > high or not low <= self.value <= high:
                example = (max(1, self.value - 1), min(5, self.value + 1))
                raise Problem(M("model.rating_range", low=low, high=high, value=repr(self.value), below=example[0], above=example[1]))
        return self

    def plausible(self) -> tuple[int, int]:
        """The lowest and highest the rating may truly be: its `range`, or one step either side within 1–5."""
        if self.range is not None:
            return self.range[0], self.range[1]
        return max(1, self.value - 1), min(5, self.value + 1)


class Shares(Frozen):
    """The four filtering shares of F = S×T×P×A×C."""

    T: Share
    P: Share
    A: Share
    C: Share


class Ratings(Frozen):
    """Ratings of D1–D5."""

    D1: Rating
    D2: Rating
    D3: Rating
    D4: Rating
    D5: Rating


class SubCriteria(Frozen):
    """All twelve sub-criteria; use `status: unknown` for one you cannot judge."""

    T1: SubCriterion
    T2: SubCriterion
    T3: SubCriterion
    P1: SubCriterion
    P2: SubCriterion
    P3: SubCriterion
    P4: SubCriterion
    P5: SubCriterion
    A1: SubCriterion
    A2: SubCriterion
    C1: SubCriterion
    C2: SubCriterion

    def __getitem__(self, sub_id: str) -> SubCriterion:
        return getattr(self, sub_id)


class Risk(Text):
    """A challenge the report names for this vendor (§04), in the report's words."""

    source: Annotated[str, Field(pattern=r"^report:§0[1-5] \S.*$", description="`report:§04 <where>`")]


class Vendor(Frozen):
    """One vendor in the knowledge base."""

    id: Slug
    name: Text
    assessed_in_report: StrictBool
    declared_type: SupplierType | None = None
    declared_type_source: NonEmpty | None = None
    business: Business
    nodes: Annotated[list[ComputeNode], Field(max_length=50)]
    chips: VendorChips
    pricing: PricingFacts
    activation: ActivationFact | None = Field(default=None, description="null when unknown")
    contract: Contract
    sub: SubCriteria
    shares: Shares
    S: SupplyIndex
    R: Share
    ratings: Ratings
    capabilities: Annotated[list[CapabilityFact], Field(max_length=20)] | None = Field(
        default=None, description="null when unknown"
    )
    industries: Industries | None = Field(default=None, description="null when unknown")
    notes: Annotated[list[Text], Field(max_length=20)] = []
    risks: Annotated[list[Risk], Field(max_length=10, description="the report's challenges (§04)")] = []


assert tuple(Ratings.model_fields) == DIMENSIONS
assert tuple(SubCriteria.model_fields) == ALL_SUBS
