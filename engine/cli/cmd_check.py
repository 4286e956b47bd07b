"""`zhisuan check`: is a vendor in the track, and why."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import UsageError
from ..messages import msg
from .exit_codes import Exit
from .argparse_zh import words
from .cmd_audit import add_record_options, keep_record, recording
from .output import FORMATS, add_output_options, at_level, emit, explain_level


def add_parser(sub, ctx) -> None:
    """Register the check subcommand."""
    t = ctx.t
    p = sub.add_parser(
        "check",
        help=t("help.check.classify_vendors_track_supplier"),
        description=t("help.check.evaluate_vendors_against_the"),
        epilog=t("help.check.examples_zhisuan_check_zhisuan"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("vendors", nargs="*", metavar="VENDOR", help=t("help.check.bundled_vendor_ids"))
    p.add_argument(
        "--file",
        action="append",
        default=[],
        type=Path,
        metavar="YAML",
        help=t("help.check.check_a_vendor_file"),
    )
    p.add_argument(
        "--fail-unless",
        choices=("core", "partial"),
        default=None,
        help=t("help.check.exit_1_unless_every"),
    )
    batch = p.add_mutually_exclusive_group()
    batch.add_argument("--jsonl", type=Path, default=None, metavar="FILE", help=t("help.check.jsonl"))
    batch.add_argument("--dir", type=Path, default=None, metavar="DIR", help=t("help.check.dir"))
    p.add_argument("--workers", type=_workers, default=None, metavar="N", help=t("help.check.workers"))
    p.add_argument("--strict", action="store_true", help=t("help.check.strict"))
    add_output_options(p, explain=True, t=t, formats=FORMATS + ("jsonl",))
    add_record_options(p, t)
    p.set_defaults(run=run)


def _workers(text: str) -> int:
    """--workers: a whole number of processes, 1 to 64."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= 64:
        raise argparse.ArgumentTypeError(words("must be a whole number from 1 to 64"))
    return value


def run(args: argparse.Namespace, env) -> int:
    """Run check and print the result."""
    from ..decide.knowledge import load_rule_base
    from ..suggest import did_you_mean
    from ..decide.check import check, meets
    from .vendor_set import vendor_set

    batch = args.jsonl is not None or args.dir is not None
    if batch and (args.vendors or args.file):
        raise UsageError(msg("usage.batch_alone", args.lang), hint=msg("hint.batch_alone", args.lang))
    if not batch and args.format == "jsonl":
        raise UsageError(msg("usage.jsonl_needs_batch", args.lang), hint=msg("hint.jsonl_needs_batch", args.lang))
    if not batch and (args.workers or args.strict):
        raise UsageError(msg("usage.batch_option", args.lang), hint=msg("hint.jsonl_needs_batch", args.lang))
    if batch and recording(args):  # a record per registry line is not what a record is for (yet)
        raise UsageError(msg("usage.record_batch", args.lang), hint=msg("hint.record_batch", args.lang))
    if batch:
        from .check_batch import run_batch

        return run_batch(args, env)
    base = load_rule_base(args.rules)
    known = vendor_set(args.file, args.lang)
    everyone, from_files = known.vendors, known.given
    for vid in args.vendors:
        if vid not in everyone:
            raise UsageError(
                msg("error.unknown_vendor", args.lang, id=vid),
                hint=did_you_mean(vid, everyone) or msg("hint.vendor_ids", args.lang, ids=", ".join(sorted(everyone))),
            )
    if args.vendors or not args.file:
        chosen = list(dict.fromkeys(from_files + (args.vendors or sorted(everyone))))
    else:
        chosen = from_files
    level = explain_level(args)
    vendors = [everyone[v] for v in chosen]
    if recording(args):  # the record keeps the full trace, whatever the output shows
        result = check(base, vendors, "full")
        inputs = {"vendors": [v.model_dump(mode="json") for v in vendors], "vendor_sources": known.sources(chosen)}
        keep_record(args, "check", result.model_dump(mode="json"), [d.id for d in result.vendors], inputs)
        result = at_level(result, level)
    else:
        result = check(base, vendors, level)
    show_check(args, env, result, level)
    if args.fail_unless and not meets(result, args.fail_unless):
        return Exit.NEGATIVE
    return Exit.OK


def show_check(args: argparse.Namespace, env, result, level: str) -> None:
    """Print a CheckResult in the chosen format (JSON, Markdown or the table)."""
    from ..render.check_markdown import check_markdown
    from ..render.check_view import render_check
    from ..render.json_out import dumps

    if args.format == "json":
        env.stdout.write(dumps(result.model_dump(mode="json")))
    elif args.format == "markdown":
        env.stdout.write(check_markdown(result, args.lang, level))
    else:
        emit(env, lambda console: render_check(console, result, args.lang, level))
