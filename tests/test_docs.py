"""The docs say what the code does."""

from __future__ import annotations

from pathlib import Path

from .conftest import ROOT, run_cli

MARKER = "<!-- generated: zhisuan rules list --format markdown --lang en -->\n"


def test_methodology_table_matches_rules_list():
    text = (ROOT / "docs" / "methodology.md").read_text(encoding="utf-8")
    assert MARKER in text
    assert text.split(MARKER, 1)[1] == run_cli("rules", "list", "--format", "markdown", "--lang", "en").out


def test_readme_opens_with_exactly_the_two_setup_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("```sh\n", 1)[1].split("```", 1)[0].strip().splitlines()
    assert len(block) == 2
    assert block[0].endswith("pip install . && zhisuan check")
    assert block[1].endswith("pip install '.[test]' && python -m pytest")
    ci = Path(ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install -q '.[test]' && python -m pytest" in ci


def test_every_sub_criterion_has_a_rule_with_a_report_source():
    from engine.loader.knowledge import load_rule_base
    from engine.model.vocabulary import ALL_SUBS

    base = load_rule_base()
    for sub in ALL_SUBS:
        assert base.by_id[sub].rule.source.startswith("report:§03"), sub
        assert base.by_id[f"{sub}.not_met"].rule.then.verdict.sub == sub
