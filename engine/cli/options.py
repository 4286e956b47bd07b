"""Options several commands share: --rules, --format, --explain, and how a ranking is made (--top, --weight, …)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..explain.filters import EXPLAIN_LEVELS
from .argparse_zh import words

FORMATS = ("table", "json", "markdown")


def add_output_options(parser: argparse.ArgumentParser, explain: bool, t, formats: tuple[str, ...] = FORMATS) -> None:
    """Add --format, --rules (and --explain) to a subcommand parser."""
    parser.add_argument("--rules", type=Path, default=None, metavar="DIR", help=t("help.option.rules"))
    parser.add_argument("--format", choices=formats, default="table", help=t("help.option.format"))
    if explain:
        parser.add_argument("--explain", choices=EXPLAIN_LEVELS, default=None, help=t("help.option.explain"))


def explain_level(args: argparse.Namespace) -> str:
    """The explain level: off unless --explain asks (JSON too: a trace is large, carry it only on request)."""
    return args.explain or "off"


def add_ranking_options(p: argparse.ArgumentParser, t) -> None:
    """--top, --weight, --file, --seed, --draws, --assessment-draws, --flag-probability: how a ranking is made and
    shown (rank and ask)."""
    p.add_argument("--top", type=positive, default=None, metavar="N", help=t("help.rank.top"))
    p.add_argument("--weight", action="append", default=[], metavar="D=W", help=t("help.rank.weight"))
    p.add_argument("--file", action="append", default=[], type=Path, metavar="YAML", help=t("help.rank.file"))
    p.add_argument("--seed", type=whole, default=0, help=t("help.rank.seed"))
    p.add_argument("--draws", type=draws, default=1000, help=t("help.rank.draws"))
    p.add_argument("--assessment-draws", type=draws, default=1000, metavar="N", help=t("help.rank.assessment_draws"))
    p.add_argument("--flag-probability", type=probability, default=0.1, metavar="P", help=t("help.rank.flag_probability"))


def ranking_options(args: argparse.Namespace, overrides: dict[str, float], explain: str):
    """The RankOptions the command line asks for (rank and ask)."""
    from ..decide.rank import RankOptions  # imported when a ranking is made, not for --help

    return RankOptions(weights=overrides, draws=args.draws, seed=args.seed, explain=explain,
                       assessment_draws=args.assessment_draws, flag_probability=args.flag_probability)


def whole(text: str) -> int:
    """A whole number."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(words("must be a whole number")) from None


def positive(text: str) -> int:
    """A whole number, 1 or more."""
    value = whole(text)
    if value < 1:
        raise argparse.ArgumentTypeError(words("must be 1 or more"))
    return value


def draws(text: str) -> int:
    """A number of stability draws, 0 to 100,000."""
    value = whole(text)
    if not 0 <= value <= 100_000:
        raise argparse.ArgumentTypeError(words("must be from 0 to 100000"))
    return value


def probability(text: str) -> float:
    """A probability, 0 to 1."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 1:  # NaN too
        raise argparse.ArgumentTypeError(words("must be a number from 0 to 1"))
    return value + 0.0  # -0 is 0


def workers(text: str) -> int:
    """A number of worker processes, 1 to 64."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= 64:
        raise argparse.ArgumentTypeError(words("must be a whole number from 1 to 64"))
    return value


def is_calendar_date(text: str) -> bool:
    """True for a calendar date written YYYY-MM-DD."""
    from datetime import date

    try:
        return len(text) == 10 and date.fromisoformat(text).isoformat() == text
    except ValueError:
        return False
