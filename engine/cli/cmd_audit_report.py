"""`zhisuan audit report ID [--format markdown|html|svg]`: the report of one decision record."""

from __future__ import annotations

import argparse

from .cmd_audit import add_db_option, stored_record, warn_if_altered

FORMATS = ("markdown", "html", "svg")


def add_report_parser(inner, t) -> None:
    """Register `audit report` under the `audit` subcommands."""
    p = inner.add_parser("report", help=t("help.audit.report"), description=t("help.audit.report_description"))
    p.add_argument("record_id", type=int, metavar="ID")
    p.add_argument("--format", choices=FORMATS, default="markdown", help=t("help.audit.report_format"))
    add_db_option(p, t)
    p.set_defaults(run=run_report)


def run_report(args: argparse.Namespace, env) -> int:
    """Write the report of one record to standard output in the chosen format."""
    from ..render.audit_report import report_blocks
    from ..render.report_formats import RENDERERS

    _, stored, _ = stored_record(args)
    record = {"id": stored.id, "hash": stored.hash, "prev_hash": stored.prev_hash, "intact": stored.intact, **stored.body}
    env.stdout.write(RENDERERS[args.format](report_blocks(record, args.lang), args.lang))
    return warn_if_altered(args, env, stored)
