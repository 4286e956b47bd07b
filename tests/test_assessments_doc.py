"""docs/assessments.md says what the vendor files say: every number, status and flag it tabulates."""

from __future__ import annotations

import re

import pytest

from .conftest import ROOT, raw_vendor

DOC = (ROOT / "docs" / "assessments.md").read_text(encoding="utf-8")
ASSESSED = ["datacanvas", "coreshub", "alibaba", "huawei", "baidu", "volcano", "sensetime"]


def _section(heading_part: str, vendor: str) -> str:
    """The text of the `### ... (`vendor`)` section inside the part that starts at `heading_part`."""
    part = DOC.split(heading_part, 1)[1]
    start = re.search(rf"^### .*`{vendor}`\)?$", part, re.M)
    assert start, (heading_part, vendor)
    rest = part[start.end():]
    end = re.search(r"^##", rest, re.M)
    return rest[: end.start()] if end else rest


def _rows(text: str) -> dict[str, list[str]]:
    rows = {}
    for line in text.splitlines():
        if line.startswith("| ") and not line.startswith("|---"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            rows[cells[0]] = cells[1:]
    return rows


@pytest.mark.parametrize("vendor", ASSESSED)
def test_the_per_vendor_tables_match_the_vendor_file(vendor):
    data = raw_vendor(vendor)
    rows = _rows(_section("## Per-vendor derivations", vendor))
    for sub, fact in data["sub"].items():
        assert rows[sub][0] == fact["status"], (vendor, sub)
    for key in ("S", "R"):
        assert float(rows[key][0]) == data[key]["value"], (vendor, key)
    for c in "TPAC":
        assert float(rows[c][0]) == data["shares"][c]["value"], (vendor, c)
    for d in ("D1", "D2", "D3", "D4", "D5"):
        assert int(rows[d][0]) == data["ratings"][d]["value"], (vendor, d)


@pytest.mark.parametrize("vendor", ASSESSED)
def test_the_capability_tables_list_exactly_the_vendor_files_flags(vendor):
    data = raw_vendor(vendor)
    rows = _rows(_section("## Capabilities and industries", vendor))
    flags = {k for k in rows if k not in ("flag", "industries")}
    assert flags == {c["flag"] for c in data["capabilities"] or []}, vendor


@pytest.mark.parametrize("vendor", ASSESSED)
def test_every_f_on_the_page_is_what_the_engine_prints(vendor):
    """F as check prints it: the product rounded to six places at each step, shown to four (supply.py, describe.number)."""
    from engine.decide.inputs import load_vendors
    from engine.render.describe import number
    from engine.scoring.supply import supply

    lv = next(lv for lv in load_vendors() if lv.vendor.id == vendor)
    shown = number(supply(lv.vendor).F)
    section = _section("## Per-vendor derivations", vendor)
    assert re.search(r"^F = .* = \*\*([0-9.]+)\*\*$", section, re.M).group(1) == shown, vendor
    name = lv.vendor.name.en
    table = DOC.split("## F for the seven assessed vendors", 1)[1].split("\n## ", 1)[0]
    row = next(line for line in table.splitlines() if line.startswith("| ") and f"| {name} |" in line)
    assert row.strip("|").split("|")[-1].strip() == shown, (vendor, row)


# The rubric of "Ratings D1–D5": one table per dimension, one row per rung, read from 5 down.
RUBRIC = DOC.split("### Ratings D1–D5\n", 1)[1].split("\n### Sub-criteria", 1)[0]
RUNG_ROW = re.compile(r"^\| (D[1-5])\.([1-5]) \| ([1-5]) \| (.+) \| (.+) \|$")
DIMENSIONS = ("D1", "D2", "D3", "D4", "D5")
EVERY_VENDOR = ASSESSED + ["tencent", "kingsoft", "alauda"]
REPORT = ROOT.parent / "shared" / "seed" / "000_288ae94b6c45528b.txt"


def _rungs() -> dict[str, tuple[str, int, str, set[str]]]:
    """rung id → (dimension, rating, the report's words that give it, the vendors rated there)."""
    rungs = {}
    for line in RUBRIC.splitlines():
        m = RUNG_ROW.match(line)
        if m:
            dim, level, rating, words, vendors = m.groups()
            assert f"{dim}.{level}" not in rungs, line
            rungs[f"{dim}.{level}"] = (dim, int(rating), words, {v.strip() for v in vendors.split(",")} - {"—"})
    return rungs


def test_the_rubric_has_one_rung_for_each_rating_of_each_dimension():
    rungs = _rungs()
    for d in DIMENSIONS:
        assert sorted(r for r in rungs if r.startswith(f"{d}.")) == [f"{d}.{i}" for i in range(1, 6)], d
    for rid, (dim, rating, words, _) in rungs.items():
        assert rid == f"{dim}.{rating}" and words.strip(), rid


@pytest.mark.parametrize("vendor", EVERY_VENDOR)
def test_every_rating_names_a_rung_of_the_rubric_for_its_dimension_and_value(vendor):
    data = raw_vendor(vendor)
    rungs = _rungs()
    table = _rows(_section("## Per-vendor derivations", vendor)) if vendor in ASSESSED else {}
    for d in DIMENSIONS:
        rating = data["ratings"][d]
        reasons = rating["reason"]["zh"], rating["reason"]["en"]
        if rating["value"] is None:  # a vendor the report only names: no number, so no rung
            assert not data["assessed_in_report"], (vendor, d)
            assert not any(re.search(r"\bD[1-5]\.[1-5]\b", r) for r in reasons), (vendor, d)
            continue
        rung = f"{d}.{rating['value']}"
        assert rung in rungs, (vendor, d, rung)
        assert all(r.startswith(f"{rung}: ") for r in reasons), (vendor, d, reasons)
        assert vendor in rungs[rung][3], (vendor, rung, "the rung's vendor list does not name it")
        assert table[d][1].startswith(f"{rung}: "), (vendor, d, "the per-vendor table does not name the rung")


def test_each_rung_lists_exactly_the_vendors_rated_at_it():
    rated = {f"{d}.{raw_vendor(v)['ratings'][d]['value']}": set() for v in ASSESSED for d in DIMENSIONS}
    for v in ASSESSED:
        for d in DIMENSIONS:
            rated[f"{d}.{raw_vendor(v)['ratings'][d]['value']}"].add(v)
    assert {rid: r[3] for rid, r in _rungs().items() if r[3]} == rated


@pytest.mark.skipif(not REPORT.exists(), reason="the report text is not beside this checkout")
def test_the_rubric_and_every_rating_quote_the_report_verbatim():
    text = REPORT.read_text(encoding="utf-8")
    quoted = re.findall(r'"([^"]*[\u4e00-\u9fff][^"]*)"', RUBRIC)
    for v in ASSESSED:
        quoted += re.findall(r"“([^”]*)”", " ".join(raw_vendor(v)["ratings"][d]["reason"]["zh"] for d in DIMENSIONS))
    assert quoted
    for quote in quoted:
        for fragment in quote.split("…"):
            assert fragment.strip() in text, fragment
