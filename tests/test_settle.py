"""Undetermined only when it matters (issue 21): the start-up whose T3 is unknown, and what `check` says of it."""

from __future__ import annotations

import yaml

from engine.decide.check import decide

from .conftest import patched_vendor, raw_vendor, run_cli


def test_an_unknown_that_cannot_change_the_track_leaves_it_decided(rule_base):
    # Issue 21: "with T3 met or not met it is partial both times". An annual frame fails P4 (§03 inclusive D:
    # "无最低承诺/预存即可使用，或可小额预存即开即用"), so P is partial and the track is partial, not undetermined.
    d = decide(rule_base, patched_vendor("coreshub", {"sub.T3.status": "unknown", "contract.min_commitment": "annual_frame"}))
    assert d.track == "partial" and d.criteria["T"].status == "undetermined"
    assert [(s.fact, s.value, s.unknowns) for s in d.settled] == [("track", "partial", ["sub.T3.status"])]
    [t] = d.unsettled
    assert (t.fact, t.values) == ("criteria.T.status", ["met", "partial"])
    assert {(x.value, x.gives) for x in t.deciders} == {("met", "met"), ("not_met", "partial")}


def test_an_unknown_that_decides_the_track_leaves_it_undetermined_with_what_decides_it(rule_base):
    d = decide(rule_base, patched_vendor("coreshub", {"sub.T3.status": "unknown"}))
    assert d.track == "undetermined"
    track = next(u for u in d.unsettled if u.fact == "track")
    assert track.values == ["core", "partial"] and track.unknowns == ["sub.T3.status"]
    assert {(x.field, x.value, x.gives) for x in track.deciders} == {("sub.T3.status", "met", "core"),
                                                                     ("sub.T3.status", "not_met", "partial")}


def test_an_unknown_share_can_put_a_criterion_out(rule_base):
    # §03 formula note 3: the shares are "用作对同一基础供给S的逐层过滤": a zero share filters all supply out (not met
    # in rules/classification.yaml, whatever the sub-criteria say), and an unknown share may be zero.
    d = decide(rule_base, patched_vendor("datacanvas", {"shares.T.value": None}))
    assert d.criteria["T"].status == "undetermined" and d.track == "undetermined"


def test_vendors_without_unknowns_are_untouched(rule_base, bundled_vendors):
    for vid in ("datacanvas", "coreshub", "alibaba", "huawei", "baidu", "volcano", "sensetime"):
        d = decide(rule_base, bundled_vendors[vid], "off")
        assert d.settled == [] and d.unsettled == [] and "settled" not in d.model_dump(mode="json")


def test_check_says_the_track_holds_whatever_the_unknown_is(tmp_path):
    data = raw_vendor("coreshub")
    data.update(id="gpu-start", assessed_in_report=False)
    data["sub"]["T3"]["status"] = "unknown"
    data["contract"]["min_commitment"] = "annual_frame"
    path = tmp_path / "start.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    en = run_cli("check", "--file", str(path))
    assert en.code == 0 and "Track: partial in every case of the unknown T3 recorded status" in en.out
    assert "T3 recorded status met → met; T3 recorded status not met → partial" in en.out
    zh = run_cli("check", "--file", str(path), "--lang", "zh")
    assert "赛道：部分，不论未知的 T3 资料状态 为何" in zh.out
    tree = run_cli("check", "--file", str(path), "--explain", "fails")
    assert tree.out.count("in every case of the unknown T3 recorded status") == 2  # the summary and the vendor's tree
