"""rules/weights.yaml and --weight: bad values are load or usage errors with a location."""

from __future__ import annotations

import shutil

import pytest
import yaml

from engine.errors import LoadError, UsageError
from engine.decide.bundle import bundle_root
from engine.decide.knowledge import load_advice_knowledge
from engine.scoring.weights import parse_weight


def _rules_with_weights(tmp_path, edit):
    target = tmp_path / "rules"
    shutil.copytree(bundle_root() / "rules", target)
    data = yaml.safe_load((target / "weights.yaml").read_text(encoding="utf-8"))
    edit(data)
    (target / "weights.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return target


def test_a_missing_segment_is_a_load_error_naming_weights_yaml(tmp_path):
    target = _rules_with_weights(tmp_path, lambda d: d["segments"].pop("large"))
    with pytest.raises(LoadError, match="missing large") as info:
        load_advice_knowledge(target)
    assert info.value.location.file == str(target / "weights.yaml")  # openable from where the command ran


def test_a_segment_without_d5_is_a_load_error_at_that_segment(tmp_path):
    target = _rules_with_weights(tmp_path, lambda d: d["segments"]["small"]["weights"].pop("D5"))
    with pytest.raises(LoadError, match="missing D5") as info:
        load_advice_knowledge(target)
    assert info.value.location.line > 1


@pytest.mark.parametrize("text, fragment", [("D3", "DIMENSION=NUMBER"), ("D9=1", "DIMENSION=NUMBER"),
                                            ("D3=x", "needs a number"), ("D3=11", "between 0 and 10")])
def test_bad_weight_overrides_are_usage_errors(text, fragment):
    with pytest.raises(UsageError, match=fragment):
        parse_weight(text)


def test_weight_overrides_accept_lower_case_and_spaces():
    assert parse_weight(" d3 =0.4") == ("D3", 0.4)
