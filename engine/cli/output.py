"""Shared output options: --format, --lang, --explain, and writing results."""

from __future__ import annotations

import argparse
import io
from pathlib import Path

from ..explain.filters import EXPLAIN_LEVELS, filter_trace
from ..render.console import make_console
from .env import Environment

FORMATS = ("table", "json", "markdown")


def add_output_options(parser: argparse.ArgumentParser, explain: bool, t) -> None:
    """Add --format, --rules (and --explain) to a subcommand parser."""
    parser.add_argument(
        "--rules",
        type=Path,
        default=None,
        metavar="DIR",
        help=t(
            "use the rule files in DIR (eligibility/*.yaml, classification.yaml, policy.yaml, advice/*.yaml, "
            "weights.yaml, conformance.yaml) instead of the bundled ones",
            "使用 DIR 中的规则文件（eligibility/*.yaml、classification.yaml、policy.yaml、advice/*.yaml、"
            "weights.yaml、conformance.yaml）代替内置规则",
        ),
    )
    parser.add_argument("--format", choices=FORMATS, default="table", help=t("output format", "输出格式"))
    if explain:
        parser.add_argument(
            "--explain",
            choices=EXPLAIN_LEVELS,
            default=None,
            help=t(
                "rule trace to show: off, fails (what counts against), full (every rule); default off for table "
                "and markdown, full for json",
                "显示的规则轨迹：off 不显示，fails 只显示不利项，full 全部；table/markdown 默认 off，json 默认 full",
            ),
        )


def explain_level(args: argparse.Namespace) -> str:
    """The explain level, defaulting by format."""
    if args.explain:
        return args.explain
    return "full" if args.format == "json" else "off"


def emit(env: Environment, draw) -> None:
    """Run `draw(console)`; in a pipe, write its output with trailing spaces removed."""
    if env.isatty:
        draw(make_console(env.stdout, True, env.color, env.width))
        return
    buffer = io.StringIO()
    draw(make_console(buffer, False, False, env.width))
    env.stdout.write("".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines()))


def with_filtered_traces(items: list, level: str) -> list:
    """Copies of decisions whose `trace` keeps only what `level` shows."""
    return [item.model_copy(update={"trace": filter_trace(item.trace, level)}) for item in items]
