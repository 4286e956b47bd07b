"""One legend for status and share (issue 21): a criterion's mark is its status alone, its share is printed
apart, and check's text, Markdown and the audit report carry the same legend."""

from __future__ import annotations

from engine.decide.check import decide
from engine.messages import msg
from engine.render.describe import SYMBOL, criterion_cell, shares_cell

from .conftest import run_cli


def test_a_mark_follows_the_status_and_carries_no_share(rule_base, bundled_vendors):
    # Issue 21: "Huawei shows 'P ✓ 0.2'", read as a share that is met.
    for vendor in bundled_vendors.values():
        d = decide(rule_base, vendor, "off")
        for c, outcome in d.criteria.items():
            assert criterion_cell(outcome) == SYMBOL[outcome.status], (vendor.id, c)
    huawei = decide(rule_base, bundled_vendors["huawei"], "off")
    assert [criterion_cell(huawei.criteria[c]) for c in "TPAC"] == ["◐", "✓", "✓", "✓"]
    assert shares_cell(huawei) == "0.1 0.2 0.45 0.6"


def test_check_markdown_and_the_audit_report_share_one_legend(tmp_path):
    db = str(tmp_path / "r.sqlite")
    for lang in ("en", "zh"):
        legend = msg("check.legend", lang)
        text = run_cli("check", "huawei", "--lang", lang, width=1000).out
        assert legend in text and "◐ ✓ ✓ ✓ 0.1 0.2 0.45 0.6" in text
        assert legend in run_cli("check", "huawei", "--lang", lang, "--format", "markdown").out
    assert run_cli("check", "huawei", "--record", "--db", db).code == 0
    for lang in ("en", "zh"):
        report = run_cli("audit", "report", "1", "--db", db, "--lang", lang).out
        assert msg("check.legend", lang) in report
