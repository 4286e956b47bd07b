"""Bad-input corpus: every case in tests/bad_inputs/cases.yaml exits 2 with one clear line.

The CLI runs in-process through raw_main. Vendor cases pass `--file <absolute path>`; rules
cases copy rules/ into a temp folder, replace one file and run `check datacanvas --rules`.
"""

from __future__ import annotations

import io
import re
import os
import shutil
from pathlib import Path

import pytest
import yaml

from engine.cli.app import raw_main
from engine.cli.env import Environment

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "bad_inputs"
FILES = CORPUS / "files"
RULES = HERE.parent / "rules"
GOOD_VENDOR = FILES / "vendor_good.yaml"
GOOD_PROFILE = FILES / "profile_good.yaml"

KINDS = {"vendor", "rules", "args", "profile"}
KEYS = {"note", "kind", "file", "replaces", "at", "args", "generate", "line", "where", "contains", "xfail"}
GENERATORS = {"non_utf8", "over_1mib", "missing_file", "directory", "deep_nesting", "huge_int_key", "fifo", "huge_value"}


def _load_cases() -> list[dict]:
    with open(CORPUS / "cases.yaml", encoding="utf-8") as fh:
        cases = yaml.safe_load(fh)
    assert isinstance(cases, list), "cases.yaml must be a list of cases"
    return cases


CASES = _load_cases()


def _param(case: dict):
    marks = []
    if case.get("xfail"):
        marks.append(pytest.mark.xfail(reason=str(case["xfail"]), strict=True, raises=AssertionError))
    return pytest.param(case, id=str(case.get("note")), marks=marks)


def run(argv: list[str]) -> tuple[int, str, str]:
    """Run zhisuan in-process; return (exit code, stdout, stderr)."""
    env = Environment(stdout=io.StringIO(), stderr=io.StringIO())
    code = raw_main(argv, env)
    return code, env.stdout.getvalue(), env.stderr.getvalue()


@pytest.fixture(autouse=True)
def _english(monkeypatch):
    # messages and argparse help come in the language of ZHISUAN_LANG / LANG
    monkeypatch.setenv("ZHISUAN_LANG", "en")


# ------------------------------------------------------------------ building the inputs


def _generate(kind: str, target: Path) -> None:
    """Write the generated input for a `generate:` case to `target`."""
    good = GOOD_VENDOR.read_bytes()
    lines = good.splitlines(keepends=True)
    if kind == "non_utf8":
        # latin-1 é on line 3 (the name)
        assert b"Test vendor" in lines[2]
        target.write_bytes(good.replace(b"Test vendor", b"Caf\xe9 vendor"))
    elif kind == "over_1mib":
        target.write_bytes(good + b"# " + b"x" * (1 << 20) + b"\n")
    elif kind == "huge_value":
        # a 500 KB value where a short enum value belongs (line 5 is `business:`)
        assert b"core: ai_compute_cloud" in good
        target.write_bytes(good.replace(b"core: ai_compute_cloud", b"core: " + b"x" * 500_000))
    elif kind == "fifo":
        os.mkfifo(target)
    elif kind == "missing_file":
        assert not target.exists()
    elif kind == "directory":
        target.mkdir()
    elif kind == "deep_nesting":
        # a notes: value of 1000 nested flow lists on the line after the good file
        target.write_bytes(good + b"notes: " + b"[" * 1000 + b"]" * 1000 + b"\n")
    elif kind == "huge_int_key":
        # an explicit key on line 2 with more digits than Python will convert
        target.write_bytes(lines[0] + b"? 1" + b"0" * 5000 + b"\n: x\n" + b"".join(lines[1:]))
    else:
        raise AssertionError(f"unknown generator {kind!r}")


def _build(case: dict, tmp_path: Path) -> tuple[list[str], str | None]:
    """The argv for a case and the path the message should name (None for args cases)."""
    kind = case["kind"]
    if kind == "args":
        return [str(a).replace("{tmp}", str(tmp_path)).replace("{files}", str(FILES)) for a in case["args"]], None
    if kind == "profile":
        path = FILES / case["file"]
        assert path.is_file(), f"missing corpus file {path}"
        return ["rank", str(path)], str(path)
    if kind == "vendor":
        if case.get("generate"):
            path = tmp_path / case["file"]
            _generate(case["generate"], path)
        else:
            path = FILES / case["file"]
            assert path.is_file(), f"missing corpus file {path}"
        return ["check", "--file", str(path)], str(path)
    if kind == "rules":
        rules = tmp_path / "rules"
        shutil.copytree(RULES, rules)
        target = rules / case["replaces"]
        assert target.is_file(), f"{case['replaces']} is not a file of rules/"
        shutil.copyfile(FILES / case["file"], target)
        return ["check", "datacanvas", "--rules", str(rules)], f"{rules}/{case.get('at', case['replaces'])}"  # as given
    raise AssertionError(f"unknown kind {kind!r}")


# ------------------------------------------------------------------ the corpus


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_bad_input(case: dict, tmp_path: Path) -> None:
    # a case that states nothing proves nothing
    assert case.get("line") is not None or case.get("contains"), f"case {case.get('note')!r} has no expectation"
    argv, shown = _build(case, tmp_path)
    code, out, err = run(argv)
    report = f"argv={argv}\nexit={code}\nstdout={out!r}\nstderr={err!r}"

    assert "Traceback" not in err, report
    assert code == 2, report
    assert out == "", report
    assert err.endswith("\n") and err.count("\n") == 1 and len(err) < 2000, report
    assert err.startswith("zhisuan"), report
    if shown is not None:
        assert shown in err, report
    if case.get("line") is not None:
        assert f"{shown}:{case['line']}: " in err, report
    if case.get("where") == "file":
        assert f"zhisuan: {shown}: " in err, report
    for part in case.get("contains") or []:
        assert part in err, f"missing {part!r}\n{report}"


def test_corpus_is_well_formed() -> None:
    assert len(CASES) >= 20
    notes = [c.get("note") for c in CASES]
    assert len(set(notes)) == len(notes), "notes are test ids and must be unique"
    used = set()
    for case in CASES:
        note = case.get("note")
        assert isinstance(note, str) and note, case
        assert set(case) <= KEYS, f"{note}: unknown keys {sorted(set(case) - KEYS)}"
        assert case.get("kind") in KINDS, f"{note}: kind must be one of {sorted(KINDS)}"
        assert case.get("line") is not None or case.get("contains"), f"{note}: no expectation (line or contains)"
        assert isinstance(case.get("contains", []), list), f"{note}: contains must be a list"
        if case["kind"] == "args":
            assert isinstance(case.get("args"), list) and case["args"], f"{note}: args case needs args"
            assert "line" not in case and "file" not in case, f"{note}: args cases name no file"
            used.update(a.split("{files}/", 1)[1] for a in case["args"] if "{files}/" in str(a))
            continue
        assert case.get("file"), f"{note}: needs a file"
        assert case.get("line") is not None or case.get("where") == "file", f"{note}: needs line or where: file"
        if case["kind"] == "rules":
            assert case.get("replaces"), f"{note}: rules case needs replaces"
            assert (RULES / case["replaces"]).is_file(), f"{note}: rules/{case['replaces']} does not exist"
        if case.get("generate"):
            assert case["kind"] == "vendor" and case["generate"] in GENERATORS, f"{note}: bad generate"
            assert not (FILES / case["file"]).exists(), f"{note}: generated file also exists in files/"
        else:
            assert (FILES / case["file"]).is_file(), f"{note}: files/{case['file']} does not exist"
            used.add(case["file"])
    unused = {p.name for p in FILES.glob("*.yaml")} - used - {GOOD_VENDOR.name, GOOD_PROFILE.name}
    assert not unused, f"files not used by any case: {sorted(unused)}"


def test_a_case_without_expectation_fails(tmp_path: Path) -> None:
    case = {"note": "no expectation", "kind": "args", "args": ["check", "nope"]}
    with pytest.raises(AssertionError, match="no expectation"):
        test_bad_input(case, tmp_path)


# ------------------------------------------------------------------ controls


def test_good_vendor_file_is_accepted() -> None:
    """The base of every vendor case is valid, so each case's one defect is what fails it."""
    code, out, err = run(["check", "--file", str(GOOD_VENDOR)])
    assert code in (0, 1) and err == "", err  # in or out of the track, but accepted
    assert "testvendor" in out


def test_good_profile_file_is_accepted() -> None:
    """The base of every profile case is valid, so each case's one defect is what fails it."""
    code, out, err = run(["rank", str(GOOD_PROFILE)])
    assert code == 0 and err == "", err
    assert "good-profile" in out


def test_copied_rules_are_accepted(tmp_path: Path) -> None:
    """An unmodified copy of rules/ works with --rules, so each rules case's defect is what fails it."""
    shutil.copytree(RULES, tmp_path / "rules")
    code, out, err = run(["check", "datacanvas", "--rules", str(tmp_path / "rules")])
    assert code in (0, 1) and err == "", err
    assert "datacanvas" in out


def test_debug_shows_the_traceback() -> None:
    path = FILES / "vendor_status_near_miss.yaml"
    code, out, err = run(["check", "--file", str(path), "--debug"])
    assert code == 2, err
    assert out == ""
    assert "Traceback" in err
    last = err.rstrip("\n").splitlines()[-1]
    assert last.startswith(f"zhisuan: {path}:13: invalid input: sub.T1.status: 'mett' is not allowed"), err


def _english_sentences() -> list[str]:
    """The literal pieces of every English catalogue message (between its {placeholders})."""
    import re

    from engine.messages import MESSAGES

    pieces = []
    for _, en in MESSAGES.values():
        for piece in re.split(r"\{[^}]*\}", en):
            piece = piece.strip(" :;,.()")
            if len(piece) >= 12 and " " in piece:  # a phrase, not a field name or a value
                pieces.append(piece)
    return pieces


ENGLISH = _english_sentences()
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("case", [_param(c) for c in CASES if not c.get("xfail")])
def test_bad_input_in_chinese(case: dict, tmp_path: Path) -> None:
    """Under --lang zh every message is Chinese: field names, values and paths stay as written."""
    argv, _ = _build(case, tmp_path)
    code, _, err = run([*argv, "--lang", "zh"])
    assert code == 2 and "Traceback" not in err, err
    for line in err.splitlines():
        assert CJK.search(line), line
        english = [piece for piece in ENGLISH if piece in line]
        assert not english, (line, english)
