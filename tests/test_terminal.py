"""Real-terminal behaviour: colour on a TTY, none with NO_COLOR, plain text in a pipe; the installed script."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest
from rich.cells import cell_len

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


def test_a_terminal_gets_colour_and_a_bold_header():
    out = _tty_output({})
    assert COLOR in out
    assert "\x1b[1m" in out


GOLDEN = Path(__file__).parent / "golden" / "expected"
UPDATE = os.environ.get("ZHISUAN_UPDATE_GOLDEN") == "1"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


@pytest.mark.parametrize(
    "name, args",
    [
        ("pty80_check_en", ["check", "--lang", "en"]),
        ("pty80_check_zh", ["check", "--lang", "zh"]),
        ("pty80_rank_en", ["rank", "dongguan-factory-smb", "--lang", "en", "--draws", "0"]),
        ("pty80_rank_zh", ["rank", "sanya-tourism-medium", "--lang", "zh", "--draws", "0"]),
    ],
)
def test_at_80_columns_in_a_real_terminal_no_word_is_split(name, args):
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS", "LINES")}
    env.update(NO_COLOR="1", TERM="xterm-256color")
    child = pexpect.spawn(sys.executable, ["-m", "engine", *args, "--no-pager"], env=env, encoding="utf-8",
                          timeout=60, dimensions=(50, 80))
    child.expect(pexpect.EOF)
    child.close()
    out = ANSI.sub("", child.before).replace("\r\n", "\n")
    assert all(cell_len(line) <= 80 for line in out.splitlines()), max(out.splitlines(), key=cell_len)
    for word in ("(datacanvas)", "(coreshub)", "(alibaba)", "(huawei)"):
        assert word in out, word
    path = GOLDEN / f"{name}.txt"
    if UPDATE:
        path.write_text(out, encoding="utf-8")
    assert out == path.read_text(encoding="utf-8")


def test_below_40_columns_rows_become_lists_and_no_value_is_dropped():
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS", "LINES")}
    env.update(NO_COLOR="1", TERM="xterm-256color")
    child = pexpect.spawn(sys.executable, ["-m", "engine", "check", "--lang", "en", "--no-pager"], env=env, encoding="utf-8",
                          timeout=60, dimensions=(50, 39))
    child.expect(pexpect.EOF)
    out = ANSI.sub("", child.before)
    assert "  Supply F: 4.1182" in out and "  Track: undetermined" in out


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


def _paged(args: list[str], tmp_path) -> tuple[str, bool]:
    record = tmp_path / "paged.txt"
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS", "LINES")}
    env.update(NO_COLOR="1", TERM="xterm-256color", PAGER=f"tee {record}")
    child = pexpect.spawn(sys.executable, ["-m", "engine", *args], env=env, encoding="utf-8", timeout=60,
                          dimensions=(10, 100))
    child.expect(pexpect.EOF)
    child.close()
    return child.before, record.exists() and "DataCanvas" in record.read_text(encoding="utf-8")


def test_long_output_on_a_terminal_goes_through_the_pager(tmp_path):
    assert _paged(["check", "--lang", "en"], tmp_path)[1]


def test_no_pager_and_short_output_are_never_paged(tmp_path):
    assert not _paged(["check", "--lang", "en", "--no-pager"], tmp_path)[1]
    assert not _paged(["check", "datacanvas", "--lang", "en"], tmp_path)[1]


def test_a_pipe_is_never_paged(tmp_path):
    record = tmp_path / "paged.txt"
    env = {**os.environ, "PAGER": f"tee {record}"}
    out = subprocess.run([sys.executable, "-m", "engine", "check"], capture_output=True, text=True, env=env).stdout
    assert "datacanvas" in out and not record.exists()
