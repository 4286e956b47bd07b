"""A vendor's data as flat engine facts: dotted field → value in engine units; unknowns left out."""

from __future__ import annotations

from typing import Any

from ..model.fields import FIELDS
from ..model.vendor import Vendor
from ..model.vocabulary import ALL_SUBS, CRITERIA, DIMENSIONS
from .leaves import scale_number


def vendor_facts(vendor: Vendor) -> dict[str, Any]:
    """The input facts rules may read about `vendor`."""
    raw: dict[str, Any] = {
        "business.core": vendor.business.core,
        "business.supply_model": vendor.business.supply_model,
        "contract.min_commitment": vendor.contract.min_commitment,
        "chips": _sorted(vendor.chips.values),
        "pricing": _sorted(vendor.pricing.values),
        "regions": sorted({n.region for n in vendor.nodes}),
        "S": vendor.S.value,
        "R": vendor.R.value,
    }
    for c in CRITERIA:
        raw[f"shares.{c}"] = getattr(vendor.shares, c).value
    for s in ALL_SUBS:
        raw[f"sub.{s}.status"] = vendor.sub[s].status
    for d in DIMENSIONS:
        raw[f"ratings.{d}"] = getattr(vendor.ratings, d).value
    facts = {}
    for name, value in raw.items():
        if value is None or value == "unknown":
            continue
        spec = FIELDS[name]
        facts[name] = scale_number(spec, value) if spec.kind == "number" else value
    return facts


def _sorted(values: list[str] | None) -> list[str] | None:
    return None if values is None else sorted(set(values))
