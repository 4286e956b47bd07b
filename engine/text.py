"""The one text check: the characters no input may carry and no output shows raw.

Control characters (Unicode category Cc, tab and newline aside) can move a terminal's cursor,
retitle its window or colour what follows; format characters (Cf: bidi overrides, zero-width
joiners, soft hyphens, …) are invisible and can make one name read as another. The report's own
text needs none of them. Nor does any text hold a lone surrogate (Cs: half of a UTF-16 pair, no
character at all): Python decodes a file name's undecodable bytes to them (`surrogateescape`),
and a JSON escape such as `\\ud800` makes one; they cannot be written as UTF-8. Inputs carrying
one are refused at load, at their file:line; whatever reaches an output anyway (a forged record,
a file name) is shown escaped, as `\\x1b`, `\\u202e`, or an undecodable byte as `\\xff`.
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
_CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f"  # Cc without tab (0x09) and newline (0x0a)
_SURROGATE = "\ud800-\udfff"  # Cs
UNSAFE = re.compile(f"[{_CONTROL}{_FORMAT}{_SURROGATE}]")


def first_unsafe(text: str) -> str | None:
    """The first control (tab and newline aside) or format character, or lone surrogate, in `text`, or None."""
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
    """`text` with every control (tab and newline aside) and format character, and lone surrogate, escaped: safe
    for any output, and for UTF-8."""
    return UNSAFE.sub(lambda m: escape(m.group()), text) if UNSAFE.search(text) else text


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
