"""A buyer's profile (v2): who they are, what they run, and what they need from a vendor.

Only `segment` and `location.province` are required: a buyer always knows those. Every other
field may be left out or written as `unknown`; both mean "not known" (None here), which rules
treat as not evaluated and the output shows as unknown, never as a silent default.
"""

import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, StrictBool, WithJsonSchema, model_validator

from ..errors import Problem
from ..messages import M
from .common import Frozen, NonEmpty, Number, Slug, Text
from .vocabulary import Industry, Region

Segment = Literal["individual_developer", "micro", "small", "medium", "large", "government", "university"]
WorkloadKind = Literal["large_training", "fine_tuning", "inference", "rag", "hpc"]
Latency = Literal["city_1ms", "province_5ms", "relaxed"]
DomesticChips = Literal["none", "preferred", "required"]
ContractPreference = Literal["pay_as_you_go", "small_prepay", "annual"]
Budget = Literal["low", "medium", "high"]
ExistingCloud = Literal[
    "none", "alibaba", "huawei", "baidu", "volcano", "tencent", "qingcloud_private", "other_private", "other_public"
]
Level = Literal["low", "medium", "high"]
Voucher = Literal["zhuhai", "nanning"]
Regime = Literal["financial", "government", "medical"]
Dimension = Literal["D1", "D2", "D3", "D4", "D5"]

UNKNOWN = "unknown"
MAX_CARDS = 100_000
# A need the buyer states: `must` (a vendor that does not meet it cannot serve), `wanted`
# (it counts in the score), or yes/no as before (`true` is `wanted`, or `must` where the field says so).
def _need_answer(value: Any) -> Any:
    """One error for any other answer (not one per member of the union)."""
    if isinstance(value, bool) or value in ("must", "wanted"):
        return value
    raise Problem(M("model.need_answer", value=repr(value)))


NeedAnswer = Annotated[StrictBool | Literal["must", "wanted"], BeforeValidator(_need_answer)]


def _unknown_is_none(value: Any) -> Any:
    return None if value == UNKNOWN else value


def _also_unknown(schema: dict[str, Any]) -> None:
    """JSON Schema: `unknown` is accepted wherever a value may be unknown."""
    schema.setdefault("anyOf", []).append({"const": UNKNOWN})


def Maybe(kind: Any, description: str = "") -> Any:  # noqa: N802 - reads as a type
    """`kind`, or not known: the key left out or written `unknown`."""
    described = f"{description} (or `unknown`)" if description else "or `unknown`"
    field = Field(default=None, description=described, json_schema_extra=_also_unknown)
    return Annotated[kind | None, BeforeValidator(_unknown_is_none), field]


class CardRange(Frozen):
    """How many accelerator cards a workload needs at peak: one number, or a min–max range."""

    min: Annotated[int, Field(strict=True)]
    max: Annotated[int, Field(strict=True)]

    @model_validator(mode="after")
    def _ordered_and_in_range(self) -> "CardRange":
        if not 1 <= self.min <= self.max <= MAX_CARDS:
            raise Problem(M("model.cards_range", limit=MAX_CARDS))
        return self

    def label(self) -> str:
        """`4` or `4-16`."""
        return str(self.min) if self.min == self.max else f"{self.min}-{self.max}"


_RANGE = re.compile(r"^\s*(\d+)\s*[-–]\s*(\d+)\s*$")


def _card_range(value: Any) -> Any:
    if value is None or value == UNKNOWN or isinstance(value, dict):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return {"min": value, "max": value}
    if isinstance(value, str) and _RANGE.match(value):
        low, high = (int(g) for g in _RANGE.match(value).groups())
        if low > high:
            raise Problem(M("model.cards_order", value=repr(value), example=f"{high}-{low}"))
        return {"min": low, "max": high}
    raise Problem(M("model.cards_shape"))


_CARDS_SCHEMA = {
    "anyOf": [
        {"type": "integer", "minimum": 1, "maximum": MAX_CARDS},
        {"type": "string", "pattern": _RANGE.pattern},
        {"type": "object", "properties": {"min": {"type": "integer"}, "max": {"type": "integer"}},
         "required": ["min", "max"], "additionalProperties": False},
        {"const": UNKNOWN},
        {"type": "null"},
    ]
}
Cards = Annotated[
    CardRange | None, BeforeValidator(_unknown_is_none), BeforeValidator(_card_range), WithJsonSchema(_CARDS_SCHEMA)
]


class BuyerLocation(Frozen):
    """Where the buyer's compute must serve."""

    province: Region = Field(description="guangdong, guangxi, hainan, hong_kong or macau (required)")
    city: Maybe(NonEmpty, "e.g. Shenzhen, 深圳, Dongguan, Nanning, Zhuhai; the report's policies name six cities")


class Workload(Frozen):
    """One kind of AI work with its size."""

    kind: WorkloadKind
    cards: Cards = Field(default=None, description="accelerator cards needed at peak: 8, 4-16, or unknown")
    bursty: Maybe(StrictBool, "demand comes in peaks (launches, campaigns, deadlines)")


class BuyerChips(Frozen):
    """Chip constraints."""

    cuda_code: Maybe(StrictBool, "existing code depends on NVIDIA CUDA")
    domestic: Maybe(DomesticChips, "whether domestic chips are wanted: none, preferred, required")
    domestic_share_target: Maybe(Number(0, 1, 4), "a target share of domestic compute, e.g. 0.7")


class Commercial(Frozen):
    """Money and contract."""

    budget: Maybe(Budget, "low, medium or high")
    contract: Maybe(ContractPreference, "how the buyer prefers to commit: pay_as_you_go, small_prepay, annual")
    free_trial: Maybe(NeedAnswer, "wants a free trial or an easy proof of concept before paying: must, wanted (true), false")


class Compliance(Frozen):
    """Data and regulatory needs."""

    data_residency: Maybe(NeedAnswer, "data stays in the buyer's province: must, wanted (true), false")
    cross_border_data: Maybe(StrictBool, "data flows across the border (ASEAN, overseas)")
    regimes: Maybe(
        Annotated[list[Regime], Field(max_length=3)],
        "regulated compliance the buyer is under: financial, government, medical ([] for none)",
    )
    certifications: Maybe(Annotated[list[NonEmpty], Field(max_length=10)], "free text, e.g. MLPS level 3")


class Needs(Frozen):
    """What the buyer needs beyond raw compute."""

    self_service: Maybe(NeedAnswer, "buys online without a sales process: must (true), wanted, false")
    industry_solution: Maybe(NeedAnswer, "an industry solution, not just compute: must, wanted (true), false")
    maas_api: Maybe(NeedAnswer, "hosted LLM APIs (MaaS): must, wanted (true), false")
    green_compute: Maybe(NeedAnswer, "green power / low PUE: must, wanted (true), false")
    overseas: Maybe(NeedAnswer, "expanding abroad, with global nodes: must, wanted (true), false")
    lock_in_aversion: Maybe(Level, "how much the buyer wants to avoid lock-in: low, medium, high")


DEFAULT_NAME = Text(zh="客户", en="buyer")


class Profile(Frozen):
    """A customer profile for `zhisuan rank` (v2: every field but segment and province optional)."""

    id: Slug = Field(default="buyer", description="defaults to the file name")
    name: Text = Field(default=DEFAULT_NAME, description="defaults to the file name")
    segment: Segment
    location: BuyerLocation
    industry: Maybe(Industry, "the buyer's industry")
    workloads: Maybe(Annotated[list[Workload], Field(min_length=1, max_length=10)], "kinds of AI work, with sizes")
    latency: Maybe(Latency, "city_1ms, province_5ms or relaxed")
    chips: BuyerChips = BuyerChips()
    commercial: Commercial = Commercial()
    compliance: Compliance = Compliance()
    needs: Needs = Needs()
    existing_cloud: Maybe(ExistingCloud, "the cloud the buyer already runs on")
    vouchers: Maybe(Annotated[list[Voucher], Field(max_length=2)], "compute vouchers the buyer holds or applies for")
    weights: dict[Dimension, Number(0, 10, 4)] = Field(
        default_factory=dict, description="override the segment's weights for D1–D5"
    )

    @model_validator(mode="before")
    @classmethod
    def _sections_may_be_unknown(cls, data: Any) -> Any:
        if isinstance(data, dict):
            sections = ("chips", "commercial", "compliance", "needs")
            return {k: ({} if k in sections and (v is None or v == UNKNOWN) else v) for k, v in data.items()}
        return data
