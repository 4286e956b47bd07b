"""Arbitrary bytes and arbitrary YAML, fed to every loader through the CLI: exit 2, one line, file:line.

Generous guards (10 s per input, 500 MB of peak memory) catch hangs and runaway reads; the
size of what is read is bounded by the loader itself (the limit plus one byte). Not a
performance test.
"""

from __future__ import annotations

import io
import os
import resource
import shutil
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.cli.app import raw_main
from engine.cli.env import Environment
from engine.decide.bundle import bundle_root

from .test_garbage_input import structures

EXAMPLES = int(os.environ.get("ZHISUAN_FUZZ_EXAMPLES", "300")) // 6
SETTINGS = settings(max_examples=EXAMPLES, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
GUARD_SECONDS = 10
GUARD_KIB = 500 * 1024  # peak memory may not grow by more than 500 MB over the run
BASE_KIB = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
inputs = st.one_of(
    st.binary(max_size=400),
    structures.map(lambda d: yaml.safe_dump(d, allow_unicode=True).encode("utf-8")),
    st.text(max_size=300).map(lambda t: t.encode("utf-8")),
)


@pytest.fixture(scope="module")
def rules_copy(tmp_path_factory) -> Path:
    rules = tmp_path_factory.mktemp("fuzz") / "rules"
    shutil.copytree(bundle_root() / "rules", rules)
    return rules


def _run(argv: list[str]) -> tuple[int, str, str]:
    env = Environment(stdout=io.StringIO(), stderr=io.StringIO())
    started = time.monotonic()
    code = raw_main(argv, env)
    assert time.monotonic() - started < GUARD_SECONDS, argv
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - BASE_KIB < GUARD_KIB, argv
    return code, env.stdout.getvalue(), env.stderr.getvalue()


def _assert_refused_cleanly(code: int, err: str, shown: str) -> None:
    assert "Traceback" not in err and code in (0, 2), (code, err)
    if code == 2:  # every error at once: one line each, each naming the file (or the cap line)
        lines = err.splitlines()
        assert lines and all(line.startswith("zhisuan") for line in lines), err
        assert all(shown in line or line.endswith("more") for line in lines), err


def _write(path: Path, raw: bytes) -> None:
    path.write_bytes(raw)


@SETTINGS
@given(raw=inputs)
def test_any_vendor_file(tmp_path_factory, raw):
    path = tmp_path_factory.mktemp("v") / "vendor.yaml"
    _write(path, raw)
    code, _, err = _run(["check", "--file", str(path), "--lang", "en"])
    _assert_refused_cleanly(code, err, str(path))


@SETTINGS
@given(raw=inputs)
def test_any_profile_file(tmp_path_factory, raw):
    path = tmp_path_factory.mktemp("p") / "profile.yaml"
    _write(path, raw)
    code, _, err = _run(["rank", str(path), "--draws", "0", "--lang", "en"])
    _assert_refused_cleanly(code, err, str(path))


@pytest.mark.parametrize(
    "target, argv",
    [
        ("eligibility/cloud.yaml", ["check", "datacanvas"]),
        ("classification.yaml", ["check", "datacanvas"]),
        ("advice/regional.yaml", ["rank", "dongguan-factory-smb", "--draws", "0"]),
        ("weights.yaml", ["rank", "dongguan-factory-smb", "--draws", "0"]),
        ("conformance.yaml", ["rules", "advice"]),
        ("questions.yaml", ["ask", "--list-questions"]),
    ],
)
def test_any_rules_weights_or_conformance_file(rules_copy, target, argv):
    original = (rules_copy / target).read_bytes()

    @SETTINGS
    @given(raw=inputs)
    def check(raw):
        (rules_copy / target).write_bytes(raw)
        try:
            code, _, err = _run([*argv, "--rules", str(rules_copy), "--lang", "en"])
            _assert_refused_cleanly(code, err, f"rules/{target}")
        finally:
            (rules_copy / target).write_bytes(original)

    check()


QUESTION_IDS = ["segment", "province", "city", "cards", "regimes", "domestic_share", "bursty", "vouchers", "nope"]
answer_values = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 200_000), st.floats(allow_nan=True), st.text(max_size=30),
    st.lists(st.text(max_size=10), max_size=4), st.sampled_from(["small", "guangdong", "4-16", "16-4", "unknown", "none"]),
)


@SETTINGS
@given(answers=st.dictionaries(st.sampled_from(QUESTION_IDS), answer_values, max_size=8))
def test_any_answers_file(tmp_path_factory, answers):
    path = tmp_path_factory.mktemp("a") / "answers.yaml"
    _write(path, yaml.safe_dump(answers, allow_unicode=True).encode("utf-8"))
    code, _, err = _run(["ask", "--answers", str(path), "--draws", "0", "--assessment-draws", "20", "--lang", "en"])
    _assert_refused_cleanly(code, err, str(path))


@SETTINGS
@given(lines=st.lists(inputs, max_size=4))
def test_any_json_lines_file(tmp_path_factory, lines):
    """Bad records are skipped with their line (exit 0), never a crash."""
    path = tmp_path_factory.mktemp("j") / "registry.jsonl"
    _write(path, b"\n".join(raw.replace(b"\n", b" ") for raw in lines))
    code, _, err = _run(["check", "--jsonl", str(path), "--format", "jsonl", "--workers", "1", "--lang", "en"])
    assert "Traceback" not in err and code == 0, (code, err)
    assert all(line.startswith((f"zhisuan: {path}:", "checked ", "zhisuan: ... and ")) for line in err.splitlines()), err
