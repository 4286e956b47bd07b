"""`zhisuan audit report ID [--format markdown|html|svg]`: the report of one decision record."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import UsageError
from ..messages import msg
from .exit_codes import Exit

FORMATS = ("markdown", "html", "svg")


def add_report_parser(inner, t) -> None:
    """Register `audit report` under the `audit` subcommands."""
    p = inner.add_parser("report", help=t("help.audit.report"), description=t("help.audit.report_description"))
    p.add_argument("record_id", type=int, metavar="ID")
    p.add_argument("--format", choices=FORMATS, default="markdown", help=t("help.audit.report_format"))
    p.add_argument("--db", type=Path, default=None, metavar="PATH", help=t("help.audit.db"))
    p.set_defaults(run=run_report)


def _stored_record(args: argparse.Namespace) -> dict:
    """The record as `audit show` prints it (id, hashes, body), or the usage error `audit show` gives."""
    from ..audit.store import Store, default_path

    path = args.db or default_path()
    store = Store(path) if path.exists() else None  # reading creates no database
    try:
        record = store.get(args.record_id) if store else None
    finally:
        if store:
            store.close()
    if record is None:
        raise UsageError(msg("audit.no_record", args.lang, id=args.record_id), hint=msg("hint.audit_list", args.lang))
    return {"id": record.id, "hash": record.hash, "prev_hash": record.prev_hash, **record.body}


def run_report(args: argparse.Namespace, env) -> int:
    """Write the report of one record to standard output in the chosen format."""
    from ..render.audit_report import report_blocks
    from ..render.report_formats import RENDERERS

    record = _stored_record(args)
    env.stdout.write(RENDERERS[args.format](report_blocks(record, args.lang), args.lang))
    return Exit.OK
