"""`rank --profiles DIR`: many buyers against one vendor base, each vendor's eligibility once."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from engine.decide import rank as rank_module
from engine.decide.inputs import bundled_profiles, load_vendors
from engine.runtime.evaluate import input_digest

from .conftest import run_cli

CUSTOMERS = Path(__file__).resolve().parent.parent / "profiles" / "customers"


BUNDLED = {lv.vendor.id: lv.vendor for lv in load_vendors()}


def test_each_ranking_is_the_single_profile_ranking():
    many = json.loads(run_cli("rank", "--profiles", str(CUSTOMERS), "--format", "json", "--draws", "50").out)
    assert [Path(d["profile_source"]).stem for d in many] == sorted(bundled_profiles())
    for document in many:
        single = json.loads(run_cli("rank", document["profile_source"], "--format", "json", "--draws", "50").out)
        assert single == document


def test_jsonl_is_one_line_per_profile_in_file_name_order():
    lines = run_cli("rank", "--profiles", str(CUSTOMERS), "--format", "jsonl", "--draws", "0").out.splitlines()
    assert [Path(json.loads(line)["profile_source"]).stem for line in lines] == sorted(bundled_profiles())


def test_eligibility_runs_once_per_vendor_whatever_the_number_of_profiles(monkeypatch):
    """Once per vendor, and once per changed vendor the assessment analysis evaluates, for all profiles."""
    calls = []
    real = rank_module.run_settled
    monkeypatch.setattr(rank_module, "run_settled",
                        lambda base, vendor, *a: calls.append((vendor.id, input_digest(vendor))) or real(base, vendor, *a))
    assert run_cli("rank", "--profiles", str(CUSTOMERS), "--format", "json", "--draws", "0").code == 0
    assert sorted(calls) == sorted(set(calls))
    assert len({v for v, _ in calls}) <= 10  # the bundled vendors
    assert len({v for v, digest in calls if digest == input_digest(BUNDLED[v])}) == len({v for v, _ in calls})


def test_a_bad_profile_in_the_folder_is_named_at_its_line(tmp_path):
    shutil.copy(CUSTOMERS / "dongguan-factory-smb.yaml", tmp_path / "a.yaml")
    (tmp_path / "b.yaml").write_text("segment: huge\nlocation: {province: guangdong}\n", encoding="utf-8")
    result = run_cli("rank", "--profiles", str(tmp_path), "--lang", "en")
    assert result.code == 2 and f"{tmp_path / 'b.yaml'}:1: " in result.err and "Traceback" not in result.err


def test_profiles_usage_errors(tmp_path):
    both = run_cli("rank", "dongguan-factory-smb", "--profiles", str(CUSTOMERS), "--lang", "en")
    assert both.code == 2 and "not both" in both.err
    lines = run_cli("rank", "dongguan-factory-smb", "--format", "jsonl", "--lang", "en")
    assert lines.code == 2 and "--profiles DIR only" in lines.err
    empty = run_cli("rank", "--profiles", str(tmp_path), "--lang", "en")
    assert empty.code == 2 and "no *.yaml profile" in empty.err
