"""The docs say what the code does."""

from __future__ import annotations

from .conftest import ROOT, run_cli

MARKER = "<!-- generated: zhisuan rules list --format markdown --lang en -->\n"


def test_methodology_table_matches_rules_list():
    text = (ROOT / "docs" / "methodology.md").read_text(encoding="utf-8")
    assert MARKER in text
    assert text.split(MARKER, 1)[1] == run_cli("rules", "list", "--format", "markdown", "--lang", "en").out


ADVICE_BEGIN = "<!-- generated: zhisuan rules advice --format markdown --lang en -->\n"
ADVICE_END = "<!-- end of generated advice table -->\n"


def test_methodology_advice_table_matches_rules_advice():
    text = (ROOT / "docs" / "methodology.md").read_text(encoding="utf-8")
    shown = text.split(ADVICE_BEGIN, 1)[1].split(ADVICE_END, 1)[0]
    assert shown == run_cli("rules", "advice", "--format", "markdown", "--lang", "en").out


def test_readme_opens_with_exactly_the_two_setup_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("```sh\n", 1)[1].split("```", 1)[0].strip().splitlines()
    assert len(block) == 2
    prefix = "python3 -m venv .venv && . .venv/bin/activate && CPPFLAGS=-DPyEval_CallObject=PyObject_CallObject "
    assert block[0] == prefix + "pip install --no-cache-dir . && zhisuan check"
    assert block[1] == prefix + "pip install --no-cache-dir '.[test]' && python -m pytest"


def test_ci_runs_the_readme_test_command_itself_on_two_pythons():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "README.md" in ci and 'eval "$TEST_CMD"' in ci
    assert "pip install" not in ci  # no second copy of the command to drift from the README
    assert "find_python 3.11" in ci and "find_python 3.13" in ci


def test_every_sub_criterion_has_a_rule_with_a_report_source():
    from engine.decide.knowledge import load_rule_base
    from engine.model.vocabulary import ALL_SUBS

    base = load_rule_base()
    for sub in ALL_SUBS:
        assert base.by_id[sub].rule.source.startswith("report:§03"), sub
        assert base.by_id[f"{sub}.not_met"].rule.then.verdict.sub == sub


def test_the_architecture_names_every_package_and_only_paths_that_exist():
    import re

    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    packages = {p.parent.name for p in (ROOT / "engine").glob("*/__init__.py")}
    assert all(f"`engine/{name}/`" in text for name in packages), packages
    for path in set(re.findall(r"`((?:engine|rules|tests|docs|profiles)/[^`:*{ ]+?)(?::(\d+))?`", text)):
        name, line = path
        if name.startswith("engine/bundled/"):  # where an installed zhisuan keeps rules/ and profiles/
            continue
        assert (ROOT / name).exists(), name
        if line:  # a file:line names the line a rule starts at
            assert "id: " in (ROOT / name).read_text(encoding="utf-8").splitlines()[int(line) - 1], path


def test_the_architecture_follows_a_rule_that_is_where_it_says():
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    shown = run_cli("rules", "show", "region.domestic_preferred", "--lang", "en").out
    where = shown.split("Location: ", 1)[1].split("\n", 1)[0]
    assert f"`{where}`" in text
