"""Batch `check`: JSON Lines and folders, input order, bad records skipped, workers change nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from .conftest import raw_vendor, run_cli

IDS = ["volcano", "huawei", "alauda", "coreshub", "datacanvas"]  # deliberately not sorted


def _write_jsonl(path: Path, records: list) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture()
def mixed(tmp_path) -> Path:
    """Five good vendors with a malformed line, a blank line and a non-object in between."""
    rows = [raw_vendor(v) for v in IDS]
    return _write_jsonl(tmp_path / "registry.jsonl", rows[:2] + ["{not json", ""] + rows[2:4] + ["[1, 2]"] + rows[4:])


def test_lines_follow_input_order_and_bad_records_are_skipped_with_their_line(mixed):
    result = run_cli("check", "--jsonl", str(mixed), "--format", "jsonl", "--workers", "1")
    assert result.code == 0
    lines = [json.loads(line) for line in result.out.splitlines()]
    assert [d["id"] for d in lines] == IDS
    assert [d["input"] for d in lines] == [f"{mixed}:{n}" for n in (1, 2, 5, 6, 8)]
    errors = result.err.splitlines()
    assert errors[0].startswith(f"zhisuan: {mixed}:3: ") and "malformed JSON" in errors[0]
    assert errors[1].startswith(f"zhisuan: {mixed}:7: ") and "JSON object" in errors[1]
    assert "checked 5 vendors, skipped 2 bad records" in errors[2]
    assert "Traceback" not in result.err


def test_each_line_is_the_decision_check_makes(mixed):
    lines = run_cli("check", "--jsonl", str(mixed), "--format", "jsonl", "--workers", "1").out.splitlines()
    whole = json.loads(run_cli("check", *IDS, "--format", "json").out)["vendors"]
    by_id = {d["id"]: d for d in whole}
    for line in lines:
        decision = json.loads(line)
        decision.pop("input")
        assert "path_to" not in decision  # a batch screens: what to change is `check`'s, vendor by vendor
        by_id[decision["id"]].pop("path_to", None)
        assert decision == by_id[decision["id"]]


def test_workers_and_repeated_runs_give_byte_identical_lines(mixed):
    one = run_cli("check", "--jsonl", str(mixed), "--format", "jsonl", "--workers", "1")
    two = run_cli("check", "--jsonl", str(mixed), "--format", "jsonl", "--workers", "2")
    assert one.out == two.out == run_cli("check", "--jsonl", str(mixed), "--format", "jsonl", "--workers", "2").out
    assert one.err == two.err


def test_strict_stops_with_exit_2_at_the_first_bad_record(mixed):
    result = run_cli("check", "--jsonl", str(mixed), "--format", "jsonl", "--workers", "1", "--strict")
    assert result.code == 2
    assert [json.loads(line)["id"] for line in result.out.splitlines()] == IDS[:2]
    assert result.err.splitlines() == [line for line in result.err.splitlines() if line.startswith(f"zhisuan: {mixed}:3: ")]


def test_other_formats_print_what_check_prints(mixed):
    """The table and the JSON document of `check`, but for what each vendor must change (check's own part)."""
    table = run_cli("check", "--jsonl", str(mixed), "--workers", "2")
    checked = run_cli("check", *IDS).out
    assert "What to change" in checked and "What to change" not in table.out
    assert table.out == checked[:checked.index("\nWhat to change")]
    as_json = json.loads(run_cli("check", "--jsonl", str(mixed), "--format", "json", "--workers", "1").out)
    whole = json.loads(run_cli("check", *IDS, "--format", "json").out)
    for vendor in whole["vendors"]:
        vendor.pop("path_to", None)
    assert as_json == whole


def test_a_repeated_id_is_a_bad_record_naming_the_first(tmp_path):
    path = _write_jsonl(tmp_path / "dup.jsonl", [raw_vendor("huawei"), raw_vendor("huawei")])
    result = run_cli("check", "--jsonl", str(path), "--format", "jsonl", "--workers", "1")
    assert result.code == 0 and len(result.out.splitlines()) == 1
    assert result.err.startswith(f"zhisuan: {path}:2: ") and f"{path}:1" in result.err.splitlines()[0]


def test_dir_checks_every_yaml_file_by_name(tmp_path):
    for vid in IDS:
        (tmp_path / f"{vid}.yaml").write_text(yaml.safe_dump(raw_vendor(vid), allow_unicode=True), encoding="utf-8")
    (tmp_path / "broken.yaml").write_text("id: [\n", encoding="utf-8")
    result = run_cli("check", "--dir", str(tmp_path), "--format", "jsonl", "--workers", "2")
    assert result.code == 0
    assert [json.loads(line)["id"] for line in result.out.splitlines()] == sorted(IDS)
    assert result.err.startswith(f"zhisuan: {tmp_path / 'broken.yaml'}:") and "skipped 1 bad records" in result.err


def test_fail_unless_counts_the_good_records(mixed):
    assert run_cli("check", "--jsonl", str(mixed), "--workers", "1", "--fail-unless", "partial").code == 1  # alauda
    path = _write_jsonl(mixed.parent / "core.jsonl", [raw_vendor("huawei"), raw_vendor("datacanvas"), "oops"])
    assert run_cli("check", "--jsonl", str(path), "--workers", "1", "--fail-unless", "partial").code == 0
    assert run_cli("check", "--jsonl", str(path), "--workers", "1", "--fail-unless", "core").code == 1  # huawei partial


@pytest.mark.parametrize(
    "args, says",
    [
        (["check", "huawei", "--jsonl", "x.jsonl"], "cannot be combined"),
        (["check", "--format", "jsonl"], "for batches only"),
        (["check", "--workers", "2"], "for batches only"),
        (["check", "--jsonl", "x.jsonl", "--workers", "0"], "from 1 to 64"),
        (["check", "--jsonl", "x.jsonl", "--dir", "d"], "not allowed with"),
        (["check", "--jsonl", "x.jsonl", "--record"], "cannot be recorded yet"),
    ],
)
def test_batch_usage_errors_exit_2(args, says):
    result = run_cli(*args, "--lang", "en")
    assert result.code == 2 and says in result.err and "Traceback" not in result.err


def test_a_terminal_sees_progress_on_stderr_and_stdout_stays_clean(tmp_path):
    """stderr is a terminal, stdout a file: the count goes to stderr and vanishes; the lines are intact."""
    import os
    import shlex
    import sys

    import pexpect

    registry = _write_jsonl(tmp_path / "r.jsonl", [raw_vendor(v) for v in IDS] * 1)
    out = tmp_path / "out.jsonl"
    command = f"{shlex.quote(sys.executable)} -m engine check --jsonl {registry} --format jsonl --workers 1 --lang en > {out}"
    child = pexpect.spawn("/bin/sh", ["-c", command], env=dict(os.environ, COLUMNS="100", TERM="xterm"), encoding="utf-8", timeout=60)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "checking" in child.before  # the live count, drawn on the terminal
    assert [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()] == IDS
