"""Invariants of `rank`: monotone in ratings, exact breakdowns, order-free, filters only remove."""

from __future__ import annotations

import shutil
from decimal import Decimal

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.decide.bundle import bundle_root
from engine.decide.knowledge import load_advice_knowledge
from engine.model.profile import Profile
from engine.json_text import dumps
from engine.decide.rank import RankOptions, rank

from ..conftest import patched_vendor
from .strategies import condition

VENDORS = ["datacanvas", "coreshub", "alibaba", "huawei", "sensetime", "tencent"]
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
KB = load_advice_knowledge()


@st.composite
def profiles(draw) -> Profile:
    """Random valid profiles over the whole vocabulary."""
    flag = st.booleans()
    need = st.sampled_from([True, False, "must", "wanted"])  # a need's answer: yes/no, or how much
    return Profile.model_validate(
        {
            "id": "generated",
            "name": {"zh": "生成", "en": "generated"},
            "segment": draw(st.sampled_from(["individual_developer", "micro", "small", "medium", "large", "government", "university"])),
            "location": {"province": draw(st.sampled_from(["guangdong", "guangxi", "hainan", "hong_kong", "macau"]))},
            "industry": draw(st.sampled_from(["manufacturing", "finance", "internet_content", "research", "tourism"])),
            "workloads": [
                {"kind": draw(st.sampled_from(["large_training", "fine_tuning", "inference", "rag", "hpc"])),
                 "cards": draw(st.integers(1, 512)), "bursty": draw(flag)}
            ],
            "latency": draw(st.sampled_from(["city_1ms", "province_5ms", "relaxed"])),
            "chips": {"cuda_code": draw(flag), "domestic": draw(st.sampled_from(["none", "preferred", "required"]))},
            "commercial": {"budget": draw(st.sampled_from(["low", "medium", "high"])), "free_trial": draw(need)},
            "compliance": {"data_residency": draw(need), "cross_border_data": draw(flag)},
            "needs": {
                "self_service": draw(need), "industry_solution": draw(need), "maas_api": draw(need),
                "green_compute": draw(need), "overseas": draw(need),
                "lock_in_aversion": draw(st.sampled_from(["low", "medium", "high"])),
            },
            "existing_cloud": draw(st.sampled_from(["none", "alibaba", "qingcloud_private"])),
        }
    )


weights = st.dictionaries(st.sampled_from(["D1", "D2", "D3", "D4", "D5"]), st.integers(1, 100).map(lambda n: n / 10))


def _rank(profile, vendors, kb=KB, weight_overrides=None):
    return rank(kb, profile, vendors, "test", RankOptions(weights=weight_overrides or {}, draws=20, assessment_draws=20))


def _vendors(bundled, ids=VENDORS):
    return [bundled[v] for v in ids]


@SETTINGS
@given(profile=profiles(), overrides=weights)
def test_breakdown_adds_up_exactly_to_the_score(bundled_vendors, profile, overrides):
    for r in _rank(profile, _vendors(bundled_vendors), weight_overrides=overrides).ranking:
        assert sum((Decimal(str(i.points)) for i in r.breakdown if i.applied), Decimal(0)) == Decimal(str(r.score))


@SETTINGS
@given(profile=profiles(), vendor_id=st.sampled_from(VENDORS[:5]), dim=st.sampled_from(["D1", "D2", "D3", "D4", "D5"]))
def test_raising_a_rating_never_lowers_the_score(bundled_vendors, profile, vendor_id, dim):
    vendor = bundled_vendors[vendor_id]
    current = getattr(vendor.ratings, dim).value
    if current == 5:
        return
    better = patched_vendor(vendor_id, {f"ratings.{dim}.value": current + 1})
    before = {r.vendor: r.score for r in _rank(profile, [vendor]).ranking}
    after = {r.vendor: r.score for r in _rank(profile, [better]).ranking}
    assert set(before) == set(after)  # ratings never decide a filter
    if before:
        assert after[vendor_id] >= before[vendor_id]


@SETTINGS
@given(profile=profiles(), order=st.permutations(VENDORS))
def test_vendor_order_never_changes_the_json(bundled_vendors, profile, order):
    reference = dumps(_rank(profile, _vendors(bundled_vendors)).model_dump(mode="json"))
    assert dumps(_rank(profile, _vendors(bundled_vendors, order)).model_dump(mode="json")) == reference


def _copy_rules(tmp_path_factory):
    target = tmp_path_factory.mktemp("rules") / "rules"
    shutil.copytree(bundle_root() / "rules", target)
    return target


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(profile=profiles(), seed=st.randoms(use_true_random=False))
def test_advice_rule_order_never_changes_the_ranking(tmp_path_factory, bundled_vendors, profile, seed):
    target = _copy_rules(tmp_path_factory)
    for path in (target / "advice").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        seed.shuffle(data["rules"])
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    shuffled = _rank(profile, _vendors(bundled_vendors), kb=load_advice_knowledge(target))
    original = _rank(profile, _vendors(bundled_vendors))

    def summary(result):
        return [(r.vendor, r.score) for r in result.ranking], sorted(
            (e.vendor, sorted(x.rule for x in e.reasons)) for e in result.excluded
        )

    assert summary(shuffled) == summary(original)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(profile=profiles(), when=condition())
def test_adding_a_hard_filter_never_adds_a_vendor(tmp_path_factory, bundled_vendors, profile, when):
    target = _copy_rules(tmp_path_factory)
    extra = {
        "concern": {"zh": "测试", "en": "test"},
        "rules": [
            {"id": "generated.filter", "title": {"zh": "生成", "en": "generated"}, "source": "report:§04 test",
             "when": when, "then": {"exclude": {"zh": "生成", "en": "generated"}}}
        ],
    }
    (target / "advice" / "generated.yaml").write_text(yaml.safe_dump(extra, allow_unicode=True), encoding="utf-8")
    before = {r.vendor for r in _rank(profile, _vendors(bundled_vendors)).ranking}
    after = {r.vendor for r in _rank(profile, _vendors(bundled_vendors), kb=load_advice_knowledge(target)).ranking}
    assert after <= before


@SETTINGS
@given(profile=profiles())
def test_a_verified_counterfactual_really_lifts_every_filter_in_durable_rules(bundled_vendors, profile):
    from engine.compile.facts import pair_facts, profile_facts
    from engine.compile.leaves import scale_number
    from engine.model.fields import FIELDS
    from engine.runtime.evaluate import run_facts, run_rules

    result = _rank(profile, _vendors(bundled_vendors))
    for dropped in result.excluded:
        cf = dropped.counterfactual
        if cf is None or not cf.verified:
            continue
        vendor = bundled_vendors[dropped.vendor]
        facts = {**run_rules(KB.eligibility, vendor)[0], **profile_facts(profile), **pair_facts(profile, vendor)}
        for change in cf.changes:
            spec = FIELDS[change.field]
            facts[change.field] = scale_number(spec, change.after) if spec.kind == "number" else change.after
        _, trace = run_facts(KB.advice, facts, "counterfactual")
        assert not [e.rule for e in trace if e.fired and e.effect.kind == "exclude"], (dropped.vendor, cf)


ALL_ASSESSED = ["datacanvas", "coreshub", "alibaba", "huawei", "baidu", "volcano", "sensetime"]


@SETTINGS
@given(profile=profiles())
def test_no_vendor_is_ranked_among_those_that_meet_a_must_on_an_assessment_or_on_no_evidence(bundled_vendors, profile):
    """The issue's invariant: a must the report shows unmet excludes; one resting on an assessment or on no
    evidence puts the vendor in the group to confirm, which ranks after every vendor that meets all musts."""
    result = _rank(profile, _vendors(bundled_vendors, ALL_ASSESSED))
    musts = {n.need for n in result.needs if n.level == "must"}
    for r in result.ranking:
        statuses = {m.need: m.status for m in r.needs}
        assert set(statuses) == {n.need for n in result.needs}
        unsure = {n for n in musts if statuses[n] in ("met_assessed", "no_evidence")}
        assert sorted(unsure) == sorted(r.to_confirm), (r.vendor, statuses)
        assert not {n for n in musts if statuses[n] == "not_met_report"}, r.vendor  # that excludes
    groups = [bool(r.to_confirm) for r in result.ranking]
    assert groups == sorted(groups)
    mechanics = {"filter.out_of_track", "filter.track_undetermined", "filter.unrated"}
    for e in result.excluded:
        statuses = {m.need: m.status for m in e.needs}
        for reason in e.reasons:
            need = MUST_FILTERS.get(reason.rule)
            assert reason.rule in mechanics or (need in musts and statuses[need] == "not_met_report"), (e.vendor, reason.rule)


# The filter that acts on each need a report can show unmet (rules/advice/filters.yaml).
MUST_FILTERS = {"filter.domestic_required": "domestic_chips", "filter.no_self_service": "self_service",
                "filter.no_local_node": "latency", "filter.residency_no_node": "data_residency",
                "filter.no_free_trial": "free_trial"}
