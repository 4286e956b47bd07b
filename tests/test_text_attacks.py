"""Text that forged a line, hid a character or misled an auditor: each defect reproduced and held.

Each test failed before the fix it names: a line separator in a name, a newline in a path,
entities in Markdown, bidi characters in YAML comments, weight edits a diff did not name,
reports written in the stream's encoding, English left in Chinese output.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from markdown_it import MarkdownIt  # CommonMark, installed with rich

from engine.decide.bundle import bundle_root
from engine.text import UNSAFE

from .conftest import raw_vendor, run_cli
from .test_audit_report import _svg_lines

FORGED = "zhisuan: error: vendor huawei was revoked"


def _vendor(path: Path, name: str) -> Path:
    data = raw_vendor("coreshub")
    data.update(id="probe", assessed_in_report=False, name={"en": name, "zh": name})
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("separator", ["\u2028", "\u2029"])
def test_a_line_or_paragraph_separator_in_a_name_is_refused_at_its_key(tmp_path, separator):
    """C: `Fake\\u2028zhisuan: error: …` as a vendor's name printed a forged error line of its own."""
    path = _vendor(tmp_path / "v.yaml", f"Fake{separator}{FORGED}")
    result = run_cli("check", "--file", str(path), "--lang", "en")
    assert result.code == 2 and result.out == "" and f"{path}:" in result.err and "name.en" in result.err
    assert f"U+{ord(separator):04X}" in result.err and not UNSAFE.search(result.err)


def _lines_starting_with_the_forgery(text: str) -> list[str]:
    return [line for line in re.split(r"[\n\r\u2028\u2029\x85]", text) if line.lstrip("#>-| ").startswith("zhisuan: FAKE")]


def test_a_newline_in_a_path_never_starts_a_line_of_its_own(tmp_path):
    """C: `--db "/tmp/d\\nzhisuan: FAKE/r.sqlite"` was printed raw by verify, show and every report, and in
    Markdown the line it started could be a heading or a callout of its own."""
    folder = tmp_path / "d\nzhisuan: FAKE\t"
    folder.mkdir()
    db = str(folder / "r.sqlite")
    assert run_cli("check", "huawei", "--record", "--db", db).code == 0
    outputs = [run_cli("audit", "verify", "--db", db).out, run_cli("audit", "show", "1", "--db", db).out]
    outputs += [run_cli("audit", "report", "1", "--db", db, "--format", fmt).out for fmt in ("markdown", "html")]
    outputs[-1] = html.unescape(outputs[-1])
    outputs.append("\n".join(_svg_lines(run_cli("audit", "report", "1", "--db", db, "--format", "svg").out)))
    for out in outputs:
        assert "zhisuan: FAKE" in out and _lines_starting_with_the_forgery(out) == [], out[:400]
        assert "\t" not in out.split("zhisuan: FAKE", 1)[1][:1]
    rendered = MarkdownIt("commonmark").render(outputs[2])
    assert _lines_starting_with_the_forgery(re.sub(r"<[^>]+>", "\n", rendered)) == []
    shown = run_cli("audit", "show", "1", "--db", db, "--format", "json").out
    assert "d\\\\nzhisuan: FAKE\\\\t" in shown  # the record keeps its command on one line, escaped


def test_an_undecodable_byte_in_a_path_is_recorded_and_shown_escaped(tmp_path):
    """C: a --db folder named by a byte that is not UTF-8 made `check --record` an internal error (exit 3)."""
    folder = tmp_path / b"\xff".decode("utf-8", "surrogateescape")
    folder.mkdir()
    db = str(folder / "r.sqlite")
    assert run_cli("check", "huawei", "--record", "--db", db).code == 0
    verified = run_cli("audit", "verify", "--db", db)
    assert verified.code == 0 and "/\\xff/r.sqlite" in verified.out  # the byte itself, escaped


ENTITIES = "A&#x202E;B&#8203;C&#xAD;D&#xFEFF;E&shy;F&ZeroWidthSpace;G&#8232;H"


def test_an_entity_in_data_never_becomes_an_invisible_character_in_markdown(tmp_path):
    """B: `A&#x202E;B…` as a name gave raw U+202E, U+200B, U+00AD and U+FEFF once the Markdown was rendered."""
    path = _vendor(tmp_path / "v.yaml", ENTITIES)
    db = str(tmp_path / "r.sqlite")
    checked = run_cli("check", "--file", str(path), "--format", "markdown", "--record", "--db", db, "--lang", "en")
    assert checked.code == 0
    for out in (checked.out, run_cli("audit", "report", "1", "--db", db, "--lang", "en").out):
        rendered = MarkdownIt("commonmark").render(out)
        assert not UNSAFE.search(rendered) and ENTITIES.replace("&", "&amp;") in rendered


def test_data_at_the_start_of_a_markdown_line_opens_no_block():
    """B: a paragraph or Verbatim line that opens with data (a file's path in lint, a vendor's name) could
    start with `#`, `>`, `-` or `1.` and become a heading, a quote, a list or a rule."""
    from engine.render.blocks import Paragraph, Verbatim
    from engine.render.markdown import render_markdown

    lines = ("# FAKE heading", "> ✓ intact", "- item", "1. item", "2) item", "---", "===", "```", "| a |")
    rendered = MarkdownIt("commonmark").render(render_markdown([Paragraph(lines[0]), Verbatim(lines[1:])]))
    assert re.findall(r"<(h\d|blockquote|ul|ol|hr|pre|code)\b", rendered) == [], rendered
    assert all(line in html.unescape(rendered) for line in lines)


TROJAN = "  # \u202e 5.0 :stniop\u2066"


def _rules_copy(tmp_path: Path) -> Path:
    rules = tmp_path / "rules"
    shutil.copytree(bundle_root() / "rules", rules)
    return rules


def _append_to_line(path: Path, needle: str, tail: str) -> int:
    """`tail` appended to the first line holding `needle`; that line's number."""
    lines = path.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if needle in line)
    lines[number] += tail
    path.write_text("\n".join(lines), encoding="utf-8")
    return number + 1


@pytest.mark.parametrize("file", ["advice/segments.yaml", "eligibility/third_party.yaml", "weights.yaml"])
def test_a_bidi_character_in_a_rule_files_comment_is_refused_at_its_line_and_column(tmp_path, file):
    """D: `# \\u202e 5.0 :stniop\\u2066` after a `points:` line (Trojan Source) passed lint with no finding and
    `check --rules`: only scalar values were checked, never comments."""
    rules = _rules_copy(tmp_path)
    line = _append_to_line(rules / file, ":", TROJAN)
    column = len((rules / file).read_text(encoding="utf-8").split("\n")[line - 1]) - len(TROJAN) + 5
    where = f"{rules / file}:{line}: "
    lint = run_cli("rules", "lint", "--rules", str(rules), "--lang", "en")
    assert lint.code == 1 and where in lint.out and f"column {column}: character U+202E RIGHT-TO-LEFT OVERRIDE" in lint.out
    for args in (["check"], ["rank", "dongguan-factory-smb", "--draws", "0"], ["rules", "version"]):
        result = run_cli(*args, "--rules", str(rules), "--lang", "en")
        assert result.code == 2 and where in result.err and "U+202E" in result.err, args
        assert not UNSAFE.search(result.out + result.err), args


@pytest.mark.parametrize("kind", ["profile", "answers"])
def test_a_bidi_character_in_a_profile_or_answers_comment_is_refused(tmp_path, kind):
    """D: the same hidden text in a buyer's profile or answers file (a comment, or between a key and its value)."""
    path = tmp_path / f"{kind}.yaml"
    if kind == "profile":
        path.write_text("segment: small  # \u2066x\u2069\nlocation: {province: guangxi}\n", encoding="utf-8")
        result = run_cli("rank", str(path), "--draws", "0", "--lang", "en")
    else:
        path.write_text("segment: small\nprovince: guangdong # note\u200b\n", encoding="utf-8")
        result = run_cli("ask", "--answers", str(path), "--draws", "0", "--lang", "en")
    line, column, code = (1, 19, "U+2066") if kind == "profile" else (2, 27, "U+200B")
    assert result.code == 2 and f"{path}:{line}: " in result.err and f"column {column}: character {code}" in result.err


@pytest.mark.parametrize("text, refused", [("segment: small\r\nlocation: {province: guangxi}\r\n", None),
                                           ("\ufeffsegment: small\nlocation: {province: guangxi}\n", None),
                                           ("segment: small\rlocation: {province: guangxi}\n", "U+000D"),
                                           ("segment: small\x85location: {province: guangxi}\n", "U+0085"),
                                           ("segment: small\nlocation: {province: guangxi}\n# \u2028\n", "U+2028")])
def test_crlf_and_a_leading_byte_order_mark_are_read_a_lone_cr_nel_or_separator_is_not(tmp_path, text, refused):
    """D: YAML breaks a line at a lone CR, NEL, U+2028 and U+2029 too; only CRLF line ends and a first BOM are kept."""
    path = tmp_path / "p.yaml"
    path.write_bytes(text.encode("utf-8"))
    result = run_cli("rank", str(path), "--draws", "0", "--lang", "en")
    assert (result.code, refused is None or refused in result.err) == ((0, True) if refused is None else (2, True)), result.err


def test_a_separator_in_a_json_line_is_refused_at_its_line(tmp_path):
    """D: a JSON line holds no comment, and outside its strings only JSON's own spaces: a string is where to look."""
    data = raw_vendor("coreshub")
    data.update(id="probe", name={"en": "A\u2028B", "zh": "x"})
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps(data, ensure_ascii=False) + "\n", encoding="utf-8")
    result = run_cli("check", "--jsonl", str(path), "--format", "jsonl", "--workers", "1", "--lang", "en")
    assert result.out == "" and f"{path}:1: " in result.err and "name.en" in result.err and "U+2028" in result.err


def test_rank_says_how_it_uses_weights_that_do_not_add_up_to_1(tmp_path):
    """A: `--weight D3=0.4` on weights adding up to 1.35 showed 0.2 … 0.4 and `rating × weight 0.2` for a term
    of 5 × 0.2 ÷ 1.35; the score divides each weight by their sum, and now rank says so (not when they add up to 1)."""
    weighted = run_cli("rank", "shenzhen-finance-large", "--weight", "D3=0.4", "--draws", "0", "--top", "1", "--explain", "full",
                       "--lang", "en", "--no-pager")
    flat = " ".join(weighted.out.split())
    assert "they add up to 1.35, so the score uses each divided by 1.35: D1 0.148148 · D2 0.148148 · D3 0.296296" in flat
    assert "+0.7407 D1 rating 5† × weight 0.148148 (0.2 ÷ 1.35)" in flat
    profile = tmp_path / "p.yaml"
    profile.write_text("segment: small\nlocation: {province: guangxi}\nweights: {D1: 0.9}\n", encoding="utf-8")
    assert "they add up to 1.7, so the score uses each divided by 1.7: D1 0.529412" in " ".join(
        run_cli("rank", str(profile), "--draws", "0", "--lang", "en").out.split())
    plain = run_cli("rank", "shenzhen-finance-large", "--draws", "0", "--explain", "full", "--lang", "en").out
    assert "add up to" not in plain and "÷" not in plain


def _weights_edited(tmp_path: Path) -> Path:
    """A copy of the rules with the small segment's D1 weight 0.20 → 0.90, and a question's text edited."""
    rules = _rules_copy(tmp_path)
    weights = rules / "weights.yaml"
    text = weights.read_text(encoding="utf-8")
    at = text.index("D1: 0.20", text.index("  small:"))
    weights.write_text(text[:at] + "D1: 0.90" + text[at + len("D1: 0.20"):], encoding="utf-8")
    questions = rules / "questions.yaml"
    questions.write_text(questions.read_text(encoding="utf-8") + "# a comment is a change too\n", encoding="utf-8")
    return rules


def test_audit_diff_names_weight_edits_and_every_rule_file_that_changed(tmp_path):
    """E: with small's D1 0.20 → 0.90 every small buyer's score moved, yet diff said `modified -` and
    `rules behind it: -`, and `rule_edits` was []: nothing named the weight, nor any other file that changed."""
    rules = _weights_edited(tmp_path)
    text = run_cli("audit", "diff", "--rules", str(bundle_root() / "rules"), "--rules", str(rules), "--lang", "en").out
    assert "weights (segment dimension before → after): small D1 0.2 → 0.9" in text
    assert "rule files: added -; removed -; modified questions.yaml, weights.yaml" in text
    behind = [line for line in text.splitlines() if line.startswith("rank ")]
    assert behind and all(line.endswith("weights behind it (the ranking used other weights): small D1 0.2 → 0.9") for line in behind)
    document = json.loads(run_cli("audit", "diff", "--rules", str(bundle_root() / "rules"), "--rules", str(rules), "--format", "json").out)
    assert document["weight_edits"] == [{"segment": "small", "dimension": "D1", "before": 0.2, "after": 0.9}]
    assert document["rule_files"]["modified"] == ["questions.yaml", "weights.yaml"] and document["rule_edits"] == []
    assert document["changes"] and all(s["weights"] == document["weight_edits"] for s in document["changes"])
    zh = run_cli("audit", "diff", "--rules", str(bundle_root() / "rules"), "--rules", str(rules), "--lang", "zh").out
    assert "权重（客群 维度 修改前 → 修改后）：small D1 0.2 → 0.9" in zh


def test_audit_replay_names_the_weights_behind_a_moved_ranking_and_those_changed_since(tmp_path):
    """E: replaying a small buyer's ranking with the edited weights said `rules behind it: -` and nothing more."""
    rules = _weights_edited(tmp_path)
    db = str(tmp_path / "r.sqlite")
    assert run_cli("rank", "dongguan-factory-smb", "--draws", "0", "--record", "--db", db).code == 0
    replayed = run_cli("audit", "replay", "1", "--db", db, "--rules", str(rules), "--lang", "en")
    assert replayed.code == 1
    assert "; weights behind it (the ranking used other weights): small D1 0.2 → 0.9" in replayed.out
    assert "weights changed since the record (segment dimension before → after): small D1 0.2 → 0.9" in replayed.out
    assert "rule files changed since the record: added -; removed -; modified questions.yaml, weights.yaml" in replayed.out
    document = json.loads(run_cli("audit", "replay", "1", "--db", db, "--rules", str(rules), "--format", "json").out)
    edit = {"segment": "small", "dimension": "D1", "before": 0.2, "after": 0.9}
    assert document["weights"] == document["weight_edits"] == [edit]
    assert document["rule_files_changed_since"]["modified"] == ["questions.yaml", "weights.yaml"]
    same = json.loads(run_cli("audit", "replay", "1", "--db", db, "--format", "json").out)
    assert same["identical"] and same["weights"] == same["weight_edits"] == [] and not any(same["rule_files_changed_since"].values())


def _leaves(value, path=()):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _leaves(item, path + (i,))
    else:
        yield path


def test_every_validation_error_of_a_vendor_reads_in_chinese():
    """G: pydantic's own words ("Input should be a valid string…", "…less than or equal to 5") were printed in zh."""
    import copy

    from engine.errors import flatten
    from engine.errors import ZhisuanError
    from engine.loader.validate import validate
    from engine.loader.yaml_source import Document
    from engine.model.vendor import Vendor

    base = raw_vendor("coreshub")
    english = re.compile(r"Input should|String should|should be|Value error|valid (string|integer|number)")
    seen = 0
    for path in _leaves(base):
        for bad in ("abc", -5, 99999, 1.5, True, None, "", "x" * 500, "\ud800", float("inf")):
            data = copy.deepcopy(base)
            node = data
            for key in path[:-1]:
                node = node[key]
            node[path[-1]] = bad
            try:
                validate(Vendor, Document("v.yaml", data))
            except ZhisuanError as exc:
                for error in flatten(exc):
                    text = error.render("zh")
                    assert not english.search(text), text
                    seen += 1
    assert seen > 500


# a trailing comma: Python 3.13's json names it, 3.11's asks for the next key
@pytest.mark.parametrize("text, said", [('{"id" 1}', ("此处应为冒号 ':'",)), ('{"id": 1,}', ("此处应为用双引号括起的键名", "对象结束前多了一个逗号")),
                                        ('{"id": "a\\q"}', ("无效的反斜杠转义",)), ('{"id": 1} x', ("对象之后还有多余的内容",))])
def test_a_malformed_json_line_says_why_in_chinese(tmp_path, text, said):
    """G: json's "Expecting ':' delimiter" and the like were printed as they are in zh."""
    path = tmp_path / "r.jsonl"
    path.write_text(text + "\n", encoding="utf-8")
    result = run_cli("check", "--jsonl", str(path), "--format", "jsonl", "--workers", "1", "--lang", "zh")
    assert any(f"{path}:1: 输入有误：JSON 格式错误：{one}" in result.err for one in said), result.err
    assert "Expecting" not in result.err and "Extra data" not in result.err and "Invalid" not in result.err


@pytest.mark.parametrize("text, said", [("segment: [small\n", "缺少 ',' 或 ']'"), ("segment: {a: 1\n", "缺少 ',' 或 '}'"),
                                        ("segment: a: b\n", "这里不能写键值对"), ("segment: @x\n", "这个字符不能作为值的开头")])
def test_malformed_yaml_says_why_in_chinese(tmp_path, text, said):
    """G: libyaml's "did not find expected ',' or ']'" and the like were printed as they are in zh."""
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    result = run_cli("rank", str(path), "--lang", "zh")
    assert result.code == 2 and f"YAML 格式错误：{said}" in result.err, result.err
    assert said not in run_cli("rank", str(path), "--lang", "en").err


def test_condition_trees_sources_and_diff_sections_read_in_chinese(tmp_path):
    """G: `all`/`any`/`not` in condition trees, `[assessment]` after a sub-criterion and `rank <profile>:` in
    audit diff were English in zh output."""
    checked = run_cli("check", "huawei", "--explain", "full", "--lang", "zh", "--no-pager").out
    assert re.search(r"全部 [✓✗?]", checked) and re.search(r"非 [✓✗?]", checked) and "[评估]" in checked
    assert not re.search(r"\b(all|any|not) [✓✗?]", checked) and "[assessment]" not in checked
    rules = _weights_edited(tmp_path)
    diff = run_cli("audit", "diff", "--rules", str(bundle_root() / "rules"), "--rules", str(rules), "--lang", "zh").out
    assert "为 dongguan-factory-smb 排名：背后的规则" in diff and "\nrank " not in diff
    english = run_cli("check", "huawei", "--explain", "full", "--lang", "en", "--no-pager").out
    assert re.search(r"\ball [✓✗?]", english) and "[assessment]" in english
