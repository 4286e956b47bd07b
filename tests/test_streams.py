"""Closed, full and non-UTF-8 streams, early interrupts and odd file names: a clear line and the right exit code."""

from __future__ import annotations

import json
import os
import shlex
import signal
import subprocess
import sys

import pytest

from .conftest import ROOT

ZHISUAN = f"{shlex.quote(sys.executable)} -m engine"


def _sh(command: str, **env: str) -> subprocess.CompletedProcess:
    """Run a shell line with `zhisuan` standing for this checkout's CLI."""
    full_env = {**os.environ, "ZHISUAN_LANG": "en", **env}
    return subprocess.run(["bash", "-c", command.replace("zhisuan", ZHISUAN)], cwd=ROOT, capture_output=True,
                          env=full_env, timeout=120)


def test_a_closed_stdout_is_one_line_and_exit_2():
    result = _sh("zhisuan check datacanvas >&-")
    assert result.returncode == 2
    assert result.stderr.decode() == "zhisuan: cannot write the output: standard output is closed\n"


@pytest.mark.parametrize("args", ["--help", "check datacanvas", "rank --draws 0"])
def test_a_full_device_is_reported_not_a_silent_success(args):
    result = _sh(f"zhisuan {args} > /dev/full")
    assert result.returncode == 2, result.stderr
    assert result.stderr.decode().endswith("zhisuan: cannot write the output: No space left on device\n")
    assert b"Traceback" not in result.stderr and b"Exception ignored" not in result.stderr


@pytest.mark.parametrize("redirect", ["2>&-", "2>/dev/full"])
def test_bad_input_is_still_exit_2_when_stderr_cannot_be_written(redirect):
    assert _sh(f"zhisuan check --file /no/such.yaml {redirect}").returncode == 2


def test_rank_with_stderr_closed_still_ranks():
    result = _sh("zhisuan rank --draws 0 2>&-")
    assert result.returncode == 0 and b"DataCanvas" in result.stdout


def test_a_latin1_console_gets_output_with_what_it_cannot_show_escaped():
    text = _sh("zhisuan check datacanvas --lang zh", PYTHONIOENCODING="latin-1")
    assert text.returncode == 0 and b"datacanvas" in text.stdout and b"\\u4e5d\\u7ae0" in text.stdout  # 九章, escaped


@pytest.mark.parametrize("locale", [{"LC_ALL": "C", "PYTHONUTF8": "0"}, {"PYTHONIOENCODING": "latin-1"}, {"PYTHONIOENCODING": "ascii"}])
@pytest.mark.parametrize("command", ["check huawei --format json", "rank --draws 0 --top 2 --format json",
                                     "rank --profiles profiles/customers --draws 0 --top 1 --format jsonl"])
def test_json_is_the_same_utf8_bytes_in_every_locale_and_stdout_encoding(locale, command):
    utf8 = _sh(f"zhisuan {command}", PYTHONIOENCODING="utf-8")
    other = _sh(f"zhisuan {command}", **locale)
    assert other.returncode == 0 and utf8.returncode == 0
    assert other.stdout == utf8.stdout and "§" in other.stdout.decode("utf-8")
    json.loads(other.stdout.decode("utf-8").splitlines()[0] if "jsonl" in command else other.stdout.decode("utf-8"))


@pytest.fixture(scope="module")
def ranked_db(tmp_path_factory) -> str:
    """A records database holding one ranking."""
    db = str(tmp_path_factory.mktemp("streams") / "r.sqlite")
    assert _sh(f"zhisuan rank dongguan-factory-smb --draws 0 --record --db {shlex.quote(db)}").returncode == 0
    return db


@pytest.mark.parametrize("locale", [{"LC_ALL": "C", "PYTHONUTF8": "0"}, {"PYTHONIOENCODING": "ascii"}])
@pytest.mark.parametrize("command", ["audit report 1 --format html", "audit report 1 --format svg", "audit report 1",
                                     "check huawei --format markdown"])
def test_documents_are_the_same_utf8_bytes_in_every_locale_and_stdout_encoding(ranked_db, locale, command):
    """F: on a non-UTF-8 stdout the HTML (declaring charset utf-8) read `<h1>\\u5ba1\\u8ba1…`, the SVG held 572 such escapes."""
    args = f"{command} --lang zh" + (f" --db {shlex.quote(ranked_db)}" if command.startswith("audit") else "")
    utf8 = _sh(f"zhisuan {args}", PYTHONIOENCODING="utf-8")
    other = _sh(f"zhisuan {args}", **locale)
    assert other.returncode == 0 and utf8.returncode == 0
    assert other.stdout == utf8.stdout and b"\\u" not in other.stdout and "华为" in other.stdout.decode("utf-8")


def test_ctrl_c_while_starting_up_is_130_without_a_traceback():
    # -X importtime reports each import on stderr as it finishes: interrupt right after the
    # light entry module is in, while the heavy imports (pydantic, rich, the app) are under way.
    proc = subprocess.Popen([sys.executable, "-X", "importtime", "-m", "engine", "check"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "ZHISUAN_LANG": "en"})
    seen = b""
    while b"engine.cli.entry" not in seen:
        line = proc.stderr.readline()
        assert line, seen[-500:]
        seen += line
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err[-500:]
    assert b"Traceback" not in err and err.endswith(b"interrupted\n")


def test_a_file_name_that_is_not_utf8_gives_valid_utf8_json(tmp_path):
    path = os.path.join(os.fsencode(tmp_path), b"\xffbuyer.yaml")
    with open(path, "wb") as fh:
        fh.write(b"segment: small\nlocation: {province: guangdong}\n")
    result = subprocess.run([sys.executable, "-m", "engine", "rank", path, "--format", "json", "--draws", "0"],
                            cwd=ROOT, capture_output=True, timeout=120)
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout.decode("utf-8"))  # strict: raises on invalid UTF-8
    assert doc["profile_source"].endswith("\ufffdbuyer.yaml")


def test_a_newline_in_a_path_keeps_the_message_on_one_line(tmp_path):
    path = tmp_path / "new\nline.yaml"
    path.write_text("segment: smal\nlocation: {province: guangdong}\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "engine", "rank", str(path)], cwd=ROOT, capture_output=True,
                            env={**os.environ, "ZHISUAN_LANG": "en"}, timeout=120)
    assert result.returncode == 2
    assert result.stderr.decode().count("\n") == 1 and "new\\nline.yaml:1:" in result.stderr.decode()


def test_a_dash_reads_the_profile_or_vendor_from_standard_input():
    profile = b"segment: micro\nlocation: {province: guangdong, city: Zhuhai}\n"
    result = subprocess.run([sys.executable, "-m", "engine", "rank", "-", "--format", "json", "--draws", "0"],
                            cwd=ROOT, input=profile, capture_output=True, timeout=120)
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["profile_source"] == "<stdin>" and doc["profile"]["location"]["city"] == "Zhuhai"
    bad = subprocess.run([sys.executable, "-m", "engine", "check", "--file", "-"], cwd=ROOT, input=b"id: [\n",
                         capture_output=True, env={**os.environ, "ZHISUAN_LANG": "en"}, timeout=120)
    assert bad.returncode == 2 and bad.stderr.decode().startswith("zhisuan: <stdin>:")


def test_the_sample_notice_never_splits_an_error_into_two_lines():
    result = _sh("zhisuan rank --file /no/such.yaml")
    assert result.returncode == 2 and result.stderr.decode().count("\n") == 1
