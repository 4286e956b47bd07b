"""The one text check: which characters it refuses, and how outputs show them."""

from __future__ import annotations

import json
import sys
import unicodedata

from engine.text import UNSAFE, first_unsafe, json_safe, one_line, single_line, visible

# control, format, line separator, paragraph separator, surrogate
UNSAFE_CATEGORIES = ("Cc", "Cf", "Zl", "Zp", "Cs")


def test_every_control_format_separator_and_surrogate_character_this_python_knows_is_unsafe():
    missing = [f"U+{c:04X}" for c in range(sys.maxunicode + 1)
               if unicodedata.category(chr(c)) in UNSAFE_CATEGORIES and chr(c) not in "\t\n" and not UNSAFE.match(chr(c))]
    assert missing == [], f"add these to engine/text.py's table: {missing}"


def test_nothing_else_is_unsafe_tab_and_newline_and_every_script_pass():
    assert first_unsafe("九章云极 DataCanvas\t§04 «ok» — 1 ms\n") is None
    # Cn: format characters of a newer Unicode than this Python's (3.11 knows Unicode 14)
    extra = [f"U+{c:04X}" for c in range(sys.maxunicode + 1) if UNSAFE.match(chr(c)) and unicodedata.category(chr(c)) not in (*UNSAFE_CATEGORIES, "Cn")]
    assert extra == []


def test_a_lone_surrogate_is_unsafe_and_shown_escaped_an_undecodable_byte_as_that_byte():
    assert first_unsafe("a\ud800") == "\ud800" and first_unsafe("\U0001f600 emoji") is None
    assert visible("\udcff\udcfe.yaml") == "\\xff\\xfe.yaml" and visible("x\ud800y") == "x\\ud800y"
    assert visible("\udcff").encode("utf-8") == b"\\xff"


def test_visible_escapes_only_what_is_unsafe():
    assert visible("a\x1b[31mb\u202ec\td\n") == "a\\x1b[31mb\\u202ec\td\n"
    assert visible("plain 文本") == "plain 文本"
    assert one_line("a\nb\x1b") == "a\\nb\\x1b"


def test_a_line_or_paragraph_separator_is_refused_and_escaped_as_a_newline_would_be():
    """A U+2028 in a name printed a line of its own on a terminal ("Fake\u2028zhisuan: error: …")."""
    for ch in "\u2028\u2029\x85\r":
        assert first_unsafe(f"Fake{ch}zhisuan: error") == ch
        assert visible(f"a{ch}b") == f"a{ch.encode('unicode_escape').decode()}b"


def test_single_line_escapes_tab_and_newline_as_well():
    assert single_line("a\nzhisuan: error\tx\u2028\ud800\udcff") == "a\\nzhisuan: error\\tx\\u2028\\ud800\\xff"
    assert single_line("九章 DataCanvas §04") == "九章 DataCanvas §04"


def test_json_safe_keeps_json_valid_and_lossless_beyond_the_basic_plane():
    value = {"k": "a\x7f\x9b\u200d\U000e0041z"}
    text = json_safe(json.dumps(value, ensure_ascii=False))
    assert not UNSAFE.search(text) and json.loads(text) == value
    assert "\\udb40\\udc41" in text  # a tag character as a surrogate pair, as JSON writes it
