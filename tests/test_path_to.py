"""What a vendor must change to qualify (`path_to`): each reported path, applied to the vendor file and
decided again by the engine, reaches its target; no smaller set does; the expected paths of the cases
below follow from the report's definitions (§03), quoted next to each."""

from __future__ import annotations

import functools
from itertools import combinations
from pathlib import Path

import pytest
import yaml

from engine.decide.check import decide, track_meets
from engine.decide.qualify import MAX_CHANGES, apply_changes
from engine.decide.qualify.changes import is_own
from engine.decide.inputs import load_vendors

from .conftest import patched_vendor, run_cli

CASES = Path(__file__).parent / "cases"
CASE_FILES = sorted((CASES / "eligibility").glob("*.yaml")) + [CASES / "classification.yaml", CASES / "policy.yaml"]


@functools.cache
def _bundled() -> dict:
    return {lv.vendor.id: lv.vendor for lv in load_vendors()}


def _case_vendors() -> list:
    """Every vendor of the eligibility case corpus (bundled vendor plus its patch), by case."""
    found = []
    for path in CASE_FILES:
        for i, case in enumerate(yaml.safe_load(path.read_text(encoding="utf-8"))):
            found.append(pytest.param(case["vendor"], case.get("patch", {}), id=f"{path.stem}[{i}] {case['vendor']}"))
    return found


def _steps(path) -> set[tuple[str, str, str]]:
    return {(c.field, c.action, c.value) for c in path}


def _assert_paths_hold(rule_base, vendor) -> int:
    """Every path of `vendor` reaches its target when applied and decided again; no path drops a change
    that it could do without; every change is the vendor's own. Returns how many paths were checked."""
    decision = decide(rule_base, vendor, "off", paths=True)
    if decision.track == "core":
        assert decision.path_to is None
        return 0
    checked = 0
    for path_to in decision.path_to:
        for path in path_to.paths:
            assert 1 <= len(path) <= MAX_CHANGES
            assert all(is_own(c.field) for c in path), "a fixed fact offered as a fix"
            after = decide(rule_base, apply_changes(vendor, path), "off")
            assert track_meets(after.track, path_to.target), (path, after.track)
            for fewer in combinations(path, len(path) - 1):
                if fewer:
                    assert not track_meets(decide(rule_base, apply_changes(vendor, fewer), "off").track, path_to.target)
            checked += 1
    return checked


@pytest.mark.parametrize("vendor_id", sorted(_bundled()))
def test_bundled_vendor_paths_reach_their_target(rule_base, vendor_id):
    _assert_paths_hold(rule_base, _bundled()[vendor_id])


@pytest.mark.parametrize(("vendor_id", "patch"), _case_vendors())
def test_case_vendor_paths_reach_their_target(rule_base, vendor_id, patch):
    _assert_paths_hold(rule_base, patched_vendor(vendor_id, patch))


def test_some_case_vendors_have_paths(rule_base):
    """The corpus exercises the search: many case vendors are below core and have a path (not only `no path`)."""
    total = sum(_assert_paths_hold(rule_base, patched_vendor(p.values[0], p.values[1])) for p in _case_vendors())
    assert total >= 20


def _paths(rule_base, vendor_id, patch, target="core"):
    decision = decide(rule_base, patched_vendor(vendor_id, patch), "off", paths=True)
    return next(p for p in decision.path_to if p.target == target)


def test_sales_order_activation_is_fixed_by_self_service(rule_base):
    # §03 inclusive B: "自助开通为主（控制台/API 开启即可），无需线下采购/对公采购订单/招投标";
    # §03 cloud A: "在线开通 / 按需付费 / 弹性伸缩 / 控制台/API 自助". One change decides both.
    path = _paths(rule_base, "coreshub", {"activation.value": "sales_order"})
    assert [_steps(p) for p in path.paths] == [{("activation", "set", "self_service")}]
    assert set(path.paths[0][0].subs) == {"P2", "C1"} and path.paths[0][0].at == "activation.value"


def test_annual_frame_is_fixed_by_no_or_a_small_commitment(rule_base):
    # §03 inclusive D: "无最低承诺/预存即可使用，或可小额预存即开即用": either value is a path of one change.
    path = _paths(rule_base, "coreshub", {"contract.min_commitment": "annual_frame"})
    assert sorted(_steps(p) for p in path.paths) == [{("contract.min_commitment", "set", "none")},
                                                     {("contract.min_commitment", "set", "small_prepay")}]


def test_missing_pay_as_you_go_is_one_change_for_P1_and_C1(rule_base):
    # §03 inclusive A "公开、可自助的低门槛套餐（入门包、按量计费）" and cloud A "按需付费": pay-as-you-go meets both.
    path = _paths(rule_base, "datacanvas", {"pricing.values": ["monthly", "compute_pack"]})
    assert [_steps(p) for p in path.paths] == [{("pricing", "add", "pay_as_you_go")}]
    assert set(path.paths[0][0].subs) == {"P1", "C1"} and set(path.subs) == {"P1", "C1"}


def test_a_single_chip_family_needs_any_one_domestic_family(rule_base):
    # §03 AI compute A: "需支持 NVIDIA GPU、昇腾 NPU、寒武纪 MLU 等多厂商异构芯片": any one domestic family with NVIDIA.
    path = _paths(rule_base, "coreshub", {"chips.values": ["nvidia"]})
    assert sorted(_steps(p) for p in path.paths) == sorted(
        {("chips", "add", chip)} for chip in ("ascend", "cambricon", "hygon", "kunlun", "other_domestic"))
    assert path.subs["A1"].evidence.zh.startswith("支持 NVIDIA GPU、昇腾 NPU")


def test_own_data_centres_are_named_as_fixed_never_offered(rule_base):
    # §03 third-party A: "不以自建智算中心/自有云机房为主要供给": the supply model is what the vendor is, not a setting.
    path = _paths(rule_base, "coreshub", {"business.supply_model": "self_built"})
    assert path.paths == [] and path.unmet == ["T1"]
    assert [f.field for f in path.blocked_by] == ["business.supply_model"]


def test_a_zero_share_puts_a_vendor_out_with_our_assessed_share_in_the_way(rule_base):
    # §03 formula note 3: the shares are "用作对同一基础供给S的逐层过滤" (a zero share filters all supply out, which
    # rules/classification.yaml encodes as not met); the share is our assessment, not the vendor's to set.
    decision = decide(rule_base, patched_vendor("coreshub", {"shares.T.value": 0}), "off", paths=True)
    assert decision.track == "out" and [p.target for p in decision.path_to] == ["core", "partial"]
    for path in decision.path_to:
        assert path.paths == [] and [f.field for f in path.blocked_by] == ["shares.T"]


def test_bundled_vendors_below_core_have_the_report_s_gaps(rule_base):
    # §04 Huawei challenges 02 "CloudDC数据中心运化解决方案…算力纳管规模有限" (little managed outside supply):
    # T1 is the one gap, closed only by evidence.
    vendors = _bundled()
    huawei = decide(rule_base, vendors["huawei"], "off", paths=True).path_to[0]
    assert huawei.unmet == ["T1"] and [_steps(p) for p in huawei.paths] == [{("sub.T1.status", "set", "met")}]
    assert huawei.subs["T1"].source == "report:§03 third-party A" and huawei.subs["T1"].evidence
    for vid in ("coreshub", "datacanvas"):
        assert decide(rule_base, vendors[vid], "off", paths=True).path_to is None


def test_paths_only_when_asked(rule_base):
    """Batch lines and older records carry no path_to: it is computed only when asked for."""
    assert "path_to" not in decide(rule_base, _bundled()["huawei"], "off").model_dump(mode="json")


def test_check_shows_what_to_change_in_both_languages():
    en = run_cli("check", "huawei", "--lang", "en")
    zh = run_cli("check", "huawei", "--lang", "zh")
    assert en.code == 0 and "Huawei Cloud (huawei) → core: short of T1" in en.out
    assert "option 1 (1 change): T1 recorded status → met (T1)" in en.out
    assert "evidence the report accepts:" in en.out
    assert "华为云 (huawei) → 核心：尚缺 T1" in zh.out and "报告认可的证据" in zh.out
    assert "short of" not in run_cli("check", "datacanvas").out
