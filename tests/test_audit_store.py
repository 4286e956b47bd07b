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
        with sqlite3.connect(db) as c:  # and the last id the store gave, as someone who knows the store would
            c.execute("DELETE FROM records")
            c.execute("UPDATE meta SET value = '0' WHERE key = 'last_id'")
        db.with_name(db.name + ".head").unlink()
    elif attack == "a record rewritten, chain and head recomputed":
        _rewrite(db, 2, '"partial"', '"core"')
    else:
        with sqlite3.connect(db) as c:
            c.execute("DELETE FROM records WHERE id = 3")
            c.execute("UPDATE meta SET value = '2' WHERE key = 'last_id'")
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


def _no_shm(monkeypatch) -> list:
    """Read-only media: SQLite cannot make the -shm a WAL reader needs, so `mode=ro` fails there."""
    real, calls = sqlite3.connect, []

    def connect(database, *args, **kwargs):
        calls.append(str(database))
        if str(database).endswith("?mode=ro"):
            raise sqlite3.OperationalError("unable to open database file")
        return real(database, *args, **kwargs)

    monkeypatch.setattr("engine.audit.store.sqlite3.connect", connect)
    return calls


def test_reading_changes_nothing_and_a_read_only_copy_is_verified(db, monkeypatch):
    _record("huawei", "baidu")
    store = Store(db)
    store.close()  # checkpointed: the WAL is empty
    for extra in ("-wal", "-shm"):
        db.with_name(db.name + extra).unlink(missing_ok=True)
    before = _digest(db)
    assert run_cli("audit", "verify").code == 0 and run_cli("audit", "list").code == 0
    assert _digest(db) == before
    calls = _no_shm(monkeypatch)  # read-only media, no -wal: the store is then opened immutable
    assert run_cli("audit", "verify").code == 0 and any(c.endswith("?immutable=1") for c in calls)


def _failing_head_writes(monkeypatch):
    """os.replace fails for the head file (a full disk at the head), until undone."""
    real = os.replace

    def full(src, dst):
        if str(dst).endswith(".head"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(src, dst)

    monkeypatch.setattr("engine.audit.store.os.replace", full)
    return lambda: monkeypatch.setattr("engine.audit.store.os.replace", real)


def test_a_full_disk_at_the_head_write_is_one_line_and_the_next_record_repairs_it(db, monkeypatch):
    _record("huawei")
    db.chmod(0o644)
    undo = _failing_head_writes(monkeypatch)
    failed = run_cli("check", "baidu", "--record", "--lang", "en")
    assert failed.code == 2 and failed.err.count("\n") == 1
    assert "record 2 is kept, but the head file could not be written: No space left on device" in failed.err
    assert not list(db.parent.glob(".head-*"))  # no temp file left behind
    undo()
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


def _foreign(path, kind: str) -> None:
    """Another application's file, in one of the shapes that once slipped through."""
    if kind == "text":
        path.write_text("not a database\n", encoding="utf-8")
        return
    c = sqlite3.connect(path)
    if kind == "application_id":
        c.execute("PRAGMA application_id = 1234")
        c.execute("CREATE VIEW v AS SELECT 1")
    elif kind == "user_version":
        c.execute("PRAGMA user_version = 7")
    elif kind == "view":
        c.execute("CREATE VIEW v AS SELECT 1")
    elif kind == "index":  # zhisuan's tables and meta, and an index zhisuan never makes
        c.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        c.execute("CREATE TABLE records (id INTEGER PRIMARY KEY, body TEXT, prev_hash TEXT, hash TEXT)")
        c.execute("INSERT INTO meta VALUES ('schema_version', '3')")
        c.execute("CREATE INDEX by_body ON records (body)")
    elif kind == "trigger":
        c.execute("CREATE TABLE t (x)")
        c.execute("CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END")
    c.commit()
    c.close()


@pytest.mark.parametrize("kind", ["application_id", "user_version", "view", "index", "trigger", "text"])
def test_any_file_that_is_not_a_zhisuan_store_is_refused_and_left_byte_identical(db, kind):
    _foreign(db, kind)
    before = _digest(db)
    for args in (["audit", "list"], ["audit", "verify"], ["check", "huawei", "--record"]):
        result = run_cli(*args, "--lang", "en")
        assert result.code == 2 and "is not a zhisuan records database" in result.err, (kind, args, result.err)
    assert _digest(db) == before
    assert sorted(p.name for p in db.parent.iterdir()) == [db.name]  # no -wal, -journal, lock or head beside it


def test_an_empty_file_is_no_store_yet_and_a_special_file_is_refused(db, tmp_path):
    db.write_bytes(b"")
    for args, says in ((["audit", "list"], "no records yet"), (["audit", "verify"], "no records yet")):
        result = run_cli(*args, "--lang", "en")
        assert result.code == 0 and says in result.out and not result.err, (args, result)
    shown = run_cli("audit", "show", "1", "--lang", "en")
    assert shown.code == 2 and "there is no record 1" in shown.err
    assert db.read_bytes() == b""
    fifo = tmp_path / "fifo.sqlite"
    os.mkfifo(fifo)
    (tmp_path / "folder.sqlite").mkdir()
    for special in ("/dev/null", str(fifo), str(tmp_path / "folder.sqlite")):
        for args in (["audit", "list"], ["audit", "verify"], ["audit", "show", "1"], ["check", "huawei", "--record"]):
            result = run_cli(*args, "--db", special, "--lang", "en")
            assert result.code == 2 and "is not a regular file" in result.err, (special, args, result.err)
    assert not os.path.exists("/dev/null-journal") or pytest.skip("a /dev/null-journal was there before")
    assert _record("huawei") is None and run_cli("audit", "verify").code == 0  # an empty file becomes a store


def test_a_newer_schema_is_refused_before_anything_is_changed(db):
    _record("huawei")
    c = sqlite3.connect(db, isolation_level=None)
    c.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    c.execute("DROP TABLE blobs")
    c.execute("PRAGMA journal_mode = DELETE")
    c.close()
    before = _digest(db)
    result = run_cli("check", "baidu", "--record", "--lang", "en")
    assert result.code == 2 and "newer than this tool's" in result.err
    assert _digest(db) == before
    with sqlite3.connect(db) as c:
        assert c.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert "blobs" not in {r[0] for r in c.execute("SELECT name FROM sqlite_master")}


def _first_writer(path: str, start, n: int) -> None:
    from pathlib import Path

    start.wait()
    store = Store(Path(path))
    store.append({"time": "2026-11-28T00:00:00Z", "command": "test", "kind": "test", "rules_version": "v", "tool_version": "t",
                  "subjects": [], "inputs": {}, "outcome": {}, "n": n})
    store.close()


def test_first_writers_to_a_new_store_all_keep_their_record(tmp_path):
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    for attempt in range(3):
        path = tmp_path / f"new{attempt}" / "records.sqlite"
        start = context.Event()
        writers = [context.Process(target=_first_writer, args=(str(path), start, n)) for n in range(8)]
        for w in writers:
            w.start()
        start.set()  # all at once, on a path that does not exist yet
        for w in writers:
            w.join()
        assert [w.exitcode for w in writers] == [0] * 8
        store = Store.reading(path)
        assert sorted(r.body["n"] for r in store.records()) == list(range(8)) and store.verify().problem is None
        store.close()


@pytest.mark.parametrize("kind, says", [
    ("fifo", "is not a regular file"), ("link to /dev/zero", "is not a regular file"), ("link to a good head", "is not a regular file"),
    ("folder", "is not a regular file"), ("garbage", "does not hold a record's `ID HASH`"), ("huge", "does not hold a record's `ID HASH`"),
])
def test_a_head_that_is_not_a_head_file_is_named_for_what_it_is_and_never_hangs(db, kind, says):
    _record("huawei", "baidu")
    head = db.with_name(db.name + ".head")
    good = db.with_name("good.head")
    head.rename(good)
    if kind == "fifo":
        os.mkfifo(head)
    elif kind == "link to /dev/zero":
        head.symlink_to("/dev/zero")
    elif kind == "link to a good head":
        head.symlink_to(good)
    elif kind == "folder":
        head.mkdir()
    else:
        head.write_bytes(b"2 " + b"0" * 63 + b"x\n" if kind == "garbage" else good.read_bytes() * 10_000)
    result = run_cli("audit", "verify", "--lang", "en")
    assert result.code == 1 and says in result.out and "is missing" not in result.out, result.out
    if kind == "folder":  # a head that cannot be replaced is no full disk
        recorded = run_cli("check", "volcano", "--record", "--lang", "en")
        assert recorded.code == 2 and "free some space" not in recorded.err and "Traceback" not in recorded.err, recorded.err


def test_a_lock_file_that_is_a_pipe_is_refused_not_waited_on(db):
    _record("huawei")
    lock = db.with_name(db.name + ".lock")
    lock.unlink()
    os.mkfifo(lock)
    result = run_cli("check", "baidu", "--record", "--lang", "en")
    assert result.code == 2 and f"{lock}: " in result.err and "is not a regular file" in result.err, result.err


def test_head_writes_that_fail_several_times_in_a_row_are_repaired(db, monkeypatch):
    _record("huawei")
    undo = _failing_head_writes(monkeypatch)
    for vendor in ("baidu", "volcano", "datacanvas"):
        assert run_cli("check", vendor, "--record").code == 2  # kept, the head left behind
    undo()
    head = db.with_name(db.name + ".head")
    assert head.read_text(encoding="utf-8").startswith("1 ")
    assert run_cli("audit", "verify").code == 0 and head.read_text(encoding="utf-8").startswith("4 ")
    undo = _failing_head_writes(monkeypatch)
    assert run_cli("check", "huawei", "--record").code == 2 and run_cli("check", "baidu", "--record").code == 2
    undo()
    _record("volcano")  # an append moves a head two behind on as well
    assert head.read_text(encoding="utf-8").startswith("7 ") and run_cli("audit", "verify").code == 0


def test_a_deletion_is_never_erased_by_an_honest_append_and_no_id_is_given_twice(db):
    _record("huawei", "baidu", "volcano", "datacanvas", "huawei")
    with sqlite3.connect(db) as c:
        c.execute("DELETE FROM records WHERE id >= 4")
    deleted = run_cli("audit", "verify", "--lang", "en")
    assert deleted.code == 1 and "the newest records were deleted" in deleted.out
    refused = run_cli("check", "baidu", "--record", "--lang", "en")
    assert refused.code == 2 and "nothing was recorded: the head file does not match the database: it names record 5" in refused.err
    assert "zhisuan audit verify" in refused.err and not refused.out
    assert run_cli("audit", "verify").code == 1  # still seen
    with sqlite3.connect(db) as c:
        assert c.execute("SELECT max(id) FROM records").fetchone()[0] == 3
    db.with_name(db.name + ".head").write_text(f"3 {Store.reading(db).get(3).hash}\n", encoding="utf-8")  # the head moved back too
    moved = run_cli("check", "baidu", "--record", "--lang", "en")
    assert moved.code == 2 and "the store ends at record 3, but it gave ids up to 5" in moved.err
    with sqlite3.connect(db) as c:  # the last id given put back as well: then the store reads as honest, and ids go on
        c.execute("UPDATE meta SET value = '3' WHERE key = 'last_id'")
    _record("baidu")
    assert [r.id for r in Store.reading(db).records()] == [1, 2, 3, 4]


@pytest.mark.parametrize("kind", ["fifo", "link", "folder", "garbage", "ahead", "altered", "missing"])
def test_an_append_is_refused_when_the_head_does_not_hold(db, kind):
    _record("huawei", "baidu")
    head = db.with_name(db.name + ".head")
    text = head.read_text(encoding="utf-8")
    head.unlink()
    if kind == "fifo":
        os.mkfifo(head)
    elif kind == "link":
        head.symlink_to("/dev/zero")
    elif kind == "folder":
        head.mkdir()
    elif kind != "missing":
        head.write_text({"garbage": "x\n", "ahead": "3 " + "a" * 64 + "\n", "altered": "2 " + "b" * 64 + "\n"}[kind], encoding="utf-8")
    result = run_cli("check", "volcano", "--record", "--lang", "en")
    assert result.code == 2 and "nothing was recorded" in result.err and "Traceback" not in result.err, result.err
    with sqlite3.connect(db) as c:
        assert c.execute("SELECT count(*) FROM records").fetchone()[0] == 2
    assert text.startswith("2 ")


def _rehash_one(db, record_id: int, old: str, new: str) -> None:
    """Edit one record's body and recompute its own hash only: the next record still links to the old one."""
    with sqlite3.connect(db) as c:
        body, prev = c.execute("SELECT body, prev_hash FROM records WHERE id = ?", (record_id,)).fetchone()
        assert old in body
        body = body.replace(old, new, 1)
        c.execute("UPDATE records SET body = ?, hash = ? WHERE id = ?", (body, chain_hash(prev, body), record_id))


def test_a_record_edited_with_its_own_hash_recomputed_is_named_by_verify_and_flagged_by_show_and_report(db):
    _record("huawei", "baidu")
    _rehash_one(db, 1, '"partial"', '"core"')
    verify = run_cli("audit", "verify", "--lang", "en")
    assert verify.code == 1 and "record 1's hash no longer matches the link record 2 holds to it" in verify.out, verify.out
    report = run_cli("audit", "report", "1", "--lang", "en")
    assert report.code == 1 and "intact" not in report.out.split("## ")[0] and "⚠" in report.out
    assert "record 1's hash no longer matches the link record 2 holds to it" in report.out and "warning: record 1" in report.err
    for record_id in ("1", "2"):  # both ends of the broken link
        shown = run_cli("audit", "show", record_id, "--lang", "en")
        assert shown.code == 1 and "warning: record 1's hash no longer matches the link record 2" in shown.err, (record_id, shown.err)
        assert json.loads(run_cli("audit", "show", record_id, "--format", "json").out)["intact"] is False


def test_show_and_report_check_the_mark_with_the_key(db, tmp_path):
    key, other = tmp_path / "key", tmp_path / "other"
    key.write_text("the key", encoding="utf-8")
    other.write_text("another key", encoding="utf-8")
    _record("huawei", key=str(key))
    for command in ("show", "report", "replay"):
        assert run_cli("audit", command, "1", "--key-file", str(key)).code == 0, command
        wrong = run_cli("audit", command, "1", "--key-file", str(other), "--lang", "en")
        assert wrong.code == 1 and "record 1's mark does not match the key" in wrong.err, (command, wrong.err)


def test_a_missing_kept_rule_file_makes_show_and_report_warn_and_exit_1(db):
    _record("huawei", "baidu")
    with sqlite3.connect(db) as c:
        c.execute("DELETE FROM blobs WHERE rowid = (SELECT min(rowid) FROM blobs)")
    for command in ("show", "report"):
        result = run_cli("audit", command, "2", "--lang", "en")
        assert result.code == 1 and "warning: a rule file record 2 used is missing or was altered" in result.err, (command, result.err)
    assert "⚠" in run_cli("audit", "report", "2", "--lang", "en").out


def test_a_read_only_copy_whose_newest_record_is_still_in_the_wal_reads_whole(db, tmp_path, monkeypatch):
    import shutil

    _record("huawei")
    keeper = sqlite3.connect(db)  # a reader keeps the WAL from being checkpointed and removed when the writer closes
    keeper.execute("SELECT count(*) FROM records").fetchone()
    _record("baidu")
    wal = db.with_name(db.name + "-wal")
    assert wal.stat().st_size > 0
    copy = tmp_path / "copy"
    copy.mkdir()
    for suffix in ("", "-wal", ".head"):
        shutil.copy(db.with_name(db.name + suffix), copy / (db.name + suffix))
    keeper.close()
    before = {p.name: _digest(p) for p in copy.iterdir()}
    calls = _no_shm(monkeypatch)
    verify = run_cli("audit", "verify", "--db", str(copy / db.name), "--lang", "en")
    assert verify.code == 0 and "records: 2; the hash chain holds" in verify.out, verify.out
    listed = json.loads(run_cli("audit", "list", "--db", str(copy / db.name), "--format", "json").out)
    assert [r["id"] for r in listed] == [1, 2]
    assert run_cli("audit", "show", "2", "--db", str(copy / db.name)).code == 0
    assert {p.name: _digest(p) for p in copy.iterdir()} == before and any(c.endswith("?mode=ro") for c in calls)


def test_a_file_name_with_undecodable_bytes_is_recorded_escaped(db, tmp_path):
    from engine.decide.bundle import bundle_root

    odd = tmp_path / os.fsdecode(b"\xff\xfe.yaml")
    odd.write_bytes((bundle_root() / "profiles" / "vendors" / "huawei.yaml").read_bytes())
    recorded = run_cli("check", "--file", str(odd), "--record", "--lang", "en")
    assert recorded.code == 0 and "Traceback" not in recorded.err, recorded.err
    assert run_cli("audit", "verify").code == 0
    record = json.loads(run_cli("audit", "show", "1", "--format", "json").out)
    assert "\\xff\\xfe.yaml" in record["command"] and record["inputs"]["vendor_sources"]["huawei"]["file"].endswith("\\xff\\xfe.yaml")
    assert run_cli("audit", "report", "1").code == 0


def test_a_stored_body_holding_a_lone_surrogate_is_unreadable_and_verify_names_it(db):
    _record("huawei", "baidu")
    _rewrite(db, 2, '"command":"zhisuan check baidu', '"command":"zhisuan check \\ud800baidu')
    verify = run_cli("audit", "verify", "--lang", "en")
    assert verify.code == 1 and "record 2 is not a decision record this tool can read" in verify.out, verify.out
    for command in ("show", "report"):
        result = run_cli("audit", command, "2", "--lang", "en")
        assert result.code == 2 and "record 2 is not a decision record this tool can read" in result.err, result.err


def _replace_body(db, record_id: int, body: str) -> None:
    """Put `body` in place of a record's and recompute the chain from it and the head: only verify's reading sees it."""
    with sqlite3.connect(db) as c:
        c.execute("UPDATE records SET body = ? WHERE id = ?", (body, record_id))
    _rewrite(db, record_id, body[:1], body[:1])


@pytest.mark.parametrize("body", ["[" * 100_000, '{"a":' * 150 + "1" + "}" * 150, "not json"])
def test_a_body_nested_past_the_stack_or_unreadable_never_crashes_and_list_shows_the_others(db, body):
    _record("huawei", "baidu", "volcano")
    _replace_body(db, 2, body)
    verify = run_cli("audit", "verify", "--lang", "en")
    assert verify.code == 1 and "record 2 is not a decision record this tool can read" in verify.out, verify.out
    for command in (("show", "2"), ("report", "2"), ("replay", "2")):
        result = run_cli("audit", *command, "--lang", "en")
        assert result.code == 2 and "record 2 is not a decision record this tool can read" in result.err, (command, result.err)
    listed = run_cli("audit", "list", "--lang", "en")
    assert listed.code == 1 and "warning: not decision records this tool can read: 2" in listed.err, listed.err
    rows = [line.split()[0] for line in listed.out.splitlines()[1:]]
    assert rows == ["1", "2", "3"] and "not a decision record this tool can read" in listed.out
    data = json.loads(run_cli("audit", "list", "--vendor", "volcano", "--format", "json").out)
    assert [(r["id"], r.get("unreadable", False)) for r in data] == [(2, True), (3, False)]


def test_an_expected_head_in_a_broken_chain_is_not_said_to_be_extended(db):
    _record("huawei", "baidu", "volcano", "datacanvas", "huawei")
    head = _head(run_cli("audit", "verify").out)
    with sqlite3.connect(db) as c:  # a body edited, its hash left
        body = c.execute("SELECT body FROM records WHERE id = 3").fetchone()[0]
        c.execute("UPDATE records SET body = ? WHERE id = 3", (body.replace("zhisuan check", "zhisuan  check", 1),))
    result = run_cli("audit", "verify", "--expect-head", head, "--lang", "en")
    assert result.code == 1 and "record 3 does not match the chain" in result.out
    assert "the chain extends it" not in result.out and "record 5 is still there with the expected hash, but the chain does not hold" in result.out


def test_an_absent_store_named_by_db_or_zhisuan_db_fails_an_expected_head_and_is_a_usage_error_otherwise(db, tmp_path):
    head = "1:" + "a" * 64
    for named in (["--db", str(tmp_path / "gone.sqlite")], []):  # --db, then ZHISUAN_DB (the fixture's, never made)
        expected = run_cli("audit", "verify", *named, "--expect-head", head, "--lang", "en")
        assert expected.code == 1 and "no records database at" in expected.out and "record 1 was expected" in expected.out, expected
        plain = run_cli("audit", "verify", *named, "--lang", "en")
        assert plain.code == 2 and "no records database at" in plain.err
    assert not db.exists() and not (tmp_path / "gone.sqlite").exists()


@pytest.mark.parametrize("inserted", [0, -5])
def test_a_record_id_zhisuan_never_gives_is_named_as_such(db, inserted):
    _record("huawei")
    with sqlite3.connect(db) as c:
        c.execute("INSERT INTO records (id, body, prev_hash, hash) SELECT ?, body, prev_hash, hash FROM records WHERE id = 1", (inserted,))
    result = run_cli("audit", "verify", "--lang", "en")
    assert result.code == 1 and f"record {inserted} has an id zhisuan never gives" in result.out and "is missing" not in result.out
    shown = run_cli("audit", "show", "--lang", "en", "--", str(inserted))
    assert shown.code == 1 and f"record {inserted} has an id zhisuan never gives" in shown.err, shown.err


def test_an_append_with_another_key_is_refused_and_the_key_file_is_read_whole_or_refused(db, tmp_path):
    key, other = tmp_path / "key", tmp_path / "other"
    key.write_text("the key\n", encoding="utf-8")
    other.write_text("another key\n", encoding="utf-8")
    _record("huawei", key=str(key))
    wrong = run_cli("check", "baidu", "--record", "--key-file", str(other), "--lang", "en")
    assert wrong.code == 2 and "nothing was recorded: the newest record, 1, carries a mark this key does not make" in wrong.err
    _record("baidu", key=str(key))
    assert run_cli("audit", "verify", "--key-file", str(key)).code == 0
    folder = tmp_path / "folder"
    folder.mkdir()
    as_folder = run_cli("audit", "verify", "--key-file", str(folder), "--lang", "en")
    assert as_folder.code == 2 and "is a folder, not a key file" in as_folder.err and "YAML" not in as_folder.err
    long_key = tmp_path / "long"
    long_key.write_bytes(b"k" * 4096 + b"\n")  # the limit, a final newline aside: read whole
    assert run_cli("audit", "verify", "--key-file", str(long_key)).code == 1  # read, and not the store's key
    long_key.write_bytes(b"k" * 4097)
    too_long = run_cli("audit", "verify", "--key-file", str(long_key), "--lang", "en")
    assert too_long.code == 2 and "the key file is over 4096 bytes" in too_long.err, too_long.err

