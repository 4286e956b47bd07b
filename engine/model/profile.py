"""A buyer's profile: who they are, what they run, and what they need from a vendor."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from .common import Frozen, NonEmpty, Slug, Text
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
Dimension = Literal["D1", "D2", "D3", "D4", "D5"]


class Location_(Frozen):
    """Where the buyer's compute must serve."""

    province: Region = Field(description="guangdong, guangxi, hainan, hong_kong or macau")
    city: NonEmpty | None = Field(default=None, description="e.g. Shenzhen, Dongguan; optional")


class Workload(Frozen):
    """One kind of AI work with its size."""

    kind: WorkloadKind
    cards: Annotated[int, Field(ge=1, le=100_000, description="accelerator cards needed at peak")]
    bursty: bool = Field(default=False, description="demand comes in peaks (launches, campaigns, deadlines)")


class Chips(Frozen):
    """Chip constraints."""

    cuda_code: bool = Field(default=False, description="existing code depends on NVIDIA CUDA")
    domestic: DomesticChips = Field(default="none", description="whether domestic chips are wanted")
    domestic_share_target: Annotated[float, Field(ge=0, le=1)] | None = Field(
        default=None, description="a target share of domestic compute, e.g. 0.7"
    )


class Commercial(Frozen):
    """Money and contract."""

    budget: Budget = "medium"
    contract: ContractPreference = Field(default="pay_as_you_go", description="how the buyer prefers to commit")


class Compliance(Frozen):
    """Data and certification needs."""

    data_residency: bool = Field(default=False, description="data must stay in the buyer's province")
    cross_border_data: bool = Field(default=False, description="data flows across the border (ASEAN, overseas)")
    certifications: Annotated[list[NonEmpty], Field(max_length=10)] = []


class Needs(Frozen):
    """What the buyer needs beyond raw compute."""

    self_service: bool = Field(default=False, description="must buy online without a sales process")
    industry_solution: bool = False
    maas_api: bool = Field(default=False, description="wants hosted LLM APIs (MaaS)")
    green_compute: bool = Field(default=False, description="green power / low PUE required")
    overseas: bool = Field(default=False, description="expanding abroad; needs global nodes")
    lock_in_aversion: Level = "medium"


class Profile(Frozen):
    """A customer profile for `zhisuan rank`."""

    id: Slug
    name: Text
    segment: Segment
    location: Location_
    industry: Industry
    workloads: Annotated[list[Workload], Field(min_length=1, max_length=10)]
    latency: Latency = "relaxed"
    chips: Chips = Chips()
    commercial: Commercial = Commercial()
    compliance: Compliance = Compliance()
    needs: Needs = Needs()
    existing_cloud: ExistingCloud = "none"
    vouchers: Annotated[list[Voucher], Field(max_length=2)] = []
    weights: dict[Dimension, Annotated[float, Field(ge=0, le=10)]] = Field(
        default_factory=dict, description="override the segment's weights for D1–D5"
    )
