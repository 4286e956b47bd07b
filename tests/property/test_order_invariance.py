"""Neither the order of vendors nor the order of rules in their files changes the output."""

from __future__ import annotations

import shutil

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.decide.bundle import bundle_root
from engine.decide.knowledge import load_rule_base
from engine.json_text import dumps
from engine.decide.check import check


@settings(max_examples=15, deadline=None)
@given(order=st.permutations(range(10)))
def test_vendor_order_never_changes_the_json(rule_base, bundled_vendors, order):
    vendors = sorted(bundled_vendors.values(), key=lambda v: v.id)
    reference = dumps(check(rule_base, vendors).model_dump(mode="json"))
    shuffled = [vendors[i] for i in order]
    assert dumps(check(rule_base, shuffled).model_dump(mode="json")) == reference


def _without_locations(result) -> str:
    data = result.model_dump(mode="json")
    data.pop("rules_version")
    for vendor in data["vendors"]:
        for event in vendor["trace"]:
            event.pop("location")
        vendor["trace"].sort(key=lambda e: e["rule"])
    return dumps(data)


@settings(max_examples=5, deadline=None)
@given(seed=st.randoms(use_true_random=False))
def test_rule_order_within_files_never_changes_decisions(tmp_path_factory, rule_base, bundled_vendors, seed):
    target = tmp_path_factory.mktemp("rules") / "rules"
    shutil.copytree(bundle_root() / "rules", target)
    for path in target.rglob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if "rules" in data:
            seed.shuffle(data["rules"])
            path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    shuffled_base = load_rule_base(target)
    vendors = list(bundled_vendors.values())
    assert _without_locations(check(shuffled_base, vendors)) == _without_locations(check(rule_base, vendors))
