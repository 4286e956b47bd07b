"""Which of our assessments a ranking rests on: flips that are real, pruning that changes nothing, a planted flip.

A reported flip is checked by making the change in the vendor's own data (its model as loaded,
not the code that searched) and ranking again; the pruned search is checked against the same
search with every bound switched off.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.decide.assessments import changes, rule_index, variants
from engine.decide.inputs import bundled_profiles, load_profile_file, load_vendors
from engine.decide.knowledge import load_advice_knowledge
from engine.decide.rank import RankOptions, rank
from engine.json_text import dumps
from engine.model.vendor import Vendor

KB = load_advice_knowledge()
VENDORS = {lv.vendor.id: lv.vendor for lv in load_vendors()}


def bundled_vendors() -> dict[str, Vendor]:
    """The bundled vendors by id."""
    return dict(VENDORS)

BUYERS = sorted(bundled_profiles())


def _profile(name):
    return load_profile_file(bundled_profiles()[name]).profile


def _rank(profile, vendors, **options):
    return rank(KB, profile, vendors, "test", RankOptions(weights={}, draws=0, **options))


def _changed(vendor: Vendor, change) -> Vendor:
    """The vendor with one reported change made to its data, written as a vendor file would be."""
    data = vendor.model_dump(mode="json")
    head, _, item = change.field.partition(".")
    if head == "ratings":
        data["ratings"][item]["value"] = change.after
    elif head == "shares":
        data["shares"][item]["value"] = change.after
    elif head == "capabilities":
        data["capabilities"] = [c for c in data["capabilities"] if c["flag"] != item]
    else:
        values = set(data["chips"]["values"])
        data["chips"]["values"] = sorted(values | {item} if change.after else values - {item})
    return Vendor.model_validate(data)


def _ranked_after(profile, changes):
    vendors = dict(bundled_vendors())
    for c in changes:
        vendors[c.vendor] = _changed(vendors[c.vendor], c)
    return _rank(profile, list(vendors.values()), assessment_draws=0).ranking


@pytest.mark.parametrize("buyer", BUYERS)
def test_every_reported_flip_changes_the_ranking_when_made_in_the_vendor_data(buyer):
    profile = _profile(buyer)
    result = _rank(profile, list(bundled_vendors().values()), assessment_draws=0)
    first = result.ranking[0].vendor
    top3 = {r.vendor for r in result.ranking[:3]}
    a = result.assessments
    for flip in a.first.flips[:8]:
        after = _ranked_after(profile, flip.changes)
        assert after[0].vendor != first and [r.vendor for r in after[:1]] == flip.top, (buyer, flip)
    for flip in a.top3.flips[:8]:
        after = _ranked_after(profile, flip.changes)
        assert {r.vendor for r in after[:3]} != top3 and [r.vendor for r in after[:3]] == flip.top, (buyer, flip)
    if a.closest:
        after = _ranked_after(profile, [a.closest.change])
        assert after[0].vendor == first and after[1].vendor == a.closest.runner_up
        assert round(after[0].score - after[1].score, 4) == a.closest.lead


def test_the_bundled_shenzhen_bank_rests_on_huawei_s_assessed_security_rating():
    """Large finance: the report's selection advice 2 sends mid-size and larger firms needing
    "企业级合规" to the big clouds; D5 carries the segment's largest weight, and it is our assessment."""
    result = _rank(_profile("shenzhen-finance-large"), list(bundled_vendors().values()))
    a = result.assessments
    assert result.ranking[0].vendor == "huawei"
    singles = {(c.vendor, c.field, c.before, c.after) for f in a.first.flips for c in f.changes}
    assert ("huawei", "ratings.D5", 5, 4) in singles and a.first.holds_up_to == 0
    assert a.confirm[0].vendor == "huawei" and a.confirm[0].field == "ratings.D5"
    assert "华为云的安全合规与可信（D5）" in a.confirm[0].question.zh
    likely = {p.vendor: p for p in a.likelihood}
    assert likely["huawei"].first == max(p.first for p in a.likelihood) < 1


def test_a_planted_one_step_flip_is_reported():
    """A copy of the guangzhou-auto-medium #1 with one rating a step lower and more supply: one step back ties
    the score and F puts the copy first, so that step is a single flip; without the copy, #1 holds under it."""
    profile = _profile("guangzhou-auto-medium")
    vendors = bundled_vendors()
    result = _rank(profile, list(vendors.values()), assessment_draws=0)
    leader = vendors[result.ranking[0].vendor]
    heaviest = max(result.weights, key=lambda d: (result.weights[d].value, d))
    data = leader.model_dump(mode="json")
    data.update(id="planted", name={"zh": "植入", "en": "Planted"})
    data["ratings"][heaviest]["value"] -= 1
    data["S"]["value"] = min(100, data["S"]["value"] + 1)
    planted = _rank(profile, list(vendors.values()) + [Vendor.model_validate(data)], assessment_draws=0)
    assert planted.ranking[0].vendor == leader.id and planted.ranking[1].vendor == "planted"
    flips = [(c.vendor, c.field, c.after, f.top) for f in planted.assessments.first.flips for c in f.changes
             if len(f.changes) == 1]
    assert ("planted", f"ratings.{heaviest}", data["ratings"][heaviest]["value"] + 1, ["planted"]) in flips


def test_pruning_never_changes_what_is_reported(monkeypatch):
    """The bounds only skip what cannot matter: with every bound off, every buyer's analysis is the same."""
    vendors = list(bundled_vendors().values())
    pruned = {b: dumps(_rank(_profile(b), vendors, assessment_draws=200).assessments.model_dump(mode="json"))
              for b in BUYERS}
    monkeypatch.setattr(variants.Bounds, "rows", lambda self, *a: None)
    monkeypatch.setattr(variants.Bounds, "anywhere", lambda self, v: (0, -10**12, float("-inf"), v))
    for b in BUYERS:
        assert dumps(_rank(_profile(b), vendors, assessment_draws=200).assessments.model_dump(mode="json")) == pruned[b], b


def test_the_same_seed_gives_the_same_analysis_and_another_seed_may_not():
    profile, vendors = _profile("qingcloud-private-customer"), list(bundled_vendors().values())
    once = dumps(_rank(profile, vendors, seed=7).assessments.model_dump(mode="json"))
    assert dumps(_rank(profile, list(reversed(vendors)), seed=7).assessments.model_dump(mode="json")) == once
    other = _rank(profile, vendors, seed=8).assessments
    assert other.seed == 8 and [p.vendor for p in other.likelihood] == [r.vendor for r in _rank(profile, vendors).ranking]


def test_a_rating_is_read_only_by_whether_it_exists():
    """Why a rating step reuses the vendor's rule points: no rule reads a rating's value (the flip search relies on it)."""
    leaves = rule_index.field_leaves(KB)
    rating_leaves = [leaf for field, found in leaves.items() if field.startswith("ratings.") for leaf in found]
    assert rating_leaves and all(leaf.leaf.op == "exists" for leaf in rating_leaves)


@pytest.mark.parametrize("vendor_id", sorted(bundled_vendors()))
def test_each_fact_change_makes_the_same_change_to_the_vendor_and_to_its_engine_facts(vendor_id):
    from engine.compile.facts import vendor_facts
    vendor = bundled_vendors()[vendor_id]
    for a in changes.vendor_changes(vendor, rule_index.chip_classes(KB)):
        if a.apply:
            assert vendor_facts(a.apply(vendor)) == a.patch(vendor_facts(vendor)), a.change


def test_the_domestic_chip_families_are_read_alike_and_nvidia_apart():
    classes = rule_index.chip_classes(KB)
    assert ("nvidia",) in classes
    assert ("ascend", "cambricon", "kunlun", "hygon", "other_domestic") in classes


def test_a_range_narrows_what_is_tried_and_drawn():
    """`range: [5, 5]` on Huawei's D5 (certain): no step of it is tried, and no draw moves it."""
    profile, vendors = _profile("shenzhen-finance-large"), bundled_vendors()
    data = vendors["huawei"].model_dump(mode="json")
    data["ratings"]["D5"]["range"] = [5, 5]
    vendors["huawei"] = Vendor.model_validate(data)
    a = _rank(profile, list(vendors.values())).assessments
    fields = {(c.vendor, c.field) for f in a.first.flips + a.top3.flips for c in f.changes}
    assert ("huawei", "ratings.D5") not in fields and ("alibaba", "ratings.D5") in fields
    before = {p.vendor: p.first for p in _rank(profile, list(bundled_vendors().values())).assessments.likelihood}
    assert {p.vendor: p.first for p in a.likelihood}["huawei"] > before["huawei"]
    assert [s for s in changes.vendor_changes(vendors["huawei"], rule_index.chip_classes(KB))
            if s.change.key == "ratings.D5"] == []


def test_the_worked_example_in_the_scoring_doc_is_what_rank_says():
    """docs/scoring.md §6a quotes the Shenzhen bank's chances and flips: they must be today's."""
    text = (Path(__file__).resolve().parent.parent / "docs" / "scoring.md").read_text(encoding="utf-8")
    a = _rank(_profile("shenzhen-finance-large"), list(bundled_vendors().values())).assessments
    likely = {p.vendor: p for p in a.likelihood}
    for vendor in ("huawei", "alibaba", "baidu"):
        assert f"{likely[vendor].first * 100:.1f}%" in text and f"{likely[vendor].top3 * 100:.1f}%" in text, vendor
    assert len(a.first.flips) == 3 and "three single changes" in text
    assert len(a.top3.flips) == 6 and "six single changes" in text
