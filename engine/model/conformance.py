"""The advice conformance corpus (rules/conformance.yaml): every piece of the report's buying advice and how it is encoded."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from ..errors import Problem
from ..messages import M
from .common import Frozen, NonEmpty

AdviceKind = Literal[
    "segment_advice", "vendor_strength_for_buyer", "vendor_risk", "regional_demand", "policy_figure", "trend",
    "buyer_advice", "park_advice", "criterion",
]
ItemId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,63}$")]


class AdviceItem(Frozen):
    """One statement of the report, quoted, with how zhisuan encodes it (or why it does not)."""

    id: ItemId
    section: Annotated[str, StringConstraints(pattern=r"^§0[1-5] \S.*$")]
    kind: AdviceKind
    quote: Annotated[str, StringConstraints(min_length=1, max_length=600)] = Field(description="the report's words, verbatim")
    advice: Annotated[str, StringConstraints(min_length=1, max_length=600)] = Field(description="what it means, in English")
    encoded_by: list[NonEmpty] = Field(default=[], description="advice or eligibility rule ids")
    context: list[NonEmpty] = Field(default=[], description="figure and policy ids shown to the buyer")
    risks: list[NonEmpty] = Field(default=[], description="vendor ids whose §04 challenges are shown")
    not_encoded: NonEmpty | None = Field(default=None, description="why nothing encodes it")

    @model_validator(mode="after")
    def _encoded_or_says_why(self) -> "AdviceItem":
        encoded = bool(self.encoded_by or self.context or self.risks)
        if encoded == (self.not_encoded is not None):
            raise Problem(M("model.conformance_encoded"))
        return self


class Conformance(Frozen):
    """The file rules/conformance.yaml."""

    advice: Annotated[list[AdviceItem], Field(min_length=1)]
