"""Closed vocabularies shared by vendor data, rules and the field catalogue."""

from __future__ import annotations

from typing import Literal, get_args

SUB_CRITERIA = {
    "T": ("T1", "T2", "T3"),
    "P": ("P1", "P2", "P3", "P4", "P5"),
    "A": ("A1", "A2"),
    "C": ("C1", "C2"),
}
CRITERIA = tuple(SUB_CRITERIA)
ALL_SUBS = tuple(s for subs in SUB_CRITERIA.values() for s in subs)
DIMENSIONS = ("D1", "D2", "D3", "D4", "D5")

Status = Literal["met", "not_met", "unknown"]
Region = Literal["guangdong", "guangxi", "hainan", "hong_kong", "macau"]
NodeKind = Literal["own", "partner", "scheduled", "access"]
Chip = Literal["nvidia", "ascend", "cambricon", "kunlun", "hygon", "other_domestic"]
Pricing = Literal[
    "pay_as_you_go", "compute_pack", "spot", "burst", "free_quota", "monthly", "annual", "per_card"
]
MinCommitment = Literal["none", "small_prepay", "annual_frame", "unknown"]
CoreBusiness = Literal["ai_compute_cloud", "general_cloud", "ai_solutions", "unknown"]
SupplyModel = Literal["aggregated", "mixed", "self_built", "unknown"]
SupplierType = Literal["independent", "internet_cloud", "ai_company"]
Track = Literal["core", "partial", "out"]
CriterionStatus = Literal["met", "partial", "not_met"]
Verdict = Literal["met", "not_met"]


def values_of(literal) -> tuple[str, ...]:
    """The allowed values of a Literal type, in declaration order."""
    return tuple(get_args(literal))
