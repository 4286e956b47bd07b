"""What `audit verify` can and cannot prove, made exact: the head kept elsewhere, the keyed chain, foreign and
read-only files, a full disk at the head (docs/audit.md, "What verify proves")."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import sqlite3
import stat

import pytest

from engine.audit.store import GENESIS, Store, chain_hash

from .conftest import run_cli


@pytest.fixture()
def db(tmp_path, monkeypatch):
    path = tmp_path / "records.sqlite"
    monkeypatch.setenv("ZHISUAN_DB", str(path))
    monkeypatch.delenv("ZHISUAN_AUDIT_KEY", raising=False)
    return path


def _record(*vendors: str, key: str | None = None) -> None:
    for vendor in vendors:
        assert run_cli("check", vendor, "--record", *(["--key-file", key] if key else [])).code == 0


def _head(text: str) -> str:
    """The ID:HASH `audit verify` printed."""
    return re.search(r"--expect-head (\d+:[0-9a-f]{64})", text).group(1)


def _rewrite(db, record_id: int, old: str, new: str) -> None:
    """Edit one record's body and recompute its hash, every later hash and the head file: what anyone who can
    write both files can do."""
    with sqlite3.connect(db) as c:
        rows = c.execute("SELECT id, body FROM records ORDER BY id").fetchall()
        prev = GENESIS
        for rid, body in rows:
            if rid == record_id:
                assert old in body
                body = body.replace(old, new, 1)
            digest = chain_hash(prev, body)
            c.execute("UPDATE records SET body = ?, prev_hash = ?, hash = ? WHERE id = ?", (body, prev, digest, rid))
            prev = digest
        last = rows[-1][0] if rows else 0
    db.with_name(db.name + ".head").write_text(f"{last} {prev}\n", encoding="utf-8")


def test_verify_prints_the_head_and_expect_head_holds_while_the_store_grows(db):
    _record("huawei", "baidu")
    first = run_cli("audit", "verify", "--lang", "en")
    assert first.code == 0 and _head(first.out).startswith("2:")
    head = _head(first.out)
    _record("volcano")
    later = run_cli("audit", "verify", "--expect-head", head, "--lang", "en")
    assert later.code == 0 and "record 2 is still there" in later.out


@pytest.mark.parametrize("attack", ["every row and the head", "a record rewritten, chain and head recomputed", "the newest record"])
def test_what_the_chain_alone_cannot_see_expect_head_does(db, attack):
    _record("huawei", "baidu", "volcano")
    head = _head(run_cli("audit", "verify").out)
    if attack == "every row and the head":
        with sqlite3.connect(db) as c:
            c.execute("DELETE FROM records")
        db.with_name(db.name + ".head").unlink()
    elif attack == "a record rewritten, chain and head recomputed":
        _rewrite(db, 2, '"partial"', '"core"')
    else:
        with sqlite3.connect(db) as c:
            c.execute("DELETE FROM records WHERE id = 3")
            last = c.execute("SELECT id, hash FROM records WHERE id = 2").fetchone()
        db.with_name(db.name + ".head").write_text(f"{last[0]} {last[1]}\n", encoding="utf-8")
    assert run_cli("audit", "verify").code == 0  # the unkeyed chain, rewritten with its head, holds: docs/audit.md says so
    caught = run_cli("audit", "verify", "--expect-head", head, "--lang", "en")
    assert caught.code == 1 and ("no longer a record 3" in caught.out or "no records, but record 3" in caught.out), caught.out


def test_an_absent_or_empty_store_with_an_expected_head_is_exit_1(db, tmp_path, monkeypatch):
    head = "1:" + "a" * 64
    monkeypatch.delenv("ZHISUAN_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "none"))
    absent = run_cli("audit", "verify", "--expect-head", head, "--lang", "en")
    assert absent.code == 1 and "no records, but record 1 was expected" in absent.out
    bad = run_cli("audit", "verify", "--expect-head", "1:xyz", "--lang", "en")
    assert bad.code == 2 and "--expect-head takes ID:HASH" in bad.err


def test_a_keyed_chain_catches_an_appended_or_rewritten_record_made_without_the_key(db, tmp_path):
    key = tmp_path / "key"
    key.write_bytes(os.urandom(32).hex().encode() + b"\n")
    _record("huawei", "baidu", key=str(key))
    assert run_cli("audit", "verify", "--key-file", str(key), "--lang", "en").code == 0
    assert "every record carries the key's mark" in run_cli("audit", "verify", "--key-file", str(key), "--lang", "en").out
    _record("volcano")  # appended by someone without the key: a valid chain, a head moved with it
    assert run_cli("audit", "verify").code == 0
    appended = run_cli("audit", "verify", "--key-file", str(key), "--lang", "en")
    assert appended.code == 1 and "record 3 carries no mark of the key" in appended.out
    with sqlite3.connect(db) as c:
        c.execute("DELETE FROM records WHERE id = 3")
    _rewrite(db, 2, '"partial"', '"core"')  # rewritten, its old mark kept
    rewritten = run_cli("audit", "verify", "--key-file", str(key), "--lang", "en")
    assert rewritten.code == 1 and "record 2's mark does not match the key" in rewritten.out
    other = tmp_path / "other"
    other.write_text("another key", encoding="utf-8")
    assert run_cli("audit", "verify", "--key-file", str(other)).code == 1


def test_the_key_may_come_from_the_environment(db, monkeypatch):
    monkeypatch.setenv("ZHISUAN_AUDIT_KEY", "k" * 32)
    _record("huawei")
    assert run_cli("audit", "verify").code == 0
    monkeypatch.setenv("ZHISUAN_AUDIT_KEY", "another")
    assert run_cli("audit", "verify").code == 1


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("schema", ["CREATE TABLE records(x)", "CREATE TABLE notes(id INTEGER, text TEXT)"])
def test_another_applications_database_is_refused_and_never_changed(db, schema):
    with sqlite3.connect(db) as c:
        c.execute(schema)
    before = _digest(db)
    for args in (["audit", "verify"], ["audit", "list"], ["audit", "show", "1"], ["audit", "report", "1"], ["audit", "replay", "1"],
                 ["check", "huawei", "--record"]):
        result = run_cli(*args, "--lang", "en")
        assert result.code == 2 and "is not a zhisuan records database" in result.err, (args, result.err)
        assert "Traceback" not in result.err
    assert _digest(db) == before and not db.with_name(db.name + "-wal").exists()
    with sqlite3.connect(db) as c:
        assert c.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_reading_changes_nothing_and_a_read_only_copy_is_verified(db, monkeypatch):
    _record("huawei", "baidu")
    store = Store(db)
    store.close()  # checkpointed: the WAL is empty
    for extra in ("-wal", "-shm"):
        db.with_name(db.name + extra).unlink(missing_ok=True)
    before = _digest(db)
    assert run_cli("audit", "verify").code == 0 and run_cli("audit", "list").code == 0
    assert _digest(db) == before
    # Read-only media: SQLite cannot make the -shm a WAL reader needs; the store is then opened immutable.
    real = sqlite3.connect
    calls = []

    def no_shm(database, *args, **kwargs):
        calls.append(database)
        if isinstance(database, str) and database.endswith("?mode=ro"):
            raise sqlite3.OperationalError("unable to open database file")
        return real(database, *args, **kwargs)

    monkeypatch.setattr("engine.audit.store.sqlite3.connect", no_shm)
    assert run_cli("audit", "verify").code == 0 and any(c.endswith("?immutable=1") for c in calls)


def test_a_full_disk_at_the_head_write_is_one_line_and_the_next_record_repairs_it(db, monkeypatch):
    _record("huawei")
    db.chmod(0o644)
    real = os.replace

    def full(src, dst):
        if str(dst).endswith(".head"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(src, dst)

    monkeypatch.setattr("engine.audit.store.os.replace", full)
    failed = run_cli("check", "baidu", "--record", "--lang", "en")
    assert failed.code == 2 and failed.err.count("\n") == 1
    assert "record 2 is kept, but the head file could not be written: No space left on device" in failed.err
    assert not list(db.parent.glob(".head-*"))  # no temp file left behind
    monkeypatch.setattr("engine.audit.store.os.replace", real)
    assert run_cli("audit", "verify").code == 0  # one behind: accepted, and moved on
    head = db.with_name(db.name + ".head")
    assert head.read_text(encoding="utf-8").startswith("2 ")
    assert stat.S_IMODE(head.stat().st_mode) == 0o644  # the head's mode follows the database's
    _record("volcano")
    assert json.loads(run_cli("audit", "list", "--format", "json").out)[-1]["id"] == 3


@pytest.mark.parametrize("command", ["show", "report", "replay"])
def test_an_id_beyond_sqlites_integers_is_no_such_record(db, command):
    _record("huawei")
    result = run_cli("audit", command, "99999999999999999999", "--lang", "en")
    assert result.code == 2 and "there is no record 99999999999999999999" in result.err, result.err
