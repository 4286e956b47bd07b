"""`zhisuan audit list | show ID | verify`: the decision records `--record` keeps, and their hash chain."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from ..errors import UsageError
from ..messages import msg
from .exit_codes import Exit
from .output import add_output_options


def add_record_options(p: argparse.ArgumentParser, t) -> None:
    """--record and --db for commands that decide (check, rank, ask)."""
    p.add_argument("--record", action="store_true", help=t("help.audit.record"))
    add_db_option(p, t)


def add_db_option(p: argparse.ArgumentParser, t) -> None:
    """--db PATH: the records database."""
    p.add_argument("--db", type=Path, default=None, metavar="PATH", help=t("help.audit.db"))


def recording(args: argparse.Namespace) -> bool:
    """True when this run keeps a record (--record or ZHISUAN_RECORD=1)."""
    return bool(getattr(args, "record", False)) or os.environ.get("ZHISUAN_RECORD") == "1"


def store_for(args: argparse.Namespace):
    """The records database of this run."""
    from ..audit.store import Store, default_path

    return Store(args.db or default_path())


def keep_record(args: argparse.Namespace, kind: str, document: dict, subjects: list[str], inputs: dict) -> None:
    """Append one decision record: the inputs as evaluated and the whole result document."""
    from ..audit.record import record_body

    body = record_body(kind, args.argv, document["rules_version"], document["tool_version"], subjects, inputs, document)
    store = store_for(args)
    try:
        store.append(body)
    finally:
        store.close()


def add_parser(sub, ctx) -> None:
    """Register `audit list`, `audit show` and `audit verify`."""
    t = ctx.t
    p = sub.add_parser("audit", help=t("help.audit.summary"), description=t("help.audit.description"))
    inner = ctx.subparsers(p, dest="audit_command", metavar="{list,show,verify}")
    lp = inner.add_parser("list", help=t("help.audit.list"))
    add_db_option(lp, t)
    add_output_options(lp, explain=False, t=t)
    lp.set_defaults(run=run_list)
    sp = inner.add_parser("show", help=t("help.audit.show"))
    sp.add_argument("record_id", type=int, metavar="ID")
    add_db_option(sp, t)
    add_output_options(sp, explain=False, t=t)
    sp.set_defaults(run=run_show)
    vp = inner.add_parser("verify", help=t("help.audit.verify"))
    add_db_option(vp, t)
    vp.set_defaults(run=run_verify)


def run_list(args: argparse.Namespace, env) -> int:
    """One line per record: id, time, kind, subjects, rules version."""
    from ..render.json_out import dumps

    records = store_for(args).records()
    rows = [{"id": r.id, "time": r.body["time"], "kind": r.body["kind"], "subjects": r.body["subjects"],
             "rules_version": r.body["rules_version"], "hash": r.hash} for r in records]
    if args.format == "json":
        env.stdout.write(dumps(rows))
        return Exit.OK
    lines = [f"{r['id']:>5}  {r['time']}  {r['kind']:<6} {r['rules_version'][:12]}  {', '.join(r['subjects'])}" for r in rows]
    env.stdout.write("\n".join(lines or [msg("audit.empty", args.lang)]) + "\n")
    return Exit.OK


def run_show(args: argparse.Namespace, env) -> int:
    """One record in full (JSON), with its hashes."""
    from ..render.json_out import dumps

    record = store_for(args).get(args.record_id)
    if record is None:
        raise UsageError(msg("audit.no_record", args.lang, id=args.record_id), hint=msg("hint.audit_list", args.lang))
    env.stdout.write(dumps({"id": record.id, "hash": record.hash, "prev_hash": record.prev_hash, **record.body}))
    return Exit.OK


def run_verify(args: argparse.Namespace, env) -> int:
    """Recompute every hash: exit 0 when the chain holds, 1 naming the first bad record."""
    store = store_for(args)
    verdict = store.verify()
    if verdict.problem is None:
        env.stdout.write(msg("audit.verified", args.lang, n=verdict.records, path=str(store.path)) + "\n")
        return Exit.OK
    env.stdout.write(msg(verdict.problem, args.lang, id=verdict.bad_id) + "\n")
    return Exit.NEGATIVE
