"""The one text check: the characters no input may carry and no output shows raw.

Control characters (Unicode category Cc, tab and newline aside) can move a terminal's cursor,
retitle its window or colour what follows; format characters (Cf: bidi overrides, zero-width
joiners, soft hyphens, …) are invisible and can make one name read as another; the line and
paragraph separators (Zl, Zp: U+2028, U+2029) break a line on a terminal as a newline does, so a
name could print a forged line of its own. The report's own text needs none of them. Inputs
carrying one are refused at load, at their file:line; whatever reaches an output anyway (a forged
record, a file name) is shown escaped, as `\\x1b`, `\\u202e`, or an undecodable byte of a file name
(a lone surrogate, as Python decodes it) as `\\xff`. A text that must stay on one line
(a name, a path, a table cell, a heading) has its tab and newline escaped too (`single_line`).
"""

from __future__ import annotations

import re
import unicodedata

# Every Cf code point of Unicode 15.1 (Python 3.13; 3.11's Unicode 14 has a subset), as ranges.
# tests/unit/test_text.py fails when the running Python knows a Cf that is missing here.
_FORMAT = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    "\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
_CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f"  # Cc without tab (0x09) and newline (0x0a); NEL (0x85) and CR are in
_SEPARATORS = "\u2028\u2029"  # Zl and Zp: every code point of the two categories
# Cs: a lone surrogate is no text at all; only an undecodable byte of a file name (surrogateescape) makes one
_SURROGATES = "\ud800-\udfff"
UNSAFE = re.compile(f"[{_CONTROL}{_FORMAT}{_SEPARATORS}{_SURROGATES}]")
_UNSAFE_IN_A_LINE = re.compile(f"[\t\n{_CONTROL}{_FORMAT}{_SEPARATORS}{_SURROGATES}]")


def first_unsafe(text: str) -> str | None:
    """The first control (tab and newline aside), format, line or paragraph separator character in `text`, or None."""
    found = UNSAFE.search(text)
    return found.group() if found else None


def describe(ch: str) -> str:
    """`U+202E RIGHT-TO-LEFT OVERRIDE`: a character for a message."""
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X}" + (f" {name}" if name else "")


def escape(ch: str) -> str:
    """One character as a Python-style escape: `\\x1b`, `\\u202e`, `\\U000e0001`; an undecodable byte a file name
    carried (U+DC80 to U+DCFF, as `surrogateescape` decodes it) as that byte, `\\xff`."""
    if "\udc80" <= ch <= "\udcff":
        return f"\\x{ord(ch) - 0xDC00:02x}"
    return ch.encode("unicode_escape").decode("ascii")


def visible(text: str) -> str:
    """`text` with every unsafe character (first_unsafe's) escaped, its tabs and newlines kept: safe for any output."""
    return UNSAFE.sub(lambda m: escape(m.group()), text) if UNSAFE.search(text) else text


def single_line(text: str) -> str:
    """`text` as `visible` makes it, with tab and newline escaped too (`\\t`, `\\n`): it cannot start a line of its own."""
    return _UNSAFE_IN_A_LINE.sub(lambda m: escape(m.group()), text) if _UNSAFE_IN_A_LINE.search(text) else text


def one_line(text: str) -> str:
    """`text` safe for one line of any output: undecodable bytes as U+FFFD, every non-printable character escaped."""
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() or ch == " " else escape(ch) for ch in text)


def json_safe(text: str) -> str:
    """JSON text with the characters `json.dumps` leaves raw (DEL, C1 controls, format characters) as `\\u` escapes."""

    def escaped(m: re.Match) -> str:
        code = ord(m.group())
        if code <= 0xFFFF:
            return f"\\u{code:04x}"
        code -= 0x10000  # a surrogate pair, as JSON writes characters beyond the BMP
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"

    return UNSAFE.sub(escaped, text) if UNSAFE.search(text) else text
