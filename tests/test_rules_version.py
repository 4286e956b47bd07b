"""One identity for the rules: check, rank, ask and `rules version` print the same version."""

from __future__ import annotations

import json
import shutil

from engine.decide.bundle import bundle_root
from engine.decide.identity import RULE_FILES

from .conftest import run_cli


def _versions(*extra: str) -> set[str]:
    documents = [
        run_cli("check", "huawei", "--format", "json", *extra),
        run_cli("rank", "dongguan-factory-smb", "--format", "json", "--draws", "0", *extra),
        run_cli("rules", "list", "--format", "json", *extra),
        run_cli("rules", "version", "--format", "json", *extra),
    ]
    return {json.loads(d.out)["rules_version"] for d in documents}


def test_every_command_prints_the_same_rules_version(tmp_path):
    versions = _versions()
    assert len(versions) == 1
    answers = tmp_path / "a.yaml"
    answers.write_text("segment: small\nprovince: guangdong\n", encoding="utf-8")
    asked = json.loads(run_cli("ask", "--answers", str(answers), "--format", "json", "--draws", "0").out)
    assert {asked["rules_version"]} == versions


def test_rules_version_lists_every_file_it_covers():
    listed = json.loads(run_cli("rules", "version", "--format", "json").out)
    rules = bundle_root() / "rules"
    expected = sorted({p.relative_to(rules).as_posix() for pattern in RULE_FILES for p in rules.glob(pattern)})
    assert [f["file"] for f in listed["files"]] == expected
    assert "questions.yaml" in expected and "weights.yaml" in expected


def test_a_copy_has_the_same_version_and_any_covered_change_moves_it(tmp_path):
    copy = tmp_path / "my-rules"
    shutil.copytree(bundle_root() / "rules", copy)
    original = _versions()
    assert _versions("--rules", str(copy)) == original  # where the folder is does not matter
    weights = copy / "weights.yaml"
    weights.write_text(weights.read_text(encoding="utf-8") + "\n# a comment is a change too\n", encoding="utf-8")
    changed = _versions("--rules", str(copy))
    assert len(changed) == 1 and changed != original  # check reads no weights, yet its version moves
    (copy / "conformance.yaml").write_text((copy / "conformance.yaml").read_text(encoding="utf-8") + "\n# note\n", encoding="utf-8")
    assert _versions("--rules", str(copy)) == changed  # the conformance table decides nothing


def test_results_carry_the_tool_version_and_hashes_of_their_inputs(tmp_path):
    from .conftest import raw_vendor

    import yaml

    version = run_cli("--version").out.split()[-1]
    a = json.loads(run_cli("check", "huawei", "datacanvas", "--format", "json").out)
    b = json.loads(run_cli("check", "datacanvas", "huawei", "--format", "json").out)
    c = json.loads(run_cli("check", "huawei", "--format", "json").out)
    assert a["tool_version"] == version
    assert a["inputs_sha256"] == b["inputs_sha256"] != c["inputs_sha256"]  # the set, not the order
    plain = json.loads(run_cli("rank", "dongguan-factory-smb", "--format", "json", "--draws", "0").out)
    data = raw_vendor("coreshub")
    data["id"] = "newcloud"
    path = tmp_path / "newcloud.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    more = json.loads(run_cli("rank", "dongguan-factory-smb", "--file", str(path), "--format", "json", "--draws", "0").out)
    assert plain["tool_version"] == version and plain["profile_sha256"] == more["profile_sha256"]
    assert plain["vendors_sha256"] != more["vendors_sha256"]
