"""`audit report ID --format markdown|html|svg`: one record's report, complete, stable and self-contained."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from decimal import ROUND_HALF_EVEN, Decimal

import pytest
import yaml

from .conftest import ROOT, raw_vendor, run_cli

FORMATS = ("markdown", "html", "svg")
# A vendor whose name needs escaping everywhere (<, & and a Markdown pipe) and that the ranking
# excludes (zero third-party share puts it out of the track).
ODD_NAME = "Acme <GPU> & Sons | Ltd"
SVG_NAMESPACE = "http://www.w3.org/2000/svg"


@pytest.fixture(scope="module")
def records(tmp_path_factory):
    """A database holding 1: a check of huawei and the odd vendor, 2: a ranking with the odd vendor excluded;
    3 and 4: rankings whose weights do not add up to 1 (`--weight D3=0.4` on a large buyer's, which add up to
    1.35; a profile's `weights: {D1: 0.9}` on a small buyer's, 1.7)."""
    where = tmp_path_factory.mktemp("report")
    vendor = raw_vendor("coreshub")
    vendor.update(id="acme", name={"en": ODD_NAME, "zh": "艾克米 <GPU> & 子 | 公司"})
    vendor["shares"]["T"]["value"] = 0
    path = where / "acme.yaml"
    path.write_text(yaml.safe_dump(vendor, allow_unicode=True), encoding="utf-8")
    db = str(where / "records.sqlite")
    assert run_cli("check", "huawei", "--file", str(path), "--record", "--db", db).code == 0
    assert run_cli("rank", "dongguan-factory-smb", "--file", str(path), "--draws", "0", "--record", "--db", db).code == 0
    assert run_cli("rank", "shenzhen-finance-large", "--weight", "D3=0.4", "--draws", "0", "--record", "--db", db).code == 0
    profile = where / "weighted.yaml"
    profile.write_text("segment: small\nlocation: {province: guangdong, city: dongguan}\nweights: {D1: 0.9}\n", encoding="utf-8")
    assert run_cli("rank", str(profile), "--draws", "0", "--record", "--db", db).code == 0
    shown = {i: json.loads(run_cli("audit", "show", str(i), "--db", db, "--format", "json").out) for i in (1, 2, 3, 4)}
    return db, shown


def report(db: str, record: int, fmt: str, lang: str = "en"):
    """Run `audit report` in-process."""
    return run_cli("audit", "report", str(record), "--format", fmt, "--db", db, "--lang", lang)


def visible(fmt: str, out: str) -> str:
    """The text a reader sees: HTML and SVG entities (rich writes each space as &#160;) decoded, Markdown's
    backslash escapes undone."""
    return html.unescape(out).replace("\u00a0", " ") if fmt != "markdown" else re.sub(r"\\(.)", r"\1", out)


def fired_rules(outcome: dict) -> list[str]:
    """The ids of the rules that fired, for every vendor checked, ranked or excluded."""
    entries = outcome.get("vendors") or outcome["ranking"] + outcome["excluded"]
    return [e["rule"] for entry in entries for e in entry["trace"] if e["fired"]]


@pytest.mark.parametrize("record", [1, 2])
@pytest.mark.parametrize("fmt", FORMATS)
def test_the_report_carries_the_hashes_versions_fired_rules_and_sections(records, fmt, record):
    db, shown = records
    result = report(db, record, fmt)
    assert result.code == 0 and result.err == ""
    outcome = shown[record]["outcome"]
    expected = [shown[record]["hash"], shown[record]["prev_hash"], shown[record]["rules_version"]]
    if record == 1:
        expected += [outcome["inputs_sha256"]] + [v["input_sha256"] for v in outcome["vendors"]]
    else:
        expected += [outcome["profile_sha256"], outcome["vendors_sha256"], "filter.out_of_track"]
    fired = fired_rules(outcome)
    expected += [fired[0], fired[-1], "report:§03 formula note 3"]
    seen = visible(fmt, result.out)
    for text in expected:
        assert text in seen, text
    first = next(e for entry in outcome.get("vendors") or outcome["ranking"] for e in entry["trace"] if e["fired"])
    assert seen.count(first["rule"]) >= 2  # in its vendor's trace and among the sections cited
    if fmt != "svg":  # the SVG's narrow columns may fold a long cell over lines
        condition = first["conditions"][0]
        assert first["title"]["en"] in seen and f"{condition['field']} {condition['op']}" in seen
    sections = {e["source"] for entry in (outcome.get("vendors") or outcome["ranking"]) for e in entry["trace"] if e["fired"]}
    if fmt == "markdown":
        assert all(f"| {s} |" in result.out for s in sections)  # each section cited, in the sources table


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_same_record_gives_the_same_bytes_in_another_process(records, fmt):
    db, _ = records
    here = report(db, 2, fmt).out
    assert report(db, 2, fmt).out == here
    other = subprocess.run(
        [sys.executable, "-m", "engine", "audit", "report", "2", "--format", fmt, "--db", db, "--lang", "en"],
        cwd=ROOT, capture_output=True, timeout=120, env={**os.environ, "PYTHONHASHSEED": "random"},
    )
    assert other.returncode == 0 and other.stdout == here.encode("utf-8")


def _cells(line: str) -> list[str]:
    """The cells of a Markdown table line (a pipe escaped as \\| stays inside its cell)."""
    return re.split(r"(?<!\\)\|", line.strip())[1:-1]


@pytest.mark.parametrize("record", [1, 2])
def test_markdown_tables_are_well_formed(records, record):
    db, _ = records
    lines = report(db, record, "markdown").out.splitlines()
    tables = 0
    for i, line in enumerate(lines):
        if line.startswith("|") and (i == 0 or not lines[i - 1].startswith("|")):  # a table's header
            tables += 1
            width = len(_cells(line))
            assert lines[i + 1] == "|" + "---|" * width, line
            end = next(k for k in range(i + 2, len(lines) + 1) if k == len(lines) or not lines[k].startswith("|"))
            body = lines[i + 2:end]
            assert body and all(row.endswith("|") and len(_cells(row)) == width for row in body), line
    assert tables >= 6
    assert "Acme \\<GPU> \\& Sons \\| Ltd" in "\n".join(lines)  # the pipe in a cell and what could start HTML or an entity are escaped


def test_html_is_one_escaped_self_contained_file(records):
    db, _ = records
    out = report(db, 2, "html").out
    assert out.startswith("<!DOCTYPE html>\n<html lang=\"en\">") and '<meta charset="utf-8">' in out
    assert "Acme &lt;GPU&gt; &amp; Sons | Ltd" in out and "<GPU>" not in out and "& Sons" not in out
    assert re.findall(r"https?://", out) == []
    assert not re.search(r"\b(src|href|srcset|action|poster)\s*=|url\(|@import", out, re.IGNORECASE)
    assert "<script" not in out.lower() and "<link" not in out.lower()


def test_svg_is_well_formed_and_refers_to_nothing_outside_itself(records):
    db, _ = records
    out = report(db, 2, "svg").out
    root = ET.fromstring(out)  # the odd name's < and & are escaped, or this fails
    assert root.tag == "{%s}svg" % SVG_NAMESPACE
    # the only URL is the SVG namespace, and only as the root's xmlns attribute
    assert re.findall(r"https?://[^\s\"')<>]*", out) == [SVG_NAMESPACE]
    assert out.count(f'xmlns="{SVG_NAMESPACE}"') == 1
    assert all(target.startswith("#") for target in re.findall(r"url\(([^)]*)\)", out))  # clip paths inside the file
    assert "@font-face" in out and "&lt;GPU&gt;" in out
    assert ODD_NAME in "".join(root.itertext()).replace("\u00a0", " ")


@pytest.mark.parametrize("fmt", FORMATS)
def test_chinese_reports_have_chinese_headings(records, fmt):
    db, _ = records
    out = visible(fmt, report(db, 1, fmt, lang="zh").out)
    for heading in ("审计报告：记录 1", "哈希与版本", "触发的规则", "引用的报告章节"):
        assert heading in out, heading
    assert "Rules that fired" not in out
    if fmt == "html":
        assert '<html lang="zh">' in out


def test_a_missing_record_is_a_usage_error_like_audit_show(records, tmp_path):
    db, _ = records
    missing = run_cli("audit", "report", "99", "--db", db, "--lang", "en")
    shown = run_cli("audit", "show", "99", "--db", db, "--lang", "en")
    assert missing.code == 2 and missing.out == "" and missing.err == shown.err
    assert "there is no record 99" in missing.err and "Traceback" not in missing.err
    nowhere = tmp_path / "none.sqlite"
    assert run_cli("audit", "report", "1", "--db", str(nowhere)).code == 2 and not nowhere.exists()


def test_an_ask_record_reports_the_answers_and_the_profile_they_made(tmp_path):
    answers = tmp_path / "a.yaml"
    answers.write_text("segment: small\nprovince: guangxi\n", encoding="utf-8")
    db = str(tmp_path / "records.sqlite")
    assert run_cli("ask", "--answers", str(answers), "--draws", "0", "--record", "--db", db).code == 0
    out = report(db, 1, "markdown").out
    assert "### Answers\n\n- province: guangxi\n- segment: small\n- questions asked: segment, province\n" in out
    assert "- location.province: guangxi" in out and "| profile_sha256 |" in out and "### Ranking" in out


def _browser() -> str | None:
    return next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)


def test_the_html_report_loads_in_a_headless_browser(records, tmp_path):
    browser = _browser()
    if browser is None:
        if os.environ.get("ZHISUAN_REQUIRE_BROWSER") == "1":
            pytest.fail("ZHISUAN_REQUIRE_BROWSER=1 but no chromium, chromium-browser or google-chrome is on PATH")
        pytest.skip("no headless Chromium on PATH (set ZHISUAN_REQUIRE_BROWSER=1 to make this a failure)")
    db, shown = records
    page = tmp_path / "report.html"
    page.write_text(report(db, 2, "html").out, encoding="utf-8")
    result = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path / 'profile'}",
         "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    dom = result.stdout
    assert "<table" in dom and shown[2]["hash"] in dom and shown[2]["rules_version"] in dom
    for rule in ("filter.out_of_track", *fired_rules(shown[2]["outcome"])[:3]):
        assert rule in dom, rule
    assert "Acme &lt;GPU&gt; &amp; Sons" in dom  # parsed as text, not as an element


def test_the_report_names_each_vendor_file_and_the_rule_files_the_record_kept(records):
    db, shown = records
    out = report(db, 1, "markdown").out
    assert "| huawei | profiles/vendors/huawei.yaml (the line of each of its " in out
    for kept in shown[1]["rule_files"]:
        assert f"| sha256 ({kept['file']}) | {kept['sha256']} |" in out


def _svg_lines(out: str) -> list[str]:
    """The picture's lines as text: each <text> run put at its column (x over the width of one cell)."""
    from collections import Counter

    from rich.cells import cell_len

    root = ET.fromstring(out)
    runs = [(float(t.get("y")), float(t.get("x")), float(t.get("textLength")), t.text.replace("\u00a0", " "))
            for t in root.iter(f"{{{SVG_NAMESPACE}}}text") if t.get("y") and t.text and "clip-path" in t.attrib and t.get("textLength")]
    cell = Counter(round(length / cell_len(text), 3) for _, _, length, text in runs if text.isascii() and text.strip()).most_common(1)[0][0]
    lines: dict[float, dict[int, str]] = {}
    for y, x, _, text in runs:
        column = round(x / cell)
        for ch in text:
            lines.setdefault(y, {})[column] = ch
            column += cell_len(ch)
    out_lines = []
    for _, chars in sorted(lines.items()):
        width = max(chars) + 1
        out_lines.append("".join(chars.get(i, " " if i - 1 not in chars or cell_len(chars[i - 1]) == 1 else "") for i in range(width)))
    return out_lines


def _breakdown_tables(fmt: str, out: str, first: str = "Term") -> list[list[list[str]]]:
    """The tables of a report whose first header is `first`: the score tables (Term, Rating, Weight used, Points,
    Counts, Source) or the weights (Dimension, Weight, Weight used, From, Source), each as rows of cells (a cell
    wrapped over lines in the SVG is joined again)."""
    if fmt == "markdown":
        tables, current = [], None
        for line in out.splitlines():
            if line.startswith(f"| {first} |"):
                current = []
                tables.append(current)
            elif current is not None and line.startswith("|") and not line.startswith("|---"):
                current.append([re.sub(r"\\(.)", r"\1", c).strip() for c in _cells(line)])
            elif current is not None and not line.startswith("|"):
                current = None
        return tables
    if fmt == "html":
        from html.parser import HTMLParser

        class Tables(HTMLParser):
            def __init__(self):
                super().__init__()
                self.tables, self.cell = [], None

            def handle_starttag(self, tag, attrs):
                if tag == "table":
                    self.tables.append([])
                elif tag == "tr":
                    self.tables[-1].append([])
                elif tag in ("td", "th"):
                    self.cell = ""

            def handle_endtag(self, tag):
                if tag in ("td", "th"):
                    self.tables[-1][-1].append(self.cell.strip())
                    self.cell = None

            def handle_data(self, data):
                if self.cell is not None:
                    self.cell += data

        parser = Tables()
        parser.feed(out)
        return [t[1:] for t in parser.tables if t and t[0][:1] == [first]]
    rows = _svg_lines(out)
    tables, current = [], None
    for line in rows:
        cells = [c.strip() for c in line.strip().strip("│").split("│")] if line.strip().startswith("│") else None
        if cells and cells[0] == first:
            current = []
            tables.append(current)
        elif current is not None and cells:
            if cells[0] or cells[3]:
                current.append(cells)
            elif current:  # a wrapped cell's next line
                current[-1] = [f"{a} {b}".strip() for a, b in zip(current[-1], cells)]
        elif current is not None and line.strip().startswith("└"):
            current = None
    return tables


@pytest.mark.parametrize("record", [2, 3, 4])
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_score_of_a_ranking_can_be_rebuilt_from_the_report_alone(records, fmt, record):
    """Each weight used is the weight given divided by their sum (the weights of records 3 and 4 do not add up
    to 1), each dimension's points are its rating × its weight used, the terms that count add up to the score."""
    db, shown = records
    ranking = shown[record]["outcome"]["ranking"]
    out = report(db, record, fmt).out
    (weights,) = _breakdown_tables(fmt, out, "Dimension")
    *dimensions, (label, total, used_total, *_) = weights
    given = {row[0].split()[0]: Decimal(row[1]) for row in dimensions}
    used = {row[0].split()[0]: row[2] for row in dimensions}
    assert label == "sum" and Decimal(total) == sum(given.values()) and used_total == "1"
    assert (sum(given.values()) == 1) == (record == 2)
    for d, weight in given.items():  # six places: within half a millionth of weight ÷ sum
        assert abs(Decimal(used[d]) - weight / Decimal(total)) <= Decimal("5e-7"), d
    tables = _breakdown_tables(fmt, out)
    assert len(tables) == len(ranking) > 3
    for vendor, rows in zip(ranking, tables):
        *terms, score = rows
        counted = Decimal(0)
        for term, rating, weight, points, counts, _source in terms:
            if rating:  # a dimension: its rating × its weight used is its points, to four places
                d = term.split()[0]
                assert weight == used[d], (vendor["vendor"], term)
                assert abs(int(rating) * Decimal(weight) - Decimal(points)) <= Decimal("5e-5") + 5 * Decimal("5e-7"), (vendor["vendor"], term)
                exact = (given[d] / Decimal(total) * int(rating)).quantize(Decimal("0.0001"), ROUND_HALF_EVEN)
                assert exact == Decimal(points), (vendor["vendor"], term)
            if counts == "counts":
                counted += Decimal(points)
        assert score[0] == "= score" and counted == Decimal(score[3]) and float(score[3]) == vendor["score"], vendor["vendor"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_report_opens_with_its_integrity_and_its_verdict_and_ends_with_the_hashes(records, fmt):
    db, shown = records
    seen = visible(fmt, report(db, 2, fmt).out)
    integrity = seen.index("intact: this record's hash matches")
    verdict = seen.index("Verdict")
    hashes = seen.index("Hashes and versions")
    assert integrity < verdict < seen.index("Inputs") < seen.index("Rules that fired") < hashes
    assert seen.index(shown[2]["hash"]) > hashes


@pytest.mark.parametrize("record", [1, 2])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_value_is_broken_inside_a_word_in_the_svg(records, record, lang):
    """Each value that stands in one cell only (a kept rule file's label, each vendor's chips and pricing) is whole."""
    db, shown = records
    text = "\n".join(_svg_lines(report(db, record, "svg", lang).out))
    values = [f"sha256 ({f['file']})" for f in shown[record]["rule_files"]] + [shown[record]["hash"]]
    for vendor in shown[record]["inputs"]["vendors"]:  # a list may wrap between its items, never inside one
        values += [f"{item}," for item in (vendor["chips"]["values"] or [])[:-1] + (vendor["pricing"]["values"] or [])[:-1]]
    for value in values:
        assert re.search(rf"(?<![\w.]){re.escape(value)}", text), value
