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
