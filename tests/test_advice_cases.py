"""Runs the ranking case corpus: tests/cases/advice/, one case file per file of rules/advice/, and
tests/cases/needs.yaml, the cases of rules/needs.yaml (a must and a wanted case per need)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from engine.decide.inputs import bundled_profiles
from engine.decide.knowledge import load_advice_knowledge
from engine.model.profile import Profile
from engine.decide.rank import RankOptions, rank

from .conftest import ROOT, patched_vendor, set_path

CASE_FILES = sorted((Path(__file__).parent / "cases" / "advice").glob("*.yaml")) + [Path(__file__).parent / "cases" / "needs.yaml"]
CASES = [dict(case, file=path.stem) for path in CASE_FILES for case in yaml.safe_load(path.read_text(encoding="utf-8"))]
WANT = {
    "first", "first_type", "top", "top_set", "ranked", "includes", "above", "excluded", "not_excluded", "comeback",
    "fired", "not_fired", "not_evaluated", "applied", "penalised", "unassessed", "context", "no_context", "unknown", "unused",
    "risks", "stated", "needs", "to_confirm", "confirmed",
}


@pytest.fixture(scope="module")
def kb():
    return load_advice_knowledge()


def _rank(case, kb, bundled_vendors):
    data = yaml.safe_load(bundled_profiles()[case["profile"]].read_text(encoding="utf-8"))
    for dotted, value in case.get("patch", {}).items():
        set_path(data, dotted, value)
    vendors = dict(bundled_vendors)
    for vid, patch in case.get("vendor_patch", {}).items():
        vendors[vid] = patched_vendor(vid, patch)
    options = RankOptions(weights=case.get("weights", {}), draws=50, assess=False)
    return rank(kb, Profile.model_validate(data), list(vendors.values()), "test", options)


@pytest.mark.parametrize("case", CASES, ids=[f"{c['file']}: {c['note']}" for c in CASES])
def test_advice_case(case, kb, bundled_vendors):
    want = case.get("want")
    assert want and set(want) <= WANT, "a case needs known expectations"
    assert ("quote" in case and "section" in case) or "why" in case, "say where the expectation comes from"
    result = _rank(case, kb, bundled_vendors)
    order = [r.vendor for r in result.ranking]
    ranked = {r.vendor: r for r in result.ranking}
    dropped = {e.vendor: e for e in result.excluded}
    if "first" in want:
        assert order[0] == want["first"], order
    if "first_type" in want:
        assert result.ranking[0].supplier_type == want["first_type"], order
    if "top" in want:
        assert order[: len(want["top"])] == want["top"], order
    if "top_set" in want:
        assert set(order[: len(want["top_set"])]) == set(want["top_set"]), order
    if "ranked" in want:
        assert order == want["ranked"]
    assert set(want.get("includes", [])) <= set(order), order
    for high, low in want.get("above", []):
        assert order.index(high) < order.index(low), order
    for vid, rule in want.get("excluded", {}).items():
        assert rule in [r.rule for r in dropped[vid].reasons], (vid, dropped.get(vid))
    assert not set(want.get("not_excluded", [])) & set(dropped), sorted(dropped)
    for vid, field in want.get("comeback", {}).items():
        cf = dropped[vid].counterfactual
        assert cf.verified and field in [c.field for c in cf.changes], cf
    # fired: the rule fired; not_fired: its condition was evaluated and is false (a fact decided it);
    # not_evaluated: it waits on an unknown input, and nothing is guessed
    for key, expected in (("fired", "true"), ("not_fired", "false"), ("not_evaluated", "not_evaluated")):
        for vid, rules in want.get(key, {}).items():
            events = {e.rule: e for e in (ranked[vid].trace if vid in ranked else dropped[vid].trace)}
            for rid in rules:
                assert events[rid].result == expected and events[rid].fired is (expected == "true"), (vid, rid, events[rid].result)
    for key, sign in (("applied", 1), ("penalised", -1)):
        for vid, rules in want.get(key, {}).items():
            applied = {i.id: i.points for i in ranked[vid].breakdown if i.kind == "rule" and i.applied}
            for rid in rules:
                assert rid in applied and applied[rid] * sign > 0, (vid, rid, applied)
    if "unassessed" in want:
        assert [u.vendor for u in result.unassessed] == want["unassessed"]
    assert set(want.get("context", [])) <= {c.id for c in result.context}
    assert not set(want.get("no_context", [])) & {c.id for c in result.context}
    for vid in want.get("risks", []):
        assert ranked[vid].risks and all(r.source.startswith("report:§04") for r in ranked[vid].risks), vid
    assert set(want.get("unknown", [])) <= set(result.unknown_inputs)
    assert set(want.get("unused", [])) <= set(result.unused_inputs)
    # needs: stated {need: must|wanted}; needs {vendor: {need: status}}; to_confirm {vendor: [need]}
    # (ranked in the group to confirm, for exactly those musts); confirmed [vendor] (meets every must)
    stated = {n.need: n.level for n in result.needs}
    for need, level in want.get("stated", {}).items():
        assert stated.get(need) == level, (need, stated)
    everyone = {**ranked, **dropped}
    for vid, statuses in want.get("needs", {}).items():
        found = {m.need: m.status for m in everyone[vid].needs}
        for need, status in statuses.items():
            assert found.get(need) == status, (vid, need, found)
    for vid, needs in want.get("to_confirm", {}).items():
        assert vid in ranked and sorted(ranked[vid].to_confirm) == sorted(needs), (vid, ranked.get(vid))
    for vid in want.get("confirmed", []):
        assert vid in ranked and not ranked[vid].to_confirm, (vid, ranked.get(vid))
    groups = [bool(r.to_confirm) for r in result.ranking]
    assert groups == sorted(groups), "a vendor to confirm ranks above one that meets every must"


def test_every_advice_rule_has_a_case_where_it_must_not_fire_in_the_file_of_its_rules(kb):
    """A rule tested only where it fires could fire everywhere: each has a buyer or vendor one fact away."""
    must_not = {(c["file"], rule) for c in CASES for rules in c["want"].get("not_fired", {}).values() for rule in rules}
    missing = [rid for rid, rule in kb.advice.by_id.items()
               if (Path(rule.location.file).stem, rid) not in must_not]
    assert missing == []


def test_every_case_of_an_advice_rule_file_is_about_its_rules(kb):
    """A case that names rules names at least one rule of its own file (machinery cases name none)."""
    for case in CASES:
        if case["file"] == "needs":
            continue  # the needs' cases are about rules/needs.yaml, whichever rule then acts on a need
        named = {rule for key in ("fired", "not_fired", "applied", "penalised") for rules in case["want"].get(key, {}).values() for rule in rules}
        named |= set(case["want"].get("excluded", {}).values())
        if named:
            files = {Path(kb.advice.by_id[rid].location.file).stem for rid in named}
            assert case["file"] in files, (case["file"], case["note"], sorted(files))


REPORT = ROOT.parent / "shared" / "seed" / "000_288ae94b6c45528b.txt"


@pytest.mark.skipif(not REPORT.exists(), reason="the report text is not beside this checkout")
def test_every_quoted_case_quotes_the_report_verbatim():
    text = REPORT.read_text(encoding="utf-8")
    for case in CASES:
        for fragment in case.get("quote", "").split("…"):
            assert fragment.strip() in text, (case["note"], fragment)


def test_every_need_has_a_case_for_each_way_it_can_be_stated(kb):
    """Each need of rules/needs.yaml has a case where the buyer states it as a must, and one as wanted
    (each way its file allows), and the case checks the matrix or the group to confirm."""
    covered = {(need, level) for c in CASES if c["file"] == "needs" for need, level in c["want"].get("stated", {}).items()
               if {"needs", "to_confirm", "confirmed", "excluded"} & set(c["want"])}
    ways = {(n.spec.id, level) for n in kb.needs for level in ("must", "wanted") if getattr(n.spec, level) is not None}
    assert sorted(ways - covered) == []
