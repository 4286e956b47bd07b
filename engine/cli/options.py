"""Shared output options: --format, --lang, --explain, and writing results."""

from __future__ import annotations

import argparse
import io
import shlex
import subprocess
from pathlib import Path

from ..explain.filters import EXPLAIN_LEVELS
from .env import Environment

FORMATS = ("table", "json", "markdown")


def add_output_options(parser: argparse.ArgumentParser, explain: bool, t, formats: tuple[str, ...] = FORMATS) -> None:
    """Add --format, --rules (and --explain) to a subcommand parser."""
    parser.add_argument(
        "--rules",
        type=Path,
        default=None,
        metavar="DIR",
        help=t("help.output.use_the_rule_files"),
    )
    parser.add_argument("--format", choices=formats, default="table", help=t("help.output.output_format"))
    if explain:
        parser.add_argument(
            "--explain",
            choices=EXPLAIN_LEVELS,
            default=None,
            help=t("help.output.rule_trace_to_show"),
        )


def explain_level(args: argparse.Namespace) -> str:
    """The explain level: off unless --explain asks (JSON too: a trace is large, carry it only on request)."""
    return args.explain or "off"


def emit(env: Environment, draw) -> None:
    """Run `draw(console)`; on a terminal, page output taller than the screen; in a pipe,
    write it with trailing spaces removed."""
    from ..render.console import make_console  # rich loads only when something is drawn

    if env.isatty:
        buffer = io.StringIO()
        draw(make_console(buffer, True, env.color, env.width))
        text = buffer.getvalue()
        if env.pager and text.count("\n") >= env.height and _page(env.pager, text):
            return
        env.stdout.write(text)
        return
    buffer = io.StringIO()
    draw(make_console(buffer, False, False, env.width))
    env.stdout.write("".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines()))


def _page(pager: str, text: str) -> bool:
    """Show `text` through the pager; False if the pager cannot be started."""
    try:
        subprocess.run(shlex.split(pager), input=text, text=True, check=False)
    except (OSError, ValueError):
        return False
    return True


def at_level(result, level: str):
    """A check result or ranking whose traces keep only what explain `level` shows."""
    from ..explain.filters import filter_trace

    keys = ("vendors",) if hasattr(result, "vendors") else ("ranking", "excluded")
    return result.model_copy(update={
        key: [item.model_copy(update={"trace": filter_trace(item.trace, level)}) for item in getattr(result, key)] for key in keys
    })
