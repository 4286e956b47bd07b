"""Every --format a command offers is one its view can print: no choice of any parser ends in an internal error."""

from __future__ import annotations

import argparse
import json

import pytest

from engine.cli.app import build_parser
from engine.decide.bundle import bundle_root

from .conftest import raw_vendor, run_cli


def _formats(parser: argparse.ArgumentParser, path: str = "") -> dict[str, tuple[str, ...]]:
    """Command path → the choices of its --format, for every command of the parser."""
    found = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                found.update(_formats(child, f"{path} {name}".strip()))
        elif "--format" in action.option_strings:
            found[path] = tuple(action.choices)
    return found


RULES = str(bundle_root() / "rules")
# The arguments each command runs with ({db}: a records database holding a check (1) and a ranking (2)).
ARGS = {
    "check": ["check", "huawei"],
    "rank": ["rank", "--draws", "0", "--top", "2"],
    "ask": ["ask", "--answers", "{answers}", "--draws", "0"],
    "vendors": ["vendors", "show", "huawei"],
    "compare": ["compare", "datacanvas", "huawei"],
    "rules list": ["rules", "list"],
    "rules show": ["rules", "show", "T1", "--compiled"],
    "rules advice": ["rules", "advice"],
    "rules version": ["rules", "version"],
    "rules lint": ["rules", "lint"],
    "rules coverage": ["rules", "coverage", "--profiles", "{profiles}"],
    "audit list": ["audit", "list", "--db", "{db}"],
    "audit show": ["audit", "show", "2", "--db", "{db}"],
    "audit replay": ["audit", "replay", "1", "--db", "{db}"],
    "audit diff": ["audit", "diff", "--rules", RULES, "--rules", RULES, "--profiles", "{profiles}"],
    "audit report": ["audit", "report", "2", "--db", "{db}"],
}
# A format that needs other arguments.
OTHER = {("vendors", "html"): ["vendors"], ("check", "jsonl"): ["check", "--jsonl", "{registry}", "--workers", "1"], ("rank", "jsonl"): ["rank", "--profiles", "{profiles}", "--draws", "0"]}
FORMATS = _formats(build_parser("en"))


def test_every_command_with_a_format_is_run_here():
    assert set(FORMATS) == set(ARGS)


@pytest.fixture(scope="module")
def places(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("formats")
    (tmp / "answers.yaml").write_text("segment: small\nprovince: guangdong\n", encoding="utf-8")
    (tmp / "buyers").mkdir()
    (tmp / "buyers" / "one.yaml").write_text("segment: small\nlocation: {province: guangxi}\n", encoding="utf-8")
    (tmp / "registry.jsonl").write_text(json.dumps(raw_vendor("coreshub")) + "\n", encoding="utf-8")
    db = tmp / "r.sqlite"
    assert run_cli("check", "huawei", "--record", "--db", str(db)).code == 0
    assert run_cli("rank", "--draws", "0", "--record", "--db", str(db)).code == 0
    return {"db": str(db), "answers": str(tmp / "answers.yaml"), "profiles": str(tmp / "buyers"), "registry": str(tmp / "registry.jsonl")}


@pytest.mark.parametrize(("command", "fmt"), [(c, f) for c, formats in sorted(FORMATS.items()) for f in formats])
def test_each_format_choice_prints(places, command, fmt):
    args = [a.format(**places) for a in OTHER.get((command, fmt), ARGS[command])]
    result = run_cli(*args, "--format", fmt, "--lang", "en")
    assert result.code == 0 and result.out, (args, fmt, result.err)
