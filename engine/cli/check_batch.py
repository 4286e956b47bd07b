"""`zhisuan check --jsonl FILE | --dir DIR`: stream many vendors, skip bad records, keep input order."""

from __future__ import annotations

import argparse

from ..errors import ErrorList
from ..messages import msg, value_label
from .exit_codes import Exit
from .options import explain_level


def run_batch(args: argparse.Namespace, env) -> int:
    """Evaluate every record; JSON lines stream out in input order, other formats print at the end."""
    from ..decide.batch import default_workers, dir_records, evaluate_all, jsonl_records, rules_version
    from ..decide.check import check_result, track_meets
    from ..render.present import progress, show, warn, write_utf8

    level = explain_level(args)
    if args.jsonl is not None:
        records = jsonl_records(args.jsonl, "<stdin>" if str(args.jsonl) == "-" else str(args.jsonl))
    else:
        records = dir_records(args.dir, str(args.dir))
    as_lines = args.format == "jsonl"
    kept = []
    good = bad = 0
    shown = hidden = 0  # error lines written, and those left out past the cap
    short = 0  # vendors that fall short of --fail-unless
    with progress(env, msg("batch.progress", args.lang), streaming=as_lines) as tick:
        for outcome in evaluate_all(records, args.rules, level, args.lang, as_lines, args.workers or default_workers()):
            tick()
            if outcome.errors:
                for line in outcome.errors:  # the first lines of the whole batch, as for one file; then a count
                    if shown < ErrorList.CAP:
                        warn(env, f"zhisuan: {line}")
                        shown += 1
                    else:
                        hidden += 1
                if args.strict:
                    return Exit.BAD_INPUT
                bad += 1
                continue
            good += 1
            short += bool(args.fail_unless and not track_meets(outcome.track, args.fail_unless))
            if as_lines:
                write_utf8(env, outcome.line)
            else:
                kept.append(outcome.decision)
    if hidden:
        warn(env, msg("batch.more_errors", args.lang, n=hidden, shown=shown))
    if bad:
        warn(env, msg("batch.summary", args.lang, good=good, bad=bad))
    if not as_lines:
        show(env, "check", check_result(rules_version(), kept), args.format, args.lang, explain=level)
    if short:
        warn(env, msg("batch.short", args.lang, n=short, least=value_label(args.fail_unless, args.lang)))
    return Exit.NEGATIVE if short else Exit.OK
