"""A vendor's data as flat engine facts: dotted field → value in engine units; unknowns left out."""

from __future__ import annotations

from typing import Any

from ..model.fields import FIELDS
from ..model.profile import Profile
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
    raw["capabilities"] = None if vendor.capabilities is None else sorted({c.flag for c in vendor.capabilities})
    raw["industries"] = None if vendor.industries is None else sorted(set(vendor.industries.values))
    return _normalised(raw)


def _normalised(raw: dict[str, Any]) -> dict[str, Any]:
    """Unknowns dropped, numbers in engine units."""
    facts = {}
    for name, value in raw.items():
        if value is None or value == "unknown":
            continue
        spec = FIELDS[name]
        facts[name] = scale_number(spec, value) if spec.kind == "number" else value
    return facts


def _sorted(values: list[str] | None) -> list[str] | None:
    return None if values is None else sorted(set(values))


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def profile_facts(profile: Profile) -> dict[str, Any]:
    """The profile.* facts rules may read about the buyer."""
    raw: dict[str, Any] = {
        "profile.segment": profile.segment,
        "profile.province": profile.location.province,
        "profile.industry": profile.industry,
        "profile.workloads": sorted({w.kind for w in profile.workloads}),
        "profile.bursty": _yes(any(w.bursty for w in profile.workloads)),
        "profile.max_cards": max(w.cards for w in profile.workloads),
        "profile.latency": profile.latency,
        "profile.cuda_code": _yes(profile.chips.cuda_code),
        "profile.domestic": profile.chips.domestic,
        "profile.domestic_share_target": profile.chips.domestic_share_target,
        "profile.budget": profile.commercial.budget,
        "profile.contract": profile.commercial.contract,
        "profile.data_residency": _yes(profile.compliance.data_residency),
        "profile.cross_border_data": _yes(profile.compliance.cross_border_data),
        "profile.self_service": _yes(profile.needs.self_service),
        "profile.industry_solution": _yes(profile.needs.industry_solution),
        "profile.maas_api": _yes(profile.needs.maas_api),
        "profile.green_compute": _yes(profile.needs.green_compute),
        "profile.overseas": _yes(profile.needs.overseas),
        "profile.lock_in_aversion": profile.needs.lock_in_aversion,
        "profile.existing_cloud": profile.existing_cloud,
        "profile.vouchers": sorted(set(profile.vouchers)),
    }
    return _normalised(raw)


def pair_facts(profile: Profile, vendor: Vendor) -> dict[str, Any]:
    """match.* facts relating the buyer to one vendor (rules cannot compare two fields)."""
    raw: dict[str, Any] = {
        "match.local_node": _yes(any(n.region == profile.location.province for n in vendor.nodes)),
        "match.existing_cloud": _yes(profile.existing_cloud == vendor.id),
    }
    if vendor.industries is not None:
        raw["match.industry"] = _yes(profile.industry in vendor.industries.values)
    return _normalised(raw)
