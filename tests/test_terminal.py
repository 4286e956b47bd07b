"""Real-terminal behaviour: colour on a TTY, none with NO_COLOR, plain text in a pipe; the installed script."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pexpect
import pytest

COLOR = "\x1b[3"  # an ANSI foreground colour sequence


def _tty_output(env_extra: dict) -> str:
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env.update(env_extra, COLUMNS="120", TERM="xterm-256color")
    child = pexpect.spawn(
        sys.executable, ["-m", "engine", "check", "datacanvas", "--lang", "en"], env=env, encoding="utf-8", timeout=60
    )
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    return child.before


def test_a_terminal_gets_colour_and_a_ruled_table():
    out = _tty_output({})
    assert COLOR in out
    assert "─" in out or "━" in out


def test_no_color_removes_colour_on_a_terminal():
    out = _tty_output({"NO_COLOR": "1"})
    assert COLOR not in out
    assert "core" in out


def test_a_pipe_gets_plain_text():
    out = subprocess.run(
        [sys.executable, "-m", "engine", "check", "datacanvas"], capture_output=True, text=True, timeout=60
    ).stdout
    assert "\x1b[" not in out and "core" in out


def test_installed_console_script_finds_its_bundled_data(tmp_path):
    script = shutil.which("zhisuan")
    if script is None:
        if os.environ.get("CI"):
            pytest.fail("zhisuan is not on PATH in CI: the package did not install its console script")
        pytest.skip("zhisuan is not installed in this environment")
    result = subprocess.run([script, "check", "coreshub"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "coreshub" in result.stdout
