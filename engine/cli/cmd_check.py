"""`zhisuan check`: is a vendor in the track, and why."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import UsageError
from ..messages import msg
from .exit_codes import Exit
from .output import add_output_options, emit, explain_level


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
    add_output_options(p, explain=True, t=t)
    p.set_defaults(run=run)


def run(args: argparse.Namespace, env) -> int:
    """Run check and print the result."""
    from ..decide.knowledge import load_rule_base
    from ..suggest import did_you_mean
    from ..render.check_markdown import check_markdown
    from ..render.check_view import render_check
    from ..render.json_out import dumps
    from ..decide.check import check, meets
    from .vendor_set import vendor_set

    base = load_rule_base(args.rules)
    everyone, from_files = vendor_set(args.file, args.lang)
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
    result = check(base, [everyone[v] for v in chosen], level)
    if args.format == "json":
        env.stdout.write(dumps(result.model_dump(mode="json")))
    elif args.format == "markdown":
        env.stdout.write(check_markdown(result, args.lang, level))
    else:
        emit(env, lambda console: render_check(console, result, args.lang, level))
    if args.fail_unless and not meets(result, args.fail_unless):
        return Exit.NEGATIVE
    return Exit.OK
