"""The catalogue of fields a rule may read or write, with types, allowed values and titles."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .common import Text
from .vocabulary import (
    ALL_SUBS,
    CRITERIA,
    DIMENSIONS,
    Chip,
    CoreBusiness,
    CriterionStatus,
    MinCommitment,
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


def _known(literal) -> tuple[str, ...]:
    return tuple(v for v in values_of(literal) if v != "unknown")


def _t(zh: str, en: str) -> Text:
    return Text(zh=zh, en=en)


def _catalogue() -> dict[str, FieldSpec]:
    specs = [
        FieldSpec("business.core", "enum", _t("主营业务", "core business"), _known(CoreBusiness)),
        FieldSpec("business.supply_model", "enum", _t("供给模式", "supply model"), _known(SupplyModel)),
        FieldSpec("chips", "list", _t("支持的芯片", "chips supported"), values_of(Chip)),
        FieldSpec("pricing", "list", _t("计费方式", "pricing options"), values_of(Pricing)),
        FieldSpec("regions", "list", _t("华南节点地区", "South China regions with nodes"), values_of(Region)),
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
    return {s.name: s for s in specs}


FIELDS: dict[str, FieldSpec] = _catalogue()
