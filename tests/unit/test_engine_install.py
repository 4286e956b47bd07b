"""A missing or mis-built durable_rules is explained in one line with the command that fixes it."""

from __future__ import annotations

import subprocess
import sys
import tomllib

from engine.runtime.durable_adapter import BUILD_DEFINE, DURABLE_REQUIREMENT

from ..conftest import ROOT

# What Python 3.13 prints when durable was built without the define (seen on 3.13.0).
BROKEN = "undefined symbol: PyEval_CallObject"


def _run_check_with(setup: str, tmp_path, *args: str) -> subprocess.CompletedProcess:
    code = f"{setup}\nfrom engine.cli.entry import main\nsys.exit(main(['check', 'datacanvas', *{list(args)!r}]))"
    return subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                          env={"PYTHONPATH": f"{tmp_path}:{ROOT}", "PATH": "/usr/bin:/bin"}, timeout=60)


def _fake_broken_durable(tmp_path) -> str:
    package = tmp_path / "durable"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "engine.py").write_text(f"raise ImportError('/x/durable_rules_engine.so: {BROKEN}')\n")
    return "import sys"


def test_a_durable_built_without_the_define_names_the_rebuild_command(tmp_path):
    result = _run_check_with(_fake_broken_durable(tmp_path), tmp_path, "--lang", "en")
    assert result.returncode == 3
    assert result.stdout == "" and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1
    assert "durable_rules cannot be imported" in result.stderr and BROKEN in result.stderr
    assert f"{BUILD_DEFINE} {sys.executable} -m pip install --force-reinstall --no-cache-dir" in result.stderr


def test_a_missing_durable_is_one_line_in_chinese_with_the_install_command(tmp_path):
    result = _run_check_with("import sys\nsys.modules['durable'] = None", tmp_path, "--lang", "zh")
    assert result.returncode == 3 and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1
    assert "规则引擎 durable_rules 未安装" in result.stderr and DURABLE_REQUIREMENT in result.stderr


def test_debug_shows_the_import_error_behind_it(tmp_path):
    result = _run_check_with(_fake_broken_durable(tmp_path), tmp_path, "--lang", "en", "--debug")
    assert result.returncode == 3 and "Traceback" in result.stderr and BROKEN in result.stderr


def test_the_rebuild_command_pins_the_version_pyproject_requires():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert DURABLE_REQUIREMENT in project["dependencies"]
