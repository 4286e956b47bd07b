"""JSON Lines input: one record per line, each located at file:line, read as a stream."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from ..errors import LoadError, Location
from ..messages import M, library_words
from ..text import first_unsafe
from .yaml_source import MAX_BYTES, STDIN, Document, checked_text, open_regular, stdin_bytes


def lines(path: Path, display: str) -> Iterator[tuple[int, bytes]]:
    """(line number, raw line) for every non-blank line; `-` reads standard input.

    Lines are read one at a time, so memory does not grow with the file. A line over the size
    limit is yielded cut at the limit, for the parser to refuse at its own line.
    """
    stdin = str(path) == STDIN
    fh = stdin_bytes() if stdin else open_regular(path, display)
    try:
        number = 0
        while True:
            try:
                raw = fh.readline(MAX_BYTES + 1)
            except OSError as exc:
                raise LoadError(M("load.cannot_read", reason=exc.strerror), Location(display)) from None
            if not raw:
                return
            number += 1
            if len(raw) > MAX_BYTES:
                yield number, raw
                while raw and not raw.endswith(b"\n"):  # skip the rest of the long line
                    raw = fh.readline(MAX_BYTES + 1)
                continue
            if raw.strip():
                yield number, raw
    finally:
        if not stdin:
            fh.close()


def parse_record(raw: bytes, display: str, number: int) -> Document:
    """One line as a Document located at `display:number`; bad JSON is a LoadError there."""
    where = Location(display, number)
    if len(raw) > MAX_BYTES:
        raise LoadError(M("load.line_too_long", limit=MAX_BYTES), where, M("hint.one_record_per_line"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LoadError(M("load.not_utf8", byte=f"0x{raw[exc.start]:02x}"), where, M("hint.save_utf8")) from None
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise LoadError(M("load.bad_json", problem=library_words("load.json.", exc.msg), column=exc.colno), where, M("hint.one_record_per_line")) from None
    except ValueError:  # an integer of more digits than Python converts (4,300): no count or share is that long
        raise LoadError(M("load.number_too_long"), where, M("hint.one_record_per_line")) from None
    except _Refused as exc:
        raise LoadError(exc.args[0], where) from None
    except RecursionError:
        raise LoadError(M("load.too_deep_to_read"), where) from None
    if not isinstance(data, dict):
        raise LoadError(M("load.record_not_object", found=_json_kind(data)), where, M("hint.one_record_per_line"))
    if "\\u" in text or first_unsafe(text) is not None:  # only an escape can hide such a character in valid JSON
        _check_texts(data, where)
    return Document(display, data, {(): where})


def _check_texts(value: object, where: Location, path: tuple = ()) -> None:
    """Every key and string of a record through the one text check."""
    if isinstance(value, dict):
        for key, item in value.items():
            checked_text(key, where, path)
            _check_texts(item, where, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _check_texts(item, where, path + (i,))
    else:
        checked_text(value, where, path)


class _Refused(Exception):
    """A JSON value the strict reader refuses (carries the catalogue message)."""


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict:
    out: dict = {}
    for key, value in pairs:
        if key in out:
            raise _Refused(M("load.duplicate_key", key=repr(key)))
        out[key] = value
    return out


def _no_constant(name: str) -> object:
    raise _Refused(M("load.not_decimal", value=name))


def _json_kind(value: object) -> str:
    return {list: "array", str: "string", bool: "true/false", type(None): "null"}.get(type(value), "number")
