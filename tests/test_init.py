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


def test_the_vendor_template_filled_with_its_example_classifies_like_the_vendor_it_follows(bundled_vendors):
    data = yaml.safe_load(_template("vendor", "en"))
    assert list(data) == list(Vendor.model_fields)  # every field, none left out for being optional
    assert list(data["sub"]) == list(ALL_SUBS)
    base = load_rule_base()
    mine, model = decide(base, Vendor.model_validate(data), "off"), decide(base, bundled_vendors["coreshub"], "off")
    assert (mine.track, mine.supplier_type) == (model.track, model.supplier_type)
    assert {c: o.status for c, o in mine.criteria.items()} == {c: o.status for c, o in model.criteria.items()}


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
