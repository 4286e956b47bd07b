"""`zhisuan rules coverage`: fire counts, and the outcomes that change when a rule is left out."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import run_cli

ROOT = Path(__file__).resolve().parents[1]


def _coverage(*args: str) -> dict:
    result = run_cli("rules", "coverage", "--format", "json", *args)
    assert result.code == 0, result.err
    return json.loads(result.out)


def _planted(tmp_path: Path) -> Path:
    """The bundled rules plus a rule that can fire for no vendor (S is at most 100 and none has 100)
    and an exact copy of sub-criterion rule A1 (same condition, same verdict)."""
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    text = (rules / "eligibility" / "ai_compute.yaml").read_text(encoding="utf-8")
    start = text.index("  - id: A1\n")
    end = text.index("  - id: ", start + 1)
    copy = text[start:end].replace("id: A1\n", "id: A1.copy\n", 1)
    (rules / "eligibility" / "zz.yaml").write_text(
        "concern: {zh: 测试, en: planted}\nrules:\n" + copy +
        "  - id: zz.never\n    title: {zh: 测试, en: test}\n    source: \"report:§03 test\"\n"
        "    when: {field: S, op: '==', value: 100}\n    then: {note: {zh: 注, en: note}}\n", encoding="utf-8")
    return rules


def test_a_rule_that_fires_for_no_vendor_is_listed_and_a_duplicate_changes_nothing(tmp_path):
    document = _coverage("--rules", str(_planted(tmp_path)))
    rows = {r["rule"]: r for r in document["rules"]}
    assert "zz.never" in document["never_fired"] and rows["zz.never"]["fired"] == 0
    # A1 and its exact copy fire for the same vendors; with either left out the other still sets
    # the verdict, so neither changes an outcome.
    assert rows["A1"]["fired"] == rows["A1.copy"]["fired"] > 0
    assert rows["A1"]["changed"] == rows["A1.copy"]["changed"] == 0
    assert {"A1", "A1.copy"} <= set(document["never_changed"])


def test_without_the_copy_the_verdict_rule_changes_outcomes_and_counts_stay_in_bounds():
    document = _coverage()
    rows = {r["rule"]: r for r in document["rules"]}
    assert rows["A1"]["changed"] > 0  # alone, leaving it out leaves A1 unset for those vendors
    assert document["vendors"] == 10 and document["profiles"] == 13
    for row in document["rules"]:
        assert row["changed"] is None or 0 <= row["changed"] <= row["out_of"], row
        assert row["base"] == "eligibility" or row["out_of"] == document["profiles"]
        assert (row["fired"] == 0) == (row["rule"] in document["never_fired"])


def test_a_profile_folder_is_the_corpus(tmp_path):
    (tmp_path / "one.yaml").write_bytes((ROOT / "profiles" / "customers" / "dongguan-factory-smb.yaml").read_bytes())
    document = _coverage("--profiles", str(tmp_path))
    assert document["profiles"] == 1
    assert all(r["out_of"] == 1 for r in document["rules"] if r["base"] == "advice")


def test_the_table_names_the_corpus_and_the_rules_that_never_fired():
    result = run_cli("rules", "coverage", "--lang", "zh", width=160)
    assert result.code == 0
    assert "样本：10 家厂商，13 个买方画像" in result.out and "从未触发" in result.out
