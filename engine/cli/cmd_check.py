"""`zhisuan check`: is a vendor in the track, and why."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import UsageError
from ..messages import M, joined, msg, value_label
from .exit_codes import Exit
from .options import FORMATS, add_output_options, explain_level, workers
from .recording import add_record_options, keep_record, recording
from .vendor_files import warn_template_values


def add_parser(sub, ctx) -> None:
    """Register the check subcommand."""
    t = ctx.t
    p = sub.add_parser(
        "check",
        help=t("help.check.summary"),
        description=t("help.check.description"),
        epilog=t("help.check.examples"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("vendors", nargs="*", metavar="VENDOR", help=t("help.check.vendors"))
    p.add_argument("--file", action="append", default=[], type=Path, metavar="YAML", help=t("help.check.file"))
    p.add_argument("--fail-unless", choices=("core", "partial"), default=None, help=t("help.check.fail_unless"))
    batch = p.add_mutually_exclusive_group()
    batch.add_argument("--jsonl", type=Path, default=None, metavar="FILE", help=t("help.check.jsonl"))
    batch.add_argument("--dir", type=Path, default=None, metavar="DIR", help=t("help.check.dir"))
    p.add_argument("--workers", type=workers, default=None, metavar="N", help=t("help.check.workers"))
    p.add_argument("--strict", action="store_true", help=t("help.check.strict"))
    add_output_options(p, explain=True, t=t, formats=FORMATS + ("jsonl",))
    add_record_options(p, t)
    p.set_defaults(run=run)


def run(args: argparse.Namespace, env) -> int:
    """Check the vendors asked for (default: every bundled one) and print the result."""
    from ..decide.check import check, meets, shortfalls
    from ..decide.inputs import vendor_set
    from ..decide.knowledge import load_rule_base
    from ..explain.filters import at_level
    from ..render.present import show, warn

    batch = args.jsonl is not None or args.dir is not None
    if batch and (args.vendors or args.file):
        raise UsageError(M("usage.batch_alone"), hint=M("hint.batch_alone"))
    if not batch and args.format == "jsonl":
        raise UsageError(M("usage.jsonl_needs_batch"), hint=M("hint.jsonl_needs_batch"))
    if not batch and (args.workers or args.strict):
        raise UsageError(M("usage.batch_option"), hint=M("hint.jsonl_needs_batch"))
    if batch and recording(args):  # a record per registry line is not what a record is for (yet)
        raise UsageError(M("usage.record_batch"), hint=M("hint.record_batch"))
    if batch:
        from .check_batch import run_batch

        return run_batch(args, env)
    base = load_rule_base(args.rules)
    known = vendor_set(args.file)
    chosen = known.chosen(args.vendors)
    level = explain_level(args)
    vendors = [known.vendors[v] for v in chosen]
    warn_template_values(env, known, args.lang)
    if recording(args):  # the record keeps the full trace, whatever the output shows
        result = check(base, vendors, "full", paths=True)
        inputs = {"vendors": [v.model_dump(mode="json") for v in vendors], "vendor_sources": known.sources(chosen)}
        keep_record(args, "check", result.model_dump(mode="json"), [d.id for d in result.vendors], inputs)
        result = at_level(result, level)
    else:
        result = check(base, vendors, level, paths=True)
    show(env, "check", result, args.format, args.lang, explain=level)
    if args.fail_unless and not meets(result, args.fail_unless):
        for short in shortfalls(result, args.fail_unless):  # the gate says who failed it, and why
            why = joined((f"{c} {value_label(status, args.lang)}" for c, status in short.criteria), args.lang) or "-"
            warn(env, msg("check.short", args.lang, vendor=short.vendor, least=value_label(args.fail_unless, args.lang),
                          track=value_label(short.track, args.lang), why=why))
        return Exit.NEGATIVE
    return Exit.OK

