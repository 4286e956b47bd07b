"""The bundled knowledge base: complete, consistent and honest about its sources."""

from __future__ import annotations

from engine.decide.knowledge import load_report_data
from engine.model.vocabulary import ALL_SUBS

REPORT_VENDORS = {"datacanvas", "coreshub", "alibaba", "huawei", "baidu", "volcano", "sensetime"}
NAMED_ONLY = {"tencent", "kingsoft", "alauda"}


def test_the_seven_assessed_and_three_named_vendors_are_bundled(bundled_vendors):
    assert set(bundled_vendors) == REPORT_VENDORS | NAMED_ONLY
    assert {v for v, x in bundled_vendors.items() if x.assessed_in_report} == REPORT_VENDORS


def test_assessed_vendors_decide_every_sub_criterion(bundled_vendors):
    for vid in REPORT_VENDORS:
        statuses = {s: bundled_vendors[vid].sub[s].status for s in ALL_SUBS}
        assert "unknown" not in statuses.values(), (vid, statuses)


def test_unassessed_vendors_claim_nothing(bundled_vendors):
    for vid in NAMED_ONLY:
        vendor = bundled_vendors[vid]
        assert all(vendor.sub[s].status == "unknown" for s in ALL_SUBS)
        assert vendor.S.value is None and vendor.shares.T.value is None


def test_ratings_and_shares_are_always_assessments(bundled_vendors):
    for vendor in bundled_vendors.values():
        assert vendor.S.is_assessment and vendor.R.is_assessment
        for c in "TPAC":
            assert getattr(vendor.shares, c).is_assessment
        for d in ("D1", "D2", "D3", "D4", "D5"):
            assert getattr(vendor.ratings, d).is_assessment


def test_report_figures_come_from_report_sections():
    figures, policies = load_report_data()
    by_id = {f.id: f for f in figures.figures}
    assert by_id["guangdong_ai_compute_2025"].value == 19.0
    total = sum(by_id[f"{p}_ai_compute_2025"].value for p in ("guangdong", "guangxi", "hainan"))
    assert abs(total - 23.9) < 1e-9
    assert all(not f.is_assessment for f in figures.figures)
    assert len(policies.policies) == 9
    assert {p.region for p in policies.policies} == {"guangdong", "guangxi", "hainan"}


def test_every_assessed_vendors_recorded_statuses_agree_with_what_the_rules_decide():
    """Where facts decide a sub-criterion, the recorded status must say the same (or the file contradicts itself)."""
    from engine.decide.inputs import load_vendors
    from engine.decide.knowledge import load_rule_base
    from engine.decide.check import decide

    base = load_rule_base()
    for lv in load_vendors():
        if not lv.vendor.assessed_in_report:
            continue
        decision = decide(base, lv.vendor)
        disagree = {
            sid: (sub.status, sub.recorded)
            for outcome in decision.criteria.values()
            for sid, sub in outcome.sub.items()
            if sub.status != sub.recorded
        }
        assert disagree == {}, (lv.vendor.id, disagree)
