"""The advice conformance corpus (rules/conformance.yaml) is complete, true to the report and equal to the rules."""

from __future__ import annotations

import shutil

import pytest
import yaml

from engine.errors import RuleError
from engine.decide.bundle import bundle_root
from engine.decide.conformance import load_conformance
from engine.decide.knowledge import load_advice_knowledge

from .test_advice_cases import CASES, REPORT


@pytest.fixture(scope="module")
def kb():
    return load_advice_knowledge()


@pytest.fixture(scope="module")
def table(kb):
    return load_conformance(kb)


def _case_mentions(case: dict) -> set[str]:
    """Every rule, context or vendor-risk id a case expects to act (not_fired does not count)."""
    want = case["want"]
    names: set[str] = set(want.get("context", [])) | {f"risks:{v}" for v in want.get("risks", [])}
    for key in ("fired", "applied", "penalised"):
        names |= {rule for rules in want.get(key, {}).values() for rule in rules}
    names |= set(want.get("excluded", {}).values())
    return names


def test_every_advice_rule_encodes_some_item_of_the_report(kb, table):
    encoded = {rule for item in table.advice for rule in item.encoded_by}
    advice_rules = {rid for rid, r in kb.advice.by_id.items() if r.rule.then.kind in ("score", "exclude", "note")}
    mechanics = {"filter.out_of_track", "filter.track_undetermined", "filter.unrated"}  # the track and data, not advice
    assert advice_rules - mechanics <= encoded, sorted(advice_rules - mechanics - encoded)


def test_every_encoded_item_has_a_case_whose_expectation_comes_from_the_report(table):
    mentioned = set().union(*(_case_mentions(c) for c in CASES))
    missing = []
    for item in table.advice:
        names = set(item.encoded_by) | set(item.context) | {f"risks:{v}" for v in item.risks}
        if names and not names & mentioned:
            missing.append(item.id)
    assert not missing, missing


def test_the_conformance_table_covers_the_advice_the_report_gives(table):
    ids = {item.id for item in table.advice}
    # The items the report's advice is known for (report §02, §04 selection advice, §05 advice to buyers).
    for required in ("smb_independents", "midsize_industry_big_clouds_or_sensetime", "qingcloud_private_customers",
                     "universities_96_card_scheduling", "burst_and_spot_for_periodic_training", "baidu_lock_in",
                     "huawei_cuda_migration_cost", "overseas_alibaba_global_nodes", "volcano_content_aigc",
                     "clouddc_ageing_dc_transformation", "cloudmatrix_large_clusters", "gd_latency_circles",
                     "gd_70pct_new_domestic_2025", "domestic_70pct_by_2027", "gx_low_cost_caas_fits_best",
                     "gx_asean_cross_border", "hainan_cross_border_data", "nanning_compute_vouchers",
                     "nanning_corpus_vouchers", "zhuhai_compute_vouchers", "hn_green_lingshui_off_island",
                     "hn_research_hpc", "regional_indicator_r1_activity", "regional_indicator_r4_ecosystem",
                     "shenzhen_racks_500k", "guangzhou_public_ai_compute_924p", "dongguan_1_1_n", "pue_targets",
                     "overflow_backflow", "general_vs_vertical_platforms", "rag_2_3x_compute", "fine_grained_metering",
                     "multitenant_cross_region_risks", "buyers_rent_before_build_cloud_first",
                     "parks_rent_before_buy_pay_for_results"):
        assert required in ids, required


@pytest.mark.skipif(not REPORT.exists(), reason="the report text is not beside this checkout")
def test_every_quote_is_the_reports_own_words(table):
    text = REPORT.read_text(encoding="utf-8")
    assert [item.id for item in table.advice if item.quote not in text] == []


def test_a_conformance_item_naming_a_rule_that_does_not_exist_is_refused_at_its_line(kb, tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(bundle_root() / "rules", rules)
    path = rules / "conformance.yaml"
    text = path.read_text(encoding="utf-8").replace("  - segment.smb_independent\n", "  - segment.smb_independant\n", 1)
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index("  - segment.smb_independant") + 1
    with pytest.raises(RuleError) as err:
        load_conformance(load_advice_knowledge(rules), rules)
    assert err.value.location.line == line and "segment.smb_independent" in (err.value.hint or "")


def test_an_item_neither_encoded_nor_explained_is_refused(kb, tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(bundle_root() / "rules", rules)
    data = yaml.safe_load((rules / "conformance.yaml").read_text(encoding="utf-8"))
    data["advice"][0].pop("encoded_by")
    (rules / "conformance.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(Exception, match="not_encoded"):
        load_conformance(load_advice_knowledge(rules), rules)
