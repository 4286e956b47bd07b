"""`check --format json`: documented keys, determinism, exit codes and explain filtering."""

from __future__ import annotations

import json

from engine.model.vocabulary import SUB_CRITERIA

from .conftest import run_cli


def test_json_has_the_documented_keys():
    data = json.loads(run_cli("check", "datacanvas", "--format", "json", "--explain", "full").out)
    assert len(data["rules_version"]) == 64
    vendor = data["vendors"][0]
    for key in ("id", "track", "supplier_type", "supply", "criteria", "trace"):
        assert key in vendor
    assert vendor["supply"]["F"] > 0
    for cid, subs in SUB_CRITERIA.items():
        criterion = vendor["criteria"][cid]
        assert {"status", "share", "sub"} <= set(criterion)
        for sid in subs:
            assert {"status", "evidence", "source"} <= set(criterion["sub"][sid])
    event = vendor["trace"][0]
    assert {"rule", "fired", "source", "conditions"} <= set(event)
    assert {"field", "op", "expected", "actual", "result"} <= set(event["conditions"][0])


def test_same_inputs_give_byte_identical_json():
    first = run_cli("check", "--format", "json").out
    assert run_cli("check", "--format", "json").out == first


def test_argument_order_of_vendors_does_not_change_json():
    a = run_cli("check", "huawei", "datacanvas", "baidu", "--format", "json").out
    b = run_cli("check", "baidu", "huawei", "datacanvas", "--format", "json").out
    assert a == b


def test_explain_off_empties_the_trace_and_fails_keeps_only_failures():
    off = json.loads(run_cli("check", "huawei", "--format", "json", "--explain", "off").out)
    assert off["vendors"][0]["trace"] == []
    # JSON carries no trace unless --explain asks: a trace is ~200x the decision's size.
    assert run_cli("check", "huawei", "--format", "json").out == run_cli(
        "check", "huawei", "--format", "json", "--explain", "off"
    ).out
    fails = json.loads(run_cli("check", "huawei", "--format", "json", "--explain", "fails").out)
    rules = {e["rule"] for e in fails["vendors"][0]["trace"]}
    assert {"T1", "T1.not_met", "track.core"} <= rules
    assert "T2" not in rules  # met and fired: nothing against the vendor


def test_fired_trace_matches_the_outcome():
    data = json.loads(run_cli("check", "datacanvas", "--format", "json", "--explain", "full").out)
    fired = {e["rule"] for e in data["vendors"][0]["trace"] if e["fired"]}
    assert "track.core" in fired and "track.partial" not in fired


def test_check_exits_0_when_it_answered_and_1_only_for_a_gate_asked_for():
    assert run_cli("check").code == 0  # three vendors undetermined: still an answer
    assert run_cli("check", "tencent").code == 0
    assert run_cli("check", "datacanvas", "huawei", "--fail-unless", "partial").code == 0
    assert run_cli("check", "datacanvas", "huawei", "--fail-unless", "core").code == 1
    assert run_cli("check", "tencent", "--fail-unless", "partial").code == 1  # undetermined fails the gate
    assert run_cli("check", "nope").code == 2


def test_file_option_checks_a_new_vendor(tmp_path):
    from .conftest import raw_vendor

    import yaml

    data = raw_vendor("coreshub")
    data["id"] = "newcloud"
    data["shares"]["C"]["value"] = 0
    path = tmp_path / "newcloud.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = run_cli("check", "--file", str(path), "--format", "json")
    assert result.code == 0
    assert run_cli("check", "--file", str(path), "--fail-unless", "partial").code == 1
    vendors = json.loads(result.out)["vendors"]
    assert [(v["id"], v["track"]) for v in vendors] == [("newcloud", "out")]


def test_schema_is_json_schema_for_the_vendor_file():
    schema = json.loads(run_cli("schema", "vendor").out)
    assert schema["additionalProperties"] is False
    assert {"id", "sub", "shares"} <= set(schema["required"])


def test_two_different_files_with_one_id_are_refused_at_the_second(tmp_path):
    from .conftest import raw_vendor

    import yaml

    first, second = raw_vendor("coreshub"), raw_vendor("coreshub")
    second["shares"]["T"]["value"] = 0.5
    paths = []
    for name, data in (("a.yaml", first), ("b.yaml", second)):
        paths.append(tmp_path / name)
        paths[-1].write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run_cli("check", "--file", str(paths[0]), "--file", str(paths[1]), "--lang", "en")
    assert result.code == 2
    assert f"{paths[1]}:1:" in result.err and "two different vendors share the id 'coreshub'" in result.err
    assert run_cli("check", "--file", str(paths[0]), "--file", str(paths[0])).code == 0  # same file twice is fine
