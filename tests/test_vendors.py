"""`zhisuan vendors`, `vendors show` and `compare`: what they list is what `check` decides, and every fact keeps its source."""

from __future__ import annotations

import json

from .conftest import run_cli


def test_the_list_is_check_s_decision_for_every_vendor():
    listed = json.loads(run_cli("vendors", "--format", "json").out)["vendors"]
    checked = json.loads(run_cli("check", "--format", "json").out)["vendors"]
    assert [(v["id"], v["track"], v["supplier_type"], v["F"]) for v in listed] == \
           [(v["id"], v["track"], v["supplier_type"], v["supply"]["F"]) for v in checked]


def test_show_gives_every_fact_with_its_source_and_what_to_change(bundled_vendors):
    doc = json.loads(run_cli("vendors", "show", "huawei", "--format", "json").out)["vendors"][0]
    assert doc["vendor"] == bundled_vendors["huawei"].model_dump(mode="json")
    assert doc["decision"]["path_to"][0]["unmet"] == ["T1"]
    text = run_cli("vendors", "show", "huawei", "--lang", "en", width=200).out
    row = next(line for line in text.splitlines() if line.startswith("T1 recorded status"))
    assert row.split()[3:] == ["not", "met", "report:§04", "Huawei", "challenges", "02"]
    assert "Moving existing (NVIDIA-based) algorithms to Ascend costs adaptation effort [report:§04 Huawei" in text


def test_compare_marks_what_rests_on_our_assessment():
    doc = json.loads(run_cli("compare", "datacanvas", "huawei", "--format", "json").out)
    assert doc["vendors"] == ["datacanvas", "huawei"]
    assert doc["facts"]["sub.T1.status"]["huawei"] == {"value": "not_met", "source": "report:§04 Huawei challenges 02"}
    assert doc["facts"]["shares.T"]["huawei"]["source"] == "assessment"
    text = run_cli("compare", "datacanvas", "huawei", "--lang", "en", width=200).out
    row = next(line for line in text.splitlines() if line.startswith("T share"))
    assert row.split()[2:] == ["0.85†", "0.1†"]
    assert next(line for line in text.splitlines() if line.startswith("fewest changes to core")).split()[-2:] == ["1", "change"]
