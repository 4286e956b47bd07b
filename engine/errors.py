"""The project's own error types: every failure a user can cause is one of these."""

from __future__ import annotations

from dataclasses import dataclass


def printable(text: str) -> str:
    """`text` safe for one line of any output: undecodable bytes as U+FFFD, control characters escaped."""
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return "".join(ch if ch.isprintable() or ch == " " else ch.encode("unicode_escape").decode("ascii") for ch in text)


@dataclass(frozen=True)
class Location:
    """Where in an input file something was found (1-based line and column)."""

    file: str
    line: int | None = None
    col: int | None = None

    def __str__(self) -> str:
        where = printable(self.file)
        return where if self.line is None else f"{where}:{self.line}"


class ZhisuanError(Exception):
    """Base error: a code, a message, an optional location and an optional hint."""

    code = "error"

    def __init__(self, message: str, location: Location | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.location = location
        self.hint = hint

    def render(self) -> str:
        """One line: `file:line: code: message (hint)`; control characters from the input are escaped."""
        where = f"{self.location}: " if self.location else ""
        hint = f" ({printable(self.hint)})" if self.hint else ""
        return f"{where}{self.code}: {printable(self.message)}{hint}"


class LoadError(ZhisuanError):
    """An input file could not be read, parsed or validated."""

    code = "load_error"


class ErrorList(LoadError):
    """Several errors found in one pass: one line each, sorted by file and line, capped."""

    CAP = 20

    def __init__(self, errors: list[ZhisuanError]):
        self.errors = sorted(errors, key=lambda e: (str(e.location.file) if e.location else "", e.location.line or 0 if e.location else 0))
        super().__init__(f"{len(self.errors)} errors", self.errors[0].location if self.errors else None)

    def render(self) -> str:
        """The errors, one per line; past CAP, a last line says how many more there are."""
        lines = [e.render() for e in self.errors[: self.CAP]]
        if len(self.errors) > self.CAP:
            lines.append(f"... and {len(self.errors) - self.CAP} more")
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


class EvaluationError(ZhisuanError):
    """The engine disagreed with itself or failed while evaluating (a bug, not bad input)."""

    code = "evaluation_error"


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
