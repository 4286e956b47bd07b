"""The environment a command runs in: streams, terminal facts, language. Injectable for tests."""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from typing import TextIO

DEFAULT_WIDTH = 100
MIN_WIDTH = 20  # narrower is drawn as if 20 columns wide: lines become lists, and no word is split


class OutputError(Exception):
    """Standard output cannot be written: closed, full, or a device error (not a broken pipe)."""


class _Out:
    """stdout whose failed writes raise OutputError; a broken pipe stays a BrokenPipeError."""

    def __init__(self, stream: TextIO | None) -> None:
        self._stream = stream
        self.failed = False  # set once a write failed and was reported

    def _call(self, name: str, *args, target=None):
        if self._stream is None:
            self.failed = True
            raise OutputError("standard output is closed")
        try:
            return getattr(target or self._stream, name)(*args)
        except BrokenPipeError:
            raise
        except (OSError, ValueError) as exc:
            self.failed = True
            raise OutputError(getattr(exc, "strerror", None) or str(exc)) from None

    def write(self, text: str) -> int:
        """Write, or raise OutputError."""
        return self._call("write", text)

    def flush(self) -> None:
        """Flush, or raise OutputError."""
        self._call("flush")

    def write_utf8(self, text: str) -> None:
        """Write `text` as UTF-8 bytes, whatever the stream's encoding (JSON must stay JSON in every locale)."""
        buffer = getattr(self._stream, "buffer", None)
        if buffer is None or self.encoding.lower().replace("-", "") == "utf8":
            self.write(text)
            return
        self.flush()  # what the text layer holds goes first
        self._call("write", text.encode("utf-8"), target=buffer)
        self._call("flush", target=buffer)

    def isatty(self) -> bool:
        """False when closed."""
        return self._stream is not None and self._stream.isatty()

    @property
    def encoding(self) -> str:
        """The stream's encoding (utf-8 when closed)."""
        return getattr(self._stream, "encoding", None) or "utf-8"


class _Err:
    """stderr that never fails: if it is closed or full, messages are lost but the exit code is not."""

    def __init__(self, stream: TextIO | None) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        """Write what can be written."""
        try:
            return self._stream.write(text) if self._stream is not None else 0
        except (OSError, ValueError, AttributeError):
            return 0

    def flush(self) -> None:
        """Flush what can be flushed."""
        try:
            if self._stream is not None:
                self._stream.flush()
        except (OSError, ValueError, AttributeError):
            pass

    def isatty(self) -> bool:
        """True on a terminal; False when closed or unknown."""
        try:
            return self._stream is not None and self._stream.isatty()
        except (OSError, ValueError, AttributeError):
            return False


def _lenient(stream: TextIO | None) -> TextIO | None:
    """A text stream that escapes what its encoding cannot write (a GBK or latin-1 console)."""
    if stream is not None and (getattr(stream, "encoding", "") or "").lower().replace("-", "") != "utf8":
        try:
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError, OSError):
            pass
    return stream


@dataclass
class Environment:
    """Where output goes and how it may look."""

    stdout: TextIO
    stderr: TextIO
    isatty: bool = False
    color: bool = False
    width: int = DEFAULT_WIDTH
    height: int = 24
    pager: str | None = None  # a command long output on a terminal goes through; None: never

    @classmethod
    def from_process(cls) -> "Environment":
        """The real process environment (NO_COLOR and non-TTY mean plain output)."""
        stdout = _Out(_lenient(sys.stdout))
        tty = stdout.isatty()
        size = shutil.get_terminal_size((DEFAULT_WIDTH, 24))
        width = max(size.columns, MIN_WIDTH) if tty else _columns()
        return cls(
            height=size.lines,
            pager=_pager() if tty and os.environ.get("TERM") != "dumb" else None,  # a dumb terminal cannot page
            stdout=stdout,
            stderr=_Err(_lenient(sys.stderr)),
            isatty=tty,
            color=tty and "NO_COLOR" not in os.environ,
            width=width,
        )


def _pager() -> str | None:
    """$PAGER (empty: none), else `less -FRX` when less is installed."""
    if "PAGER" in os.environ:
        return os.environ["PAGER"] or None
    return "less -FRX" if shutil.which("less") else None


def _columns() -> int:
    """COLUMNS when it is a sensible number (honoured in a pipe too), else the default width."""
    try:
        value = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        return DEFAULT_WIDTH
    return value if 20 <= value <= 1000 else DEFAULT_WIDTH


def default_lang() -> str:
    """zh when ZHISUAN_LANG or LANG says Chinese, else en."""
    value = os.environ.get("ZHISUAN_LANG") or os.environ.get("LANG", "")
    return "zh" if value.lower().startswith("zh") else "en"
