"""The bundled data reproduces the report's classification and its headline finding."""

from __future__ import annotations

import json

from .conftest import run_cli

INDEPENDENT = {"datacanvas", "coreshub"}
INTERNET = {"alibaba", "huawei", "baidu", "volcano"}
ASSESSED = INDEPENDENT | INTERNET | {"sensetime"}


def _vendors() -> dict:
    result = run_cli("check", "--format", "json")
    return {v["id"]: v for v in json.loads(result.out)["vendors"]}


def test_independent_clouds_are_core_independent():
    vendors = _vendors()
    for vid in INDEPENDENT:
        assert (vendors[vid]["track"], vendors[vid]["supplier_type"]) == ("core", "independent")


def test_internet_clouds_and_sensetime_are_partial_with_their_types():
    vendors = _vendors()
    for vid in INTERNET:
        assert (vendors[vid]["track"], vendors[vid]["supplier_type"]) == ("partial", "internet_cloud")
    assert (vendors["sensetime"]["track"], vendors["sensetime"]["supplier_type"]) == ("partial", "ai_company")


def test_independent_clouds_lead_F_among_the_seven_assessed():
    vendors = _vendors()
    by_f = sorted(ASSESSED, key=lambda vid: vendors[vid]["supply"]["F"], reverse=True)
    assert set(by_f[:2]) == INDEPENDENT


def test_derived_type_matches_the_type_the_report_declares():
    for vid, v in _vendors().items():
        if v["declared_type"] is not None and v["supplier_type"] != "undetermined":
            assert v["supplier_type"] == v["declared_type"], vid


def test_every_assessed_number_is_marked_as_an_assessment():
    for v in _vendors().values():
        assert all(step["source"] == "assessment" for step in v["supply"]["steps"]), v["id"]
        assert all(c["share_source"] == "assessment" for c in v["criteria"].values()), v["id"]
