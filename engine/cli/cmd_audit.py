"""`zhisuan audit list | show | verify | replay | diff | report`: the decision records `--record` keeps, and their hash chain."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import UsageError
from ..explain.filters import EXPLAIN_LEVELS
from ..messages import M
from .exit_codes import Exit
from .options import FORMATS, add_output_options, is_calendar_date, positive
from .recording import (add_db_option, add_key_option, named_store, reading, records_path, stored_record, warn_if_altered,
                        warn_if_unreadable)

REPORT_FORMATS = ("markdown", "html", "svg")


def add_parser(sub, ctx) -> None:
    """Register `audit list`, `show`, `verify`, `replay`, `diff` and `report`."""
    t = ctx.t
    p = sub.add_parser("audit", help=t("help.audit.summary"), description=t("help.audit.description"))
    inner = ctx.subparsers(p, dest="audit_command", metavar="{list,show,verify,replay,diff,report}")
    lp = inner.add_parser("list", help=t("help.audit.list"))
    lp.add_argument("--vendor", default=None, metavar="ID", help=t("help.audit.vendor"))
    lp.add_argument("--since", default=None, metavar="YYYY-MM-DD", help=t("help.audit.since"))
    lp.add_argument("--until", default=None, metavar="YYYY-MM-DD", help=t("help.audit.until"))
    lp.add_argument("--kind", choices=("check", "rank", "ask"), default=None, help=t("help.audit.kind"))
    lp.add_argument("--limit", type=positive, default=None, metavar="N", help=t("help.audit.limit"))
    add_db_option(lp, t)
    lp.add_argument("--format", choices=("table", "json"), default="table", help=t("help.option.format"))
    lp.set_defaults(run=run_list)
    sp = inner.add_parser("show", help=t("help.audit.show"))
    sp.add_argument("record_id", type=int, metavar="ID")
    add_db_option(sp, t)
    sp.add_argument("--format", choices=FORMATS, default="table", help=t("help.option.format"))
    sp.add_argument("--explain", choices=EXPLAIN_LEVELS, default=None, help=t("help.audit.show_explain"))
    add_key_option(sp, t)
    sp.set_defaults(run=run_show)
    vp = inner.add_parser("verify", help=t("help.audit.verify"), description=t("help.audit.verify_description"))
    add_db_option(vp, t)
    add_key_option(vp, t)
    vp.add_argument("--expect-head", default=None, metavar="ID:HASH", help=t("help.audit.expect_head"))
    vp.set_defaults(run=run_verify)
    rp = inner.add_parser("replay", help=t("help.audit.replay"), description=t("help.audit.replay_description"))
    rp.add_argument("record_id", type=int, metavar="ID")
    rp.add_argument("--recorded-rules", action="store_true", help=t("help.audit.recorded_rules"))
    add_db_option(rp, t)
    add_key_option(rp, t)
    add_output_options(rp, explain=False, t=t, formats=("table", "json"))
    rp.set_defaults(run=run_replay)
    dp = inner.add_parser("diff", help=t("help.audit.diff"), description=t("help.audit.diff_description"))
    dp.add_argument("--rules", dest="rule_dirs", action="append", type=Path, default=[], metavar="DIR",
                    help=t("help.audit.diff_rules"))
    dp.add_argument("--git", dest="revisions", action="append", default=[], metavar="REV", help=t("help.audit.diff_git"))
    dp.add_argument("--profiles", type=Path, default=None, metavar="DIR", help=t("help.audit.diff_profiles"))
    dp.add_argument("--fail-on-change", action="store_true", help=t("help.audit.fail_on_change"))
    dp.add_argument("--format", choices=("table", "json"), default="table", help=t("help.option.format"))
    dp.set_defaults(run=run_diff)
    op = inner.add_parser("report", help=t("help.audit.report"), description=t("help.audit.report_description"))
    op.add_argument("record_id", type=int, metavar="ID")
    op.add_argument("--format", choices=REPORT_FORMATS, default="markdown", help=t("help.audit.report_format"))
    add_db_option(op, t)
    add_key_option(op, t)
    op.set_defaults(run=run_report)


def run_list(args: argparse.Namespace, env) -> int:
    """One line per record: id, time, kind, subjects, rules version; a record that does not read is listed as such,
    with a warning on stderr and exit 1."""
    from ..decide.records import select_records
    from ..render.present import show

    for option, value in (("--since", args.since), ("--until", args.until)):
        if value is not None and not is_calendar_date(value):
            raise UsageError(M("usage.since_date", option=option, value=value), hint=M("hint.since_date", option=option))
    store = reading(args)
    records = select_records(store.records() if store else [], args.vendor, args.since, args.until, args.kind, args.limit)
    filtered = any(v is not None for v in (args.vendor, args.since, args.until, args.kind))
    show(env, "audit.list", records, args.format, args.lang, filtered=filtered)
    return warn_if_unreadable(args, env, records)


def run_show(args: argparse.Namespace, env) -> int:
    """One record: its header and hashes, then the outcome as the command showed it (`--explain` picks the trace).

    `--format json` prints the record in full (the trace at `--explain`, default full).
    """
    from ..explain.filters import at_level
    from ..render.present import show

    _, record, result = stored_record(args)
    level = args.explain or ("full" if args.format == "json" else "off")
    show(env, "audit.show", record, args.format, args.lang, outcome=at_level(result, level), explain=level)
    return warn_if_altered(args, env, record)


def run_verify(args: argparse.Namespace, env) -> int:
    """Recompute every hash (and mark, with a key): exit 0 when the chain holds (and extends --expect-head), 1 naming the problem."""
    from ..decide.records import check_head, parse_head
    from ..render.present import show

    expected = parse_head(args.expect_head) if args.expect_head is not None else None
    store = reading(args, absent_fails=expected is not None)  # a store gone is what --expect-head is there to catch
    verdict = store.verify() if store else None
    found = check_head(verdict, expected, store.hash_of if store else None) if expected else None
    path = records_path(args)
    absent = named_store(args) and not path.exists()  # the default place never recorded in is "no records yet"
    show(env, "audit.verify", verdict, "table", args.lang, path=str(path), head=found, absent=absent)
    failed = verdict is not None and verdict.problem is not None
    return Exit.NEGATIVE if failed or (found is not None and found.problem is not None) else Exit.OK


def run_replay(args: argparse.Namespace, env) -> int:
    """Decide a stored record again with today's rules: `identical` (exit 0), or what changed and the rules behind it (exit 1)."""
    from ..decide.replay import KeptFile, replay
    from ..render.present import show

    store, record, _ = stored_record(args)
    kept = [KeptFile(f["file"], f["sha256"], store.blob(f["sha256"])) for f in record.body.get("rule_files", [])]
    outcome = replay(record.id, record.body, record.intact, kept, args.rules, args.recorded_rules)
    show(env, "audit.replay", outcome, args.format, args.lang)
    altered = warn_if_altered(args, env, record)
    return Exit.NEGATIVE if outcome.changes else altered


def run_diff(args: argparse.Namespace, env) -> int:
    """Every classification and ranking that two rule sets decide differently, with the rules that differ."""
    from ..decide.replay import diff_rule_sets
    from ..render.present import show

    diff = diff_rule_sets(args.revisions, args.rule_dirs, args.profiles, Path.cwd())
    show(env, "audit.diff", diff, args.format, args.lang)
    return Exit.NEGATIVE if diff.changed and args.fail_on_change else Exit.OK


def run_report(args: argparse.Namespace, env) -> int:
    """Write the report of one record to standard output in the chosen format."""
    from ..render.present import show

    _, stored, _ = stored_record(args)
    record = {"id": stored.id, "hash": stored.hash, "prev_hash": stored.prev_hash, "intact": stored.intact,
              "problem": stored.problem, **stored.body}
    show(env, "audit.report", record, args.format, args.lang)
    return warn_if_altered(args, env, stored)
