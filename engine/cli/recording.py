"""Decision records from the command line: --record and --db, keeping a record, and reading one back."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from ..errors import UsageError
from ..messages import M
from .exit_codes import Exit


def add_record_options(p: argparse.ArgumentParser, t) -> None:
    """--record, --db and --key-file for commands that decide (check, rank, ask)."""
    p.add_argument("--record", action="store_true", help=t("help.audit.record"))
    add_db_option(p, t)
    add_key_option(p, t)


def add_key_option(p: argparse.ArgumentParser, t) -> None:
    """--key-file PATH: the key whose marks the records carry."""
    p.add_argument("--key-file", type=Path, default=None, metavar="PATH", help=t("help.audit.key_file"))


KEY_MAX = 4096  # bytes: a key file longer than this is no key file


def audit_key(args: argparse.Namespace) -> bytes | None:
    """The key of this run (--key-file's bytes, a final newline aside, at most KEY_MAX; else ZHISUAN_AUDIT_KEY), or None."""
    from ..errors import LoadError, Location
    from ..loader.yaml_source import open_regular

    if getattr(args, "key_file", None) is not None:
        with open_regular(args.key_file, str(args.key_file), M("load.key_directory"), M("hint.key")) as fh:
            key = fh.read(KEY_MAX + 2).removesuffix(b"\n")
        if len(key) > KEY_MAX:  # never cut silently: a key is all of the file or nothing
            raise LoadError(M("load.key_too_big", limit=KEY_MAX), Location(str(args.key_file)), M("hint.key"))
    elif os.environ.get("ZHISUAN_AUDIT_KEY"):
        key = os.environ["ZHISUAN_AUDIT_KEY"].encode("utf-8")
    else:
        return None
    if not key:
        raise UsageError(M("usage.key_empty"), hint=M("hint.key"))
    return key


def add_db_option(p: argparse.ArgumentParser, t) -> None:
    """--db PATH: the records database."""
    p.add_argument("--db", type=Path, default=None, metavar="PATH", help=t("help.audit.db"))


def recording(args: argparse.Namespace) -> bool:
    """True when this run keeps a record (--record or ZHISUAN_RECORD=1)."""
    return bool(getattr(args, "record", False)) or os.environ.get("ZHISUAN_RECORD") == "1"


def records_path(args: argparse.Namespace) -> Path:
    """The records database of this run: --db, else ZHISUAN_DB, else the user's data folder."""
    from ..audit.store import default_path

    return args.db or default_path()


def named_store(args: argparse.Namespace) -> bool:
    """True when the records database was named (--db or ZHISUAN_DB), not the default place."""
    return args.db is not None or bool(os.environ.get("ZHISUAN_DB"))


def keep_record(args: argparse.Namespace, kind: str, document: dict, subjects: list[str], inputs: dict) -> None:
    """Append one decision record: the inputs as evaluated, the rule files and the whole result document."""
    from ..audit.store import Store
    from ..decide.records import new_record

    made = new_record(kind, args.argv, document, subjects, inputs, args.rules)
    store = Store(records_path(args), audit_key(args))  # created with the first record
    try:
        store.append(made.body, made.files)
    finally:
        store.close()


def keep_ranking(args: argparse.Namespace, kind: str, result, known, level: str, extra: dict | None = None):
    """Keep a ranking of the vendors of `known` (a VendorSet) as a record (full trace); return it as the output shows it."""
    from ..explain.filters import at_level

    subjects = [result.profile["id"]] + [r.vendor for r in result.ranking]
    vendors = [known.vendors[vid] for vid in sorted(known.vendors)]
    inputs = {"profile": result.profile, "vendors": [v.model_dump(mode="json") for v in vendors],
              "vendor_sources": known.sources(known.vendors), **(extra or {})}
    keep_record(args, kind, result.model_dump(mode="json"), subjects, inputs)
    return at_level(result, level)


def reading(args: argparse.Namespace, absent_fails: bool = False):
    """The records database to read, opened read-only, or None when it holds no records store yet (an empty
    file) or nothing was ever recorded in the default place (reading creates no file).

    A database named by --db or ZHISUAN_DB must exist: a mistyped name never reads as "no records" (a
    usage error, exit 2), unless `absent_fails` (verify --expect-head: a store that is gone fails the
    verification, exit 1).
    """
    from ..audit.store import Store

    path = records_path(args)
    if named_store(args) and not path.exists() and not absent_fails:
        raise UsageError(M("audit.no_database", path=str(path)), hint=M("hint.audit_db_path"))
    if not path.exists():
        return None
    store = Store.reading(path, audit_key(args))
    if store.empty:  # an empty file: no records store yet
        store.close()
        return None
    return store


def stored_record(args: argparse.Namespace):
    """(store, record, its outcome read back) for `args.record_id`, or the usage error every audit command gives."""
    from ..decide.records import record_outcome

    store = reading(args)
    record = store.get(args.record_id) if store else None
    if record is None:
        raise UsageError(M("audit.no_record", id=args.record_id), hint=M("hint.audit_list"))
    outcome = record_outcome(record.body)
    if outcome is None:  # altered with its chain recomputed: verify cannot tell, reading must not crash
        raise UsageError(M("audit.unreadable", id=record.id), hint=M("hint.audit_verify"))
    return store, record, outcome


def warn_if_unreadable(args: argparse.Namespace, env, records: list) -> int:
    """Say on stderr which listed records do not read as decision records; the exit code that goes with it."""
    from ..decide.records import unreadable_ids
    from ..messages import msg
    from ..render.present import warn

    unreadable = unreadable_ids(records)
    if not unreadable:
        return Exit.OK
    warn(env, msg("audit.unreadable_listed", args.lang, ids=", ".join(map(str, unreadable))))
    return Exit.NEGATIVE


def warn_if_altered(args: argparse.Namespace, env, record) -> int:
    """Say on stderr what is wrong with a record read back (its hash, a link to a neighbour, its mark, a kept
    rule file), as verify would; the exit code that goes with it (1, as for a failed verify)."""
    if record.intact:
        return Exit.OK
    from ..decide.records import integrity_warning
    from ..render.present import warn

    warn(env, integrity_warning(record.problem, args.lang))
    return Exit.NEGATIVE
