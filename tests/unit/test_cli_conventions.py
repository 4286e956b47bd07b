"""What users of a serious CLI expect: --version, help with no arguments, completion, forgiving ids."""

from __future__ import annotations

import subprocess
import sys
from importlib import metadata

import pytest

from ..conftest import ROOT, run_cli


def test_version_prints_the_installed_version():
    result = run_cli("--version")
    assert result.code == 0 and result.out == f"zhisuan {metadata.version('zhisuan-advisor')}\n"


@pytest.mark.parametrize("argv", [(), ("--lang", "en"), ("--debug",)])
def test_no_command_prints_the_help_and_exits_0(argv):
    result = run_cli(*argv)
    assert result.code == 0 and result.err == ""
    assert result.out.startswith("usage: zhisuan") and "check" in result.out and "rank" in result.out


def test_rules_show_finds_an_id_whatever_its_case():
    assert run_cli("rules", "show", "t1", "--lang", "en").out == run_cli("rules", "show", "T1", "--lang", "en").out


def _complete(script: str, *words: str) -> list[str]:
    line = " ".join(words)
    probe = f'{script}\nCOMP_WORDS=({line}); COMP_CWORD={len(words) - 1}; _zhisuan; printf "%s\\n" "${{COMPREPLY[@]}}"'
    return subprocess.run(["bash", "-c", probe], capture_output=True, text=True, timeout=30).stdout.split()


def test_bash_completion_completes_commands_options_and_choices():
    script = run_cli("completion", "bash").out
    assert _complete(script, "zhisuan", "ra") == ["rank"]
    assert _complete(script, "zhisuan", "rules", "ad") == ["advice"]
    assert "--fail-unless" in _complete(script, "zhisuan", "check", "--fa")
    assert _complete(script, "zhisuan", "rank", "my.yaml", "--dr") == ["--draws"]  # a value is not a command
    assert _complete(script, "zhisuan", "schema", "pro") == ["profile"]


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_zsh_and_fish_scripts_name_every_command(shell):
    out = run_cli("completion", shell).out
    for command in ("check", "rank", "rules", "schema", "completion", "advice"):
        assert command in out, (shell, command)


def test_the_installed_script_and_python_m_engine_agree_on_the_version():
    result = subprocess.run([sys.executable, "-m", "engine", "--version"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("zhisuan ")


@pytest.mark.parametrize("argv", [["--help"], ["--version"], ["check", "--help"], ["rank", "--help"]])
def test_help_and_version_import_no_models_and_no_rendering_library(argv):
    probe = (
        "import io, sys\n"
        "from engine.cli.app import raw_main\n"
        "from engine.cli.env import Environment\n"
        f"raw_main({argv!r}, Environment(stdout=io.StringIO(), stderr=io.StringIO()))\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'pydantic', 'rich', 'yaml', 'durable'}))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stdout + result.stderr


def test_one_vendor_is_counted_in_the_singular():
    from tests.conftest import run_cli

    assert "\n1 vendor: 0 core, 1 partial" in run_cli("check", "huawei", "--lang", "en").out
    assert "\n2 vendors: " in run_cli("check", "huawei", "baidu", "--lang", "en").out
