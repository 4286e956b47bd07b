"""The environment a command runs in: streams, terminal facts, language. Injectable for tests."""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from typing import TextIO

DEFAULT_WIDTH = 100


@dataclass
class Environment:
    """Where output goes and how it may look."""

    stdout: TextIO
    stderr: TextIO
    isatty: bool = False
    color: bool = False
    width: int = DEFAULT_WIDTH

    @classmethod
    def from_process(cls) -> "Environment":
        """The real process environment (NO_COLOR and non-TTY mean plain output)."""
        tty = sys.stdout.isatty()
        width = shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns if tty else DEFAULT_WIDTH
        return cls(
            stdout=sys.stdout,
            stderr=sys.stderr,
            isatty=tty,
            color=tty and "NO_COLOR" not in os.environ,
            width=width,
        )


def default_lang() -> str:
    """zh when ZHISUAN_LANG or LANG says Chinese, else en."""
    value = os.environ.get("ZHISUAN_LANG") or os.environ.get("LANG", "")
    return "zh" if value.lower().startswith("zh") else "en"
