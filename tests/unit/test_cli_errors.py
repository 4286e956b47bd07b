"""The CLI's one error boundary: every failure is one line and an exit code."""

from __future__ import annotations

import pytest

from engine.cli import cmd_check
from engine.errors import EvaluationError

from ..conftest import run_cli


@pytest.mark.parametrize(
    "raised, code, fragment",
    [
        (RuntimeError("boom"), 3, "internal error: RuntimeError: boom"),
        (EvaluationError("engines disagree"), 3, "internal error: engines disagree"),
        (KeyboardInterrupt(), 130, "interrupted"),
    ],
)
def test_unexpected_failures_are_one_line_with_their_exit_code(monkeypatch, raised, code, fragment):
    def fail(args, env):
        raise raised

    monkeypatch.setattr(cmd_check, "run", fail)
    result = run_cli("check", "--lang", "en")
    assert result.code == code
    assert fragment in result.err and result.err.count("\n") == 1
    assert "Traceback" not in result.err and result.out == ""


def test_debug_shows_the_traceback_of_an_internal_error(monkeypatch):
    def fail(args, env):
        raise RuntimeError("boom")

    monkeypatch.setattr(cmd_check, "run", fail)
    result = run_cli("check", "--debug", "--lang", "en")
    assert result.code == 3 and "Traceback" in result.err


def test_messages_follow_the_language(monkeypatch):
    def fail(args, env):
        raise KeyboardInterrupt

    monkeypatch.setattr(cmd_check, "run", fail)
    assert run_cli("check", "--lang", "zh").err == "已中断\n"


def test_help_text_follows_the_language():
    zh = run_cli("check", "--help", "--lang", "zh")
    assert "判定厂商" in zh.out or "按报告的四项标准" in zh.out
    en = run_cli("check", "--help", "--lang", "en")
    assert "Evaluate vendors against the four criteria" in en.out


def test_argparse_speaks_chinese_under_lang_zh():
    zh = run_cli("rank", "--top", "0", "--lang", "zh")
    assert zh.code == 2 and zh.err == "zhisuan rank: 参数 --top：必须不小于 1 (见 --help)\n"
    en = run_cli("rank", "--top", "0", "--lang", "en")
    assert en.err == "zhisuan rank: argument --top: must be 1 or more (see --help)\n"
    assert "用法：" in run_cli("rank", "--help", "--lang", "zh").out


def test_a_non_number_for_a_count_says_what_is_expected_not_a_function_name():
    en = run_cli("rank", "--top", "x", "--lang", "en")
    assert en.code == 2 and en.err == "zhisuan rank: argument --top: must be a whole number (see --help)\n"
    assert run_cli("rank", "--top", "x", "--lang", "zh").err == "zhisuan rank: 参数 --top：必须是整数 (见 --help)\n"


def test_every_error_of_a_file_comes_in_one_run_sorted_by_line(tmp_path):
    path = tmp_path / "many.yaml"
    path.write_text("segment: smal\nlocation: {province: x}\nlatency: fast\nbogus: 1\n", encoding="utf-8")
    result = run_cli("rank", str(path), "--lang", "en")
    lines = result.err.splitlines()
    assert result.code == 2 and [line.split(":")[2] for line in lines] == ["1", "2", "3", "4"]
    assert all(line.startswith(f"zhisuan: {path}:") for line in lines)


def test_a_misspelt_key_is_one_error_not_also_a_missing_one(tmp_path):
    path = tmp_path / "typo.yaml"
    path.write_text("segmnt: small\nlocation: {province: guangdong}\n", encoding="utf-8")
    result = run_cli("rank", str(path), "--lang", "en")
    assert result.code == 2 and result.err.count("\n") == 1 and "did you mean 'segment'?" in result.err


def test_errors_of_several_vendor_files_come_together_and_are_capped(tmp_path):
    from engine.errors import ErrorList

    paths = []
    for i in range(25):
        p = tmp_path / f"v{i:02}.yaml"
        p.write_text("id: [\n", encoding="utf-8")
        paths += ["--file", str(p)]
    result = run_cli("check", *paths, "--lang", "en")
    lines = result.err.splitlines()
    assert result.code == 2 and len(lines) == ErrorList.CAP + 1 and lines[-1] == "zhisuan: ... and 5 more"


def test_every_rule_error_across_rule_files_comes_in_one_run(tmp_path):
    import shutil

    from engine.decide.bundle import bundle_root

    rules = tmp_path / "rules"
    shutil.copytree(bundle_root() / "rules", rules)
    for name, old, new in (("cloud.yaml", "sub.C2.status", "sub.C2.staus"), ("third_party.yaml", "sub.T2.status", "sub.T2.sttus")):
        path = rules / "eligibility" / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    result = run_cli("check", "datacanvas", "--rules", str(rules), "--lang", "en")
    files = [line.split(":")[1].strip() for line in result.err.splitlines()]
    assert result.code == 2 and f"{rules}/eligibility/cloud.yaml" in files and f"{rules}/eligibility/third_party.yaml" in files
