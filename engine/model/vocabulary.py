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
    "pay_as_you_go", "compute_pack", "spot", "burst", "free_quota", "monthly", "annual", "per_card",
    "starter_pack", "free_trial",
]
Activation = Literal["self_service", "sales_order", "unknown"]
MinCommitment = Literal["none", "small_prepay", "annual_frame", "unknown"]
CoreBusiness = Literal["ai_compute_cloud", "general_cloud", "ai_solutions", "unknown"]
SupplyModel = Literal["aggregated", "mixed", "self_built", "unknown"]
Capability = Literal[
    "maas",                           # hosted LLM APIs (Bailian, Qianfan, …)
    "overseas_nodes",                 # global nodes for firms going abroad
    "green_power",                    # green data centres / low PUE in the region
    "full_stack_lock_in",             # own chips + framework optimised first
    "weak_nvidia_compat",             # NVIDIA/CUDA workloads need migration
    "qingcloud_upgrade_path",         # QingCloud private-cloud users extend without switching
    "university_low_cost_scheduling", # low-cost multi-card jobs for universities
    "aigc_ecosystem",                 # content / AIGC inference ecosystem
    "enterprise_sla",                 # enterprise SLA, security and operations
    "local_activity",                 # R1: events, local cases, developer programmes in South China
    "burst_and_spot",                 # short bursts and spot instances for peaky demand
    "very_large_clusters",            # super-node clusters for very large training (CloudMatrix)
    "price_performance",              # the report credits its price-performance or pricing
    "customer_dc_hosting",            # hosts and manages the customer's own servers (CloudDC)
    "unified_scheduling",             # A1: heterogeneous chips pooled by one scheduling platform
    "ai_paas",                        # A2: an AI PaaS or AI OS with model development and inference tools
    "elastic_scaling",                # C1: public-cloud elastic scaling
    "industry_solutions",             # the report credits it with industry-level solutions (R2)
    "outbound_firms",                 # the report names it for South China firms going overseas
    "national_training_capacity",     # national-scale compute over its network for latency-tolerant training
]
Industry = Literal[
    "manufacturing", "automotive", "electronics_3c", "cross_border_trade", "tourism", "finance",
    "government", "healthcare", "research", "internet_content", "energy", "agriculture", "logistics",
    "education", "other",
]
# Cities the report's policies and latency circles name; any other city is `other`.
City = Literal["guangzhou", "shenzhen", "dongguan", "zhuhai", "shaoguan", "nanning", "other"]
CITY_NAMES: dict[str, str] = {
    "广州": "guangzhou", "深圳": "shenzhen", "东莞": "dongguan", "珠海": "zhuhai", "韶关": "shaoguan", "南宁": "nanning",
}
Provenance_ = Literal["report", "assessment"]
# What a buyer can need of a vendor (rules/needs.yaml says how each is stated and met), how much,
# and what the evidence says of a vendor (a status each need has per vendor).
Need = Literal[
    "domestic_chips", "data_residency", "regulated", "self_service", "latency", "free_trial", "industry_solution",
    "maas_api", "green_compute", "overseas", "large_cluster", "existing_cloud",
]
NeedLevel = Literal["must", "wanted"]
NeedStatus = Literal["met_report", "met_assessed", "no_evidence", "not_met_report"]
SupplierType = Literal["independent", "internet_cloud", "ai_company"]
Track = Literal["core", "partial", "out"]
CriterionStatus = Literal["met", "partial", "not_met"]
Verdict = Literal["met", "not_met"]


def values_of(literal) -> tuple[str, ...]:
    """The allowed values of a Literal type, in declaration order."""
    return tuple(get_args(literal))
