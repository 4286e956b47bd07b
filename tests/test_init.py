"""`zhisuan init`: templates that load as they are, show every field, and behave like their model."""

from __future__ import annotations

import json
import re

import yaml

from engine.decide.check import decide
from engine.decide.knowledge import load_rule_base
from engine.model.profile import Profile
from engine.model.vendor import Vendor
from engine.model.vocabulary import ALL_SUBS

from .conftest import run_cli

CJK = re.compile(r"[\u4e00-\u9fff]")


def _template(kind: str, lang: str) -> str:
    result = run_cli("init", kind, "--lang", lang)
    assert result.code == 0, result.err
    return result.out


def _texts(value):
    if isinstance(value, dict):
        return [t for v in value.values() for t in _texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    return [value] if isinstance(value, str) else []


def test_the_vendor_template_cannot_be_taken_for_a_vendor_s_data():
    """Issue 21: the template was CoresHub's data, assessed_in_report true, and passed as core unchanged."""
    data = yaml.safe_load(_template("vendor", "en"))
    assert list(data) == list(Vendor.model_fields)  # every field, none left out for being optional
    assert list(data["sub"]) == list(ALL_SUBS)
    vendor = Vendor.model_validate(data)  # it loads as it is
    assert vendor.assessed_in_report is False and vendor.declared_type is None and not vendor.risks and not vendor.notes
    assert {sub["status"] for sub in data["sub"].values()} == {"unknown"}
    sources = [t for key, t in _pairs(data) if key == "source"]
    assert sources and set(sources) == {"assessment"}  # it claims no report section
    reasons = [t for key, t in _pairs(data) if key in ("reason", "evidence", "name", "city")]
    assert reasons and all(t.startswith(("REPLACE:", "替换：")) for r in reasons for t in _texts(r))
    assert decide(load_rule_base(), vendor, "off").track != "core"


def _pairs(value):
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in [(k, v), *_pairs(v)]]
    if isinstance(value, list):
        return [p for v in value for p in _pairs(v)]
    return []


def test_check_of_the_unchanged_template_warns_with_the_lines_to_replace(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(_template("vendor", "en"), encoding="utf-8")
    result = run_cli("check", "--file", str(path), "--format", "json")
    assert result.code == 0 and json.loads(result.out)["vendors"][0]["id"] == "my-vendor"  # stdout: the result only
    assert result.err.startswith(f"zhisuan: {path} still holds ")
    lines = path.read_text(encoding="utf-8").splitlines()
    first = int(result.err.split("(lines ")[1].split(",")[0])
    assert lines[first - 1].startswith("id: my-vendor")
    zh = run_cli("check", "--file", str(path), "--lang", "zh")
    assert "仍有" in zh.err and "模板值未替换" in zh.err


def test_a_filled_in_template_gives_no_warning(tmp_path):
    text = _template("vendor", "en").replace("id: my-vendor", "id: gpu-start")
    text = re.sub(r"\{zh: 替换：[^,]*, en: '(?:[^']|'')*'\}", "{zh: 我们的依据, en: our own grounds}", text)
    data = yaml.safe_load(text)
    assert not [t for t in _texts(data) if t.startswith(("REPLACE:", "替换："))]
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    result = run_cli("check", "--file", str(path))
    assert result.code == 0 and result.err == ""


def test_each_sub_criterion_carries_its_one_line_definition_and_section():
    text = _template("vendor", "en")
    rules = load_rule_base().by_id
    for sub in ALL_SUBS:
        assert f"# {sub}: {rules[sub].rule.title.en} [{rules[sub].rule.source}]" in text


def test_the_profile_template_loads_and_ranks_like_the_buyer_it_follows(tmp_path):
    text = _template("profile", "en")
    data = yaml.safe_load(text)
    assert set(Profile.model_fields) <= set(data)
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    mine = json.loads(run_cli("rank", str(path), "--format", "json", "--draws", "0").out)
    model = json.loads(run_cli("rank", "dongguan-factory-smb", "--format", "json", "--draws", "0").out)
    assert [r["vendor"] for r in mine["ranking"]] == [r["vendor"] for r in model["ranking"]]


def test_every_key_is_explained_and_chinese_templates_hold_the_same_data():
    for kind in ("profile", "vendor"):
        en, zh = _template(kind, "en"), _template(kind, "zh")
        assert yaml.safe_load(en) == yaml.safe_load(zh)
        comments = [line for line in zh.splitlines() if line.lstrip().startswith("#")]
        assert comments and all(CJK.search(c) or "one of" not in c for c in comments)
        # every top-level key has a comment right above it
        lines = en.splitlines()
        for i, line in enumerate(lines):
            if re.match(r"^[A-Za-z_]+:", line):
                assert lines[i - 1].startswith("#"), line


def test_every_template_comment_belongs_to_a_field_that_exists():
    from engine.render.views.init import COMMON
    from engine.messages import MESSAGES
    from engine.render.views.init import _model_in

    for key in MESSAGES:
        kind, _, path = key.partition(".")[2].partition(".")
        if not key.startswith("template.") or not path:
            continue
        if kind == "common":
            assert path in COMMON, key
            continue
        model = {"profile": Profile, "vendor": Vendor}[kind]
        for part in path.split("."):
            assert model is not None and part in model.model_fields, key
            model = _model_in(model.model_fields[part].annotation)
