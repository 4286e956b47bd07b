"""Every block kind in every format: well-formed HTML and SVG, nested Markdown lists, terminal text."""

from __future__ import annotations

import xml.dom.minidom

from engine.render.blocks import Code, Facts, Heading, Items, Lines, Paragraph, Separator, Styled, Table, Tree, Verbatim, map_text, node
from engine.render.console import render_text
from engine.render.html import render_html
from engine.render.markdown import render_markdown
from engine.render.svg import render_svg

BLOCKS = [
    Heading("Title <x>", 1),
    Paragraph("A paragraph & more"),
    Items(((0, "top"), (2, "two deeper"), (1, "one deeper"), (0, "back"))),
    Facts((("key", "value"),)),
    Table(("A", "B"), (("1", Styled("ok", "green")), (Lines(("2", "  indented")), "x|y"))),
    node("vendor", [node("criteria", [Tree("T1 ✓"), Tree("  all ✓")]), Tree("supply")]),
    Separator("next part"),
    Code("```\ncode\n"),
    Verbatim(("as it is",)),
]


def test_html_of_every_block_is_well_formed_and_nests_lists():
    page = render_html(BLOCKS, "en")
    body = page.split("<body>\n", 1)[1].split("\n</body>", 1)[0]
    xml.dom.minidom.parseString(f"<body>{body.replace('<br>', '<br/>').replace('<hr>', '<hr/>')}</body>")
    assert "<li>top<ul><li><ul><li>two deeper</li></ul></li><li>one deeper</li></ul></li><li>back</li></ul>" in page
    assert "Title &lt;x&gt;" in page and "<pre>```\ncode</pre>" in page


def test_svg_of_every_block_is_one_well_formed_picture():
    picture = render_svg(BLOCKS, "en")
    xml.dom.minidom.parseString(picture)
    assert "http" not in picture.replace("http://www.w3.org/2000/svg", "")


def test_markdown_nests_trees_and_fences_code_longer_than_its_backticks():
    text = render_markdown(BLOCKS)
    assert "## vendor\n\n- criteria\n  - T1 ✓\n    - all ✓\n- supply" in text
    assert "````\n```\ncode\n````" in text  # a fence longer than the backtick run inside
    assert "| 2<br>\u00a0\u00a0indented | x\\|y |" in text and "Title \\<x>" in text
    assert "\n---\n" not in text  # a separator is left out: a leading --- would read as front matter


def test_the_terminal_draws_every_block_without_trailing_spaces_off_a_terminal():
    text = render_text(BLOCKS, isatty=False, color=False, width=60)
    assert "Title <x>" in text and "  one deeper" in text and "as it is\n" in text
    assert all(line == line.rstrip() for line in text.splitlines())


def test_map_text_reaches_every_string_and_leaves_numbers():
    mapped = map_text(BLOCKS, str.upper)
    assert mapped[0] == Heading("TITLE <X>", 1) and mapped[4].rows[0][1] == Styled("OK", "green")
    assert mapped[5].children[0].children[1].label == "  ALL ✓" and mapped[2].items[1] == (2, "TWO DEEPER")


def test_an_svg_table_too_wide_for_the_picture_widens_it_and_splits_no_word():
    import re

    from engine.render.svg import SVG_WIDTH

    words = [f"token_{i}_" + "x" * 30 for i in range(8)]  # eight columns of 38-character words: over 160 columns
    picture = render_svg([Table(tuple(f"h{i}" for i in range(8)), (tuple(words), tuple(w.upper() for w in words)))], "en")
    text = re.sub(r"<[^>]+>", "", picture).replace("&#160;", " ")
    assert all(word in text and word.upper() in text for word in words)
    assert float(re.search(r'viewBox="0 0 ([\d.]+)', picture).group(1)) > SVG_WIDTH * 12


def test_the_seam_holds_every_text_but_a_code_blocks_to_one_line():
    """A newline or tab from data never starts a line: only a Code block keeps its line breaks."""
    from engine.render.present import safe_blocks

    shown = safe_blocks([Heading("a\nb"), Table(("h\t",), (("x\ny",), (Lines(("1", "2\n3")),))), Verbatim(("p\nq", "")),
                         Facts((("k", "v\u2028w"),)), Code("c\nd\u202e")])
    assert shown == [Heading("a\\nb"), Table(("h\\t",), (("x\\ny",), (Lines(("1", "2\\n3")),))), Verbatim(("p\\nq", "")),
                     Facts((("k", "v\\u2028w"),)), Code("c\nd\\u202e")]
