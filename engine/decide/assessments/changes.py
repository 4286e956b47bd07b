"""The changes of our assessments of a vendor that the flip search tries, each as made to the vendor and to its facts.

A rating one step up or down (within its `range`, by default 1–5), an assessed capability flag
removed, a chip family added to or removed from an assessed chip list (families the rules read
alike count as one), an assessed share ±0.1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from ...compile.leaves import scale_number
from ...model.common import Text
from ...model.fields import FIELDS
from ...model.ranking import AssessmentChange
from ...model.vendor import Vendor
from ...model.vocabulary import CRITERIA, DIMENSIONS
from ...scoring.flips import Change

__all__ = ["Assessed", "RUNG", "vendor_changes"]

SHARE_STEP = 0.1
RUNG = re.compile(r"^(D[1-5]\.[1-5]):\s*")  # the rubric rung a rating's reason starts with


@dataclass(frozen=True)
class Assessed:
    """A change with what it looks like to a reader and, for a fact, how it changes the vendor."""

    change: Change
    shown: Callable[[], AssessmentChange]  # made only for the changes a report names
    reason: Text | None  # why we assessed the fact so (the vendor file's reason)
    apply: Callable[[Vendor], Vendor] | None = None
    patch: Callable[[dict], dict] | None = None  # the same change made to the vendor's engine facts
    share: tuple[str, float] | None = None  # a share change: the share and its new value (what F reads)
    credited: bool = False  # removes a capability flag we credited the vendor with (what the draws may take away)


def vendor_changes(vendor: Vendor, classes: list[tuple[str, ...]]) -> list[Assessed]:
    """Every change of one of our assessments of `vendor` that the flip search tries.

    Chip families the rules read alike (`classes`) count as one: adding any of them is one change.
    """
    out: list[Assessed] = []

    def add(key: str, before, after, reason: Text | None, dimension=None, step=0, made=(None, None), credited=False,
            rung=None, alike=(), share=None):
        fact = None if made[0] is None else f"{key}={after}"
        def shown() -> AssessmentChange:
            return AssessmentChange(vendor=vendor.id, field=key, before=before, after=after, rung=rung, alike=list(alike))
        out.append(Assessed(Change(vendor.id, key, dimension, step, fact), shown, reason, *made, share, credited))

    for d in DIMENSIONS:
        rating = getattr(vendor.ratings, d)
        if rating.value is None:
            continue
        low, high = rating.plausible()
        rung = RUNG.match(rating.reason.en) if rating.reason else None
        for step in (-1, 1):
            if low <= rating.value + step <= high:
                add(f"ratings.{d}", rating.value, rating.value + step, rating.reason, d, step, rung=rung and rung.group(1))
    for cap in vendor.capabilities or []:
        if cap.is_assessment:
            add(f"capabilities.{cap.flag}", True, False, cap.reason, made=_without_flag(cap.flag), credited=True)
    if vendor.chips.is_assessment and vendor.chips.values is not None:
        for family in vendor.chips.values:
            add(f"chips.{family}", True, False, vendor.chips.reason, made=_toggle_chip(family))
        for members in classes:
            absent = [f for f in members if f not in vendor.chips.values]
            if absent:
                add(f"chips.{absent[0]}", False, True, vendor.chips.reason, made=_toggle_chip(absent[0]), alike=absent[1:])
    for c in CRITERIA:
        share = getattr(vendor.shares, c)
        if share.is_assessment and share.value is not None:
            for delta in (-SHARE_STEP, SHARE_STEP):
                after = min(1.0, max(0.0, round(share.value + delta, 4)))
                if after != share.value:
                    add(f"shares.{c}", share.value, after, share.reason, made=_set_share(c, after), share=(c, after))
    return out


# Each fact change as made to the vendor (for the engine) and to its engine facts (for bounds and
# for what reads alike); a test holds the two equal for every change of the bundled vendors.
Made = tuple[Callable[[Vendor], Vendor], Callable[[dict], dict]]


def _without_flag(flag: str) -> Made:
    def apply(v: Vendor) -> Vendor:
        return v.model_copy(update={"capabilities": [c for c in v.capabilities or [] if c.flag != flag]})
    return apply, lambda facts: {**facts, "capabilities": [f for f in facts["capabilities"] if f != flag]}


def _toggle_chip(family: str) -> Made:
    def apply(v: Vendor) -> Vendor:
        values = sorted(set(v.chips.values or []) ^ {family})
        return v.model_copy(update={"chips": v.chips.model_copy(update={"values": values})})
    return apply, lambda facts: {**facts, "chips": sorted(set(facts["chips"]) ^ {family})}


def _set_share(criterion: str, value: float) -> Made:
    def apply(v: Vendor) -> Vendor:
        share = getattr(v.shares, criterion).model_copy(update={"value": value})
        return v.model_copy(update={"shares": v.shares.model_copy(update={criterion: share})})
    field = f"shares.{criterion}"
    return apply, lambda facts: {**facts, field: scale_number(FIELDS[field], value)}
