"""Safe YAML reading that remembers where every value came from (file:line)."""

from __future__ import annotations

import re
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import yaml

from ..errors import LoadError, Location
from ..messages import M, Msg, library_words
from ..text import UNSAFE, describe, first_unsafe

MAX_BYTES = 1 << 20
MAX_NODES = 100_000
MAX_DEPTH = 64
_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"

Path_ = tuple[Any, ...]
# libyaml's parser is ~10× faster and keeps the same marks; fall back to the pure-Python one.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Document:
    """A parsed YAML document plus the location of every key path in it."""

    file: str
    data: Any
    marks: dict[Path_, Location] = field(default_factory=dict)

    def lines(self) -> dict[str, int]:
        """The line of every key path in the document, the path written with dots (`nodes.0.region`)."""
        return {".".join(map(str, path)): mark.line for path, mark in self.marks.items() if path and mark.line is not None}

    def locate(self, path: Path_) -> Location:
        """The location of `path`, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path:
            if path in self.marks:
                return self.marks[path]
            path = path[:-1]
        return self.marks.get((), Location(self.file, 1, 1))


def open_regular(path: Path, display: str, directory: Msg | None = None, hint: Msg | None = None) -> BinaryIO:
    """Open a regular file for binary reading, refusing missing, directory and special files with a LoadError.

    Only regular files are opened: a FIFO would block, /dev/zero never ends. `directory` and `hint`
    say what a folder is not and what to give instead (default: a YAML file).
    """
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise LoadError(directory or M("load.directory"), Location(display), hint)
        if not stat.S_ISREG(info.st_mode):
            raise LoadError(M("load.not_regular"), Location(display), hint or M("hint.give_yaml"))
        return path.open("rb")
    except FileNotFoundError:
        raise LoadError(M("load.not_found"), Location(display), M("hint.check_path")) from None
    except OSError as exc:
        raise LoadError(M("load.cannot_read", reason=exc.strerror), Location(display)) from None


def read_text(path: Path, display: str) -> str:
    """Read a file as UTF-8, refusing missing, huge, special and non-UTF-8 files with a LoadError.

    At most MAX_BYTES + 1 bytes are read, so an oversized input costs no more than the limit.
    """
    with open_regular(path, display) as fh:
        try:
            raw = fh.read(MAX_BYTES + 1)
        except OSError as exc:
            raise LoadError(M("load.cannot_read", reason=exc.strerror), Location(display)) from None
    return _decode(raw, display)


def _decode(raw: bytes, display: str) -> str:
    """UTF-8 text within the size limit, or a LoadError naming the line of a bad byte."""
    if len(raw) > MAX_BYTES:
        raise LoadError(M("load.too_big", limit=MAX_BYTES), Location(display))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise LoadError(
            M("load.not_utf8", byte=f"0x{raw[exc.start]:02x}"), Location(display, line), M("hint.save_utf8")
        ) from None


def refuse_unsafe_characters(text: str, display: str) -> None:
    """A LoadError at the line and column of the first unsafe character (engine.text) anywhere in a file's
    text, comments included: a bidi override in a comment can make a line read as another (Trojan Source).

    A CR is allowed only before an LF (a CRLF line end), and a byte-order mark only as the first character.
    """
    for found in UNSAFE.finditer(text):
        at, ch = found.start(), found.group()
        if (ch == "\r" and text.startswith("\n", at + 1)) or (ch == "\ufeff" and at == 0):
            continue
        line_start = text.rfind("\n", 0, at) + 1
        where = Location(display, text.count("\n", 0, at) + 1, at - line_start + 1)
        raise LoadError(M("load.unsafe_in_file", code=describe(ch), column=where.col), where, M("hint.remove_unsafe"))


def parse(text: str, display: str) -> Document:
    """Parse one YAML document with the safe loader, tracking marks and limiting size and tags; a file holding an
    unsafe character anywhere, a comment included, is refused."""
    loader = None
    try:
        loader = _Loader(text)
        node = loader.get_single_node()
    except yaml.reader.ReaderError as exc:
        # libyaml reports a byte offset into the UTF-8 text, the pure-Python reader a character index.
        before = text.encode("utf-8")[: exc.position].decode("utf-8", "ignore") if _Loader is not yaml.SafeLoader else text[: exc.position]
        line = before.count("\n") + 1
        raise LoadError(
            M("load.bad_character", code=f"U+{exc.character:04X}"), Location(display, line), M("hint.remove_control")
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Location(display, mark.line + 1, mark.column + 1) if mark else Location(display)
        lines = text.splitlines()
        tabbed = mark is not None and mark.line < len(lines) and "\t" in lines[mark.line]
        hint = M("hint.tabs") if tabbed else None
        raise LoadError(M("load.malformed", problem=library_words("load.yaml.", exc.problem or exc.context)), where, hint) from None
    except yaml.YAMLError as exc:
        raise LoadError(M("load.malformed", problem=str(exc)), Location(display)) from None
    except RecursionError:
        line = getattr(loader, "line", None)
        where = Location(display, line + 1, getattr(loader, "column", 0) + 1) if line is not None else Location(display)
        raise LoadError(M("load.too_deep_to_read"), where, M("hint.nesting", depth=MAX_DEPTH)) from None
    finally:
        if loader is not None:
            loader.dispose()
    doc = Document(display, None)
    if node is None:
        raise LoadError(M("load.empty"), Location(display, 1), M("hint.expected_mapping"))
    budget = [MAX_NODES]
    doc.data = _build(node, (), doc, loader, budget)  # a value holding an unsafe character is refused at its key
    refuse_unsafe_characters(text, display)  # then the rest: comments, and what lies between keys and values
    return doc


STDIN = "-"


def stdin_bytes() -> BinaryIO:
    """Standard input as a binary stream, or a LoadError when it is closed (`<&-`)."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise LoadError(M("load.stdin_closed"), Location("<stdin>"), M("hint.stdin_closed"))
    return stream


def load(path: Path, display: str | None = None) -> Document:
    """Read and parse a YAML file; the path `-` reads standard input."""
    if str(path) == STDIN:
        try:
            raw = stdin_bytes().read(MAX_BYTES + 1)
        except OSError as exc:
            raise LoadError(M("load.cannot_read", reason=exc.strerror), Location("<stdin>")) from None
        return parse(_decode(raw, "<stdin>"), "<stdin>")
    display = display or str(path)
    return parse(read_text(path, display), display)


def _where(node: yaml.Node, doc: Document) -> Location:
    return Location(doc.file, node.start_mark.line + 1, node.start_mark.column + 1)


def _build(node: yaml.Node, path: Path_, doc: Document, loader: yaml.SafeLoader, budget: list[int]) -> Any:
    budget[0] -= 1
    if budget[0] < 0:
        raise LoadError(M("load.alias_bomb", limit=MAX_NODES), _where(node, doc), M("hint.aliases"))
    if len(path) > MAX_DEPTH:
        raise LoadError(M("load.too_deep", depth=MAX_DEPTH), _where(node, doc), M("hint.flatten"))
    doc.marks.setdefault(path, _where(node, doc))
    if isinstance(node, yaml.MappingNode):
        if node.tag != _MAP:
            raise _bad_tag(node, doc)
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise LoadError(M("load.merge_key"), _where(key_node, doc), M("hint.write_keys"))
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _SCALAR_TAGS:
                raise LoadError(M("load.complex_key"), _where(key_node, doc))
            key = _scalar(key_node, doc, loader, path)
            if key in out:
                raise LoadError(M("load.duplicate_key", key=repr(key)), _where(key_node, doc), M("hint.key_once"))
            doc.marks[path + (key,)] = _where(key_node, doc)
            out[key] = _build(value_node, path + (key,), doc, loader, budget)
        return out
    if isinstance(node, yaml.SequenceNode):
        if node.tag != _SEQ:
            raise _bad_tag(node, doc)
        return [_build(item, path + (i,), doc, loader, budget) for i, item in enumerate(node.value)]
    if node.tag == "tag:yaml.org,2002:timestamp":
        return checked_text(node.value, _where(node, doc), path)
    if node.tag not in _SCALAR_TAGS:
        raise _bad_tag(node, doc)
    return _scalar(node, doc, loader, path)


def checked_text(value: Any, where: Location, path: Path_ = ()) -> Any:
    """`value`, refused at `where` when it is text holding a control or format character (engine.text);
    `path` names the key it is the value (or a key) of."""
    if isinstance(value, str):
        bad = first_unsafe(value)
        if bad is not None:
            problem = M("model.control_character", code=describe(bad))
            message = M("load.at_key", key=".".join(map(str, path)), problem=problem) if path else problem
            raise LoadError(message, where, M("hint.remove_unsafe"))
    return value


# YAML 1.1 reads 0x1f, 0o17, 017, 0b101 and 1:30 as integers: write numbers in decimal instead.
_NON_DECIMAL = re.compile(r"^[-+]?(0[xob]|0[0-7]+$|[0-9][0-9_]*(:[0-5]?[0-9])+)")


def _scalar(node: yaml.Node, doc: Document, loader: yaml.SafeLoader, path: Path_) -> Any:
    if node.tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float") and _NON_DECIMAL.match(node.value):
        raise LoadError(M("load.not_decimal", value=short(node.value)), _where(node, doc), M("hint.decimal"))
    try:
        value = loader.construct_object(node)
    except (yaml.YAMLError, ValueError, KeyError, TypeError):
        kind = node.tag.rsplit(":", 1)[-1]
        raise LoadError(M("load.bad_scalar", value=short(node.value), kind=kind), _where(node, doc), _TAG_HINT.get(kind)) from None
    return checked_text(value, _where(node, doc), path)


_TAG_HINT = {"bool": M("hint.bool"), "int": M("hint.int"), "float": M("hint.float")}


def short(value: object, limit: int = 60) -> str:
    """A value as repr, cut to `limit` characters so a huge bad value is not echoed whole."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _bad_tag(node: yaml.Node, doc: Document) -> LoadError:
    return LoadError(M("load.bad_tag", tag=node.tag), _where(node, doc), M("hint.plain_yaml"))
