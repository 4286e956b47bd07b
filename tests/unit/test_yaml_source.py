"""Safe YAML loading: every key's line is remembered; limits and tags are enforced."""

from __future__ import annotations

import pytest

from engine.errors import LoadError
from engine.suggest import did_you_mean
from engine.loader.yaml_source import parse

TEXT = """\
id: x
nested:
  a: 1
  list:
    - first
    - {k: v}
"""


def test_every_key_path_knows_its_line():
    doc = parse(TEXT, "f.yaml")
    assert doc.locate(("id",)).line == 1
    assert doc.locate(("nested", "a")).line == 3
    assert doc.locate(("nested", "list", 1, "k")).line == 6


def test_an_unknown_path_falls_back_to_its_nearest_known_ancestor():
    doc = parse(TEXT, "f.yaml")
    assert doc.locate(("nested", "list", 1, "missing", 3)).line == 6


def test_dates_stay_strings():
    assert parse("issued: 2024-03-01\n", "f.yaml").data == {"issued": "2024-03-01"}


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("a: !!python/name:os.system x\n", "not allowed"),
        ("a: 1\na: 2\n", "duplicate key"),
        ("base: &b {x: 1}\nother:\n  <<: *b\n", "merge keys"),
        ("", "empty"),
        ("a: [1, 2\n", "malformed"),
    ],
)
def test_unsafe_or_broken_yaml_is_a_load_error(text, fragment):
    with pytest.raises(LoadError, match=fragment):
        parse(text, "f.yaml")


def test_did_you_mean_finds_near_misses_only():
    assert str(did_you_mean("stauts", ["status", "source"])) == "did you mean 'status'?"
    assert did_you_mean("stauts", ["status"]).text("zh") == "是不是想写 'status'？"
    assert did_you_mean("zzz", ["status", "source"]) is None


@pytest.mark.parametrize("loader", ["SafeLoader", "CSafeLoader"])
def test_both_parsers_give_the_same_marks_and_errors(monkeypatch, loader):
    import yaml

    from engine.loader import yaml_source

    if not hasattr(yaml, loader):
        pytest.skip(f"{loader} not available")
    monkeypatch.setattr(yaml_source, "_Loader", getattr(yaml, loader))
    doc = parse(TEXT, "f.yaml")
    assert doc.locate(("nested", "list", 1, "k")).line == 6
    with pytest.raises(LoadError) as info:
        parse("a:\n\tb: 1\n", "f.yaml")
    assert info.value.location.line == 2 and "tabs" in info.value.hint


@pytest.mark.parametrize("loader", ["SafeLoader", "CSafeLoader"])
def test_a_control_character_after_chinese_text_is_reported_at_its_own_line(monkeypatch, loader):
    import yaml

    from engine.loader import yaml_source

    if not hasattr(yaml, loader):
        pytest.skip(f"{loader} not available")
    monkeypatch.setattr(yaml_source, "_Loader", getattr(yaml, loader))
    text = "a: 中文中文中文中文中文中文中文中文中文中文\nb: 中文中文中文中文中文中文中文中文\nc: 中文\nd: x\x07y\ne: 1\n"
    with pytest.raises(LoadError) as info:
        parse(text, "f.yaml")
    assert info.value.location.line == 4 and "U+0007" in info.value.message
