"""The catalogue of fields a rule may read or write, with types, allowed values and titles."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from .common import Text
from .vocabulary import (
    ALL_SUBS,
    Activation,
    Capability,
    Industry,
    CRITERIA,
    DIMENSIONS,
    Chip,
    CoreBusiness,
    CriterionStatus,
    City,
    Provenance_,
    MinCommitment,
    Need,
    NeedStatus,
    Pricing,
    Region,
    SupplierType,
    SupplyModel,
    Track,
    Verdict,
    values_of,
)

Kind = Literal["enum", "number", "list"]


@dataclass(frozen=True)
class FieldSpec:
    """One field: its kind, what values it takes, and whether rules derive it."""

    name: str
    kind: Kind
    title: Text
    values: tuple[str, ...] = ()
    minimum: float = 0
    maximum: float = 0
    scale: int = 1
    derived: bool = False

    @property
    def engine_name(self) -> str:
        """The name used inside durable_rules facts (no dots)."""
        return self.name.replace(".", "__")

    def to_user(self, value: Any) -> Any:
        """A value in engine units (e.g. basis points) in the units a user writes; tuples as lists."""
        if isinstance(value, tuple):
            return [self.to_user(v) for v in value]
        if self.kind != "number" or value is None or self.scale == 1:
            return value
        return value / self.scale


def _known(literal) -> tuple[str, ...]:
    return tuple(v for v in values_of(literal) if v != "unknown")


def _t(zh: str, en: str) -> Text:
    return Text(zh=zh, en=en)


def _catalogue() -> dict[str, FieldSpec]:
    specs = [
        FieldSpec("business.core", "enum", _t("主营业务", "core business"), _known(CoreBusiness)),
        FieldSpec("business.supply_model", "enum", _t("供给模式", "supply model"), _known(SupplyModel)),
        FieldSpec("chips", "list", _t("支持的芯片", "chips supported"), values_of(Chip)),
        FieldSpec("chips.source", "enum", _t("芯片资料来源", "where the chip list comes from"), values_of(Provenance_)),
        FieldSpec("pricing", "list", _t("计费方式", "pricing options"), values_of(Pricing)),
        FieldSpec("activation", "enum", _t("开通方式", "how a buyer starts"), _known(Activation)),
        FieldSpec("regions", "list", _t("华南节点地区", "South China regions with nodes"), values_of(Region)),
        FieldSpec("nodes.source", "enum", _t("节点资料来源", "where the node list comes from"), values_of(Provenance_)),
        FieldSpec(
            "contract.min_commitment", "enum", _t("最低承诺", "minimum commitment"), _known(MinCommitment)
        ),
        FieldSpec("S", "number", _t("供给指数 S", "supply index S"), minimum=1, maximum=100, scale=100),
        FieldSpec("R", "number", _t("华南分配系数 R", "South China allocation R"), maximum=1, scale=10000),
        FieldSpec("track", "enum", _t("赛道归属", "track"), values_of(Track), derived=True),
        FieldSpec("supplier_type", "enum", _t("供应商类型", "supplier type"), values_of(SupplierType), derived=True),
        FieldSpec("excluded", "enum", _t("被注释排除", "excluded by a note"), ("yes",), derived=True),
    ]
    for c in CRITERIA:
        specs.append(
            FieldSpec(f"shares.{c}", "number", _t(f"{c} 占比", f"{c} share"), maximum=1, scale=10000)
        )
        specs.append(
            FieldSpec(
                f"criteria.{c}.status", "enum", _t(f"{c} 判定", f"{c} status"), values_of(CriterionStatus), derived=True
            )
        )
    for s in ALL_SUBS:
        specs.append(FieldSpec(f"sub.{s}.status", "enum", _t(f"{s} 资料状态", f"{s} recorded status"), values_of(Verdict)))
        specs.append(
            FieldSpec(f"sub.{s}.verdict", "enum", _t(f"{s} 规则判定", f"{s} verdict"), values_of(Verdict), derived=True)
        )
    for d in DIMENSIONS:
        specs.append(FieldSpec(f"ratings.{d}", "number", _t(f"{d} 评分", f"{d} rating"), minimum=1, maximum=5))
    specs += [
        FieldSpec("capabilities", "list", _t("能力标记", "capabilities"), values_of(Capability)),
        FieldSpec("industries", "list", _t("行业方案", "industry solutions"), values_of(Industry)),
    ]
    for need in values_of(Need):  # set by the needs matrix (decide/needs.py), read by advice rules
        specs.append(FieldSpec(f"need.{need}.level", "enum", _t(f"需求 {need} 的程度", f"need {need}: how much"), MUST_WANTED_NO))
        specs.append(FieldSpec(f"need.{need}.status", "enum", _t(f"需求 {need} 的证据", f"need {need}: evidence"), values_of(NeedStatus)))
    return {s.name: s for s in specs + _profile_specs()}


YES_NO = ("yes", "no")
MUST_WANTED_NO = ("must", "wanted", "no")  # a need the buyer states: must, wanted, or not at all


def _profile_specs() -> list[FieldSpec]:
    """Fields about the buyer (profile.*) and about the buyer–vendor pair (match.*)."""
    from .profile import (  # a late import: profile.py needs nothing from here
        Budget,
        ContractPreference,
        DomesticChips,
        ExistingCloud,
        Latency,
        Level,
        Regime,
        Segment,
        Voucher,
        WorkloadKind,
    )

    def enum(name: str, zh: str, en: str, literal) -> FieldSpec:
        values = literal if isinstance(literal, tuple) else values_of(literal)
        return FieldSpec(name, "enum", _t(zh, en), values)

    return [
        enum("profile.segment", "客户类型", "buyer segment", Segment),
        enum("profile.province", "所在地区", "buyer's province", Region),
        enum("profile.city", "所在城市", "buyer's city", City),
        enum("profile.industry", "行业", "industry", Industry),
        FieldSpec("profile.workloads", "list", _t("工作负载", "workloads"), values_of(WorkloadKind)),
        enum("profile.bursty", "有峰值需求", "bursty demand", YES_NO),
        FieldSpec("profile.cards_min", "number", _t("峰值卡数下限", "peak cards, at least"), minimum=1, maximum=100_000),
        FieldSpec("profile.cards_max", "number", _t("峰值卡数上限", "peak cards, at most"), minimum=1, maximum=100_000),
        enum("profile.latency", "时延要求", "latency need", Latency),
        enum("profile.cuda_code", "依赖 CUDA 代码", "depends on CUDA code", YES_NO),
        enum("profile.domestic", "国产芯片要求", "domestic chips", DomesticChips),
        FieldSpec(
            "profile.domestic_share_target", "number", _t("国产算力占比目标", "domestic share target"),
            maximum=1, scale=10000,
        ),
        enum("profile.budget", "预算", "budget", Budget),
        enum("profile.contract", "合约偏好", "contract preference", ContractPreference),
        enum("profile.free_trial", "需要免费试用或 PoC", "wants a free trial or PoC", MUST_WANTED_NO),
        FieldSpec("profile.regimes", "list", _t("受监管的合规要求", "regulated compliance"), values_of(Regime)),
        enum("profile.regulated", "受行业监管", "under a regulated compliance regime", YES_NO),
        enum("profile.data_residency", "数据须留在本省", "data residency", MUST_WANTED_NO),
        enum("profile.cross_border_data", "跨境数据", "cross-border data", YES_NO),
        enum("profile.self_service", "需要自助开通", "needs self-service", MUST_WANTED_NO),
        enum("profile.industry_solution", "需要行业方案", "needs industry solutions", MUST_WANTED_NO),
        enum("profile.maas_api", "需要 MaaS/大模型 API", "needs MaaS / LLM APIs", MUST_WANTED_NO),
        enum("profile.green_compute", "需要绿色算力", "needs green compute", MUST_WANTED_NO),
        enum("profile.overseas", "出海", "going overseas", MUST_WANTED_NO),
        enum("profile.lock_in_aversion", "规避锁定", "lock-in aversion", Level),
        enum("profile.existing_cloud", "现有云", "existing cloud", ExistingCloud),
        FieldSpec("profile.vouchers", "list", _t("算力券", "compute vouchers"), values_of(Voucher)),
        enum("match.local_node", "在客户所在省有节点", "has a node in the buyer's province", YES_NO),
        enum("match.industry", "有客户行业的方案", "has solutions for the buyer's industry", YES_NO),
        enum("match.existing_cloud", "客户已在用该云", "is the buyer's existing cloud", YES_NO),
    ]


FIELDS: dict[str, FieldSpec] = _catalogue()

DIMENSION_TITLES: dict[str, Text] = {
    "D1": _t("供给体量", "supply volume"),
    "D2": _t("智算云平台能力", "platform capability"),
    "D3": _t("普惠与开发者生态", "inclusiveness and developer ecosystem"),
    "D4": _t("商业与效率", "business and efficiency"),
    "D5": _t("安全合规与可信", "security, compliance and trust"),
}


def to_user_units(field: str, value: Any) -> Any:
    """A value of catalogue field `field` in engine units, in the units a user writes."""
    return FIELDS[field].to_user(value)
