"""The report's selection advice holds for every bundled buyer profile (report §04 selection advice)."""

from __future__ import annotations

import json

import pytest

from engine.compile.facts import PROFILE_INPUTS
from engine.decide.inputs import bundled_profiles, load_profile_file
from engine.decide.knowledge import load_advice_knowledge
from engine.decide.rank import RankOptions, rank

from .conftest import run_cli

PROFILES = sorted(bundled_profiles())
INDEPENDENTS = {"datacanvas", "coreshub"}


@pytest.fixture(scope="module")
def kb():
    return load_advice_knowledge()


def _ranking(kb, bundled_vendors, profile_id):
    profile = load_profile_file(bundled_profiles()[profile_id]).profile
    return profile, rank(kb, profile, list(bundled_vendors.values()), profile_id, RankOptions(weights={}, draws=0, assess=False))


def _advice_1_buyer(profile) -> bool:
    """"对于中小微企业客户" (and developers, §03); a medium firm only without industry or regulated needs."""
    if profile.segment in ("individual_developer", "micro", "small"):
        return True
    return profile.segment == "medium" and profile.needs.industry_solution is False and profile.compliance.regimes == []


@pytest.mark.parametrize("profile_id", PROFILES)
def test_no_bundled_profile_ranks_zero_vendors(kb, bundled_vendors, profile_id):
    _, result = _ranking(kb, bundled_vendors, profile_id)
    assert result.ranking


def _profile(profile_id):
    return load_profile_file(bundled_profiles()[profile_id]).profile


ADVICE_1 = [p for p in PROFILES if _advice_1_buyer(_profile(p))]


@pytest.mark.parametrize("profile_id", ADVICE_1)
def test_small_micro_and_plain_medium_buyers_get_the_independents_as_their_top_two(kb, bundled_vendors, profile_id):
    # §04 selection advice 1: "九章云极、基石智算为代表的独立智算云的有供给效规模、性价比与模式适配度最高";
    # a buyer going overseas or building AIGC content may see the big cloud the report ties to that
    # need (Alibaba's global nodes, §04 Alibaba strengths 3; Volcano's content ecosystem, §03) take one place.
    profile, result = _ranking(kb, bundled_vendors, profile_id)
    top_two = {r.vendor for r in result.ranking[:2]}
    allowed = set()
    if profile.needs.overseas:
        allowed.add("alibaba")
    if profile.industry == "internet_content":
        allowed.add("volcano")
    assert top_two == INDEPENDENTS or (len(top_two & INDEPENDENTS) == 1 and top_two - INDEPENDENTS <= allowed), top_two


def test_advice_1_covers_the_bundled_small_and_plain_medium_buyers():
    """The parametrised test above covers every such buyer among the bundled profiles."""
    assert set(ADVICE_1) == {
        "boao-medical-small", "dongguan-factory-smb", "guangzhou-aigc-startup", "liuzhou-ev-parts-small",
        "nanning-asean-trade-smb", "qingcloud-private-customer", "sanya-tourism-medium", "shenzhen-indie-developer",
        "zhuhai-3c-micro",
    }


def test_a_profile_with_only_segment_and_province_ranks_and_shows_the_rest_as_unknown(tmp_path):
    path = tmp_path / "minimal.yaml"
    path.write_text("segment: small\nlocation: {province: guangxi}\n", encoding="utf-8")
    table = run_cli("rank", str(path), "--lang", "en", "--draws", "0")
    assert table.code == 0, table.err
    assert "Vendors ranked for minimal (minimal)" in table.out and "unknown (rules that read them" in table.out
    doc = json.loads(run_cli("rank", str(path), "--format", "json", "--draws", "0").out)
    assert doc["ranking"]
    assert doc["unknown_inputs"] == [p for p in PROFILE_INPUTS if p not in ("segment", "location.province")]
    assert doc["profile"]["industry"] is None and doc["profile"]["needs"]["overseas"] is None


@pytest.mark.parametrize("profile_id", PROFILES)
def test_every_score_term_and_filter_reason_says_where_its_fact_comes_from(profile_id):
    doc = json.loads(run_cli("rank", profile_id, "--format", "json", "--draws", "0").out)
    items = [i for r in doc["ranking"] for i in r["breakdown"]]
    reasons = [x for e in doc["excluded"] for x in e["reasons"]]
    for entry in items + reasons:
        assert entry["source"] == "assessment" or entry["source"].startswith("report:§"), entry
    for item in items:
        if item["kind"] == "rule":
            assert item["rule_source"].startswith("report:§"), item


def test_an_assessed_flag_is_marked_as_an_assessment_not_with_the_rules_section():
    # Volcano's MaaS flag is our assessment (the report does not list MaaS for Volcano); the rule
    # vendor.maas encodes §04 Alibaba strengths 1. The fact's provenance is what the score rests on.
    doc = json.loads(run_cli("rank", "sanya-tourism-medium", "--format", "json", "--draws", "0").out)
    items = {(r["vendor"], i["id"]): i for r in doc["ranking"] for i in r["breakdown"]}
    assert items[("volcano", "vendor.maas")]["source"] == "assessment"
    assert items[("volcano", "vendor.maas")]["rule_source"] == "report:§04 Alibaba strengths 1"
    assert items[("alibaba", "vendor.maas")]["source"].startswith("report:§04 Alibaba")
    assert all(items[(v, "D1")]["source"] == "assessment" for v in ("alibaba", "datacanvas"))


@pytest.mark.parametrize("city, noticed", [("深川", True), ("Qionghai", True), ("珠海市", False), ("shenzhen", False)])
def test_a_city_the_report_does_not_name_is_said_not_silently_dropped(tmp_path, city, noticed):
    path = tmp_path / "buyer.yaml"
    path.write_text(f"segment: micro\nlocation: {{province: guangdong, city: {city}}}\n", encoding="utf-8")
    out = run_cli("rank", str(path), "--lang", "en", "--draws", "0").out
    assert (f"city {city!r} is not one the report's policies name" in out) is noticed


def test_a_vendor_without_a_section_in_the_report_says_so_under_risks():
    out = run_cli("rank", "dongguan-factory-smb", "--lang", "en", "--draws", "0").out
    risks = out.split("Risks (the report's §04 challenges)", 1)[1]
    volcano = risks.split("Volcano Engine (volcano)", 1)[1].splitlines()[1]
    assert volcano.strip() == "the report names no challenges for this vendor (no §04 section)"


def test_a_medium_buyer_who_has_not_said_its_needs_is_told_which_answers_decide_the_advice(tmp_path):
    # "中小微" (advice 1) or "中型以上企业，对行业级解决方案由更高要求" (advice 2): for a medium firm it
    # turns on its industry-solution need (not on compliance); unknown, neither is guessed, and rank says so.
    path = tmp_path / "medium.yaml"
    path.write_text("segment: medium\nlocation: {province: guangxi}\n", encoding="utf-8")
    doc = json.loads(run_cli("rank", str(path), "--format", "json", "--draws", "0").out)
    waiting = {u["rule"]: u["waits_on"] for u in doc["undecided"]}
    assert waiting["segment.smb_independent"] == ["needs.industry_solution"]
    assert waiting["segment.enterprise_big_cloud"] == ["needs.industry_solution"]
    answered = tmp_path / "answered.yaml"
    answered.write_text(
        "segment: medium\nlocation: {province: guangxi}\nneeds: {industry_solution: false}\n",
        encoding="utf-8",
    )
    doc = json.loads(run_cli("rank", str(answered), "--format", "json", "--draws", "0").out)
    assert "segment.smb_independent" not in {u["rule"] for u in doc["undecided"]}
    assert {r["vendor"] for r in doc["ranking"][:2]} == INDEPENDENTS
