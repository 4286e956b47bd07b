"""A vendor's data as flat engine facts: dotted field → value in engine units; unknowns left out."""

from __future__ import annotations

from typing import Any

from ..model.common import ASSESSMENT
from ..model.fields import FIELDS
from ..model.profile import Profile
from ..model.vendor import Vendor
from ..model.vocabulary import ALL_SUBS, CITY_NAMES, CRITERIA, DIMENSIONS, City, values_of
from .leaves import scale_number


def _weakest(sources: list[str]) -> str:
    """`assessment` if any is; else the first report section (a list of nodes is as strong as its weakest)."""
    return ASSESSMENT if not sources or ASSESSMENT in sources else sorted(sources)[0]


def vendor_fields(vendor: Vendor) -> dict[str, tuple[Any, str]]:
    """Every vendor input field a rule may read: (its raw value, where it comes from)."""
    nodes = _weakest([n.source for n in vendor.nodes])
    fields: dict[str, tuple[Any, str]] = {
        "business.core": (vendor.business.core, vendor.business.source),
        "business.supply_model": (vendor.business.supply_model, vendor.business.source),
        "contract.min_commitment": (vendor.contract.min_commitment, vendor.contract.source),
        "activation": (vendor.activation.value, vendor.activation.source) if vendor.activation else (None, ASSESSMENT),
        "chips": (_sorted(vendor.chips.values), vendor.chips.source),
        "chips.source": ("assessment" if vendor.chips.is_assessment else "report", vendor.chips.source),
        "pricing": (_sorted(vendor.pricing.values), vendor.pricing.source),
        "regions": (sorted({n.region for n in vendor.nodes}), nodes),
        "nodes.source": ("assessment" if nodes == ASSESSMENT else "report", nodes),
        "S": (vendor.S.value, vendor.S.source),
        "R": (vendor.R.value, vendor.R.source),
    }
    for c in CRITERIA:
        share = getattr(vendor.shares, c)
        fields[f"shares.{c}"] = (share.value, share.source)
    for s in ALL_SUBS:
        fields[f"sub.{s}.status"] = (vendor.sub[s].status, vendor.sub[s].source)
    for d in DIMENSIONS:
        rating = getattr(vendor.ratings, d)
        fields[f"ratings.{d}"] = (rating.value, rating.source)
    caps = vendor.capabilities
    fields["capabilities"] = (None if caps is None else sorted({c.flag for c in caps}), ASSESSMENT)
    industries = vendor.industries
    fields["industries"] = (
        (sorted(set(industries.values)), industries.source) if industries else (None, ASSESSMENT)
    )
    return fields


def vendor_facts(vendor: Vendor) -> dict[str, Any]:
    """The input facts rules may read about `vendor`."""
    return _normalised({name: value for name, (value, _) in vendor_fields(vendor).items()})


def missing_vendor_facts(vendor: Vendor) -> list[str]:
    """The vendor input fields that have no value (what an assessment would have to supply)."""
    facts = vendor_facts(vendor)
    return [name for name, spec in FIELDS.items()
            if not spec.derived and not name.startswith(("profile.", "match.", "need.")) and name not in facts]


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


def _yes(flag: bool | None) -> str | None:
    return None if flag is None else ("yes" if flag else "no")


def need_level(answer: bool | str | None, true_means: str = "wanted") -> str | None:
    """A need as the buyer stated it: must, wanted or no (`true` is `true_means`); unknown stays unknown."""
    if answer is None:
        return None
    if isinstance(answer, bool):
        return true_means if answer else "no"
    return answer


def _any_true(flags: list[bool | None]) -> bool | None:
    """True if one is true; unknown if none is true and one is unknown; else False."""
    if any(f is True for f in flags):
        return True
    return None if any(f is None for f in flags) else False


# Every buyer input (a path in the profile) and the facts rules read it through. A path
# with no facts is carried for the reader only; `unread_inputs` lists what no rule reads.
PROFILE_INPUTS: dict[str, tuple[str, ...]] = {
    "segment": ("profile.segment",),
    "location.province": ("profile.province", "match.local_node"),
    "location.city": ("profile.city",),
    "industry": ("profile.industry", "match.industry"),
    "workloads.kind": ("profile.workloads",),
    "workloads.cards": ("profile.cards_min", "profile.cards_max"),
    "workloads.bursty": ("profile.bursty",),
    "latency": ("profile.latency",),
    "chips.cuda_code": ("profile.cuda_code",),
    "chips.domestic": ("profile.domestic",),
    "chips.domestic_share_target": ("profile.domestic_share_target",),
    "commercial.budget": ("profile.budget",),
    "commercial.contract": ("profile.contract",),
    "commercial.free_trial": ("profile.free_trial",),
    "compliance.data_residency": ("profile.data_residency",),
    "compliance.cross_border_data": ("profile.cross_border_data",),
    "compliance.regimes": ("profile.regimes", "profile.regulated"),
    "compliance.certifications": (),
    "needs.self_service": ("profile.self_service",),
    "needs.industry_solution": ("profile.industry_solution",),
    "needs.maas_api": ("profile.maas_api",),
    "needs.green_compute": ("profile.green_compute",),
    "needs.overseas": ("profile.overseas",),
    "needs.lock_in_aversion": ("profile.lock_in_aversion",),
    "existing_cloud": ("profile.existing_cloud", "match.existing_cloud"),
    "vouchers": ("profile.vouchers",),
}


def unread_inputs(reads: set[str] | frozenset[str]) -> list[str]:
    """Profile paths that no rule reads, given the fields the rules read."""
    return [path for path, facts in PROFILE_INPUTS.items() if not set(facts) & set(reads)]


def unknown_inputs(profile: Profile) -> list[str]:
    """Profile paths the buyer left unknown (in PROFILE_INPUTS order)."""
    data = profile.model_dump()
    unknown = []
    for path in PROFILE_INPUTS:
        head, _, leaf = path.partition(".")
        if head == "workloads":
            missing = data["workloads"] is None or any(w[leaf] is None for w in data["workloads"])
        else:
            value = data[head] if not leaf else data[head][leaf]
            missing = value is None
        if missing:
            unknown.append(path)
    return unknown


def city_key(city: str | None) -> str | None:
    """A city as the rules know it: one the report names (English or Chinese), else `other`."""
    if city is None:
        return None
    name = city.strip().removesuffix("市").strip()
    return CITY_NAMES.get(name) or (name.lower() if name.lower() in values_of(City) else "other")


def profile_facts(profile: Profile) -> dict[str, Any]:
    """The profile.* facts rules may read about the buyer (unknown inputs give no fact)."""
    workloads, regimes = profile.workloads, profile.compliance.regimes
    sized = [w.cards for w in workloads or [] if w.cards is not None]
    raw: dict[str, Any] = {
        "profile.segment": profile.segment,
        "profile.province": profile.location.province,
        "profile.city": city_key(profile.location.city),
        "profile.industry": profile.industry,
        "profile.workloads": None if workloads is None else sorted({w.kind for w in workloads}),
        "profile.bursty": None if workloads is None else _yes(_any_true([w.bursty for w in workloads])),
        # The largest workload needs at least cards_min; cards_max is known only if every size is.
        "profile.cards_min": max((c.min for c in sized), default=None),
        "profile.cards_max": max(c.max for c in sized) if workloads and len(sized) == len(workloads) else None,
        "profile.latency": profile.latency,
        "profile.cuda_code": _yes(profile.chips.cuda_code),
        "profile.domestic": profile.chips.domestic,
        "profile.domestic_share_target": profile.chips.domestic_share_target,
        "profile.budget": profile.commercial.budget,
        "profile.contract": profile.commercial.contract,
        "profile.free_trial": need_level(profile.commercial.free_trial),
        "profile.data_residency": need_level(profile.compliance.data_residency),
        "profile.cross_border_data": _yes(profile.compliance.cross_border_data),
        "profile.regimes": None if regimes is None else sorted(set(regimes)),
        "profile.regulated": None if regimes is None else _yes(bool(regimes)),
        "profile.self_service": need_level(profile.needs.self_service, "must"),  # buying online is all or nothing
        "profile.industry_solution": need_level(profile.needs.industry_solution),
        "profile.maas_api": need_level(profile.needs.maas_api),
        "profile.green_compute": need_level(profile.needs.green_compute),
        "profile.overseas": need_level(profile.needs.overseas),
        "profile.lock_in_aversion": profile.needs.lock_in_aversion,
        "profile.existing_cloud": profile.existing_cloud,
        "profile.vouchers": None if profile.vouchers is None else sorted(set(profile.vouchers)),
    }
    return _normalised(raw)


def pair_facts(profile: Profile, vendor: Vendor) -> dict[str, Any]:
    """match.* facts relating the buyer to one vendor (rules cannot compare two fields)."""
    raw: dict[str, Any] = {
        "match.local_node": _yes(any(n.region == profile.location.province for n in vendor.nodes)),
        "match.existing_cloud": None if profile.existing_cloud is None else _yes(profile.existing_cloud == vendor.id),
    }
    if vendor.industries is not None and profile.industry is not None:
        raw["match.industry"] = _yes(profile.industry in vendor.industries.values)
    return _normalised(raw)
