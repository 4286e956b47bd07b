"""The project's own error types: every failure a user can cause is one of these."""

from __future__ import annotations

from dataclasses import dataclass

from .messages import Msg
from .text import one_line


class Problem(ValueError):
    """A validation problem raised inside a model or a parser, carrying its catalogue message."""

    def __init__(self, message: Msg):
        super().__init__(str(message))
        self.msg = message


def printable(text: str) -> str:
    """`text` safe for one line of any output (an error line, a path): every non-printable character escaped."""
    return one_line(text)


@dataclass(frozen=True)
class Location:
    """Where in an input file something was found (1-based line and column)."""

    file: str
    line: int | None = None
    col: int | None = None

    def __str__(self) -> str:
        where = printable(self.file)
        return where if self.line is None else f"{where}:{self.line}"


def _text(value: "str | Msg | None", lang: str) -> str | None:
    return value.text(lang) if isinstance(value, Msg) else value


class ZhisuanError(Exception):
    """Base error: a code, a message, an optional location and an optional hint.

    `message` and `hint` are catalogue messages (`Msg`), rendered in the user's language;
    `.message` and `.hint` read as English text.
    """

    code = "error"
    label, label_zh = "error", "错误"  # what a user reads in the text form

    def __init__(self, message: "str | Msg", location: Location | None = None, hint: "str | Msg | None" = None):
        super().__init__(str(message))
        self._message = message
        self._hint = hint
        self.location = location

    @property
    def message(self) -> str:
        """The message in English."""
        return _text(self._message, "en")

    @property
    def hint(self) -> str | None:
        """The hint in English, if any."""
        return _text(self._hint, "en")

    def message_in(self, lang: str) -> str:
        """The message in `lang`, safe for one line."""
        return printable(_text(self._message, lang))

    def hint_in(self, lang: str) -> str | None:
        """The hint in `lang`, safe for one line, if any."""
        hint = _text(self._hint, lang)
        return printable(hint) if hint else None

    def render(self, lang: str = "en") -> str:
        """One line: `file:line: code: message (hint)`; control characters from the input are escaped."""
        where = f"{self.location}: " if self.location else ""
        hint = _text(self._hint, lang)
        hint = f"（{printable(hint)}）" if hint and lang == "zh" else (f" ({printable(hint)})" if hint else "")
        code = self.label_zh if lang == "zh" else self.label
        sep = "：" if lang == "zh" else ": "
        return f"{where}{code}{sep}{printable(_text(self._message, lang))}{hint}"


class LoadError(ZhisuanError):
    """An input file could not be read, parsed or validated."""

    code = "load_error"
    label, label_zh = "invalid input", "输入有误"


class ErrorList(LoadError):
    """Several errors found in one pass: one line each, sorted by file and line, capped."""

    CAP = 20

    def __init__(self, errors: list[ZhisuanError]):
        self.errors = sorted(errors, key=lambda e: (str(e.location.file) if e.location else "", e.location.line or 0 if e.location else 0))
        super().__init__(f"{len(self.errors)} errors", self.errors[0].location if self.errors else None)

    def render(self, lang: str = "en") -> str:
        """The errors, one per line; past CAP, a last line says how many more there are."""
        lines = [e.render(lang) for e in self.errors[: self.CAP]]
        if len(self.errors) > self.CAP:
            more = len(self.errors) - self.CAP
            lines.append(f"……另有 {more} 条" if lang == "zh" else f"... and {more} more")
        return "\nzhisuan: ".join(lines)


def flatten(error: ZhisuanError) -> list[ZhisuanError]:
    """The single errors inside `error`."""
    return list(error.errors) if isinstance(error, ErrorList) else [error]


def raise_all(errors: list[ZhisuanError]) -> None:
    """Raise nothing, the one error, or all of them at once."""
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise ErrorList(errors)


class RuleError(ZhisuanError):
    """The rule set is inconsistent: unknown field, cycle, conflicting effects."""

    code = "rule_error"
    label, label_zh = "rule error", "规则错误"


class EvaluationError(ZhisuanError):
    """The engine disagreed with itself or failed while evaluating (a bug, not bad input)."""

    code = "evaluation_error"
    label, label_zh = "internal error", "内部错误"


class EngineUnavailableError(ZhisuanError):
    """durable_rules is missing or cannot be imported (an installation problem, not bad input)."""

    code = "engine_unavailable"

    def __init__(self, message: str, missing: bool, rebuild: str):
        super().__init__(message)
        self.missing = missing
        self.rebuild = rebuild


class UsageError(ZhisuanError):
    """The command line asked for something that does not exist."""

    code = "usage_error"
    label, label_zh = "usage error", "用法错误"
