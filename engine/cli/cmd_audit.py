"""`zhisuan audit list | show | verify | replay | diff | report`: the decision records `--record` keeps, and their hash chain."""

from __future__ import annotations

import argparse
import hashlib
import os
from dataclasses import asdict
from pathlib import Path

from ..errors import LoadError, Location, UsageError
from ..messages import MESSAGES, M, msg, value_label
from .exit_codes import Exit
from ..explain.filters import EXPLAIN_LEVELS
from .output import FORMATS, add_output_options


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
    """The records database of this run (created on the first record)."""
    from ..audit.store import Store

    return Store(_records_path(args))


def _records_path(args: argparse.Namespace) -> Path:
    from ..audit.store import default_path

    return args.db or default_path()


def _reading(args: argparse.Namespace):
    """The records database to read, or None when nothing was ever recorded (reading creates no file).

    A database named on the command line must exist: a mistyped --db never reads as "no records".
    """
    if args.db is not None and not args.db.exists():
        raise UsageError(msg("audit.no_database", args.lang, path=str(args.db)), hint=msg("hint.audit_db_path", args.lang))
    return store_for(args) if _records_path(args).exists() else None


def stored_record(args: argparse.Namespace):
    """(store, record, its outcome read back) for `args.record_id`, or the usage error every audit command gives."""
    store = _reading(args)
    record = store.get(args.record_id) if store else None
    if record is None:
        raise UsageError(msg("audit.no_record", args.lang, id=args.record_id), hint=msg("hint.audit_list", args.lang))
    outcome = _outcome(record.body)
    if outcome is None:  # altered with its chain recomputed: verify cannot tell, reading must not crash
        raise UsageError(msg("audit.unreadable", args.lang, id=record.id), hint=msg("hint.audit_verify", args.lang))
    return store, record, outcome


def _outcome(body: dict):
    """The body's outcome as the command's result (CheckResult or RankResult), or None when the record does not read."""
    from ..model.decision import CheckResult
    from ..model.ranking import RankResult
    from ..model.vendor import Vendor

    try:
        if body["kind"] not in ("check", "rank", "ask") or (body["kind"] != "check" and not isinstance(body["inputs"]["profile"], dict)):
            return None
        for vendor in body["inputs"]["vendors"]:
            Vendor.model_validate(vendor)
        return (CheckResult if body["kind"] == "check" else RankResult).from_document(body["outcome"])
    except (ValueError, TypeError, KeyError, AttributeError):
        return None


def keep_record(args: argparse.Namespace, kind: str, document: dict, subjects: list[str], inputs: dict) -> None:
    """Append one decision record: the inputs as evaluated, the rule files and the whole result document."""
    from ..audit.record import record_body
    from ..decide.identity import identity_of, rule_file_texts

    texts = rule_file_texts(args.rules)  # kept content-addressed: replay and reports can read the rules as they were
    identity = identity_of(texts)
    if identity.version != document["rules_version"]:  # a file changed while deciding: never record other rules
        raise LoadError(M("audit.rules_moved"), Location(str(args.rules or "rules")), M("hint.rules_moved"))
    body = record_body(kind, args.argv, document["rules_version"], document["tool_version"], subjects, inputs, document)
    body["rule_files"] = [{"file": name, "sha256": sha} for name, sha in identity.files]
    store = store_for(args)
    try:
        content = dict(texts)
        store.append(body, {sha: content[name] for name, sha in identity.files})
    finally:
        store.close()


def add_parser(sub, ctx) -> None:
    """Register `audit list`, `show`, `verify`, `replay`, `diff` and `report`."""
    t = ctx.t
    p = sub.add_parser("audit", help=t("help.audit.summary"), description=t("help.audit.description"))
    inner = ctx.subparsers(p, dest="audit_command", metavar="{list,show,verify,replay,diff,report}")
    lp = inner.add_parser("list", help=t("help.audit.list"))
    lp.add_argument("--vendor", default=None, metavar="ID", help=t("help.audit.vendor"))
    lp.add_argument("--since", default=None, metavar="YYYY-MM-DD", help=t("help.audit.since"))
    add_db_option(lp, t)
    lp.add_argument("--format", choices=("table", "json"), default="table", help=t("help.output.output_format"))
    lp.set_defaults(run=run_list)
    sp = inner.add_parser("show", help=t("help.audit.show"))
    sp.add_argument("record_id", type=int, metavar="ID")
    add_db_option(sp, t)
    sp.add_argument("--format", choices=FORMATS, default="table", help=t("help.output.output_format"))
    sp.add_argument("--explain", choices=EXPLAIN_LEVELS, default=None, help=t("help.audit.show_explain"))
    sp.set_defaults(run=run_show)
    vp = inner.add_parser("verify", help=t("help.audit.verify"))
    add_db_option(vp, t)
    vp.set_defaults(run=run_verify)
    rp = inner.add_parser("replay", help=t("help.audit.replay"), description=t("help.audit.replay_description"))
    rp.add_argument("record_id", type=int, metavar="ID")
    rp.add_argument("--recorded-rules", action="store_true", help=t("help.audit.recorded_rules"))
    add_db_option(rp, t)
    add_output_options(rp, explain=False, t=t, formats=("table", "json"))
    rp.set_defaults(run=run_replay)
    dp = inner.add_parser("diff", help=t("help.audit.diff"), description=t("help.audit.diff_description"))
    dp.add_argument("--rules", dest="rule_dirs", action="append", type=Path, default=[], metavar="DIR",
                    help=t("help.audit.diff_rules"))
    dp.add_argument("--git", dest="revisions", action="append", default=[], metavar="REV", help=t("help.audit.diff_git"))
    dp.add_argument("--profiles", type=Path, default=None, metavar="DIR", help=t("help.audit.diff_profiles"))
    dp.add_argument("--fail-on-change", action="store_true", help=t("help.audit.fail_on_change"))
    dp.add_argument("--format", choices=("table", "json"), default="table", help=t("help.output.output_format"))
    dp.set_defaults(run=run_diff)
    from .cmd_audit_report import add_report_parser  # it uses this module's helpers

    add_report_parser(inner, t)


def run_list(args: argparse.Namespace, env) -> int:
    """One line per record: id, time, kind, subjects, rules version."""
    from ..render.json_out import dumps

    if args.since is not None and not _is_date(args.since):
        raise UsageError(msg("usage.since_date", args.lang, value=args.since), hint=msg("hint.since_date", args.lang))
    store = _reading(args)
    records = [
        r for r in (store.records() if store else [])
        if (args.vendor is None or args.vendor in r.body["subjects"]) and (args.since is None or r.body["time"] >= args.since)
    ]
    rows = [{"id": r.id, "time": r.body["time"], "kind": r.body["kind"], "subjects": r.body["subjects"],
             "rules_version": r.body["rules_version"], "hash": r.hash} for r in records]
    if args.format == "json":
        env.stdout.write(dumps(rows))
        return Exit.OK
    lines = [f"{r['id']:>5}  {r['time']}  {r['kind']:<6} {r['rules_version'][:12]}  {', '.join(r['subjects'])}" for r in rows]
    filtered = args.vendor is not None or args.since is not None
    env.stdout.write("\n".join(lines or [msg("audit.none_match" if filtered else "audit.empty", args.lang)]) + "\n")
    return Exit.OK


def change_line(change, lang: str) -> str:
    """One changed outcome: `  vendor  what: before → after`, labels and values in `lang`."""
    head, _, rest = change.what.partition(".")
    what = msg(f"audit.what_{head}", lang, id=rest) if f"audit.what_{head}" in MESSAGES else change.what

    def shown(value):
        return "-" if value is None else value_label(value, lang)

    return f"  {change.vendor}  {what}: {shown(change.before)} → {shown(change.after)}"


def _is_date(text: str) -> bool:
    """True for a calendar date written YYYY-MM-DD."""
    from datetime import date

    try:
        return len(text) == 10 and date.fromisoformat(text).isoformat() == text
    except ValueError:
        return False


def warn_if_altered(args: argparse.Namespace, env, record) -> int:
    """Say on stderr when a record's hash no longer matches it; the exit code that goes with it."""
    if record.intact:
        return Exit.OK
    env.stderr.write(msg("audit.not_intact", args.lang, id=record.id) + "\n")
    return Exit.NEGATIVE


def run_show(args: argparse.Namespace, env) -> int:
    """One record: its header and hashes, then the outcome as the command showed it (`--explain` picks the trace).

    `--format json` prints the record in full (the trace at `--explain`, default full).
    """
    from ..render.json_out import dumps
    from .cmd_check import show_check
    from .cmd_rank import show_rankings
    from .output import at_level

    _, record, result = stored_record(args)
    body = record.body
    level = args.explain or ("full" if args.format == "json" else "off")
    shown = at_level(result, level)
    if args.format == "json":
        outcome = {**shown.model_dump(mode="json"), **({"ask": body["outcome"]["ask"]} if "ask" in body["outcome"] else {})}
        env.stdout.write(dumps({"id": record.id, "hash": record.hash, "prev_hash": record.prev_hash, "intact": record.intact,
                                **body, "outcome": outcome}))
        return warn_if_altered(args, env, record)
    header = msg("audit.show_header", args.lang, id=record.id, time=body["time"], kind=body["kind"], command=body["command"])
    hashes = msg("audit.show_hashes", args.lang, hash=record.hash[:16], prev=record.prev_hash[:16], rules=body["rules_version"][:12],
                 tool=body["tool_version"])
    env.stdout.write(f"{header}\n{hashes}\n\n")
    if body["kind"] == "check":
        show_check(args, env, shown, level)
    else:
        show_rankings(args, env, [shown], level, many=False)
    return warn_if_altered(args, env, record)


def run_verify(args: argparse.Namespace, env) -> int:
    """Recompute every hash: exit 0 when the chain holds, 1 naming the first bad record."""
    store = _reading(args)
    if store is None:
        env.stdout.write(msg("audit.empty", args.lang) + f" ({_records_path(args)})\n")
        return Exit.OK
    verdict = store.verify()
    if verdict.problem is None:
        env.stdout.write(msg("audit.verified", args.lang, n=verdict.records, path=str(store.path)) + "\n")
        return Exit.OK
    env.stdout.write(msg(verdict.problem, args.lang, id=verdict.bad_id) + "\n")
    return Exit.NEGATIVE


def run_replay(args: argparse.Namespace, env) -> int:
    """Decide a stored record again with today's rules: `identical` (exit 0), or what changed and the rules behind it (exit 1)."""
    import tempfile

    from ..decide.identity import write_rule_files
    from ..explain.changes import changed_rules, check_changes, rank_changes, responsible_rules
    from ..render.json_out import dumps

    store, record, _ = stored_record(args)
    if args.recorded_rules and args.rules is not None:
        raise UsageError(msg("usage.recorded_or_rules", args.lang), hint=msg("hint.recorded_or_rules", args.lang))
    kept = [(f["file"], f["sha256"], store.blob(f["sha256"])) for f in record.body.get("rule_files", [])]
    if args.recorded_rules and not kept:
        raise UsageError(msg("audit.no_rule_files", args.lang, id=record.id))
    if any(text is None or hashlib.sha256(text.encode()).hexdigest() != sha for _, sha, text in kept):
        raise UsageError(msg("audit.rule_file_altered", args.lang, id=record.id), hint=msg("hint.audit_verify", args.lang))
    kind = record.body["kind"]
    with tempfile.TemporaryDirectory(prefix="zhisuan-replay-") as folder:
        then_dir = write_rule_files([(name, text) for name, _, text in kept], Path(folder)) if kept else None
        now = _rules_for(kind, then_dir if args.recorded_rules else args.rules)
        then = (now if args.recorded_rules else _rules_for(kind, then_dir, quiet=True)) if then_dir else None
    before = record.body["outcome"]
    after = _decide_again(record.body, now)
    since = changed_rules(_rule_table(then), _rule_table(now)) if then is not None else None
    changes = (check_changes if kind == "check" else rank_changes)(before, after)
    rules = responsible_rules(before, after)
    same_rules = before["rules_version"] == after["rules_version"]
    if args.format == "json":
        env.stdout.write(dumps({
            "record": record.id, "intact": record.intact, "identical": not changes, "rules_version_then": before["rules_version"],
            "rules_version_now": after["rules_version"], "rules": rules, "rules_changed_since": since,
            "changes": [asdict(c) for c in changes],
        }))
        altered = warn_if_altered(args, env, record)
        return Exit.NEGATIVE if changes else altered
    lines = []
    if not changes:
        said = "audit.identical_kept" if args.recorded_rules else "audit.identical"
        lines.append(msg(said, args.lang, id=record.id, same=msg("audit.same_rules" if same_rules else "audit.other_rules", args.lang)))
    else:
        lines.append(msg("audit.changed", args.lang, id=record.id, n=len(changes)))
        lines += [change_line(c, args.lang) for c in changes]
        lines.append(msg("audit.rules_behind", args.lang, rules=", ".join(rules) or "-"))
    if since and any(since.values()):
        lines.append(msg("audit.rules_since", args.lang, **{k: ", ".join(v) or "-" for k, v in since.items()}))
    elif kept and since is None:
        lines.append(msg("audit.rules_since_unknown", args.lang))
    env.stdout.write("\n".join(lines) + "\n")
    return Exit.NEGATIVE if changes else warn_if_altered(args, env, record)


def _rules_for(kind: str, rules_dir: Path | None, quiet: bool = False):
    """What deciding a `kind` record needs from `rules_dir` (default: bundled): the eligibility rule base
    for a check (its --rules folder may hold no advice), the whole advice knowledge otherwise.

    `quiet`: None instead of an error when the rules do not load (a record's kept rules, written for
    another version, say: comparing rules is a courtesy, the replay does not depend on it).
    """
    from ..decide.knowledge import load_advice_knowledge, load_rule_base
    from ..errors import ZhisuanError

    try:
        return load_rule_base(rules_dir) if kind == "check" else load_advice_knowledge(rules_dir)
    except ZhisuanError:
        if quiet:
            return None
        raise


def _rule_table(rules) -> dict:
    """Every rule of a rule base or of an advice knowledge, by id."""
    return rules.by_id if hasattr(rules, "by_id") else rules.all_rules()


def _decide_again(body: dict, rules) -> dict:
    """The record's inputs through `rules` (from _rules_for), as the same command's full JSON document."""
    from ..decide.check import check
    from ..decide.rank import RankOptions, rank
    from ..model.profile import Profile
    from ..model.vendor import Vendor

    vendors = [Vendor.model_validate(v) for v in body["inputs"]["vendors"]]
    if body["kind"] == "check":
        return check(rules, vendors, "full").model_dump(mode="json")
    then = body["outcome"]
    overrides = {d: w["value"] for d, w in then["weights"].items() if w["origin"] == "command line"}
    stability = then["stability"]
    options = RankOptions(weights=overrides, draws=stability["draws"], spread=stability["spread"], seed=stability["seed"], explain="full")
    profile = Profile.model_validate(body["inputs"]["profile"])
    return rank(rules, profile, vendors, then["profile_source"], options).model_dump(mode="json")


def _two_rule_sets(args: argparse.Namespace, folder: Path) -> list:
    """The old and the new rule sets, loaded: from --git revisions (written under `folder`), then --rules.

    One revision alone is compared with the working tree's rules/ of its repository, as `git diff REV` would.
    """
    from ..decide.identity import is_rule_file, write_rule_files
    from ..decide.knowledge import load_advice_knowledge
    from ..errors import ZhisuanError
    from ..loader.git_source import rule_files_at, working_rules

    revisions, dirs = args.revisions, args.rule_dirs
    if (len(revisions), len(dirs)) not in ((2, 0), (0, 2), (1, 1), (1, 0)):
        raise UsageError(msg("usage.diff_two", args.lang), hint=msg("hint.diff_two", args.lang))
    sets = []
    for i, rev in enumerate(revisions):
        written = write_rule_files([(n, t) for n, t in rule_files_at(rev, Path.cwd()) if is_rule_file(n)], folder / f"rev{i}")
        try:
            sets.append(load_advice_knowledge(written))
        except ZhisuanError as exc:  # say which revision, not the temporary folder it was written to
            raise LoadError(M("git.rules_at", rev=rev, reason=exc.message_in(args.lang)), Location(rev), M("hint.git_rules_at")) from None
    new = list(dirs) or ([working_rules(Path.cwd())] if len(revisions) == 1 else [])
    return sets + [load_advice_knowledge(d) for d in new]


def run_diff(args: argparse.Namespace, env) -> int:
    """Every classification and ranking that two rule sets decide differently, with the rules that differ."""
    import tempfile

    from ..decide.check import check
    from ..decide.inputs import load_vendors
    from ..explain.changes import changed_rules, check_changes, rank_changes, responsible_rules
    from ..decide.rank import RankOptions, rank
    from ..render.json_out import dumps
    from .cmd_rank import profile_corpus

    with tempfile.TemporaryDirectory(prefix="zhisuan-diff-") as folder:
        old, new = _two_rule_sets(args, Path(folder))
    vendors = [lv.vendor for lv in load_vendors()]
    checked = [check(kb.eligibility, vendors, "full").model_dump(mode="json") for kb in (old, new)]
    sections = [("check", check_changes(*checked), responsible_rules(*checked))]
    profiles = profile_corpus(args.profiles)
    options = RankOptions(weights={}, draws=0, explain="full")
    for profile, name in profiles:
        ranked = [rank(kb, profile, vendors, name, options).model_dump(mode="json") for kb in (old, new)]
        sections.append((f"rank {profile.id}", rank_changes(*ranked), responsible_rules(*ranked)))
    rules = changed_rules(old.all_rules(), new.all_rules())
    changed = [s for s in sections if s[1]]
    if args.format == "json":
        env.stdout.write(dumps({
            "rules_versions": [old.version, new.version], "rules": rules,
            "changes": [{"where": where, "rules": fired, "changes": [asdict(c) for c in found]} for where, found, fired in changed],
        }))
    else:
        lines = [msg("audit.diff_rules", args.lang, added=", ".join(rules["added"]) or "-",
                     removed=", ".join(rules["removed"]) or "-", modified=", ".join(rules["modified"]) or "-")]
        for where, found, fired in changed:
            lines.append(f"{where}: {msg('audit.rules_behind', args.lang, rules=', '.join(fired) or '-')}")
            lines += [change_line(c, args.lang) for c in found]
        if not changed:
            lines.append(msg("audit.diff_none", args.lang, n=len(sections)))
        env.stdout.write("\n".join(lines) + "\n")
    return Exit.NEGATIVE if changed and args.fail_on_change else Exit.OK
