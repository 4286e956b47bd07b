"""Hostile data and broken streams: each defect an attacker found, reproduced and held.

Each test failed before the fix it names (ask with `unknown`, escapes in sources, Markdown that
renders HTML, bidi names, --save over special files, closed stdin, oversized JSON lines, uncapped
batch errors, links out of a rules folder, words split at narrow widths, a pager on TERM=dumb).
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest
import yaml

from engine.decide.bundle import bundle_root
from engine.text import UNSAFE

from .conftest import ROOT, raw_vendor, run_cli

ESC_SOURCE = "report:§04 x\x1b]0;TITLE\x07\x1b[31m"


def _write_vendor(path: Path, **changes) -> Path:
    data = raw_vendor("coreshub")
    data.update(id="probe", assessed_in_report=False)
    for dotted, value in changes.items():
        node = data
        *parents, last = dotted.split(".")
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        node[last] = value
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_an_ask_session_answered_unknown_records_and_prints_json(tmp_path):
    """1: Enter at a question whose default is `unknown`, then `done`, with --record and --format json."""
    db = tmp_path / "r.sqlite"
    env = dict(os.environ, COLUMNS="100", TERM="dumb", ZHISUAN_LANG="en")
    child = pexpect.spawn(sys.executable, ["-m", "engine", "ask", "--lang", "en", "--draws", "0", "--record", "--db", str(db),
                                           "--format", "json"], env=env, encoding="utf-8", timeout=60)
    for answer in ("small", "guangdong", "", "done"):
        child.expect(r"\]: ")
        child.sendline(answer)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    record = json.loads(run_cli("audit", "show", "1", "--db", str(db), "--format", "json").out)
    asked = record["inputs"]["asked"]
    assert len(asked) == 3 and asked[2] not in record["inputs"]["answers"]  # asked, answered unknown


@pytest.mark.parametrize("where", ["sub.T1.source", "nodes.0.source", "business.source"])
def test_an_escape_in_a_vendor_source_is_refused_at_its_line(tmp_path, where):
    """2: `source` fields were checked only against report:§0N, whose `.` matches ESC."""
    path = _write_vendor(tmp_path / "v.yaml", **{where: ESC_SOURCE})
    result = run_cli("check", "--file", str(path), "--explain", "full", "--lang", "en")
    assert result.code == 2 and result.out == ""
    assert f"{path}:{_line_of(path, 'x')}: " in result.err and "U+001B" in result.err
    assert not UNSAFE.search(result.err)


def test_an_escape_in_a_rule_source_is_refused_by_every_rules_command(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(bundle_root() / "rules", rules)
    path = rules / "eligibility" / "cloud.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('source: "report:§03 cloud B"', 'source: "report:§03 cloud B \\e[31m"', 1), encoding="utf-8")
    for args in (["rules", "list"], ["rules", "show", "C2"], ["check"], ["rules", "lint"]):
        result = run_cli(*args, "--rules", str(rules), "--lang", "en")
        assert result.code in (1, 2) and "U+001B" in (result.out + result.err), args
        assert not UNSAFE.search(result.out + result.err), args


def test_a_recorded_command_line_with_an_escape_is_shown_escaped_and_the_svg_is_xml(tmp_path):
    """2: a file name holding ESC was printed raw by `audit show` and the report."""
    import xml.dom.minidom

    odd = tmp_path / "odd\x1b[31m.yaml"
    _write_vendor(odd)
    db = tmp_path / "r.sqlite"
    assert run_cli("check", "--file", str(odd), "--record", "--db", str(db)).code == 0
    shown = run_cli("audit", "show", "1", "--db", str(db), "--lang", "en")
    assert shown.code == 0 and "odd\\x1b[31m.yaml" in shown.out and not UNSAFE.search(shown.out)
    for fmt in ("markdown", "html", "svg"):
        out = run_cli("audit", "report", "1", "--db", str(db), "--format", fmt).out
        assert not UNSAFE.search(out), fmt
    xml.dom.minidom.parseString(run_cli("audit", "report", "1", "--db", str(db), "--format", "svg").out)
    assert run_cli("audit", "verify", "--db", str(db)).code == 0


HOSTILE_NAMES = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "[x](javascript:alert(1))"]


def test_the_markdown_report_renders_no_html_and_no_link_from_data(tmp_path):
    """3: the Markdown audit report escaped nothing but table pipes."""
    from markdown_it import MarkdownIt  # CommonMark, installed with rich

    db = tmp_path / "r.sqlite"
    for i, name in enumerate(HOSTILE_NAMES):
        path = _write_vendor(tmp_path / f"v{i}.yaml", **{"id": f"probe{i}", "name.en": name, "sub.T1.evidence.en": name})
        assert run_cli("check", "--file", str(path), "--record", "--db", str(db), "--lang", "en").code == 0
    for record in (1, 2, 3):
        markdown = run_cli("audit", "report", str(record), "--db", str(db), "--lang", "en").out
        rendered = MarkdownIt("commonmark").render(markdown)
        assert "<script" not in rendered and "<img" not in rendered and "javascript:" not in re.findall(r'href="([^"]*)"', rendered).__str__()
        assert "<a " not in rendered
        check_md = run_cli("check", "--file", str(tmp_path / f"v{record - 1}.yaml"), "--format", "markdown", "--explain", "full").out
        assert "<img" not in MarkdownIt("commonmark").render(check_md) and "<a " not in MarkdownIt("commonmark").render(check_md)


@pytest.mark.parametrize("name", ["Huawei \u202eCanvas\u200d", "Data\u200bCanvas", "\ufeffCoresHub"])
def test_bidi_and_invisible_characters_in_a_name_are_refused(tmp_path, name):
    """4: Cc was refused, Cf was not: a right-to-left override spoofed the displayed name."""
    path = _write_vendor(tmp_path / "v.yaml", **{"name.en": name})
    result = run_cli("check", "--file", str(path), "--lang", "en")
    assert result.code == 2 and f"{path}:" in result.err and "name.en" in result.err
    assert not UNSAFE.search(result.err)


def _answers(tmp_path: Path) -> Path:
    path = tmp_path / "answers.yaml"
    path.write_text("segment: small\nprovince: guangdong\n", encoding="utf-8")
    return path


def test_save_never_replaces_a_fifo_a_folder_or_a_link(tmp_path):
    """5: --save --force turned /dev/full, a FIFO or a character device into a regular file."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    folder = tmp_path / "folder"
    folder.mkdir()
    link = tmp_path / "link.yaml"
    link.symlink_to(os.devnull)
    for target in (fifo, folder, link):
        result = run_cli("ask", "--answers", str(_answers(tmp_path)), "--save", str(target), "--force", "--draws", "0", "--lang", "en")
        assert result.code == 2 and "not a regular file" in result.err, target
    assert stat.S_ISFIFO(fifo.stat().st_mode) and folder.is_dir() and link.is_symlink()
    assert not list(tmp_path.glob(".zhisuan-*")) and not list(folder.glob(".zhisuan-*"))  # no temp file left behind


def test_save_keeps_the_mode_of_a_file_it_replaces_and_refuses_a_missing_folder_at_once(tmp_path):
    target = tmp_path / "mine.yaml"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o644)
    assert run_cli("ask", "--answers", str(_answers(tmp_path)), "--save", str(target), "--force", "--draws", "0").code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o644 and "segment: small" in target.read_text(encoding="utf-8")
    missing = run_cli("ask", "--answers", str(_answers(tmp_path)), "--save", str(tmp_path / "nope" / "x.yaml"), "--lang", "en")
    assert missing.code == 2 and "folder" in missing.err and missing.out == ""


def _sh(command: str, **env: str) -> subprocess.CompletedProcess:
    zhisuan = f"{shlex.quote(sys.executable)} -m engine"
    return subprocess.run(["bash", "-c", command.replace("zhisuan", zhisuan)], cwd=ROOT, capture_output=True,
                          env={**os.environ, "ZHISUAN_LANG": "en", **env}, timeout=120)


@pytest.mark.parametrize("command", ["check --file -", "check --jsonl -", "rank -", "ask --answers -", "ask"])
def test_a_closed_stdin_is_a_usage_error(command):
    """7: `<&-` was an internal error (AttributeError on sys.stdin)."""
    result = _sh(f"zhisuan {command} <&-")
    assert result.returncode == 2 and b"Traceback" not in result.stderr and b"internal error" not in result.stderr
    assert b"standard input" in result.stderr


def test_a_json_line_with_a_huge_number_is_skipped_at_its_line(tmp_path):
    """8: an integer of more than 4,300 digits aborted the whole batch (exit 3)."""
    good = json.dumps(raw_vendor("coreshub"), ensure_ascii=False)
    path = tmp_path / "r.jsonl"
    path.write_text('{"id": ' + "9" * 5000 + "}\n" + good + "\n", encoding="utf-8")
    result = run_cli("check", "--jsonl", str(path), "--format", "jsonl", "--workers", "1", "--lang", "en")
    assert result.code == 0 and f"{path}:1: " in result.err and "too many digits" in result.err
    assert json.loads(result.out)["id"] == "coreshub"


def test_batch_errors_are_capped_like_a_files(tmp_path):
    """8: 10k bad lines printed 130,002 stderr lines; one file's errors are capped at 20."""
    path = tmp_path / "r.jsonl"
    path.write_text("{}\n" * 300, encoding="utf-8")
    result = run_cli("check", "--jsonl", str(path), "--format", "jsonl", "--workers", "1", "--lang", "en")
    lines = result.err.splitlines()
    assert result.code == 0 and len(lines) == 22, len(lines)
    assert all(line.startswith(f"zhisuan: {path}:") for line in lines[:20])
    assert re.match(r"zhisuan: \.\.\. and \d+ more errors", lines[20]) and "skipped 300 bad records" in lines[21]


def test_a_huge_rule_file_at_a_git_revision_is_refused_before_it_is_read(tmp_path):
    """8: `git cat-file` output was read whole (400 MB: 9.7 s, 1.2 GB) before the 1 MiB refusal."""
    repo = tmp_path / "repo"
    shutil.copytree(bundle_root() / "rules", repo / "rules")
    (repo / "rules" / "advice" / "huge.yaml").write_bytes(b"# " + b"x" * (2 << 20) + b"\n")

    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.email=t@t", "-c", "user.name=t", *args], cwd=repo, check=True, capture_output=True)

    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "huge")
    result = subprocess.run([sys.executable, "-m", "engine", "audit", "diff", "--git", "HEAD", "--rules", str(bundle_root() / "rules"),
                             "--lang", "en"], cwd=repo, capture_output=True, text=True, timeout=120,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 2 and "HEAD:rules/advice/huge.yaml" in result.stderr and "1048576" in result.stderr


def test_a_link_out_of_a_rules_folder_is_refused_and_its_target_never_echoed(tmp_path):
    """9: symlinks were followed, and lines of /etc/shadow appeared in errors."""
    secret = tmp_path / "secret.txt"
    secret.write_text("root:SECRET-HASH:19000:0:99999:7:::\n", encoding="utf-8")
    rules = tmp_path / "rules"
    shutil.copytree(bundle_root() / "rules", rules)
    (rules / "advice" / "evil.yaml").symlink_to(secret)
    for args in (["rules", "list"], ["rules", "version"], ["rank", "--draws", "0"]):
        result = run_cli(*args, "--rules", str(rules), "--lang", "en")
        assert result.code == 2 and "leads out of the rules folder" in result.err, args
        assert "SECRET" not in result.out + result.err
    inner = rules / "advice" / "inner.yaml"  # a link that stays inside the folder is a file of it
    inner.symlink_to(rules / "advice" / "vendors.yaml")
    (rules / "advice" / "evil.yaml").unlink()
    assert "duplicate rule id" in run_cli("rules", "list", "--rules", str(rules), "--lang", "en").err


def _pty(args: list[str], columns: int, **env: str) -> str:
    full = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
    full.update({"NO_COLOR": "1", "TERM": "xterm", **env})
    child = pexpect.spawn(sys.executable, ["-m", "engine", *args], env=full, encoding="utf-8", timeout=60, dimensions=(30, columns))
    child.expect(pexpect.EOF)
    child.close()
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", child.before).replace("\r\n", "\n")


def test_at_five_columns_no_word_is_split():
    """9: `COLUMNS=5 zhisuan check` printed 'eligi/bilit'."""
    out = _pty(["check", "--lang", "en", "--no-pager"], 5, COLUMNS="5")
    words = set(out.split())
    for word in ("eligibility:", "(datacanvas)", "independent", "undetermined"):
        assert word in words, word


def test_a_dumb_terminal_is_never_paged(tmp_path):
    """9: TERM=dumb still paged through less, which stops for RETURN."""
    marker = tmp_path / "paged"
    out = _pty(["rank", "--draws", "0", "--lang", "en"], 80, TERM="dumb", PAGER=f"sh -c 'touch {marker}; cat'")
    assert not marker.exists() and "DataCanvas" in out
    _pty(["rank", "--draws", "0", "--lang", "en"], 80, PAGER=f"sh -c 'touch {marker}; cat'")
    assert marker.exists()  # the same output on a real terminal is paged


def test_a_forged_record_with_a_control_character_does_not_read(tmp_path):
    """Records read back pass the one text check: a row edited (its chain recomputed) to hold ESC is refused."""
    from engine.audit.store import GENESIS, chain_hash

    db = tmp_path / "r.sqlite"
    assert run_cli("check", "huawei", "--record", "--db", str(db)).code == 0
    with sqlite3.connect(db) as c:
        body = c.execute("SELECT body FROM records WHERE id = 1").fetchone()[0]
        forged = body.replace('"command":"zhisuan check', '"command":"zhisuan \\u001b[2J\\u202echeck', 1)
        assert forged != body
        c.execute("UPDATE records SET body = ?, hash = ? WHERE id = 1", (forged, chain_hash(GENESIS, forged)))
    for args in (["audit", "show", "1"], ["audit", "report", "1"], ["audit", "verify"]):
        result = run_cli(*args, "--db", str(db), "--lang", "en")
        assert result.code in (1, 2) and not UNSAFE.search(result.out + result.err), args
