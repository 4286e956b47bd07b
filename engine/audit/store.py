"""Decision records in SQLite: append-only, hash-chained, with the chain's head kept beside the file."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import hmac
import json
import os
import re
import shutil
import sqlite3
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import LoadError, Location
from ..messages import M
from ..text import first_unsafe

SCHEMA_VERSION = 4  # 2: rule files kept content-addressed in `blobs`; 3: each record's keyed mark (`mac`); 4: meta's `last_id`
APPLICATION_ID = 0x7A687375  # "zhsu" in SQLite's header: a zhisuan records store, whatever its file name
GENESIS = "0" * 64
_TABLES = (
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE IF NOT EXISTS records (
    id INTEGER PRIMARY KEY,
    body TEXT NOT NULL,        -- canonical JSON: time, command, kind, versions, subjects, inputs, outcome
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,        -- sha256(prev_hash + body)
    mac TEXT                   -- HMAC-SHA256(key, id, prev_hash, hash) when recorded with a key, else NULL
)""",
    """CREATE TABLE IF NOT EXISTS blobs (
    sha256 TEXT PRIMARY KEY,   -- sha256 of content: a rule file as a record used it
    content TEXT NOT NULL
)""",
)
HEAD_MAX = 128  # bytes read of the head file at most: `ID HASH` is at most 20 + 1 + 64 + 1
_HEAD_LINE = re.compile(rb"(0|[1-9][0-9]{0,18}) ([0-9a-f]{64})\n?")
_MAGIC = b"SQLite format 3\x00"  # the first 16 bytes of every SQLite database file
_SIDE_FILES = ("-wal", "-shm", "-journal")  # what SQLite opens beside a database


def default_path() -> Path:
    """ZHISUAN_DB, else the user's data directory (XDG_DATA_HOME or ~/.local/share)/zhisuan/records.sqlite."""
    if os.environ.get("ZHISUAN_DB"):
        return Path(os.environ["ZHISUAN_DB"])
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "zhisuan" / "records.sqlite"


_KEYS = {"time": str, "command": str, "kind": str, "rules_version": str, "tool_version": str, "subjects": list,
         "inputs": dict, "outcome": dict}


MAX_DEPTH = 100  # a body nests about 10 deep; deeper is no record zhisuan wrote, and would exhaust Python's stack further on


def _body(text: str) -> dict | None:
    """A record body parsed, or None when it is not one (not JSON, nested deeper than MAX_DEPTH, a key missing
    or of the wrong type, or a text holding a control or format character or a lone surrogate: zhisuan never
    writes one, engine.text)."""
    try:
        body = json.loads(text)
    except (ValueError, RecursionError, MemoryError):  # not JSON; nested past Python's stack; too big to hold
        return None
    # a raw unsafe character shows in the text; an escaped one (\u202e, and \b, \f, \r too) only once parsed
    if first_unsafe(text) is not None or _too_deep(body) or ("\\" in text and _holds_unsafe(body)):
        return None
    if not isinstance(body, dict) or any(not isinstance(body.get(k), t) for k, t in _KEYS.items()):
        return None
    if not all(isinstance(s, str) for s in body["subjects"]):
        return None
    files = body.setdefault("rule_files", [])  # schema 1 records keep none
    if not isinstance(files, list) or not all(isinstance(f, dict) and isinstance(f.get("sha256"), str) and isinstance(f.get("file"), str) for f in files):
        return None
    return body


def _too_deep(value: object) -> bool:
    """True when lists and objects nest in `value` deeper than MAX_DEPTH (walked without recursion)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            return True
        inner = item.values() if isinstance(item, dict) else item if isinstance(item, list) else ()
        stack.extend((v, depth + 1) for v in inner if isinstance(v, (dict, list)))
    return False


def _holds_unsafe(value: object) -> bool:
    if isinstance(value, str):
        return first_unsafe(value) is not None
    if isinstance(value, dict):
        return any(_holds_unsafe(k) or _holds_unsafe(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_holds_unsafe(item) for item in value)
    return False


def intact(body: object, prev_hash: object, digest: object) -> bool:
    """True when a stored record's hash still matches its body and predecessor (stored types included)."""
    return all(isinstance(v, str) for v in (body, prev_hash, digest)) and chain_hash(prev_hash, body) == digest


def chain_hash(prev_hash: str, body: str) -> str:
    """The hash a record carries: over the previous record's hash and its own body."""
    return hashlib.sha256((prev_hash + body).encode()).hexdigest()


@dataclass(frozen=True)
class Record:
    """One stored decision; `problem` is what `Store.get` found wrong with it, if anything (verify checks the whole chain)."""

    id: int
    body: dict | None  # None: not a record this tool can read (Store.records lists it as such)
    prev_hash: str
    hash: str
    problem: tuple[str, int | None, dict] | None = None  # (catalogue key, the record it names, the message's other values)

    @property
    def intact(self) -> bool:
        """True when `Store.get` found nothing wrong: its hash, both its links, its mark and its kept rule files hold."""
        return self.problem is None


@dataclass(frozen=True)
class Verdict:
    """What `verify` found: the number of records, the first problem if any, and the head (id, hash)."""

    records: int
    bad_id: int | None = None
    problem: str | None = None  # a catalogue key
    head: tuple[int, str] | None = None  # the newest record, as `--expect-head ID:HASH` names it
    keyed: bool = False  # every record's mark was checked with the key
    detail: dict = field(default_factory=dict)  # the problem message's other values


def _refused(path: Path, key: str, record_id: int | None, detail: dict) -> LoadError:
    """The error of an append refused because the store's end does not hold, or the key is not the store's: nothing was recorded."""
    hint = M("hint.key") if key == "audit.wrong_key" else M("hint.append_refused")
    return LoadError(M("audit.append_refused", problem=M(key, id=record_id, **detail)), Location(str(path)), hint)


class HeadError(Exception):
    """The head file cannot be read as a head: its catalogue key and the message's values."""

    def __init__(self, key: str, **detail: str) -> None:
        super().__init__(key)
        self.key = key
        self.detail = detail


def record_mark(key: bytes, record_id: int, prev_hash: str, digest: str) -> str:
    """The keyed mark of a record's link: HMAC-SHA256 over its id, its predecessor's hash and its own."""
    return hmac.new(key, f"{record_id}\n{prev_hash}\n{digest}".encode(), hashlib.sha256).hexdigest()


class Store:
    """A records database; every write is one transaction that also moves the head file.

    `Store(path)` opens it for writing (created with its first record; another application's
    database is refused, never touched); `Store.reading(path)` opens it read-only (a copy on
    read-only media included) and changes nothing, not even the journal mode.
    """

    def __init__(self, path: Path, key: bytes | None = None, readonly: bool = False) -> None:
        self.path = path
        self.head_path = path.with_name(path.name + ".head")
        self.key = key
        self.readonly = readonly
        self._private: str | None = None  # a private copy's folder, read instead of read-only media (see _open_readonly)
        try:
            _refuse_special(path, readonly)  # before SQLite opens anything: a FIFO would hang it, /dev/null grow a journal
            if readonly:
                self._db, self._private = _open_readonly(path)
                try:
                    self._columns = _recognised(self._db, path)
                    if self._columns:
                        self._schema_version()
                except BaseException:
                    self.close()
                    raise
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                self._db = sqlite3.connect(path, timeout=60, isolation_level=None)
                self._open_for_writing()
        except sqlite3.Error as exc:
            raise LoadError(M("audit.cannot_open", reason=str(exc)), Location(str(path)), M("hint.audit_db")) from None
        except OSError as exc:
            raise LoadError(M("audit.cannot_open", reason=exc.strerror or str(exc)), Location(str(path)), M("hint.audit_db")) from None

    def _open_for_writing(self) -> None:
        """Recognise, create or migrate the store in one transaction, then put it in WAL mode.

        Writers take turns (BEGIN IMMEDIATE) before looking at the file, so two first writers
        never both create it, and a second one finds the store the first made, whole. Nothing is
        changed (not even the journal mode) before the file is known to be a zhisuan store of a
        schema this tool knows; another file is left as it was.
        """
        self._db.execute("BEGIN IMMEDIATE")
        try:
            self._columns = _recognised(self._db, self.path)
            if not self._columns:  # a new store: schema 0, brought to this one below
                for statement in _TABLES:
                    self._db.execute(statement)
                self._db.execute("INSERT INTO meta VALUES ('schema_version', '0')")
                self._columns = _recognised(self._db, self.path) or {r[1] for r in self._db.execute("PRAGMA table_info(records)")}
            self._migrate(self._schema_version())
            self._db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            self._db.execute("COMMIT")
        except BaseException:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            self._db.close()
            raise
        self._columns = _recognised(self._db, self.path)
        if self._db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            self._db.execute("PRAGMA journal_mode=WAL")

    @classmethod
    def reading(cls, path: Path, key: bytes | None = None) -> "Store":
        """The store at `path`, opened read-only."""
        return cls(path, key, readonly=True)

    def _schema_version(self) -> int:
        """The store's schema version, refused when it is missing, not a number, or newer than this tool's."""
        row = self._db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row is None or not str(row[0]).isdecimal():
            found = "missing" if row is None else repr(row[0])
            raise LoadError(M("audit.meta_damaged", key="schema_version", value=found), Location(str(self.path)), M("hint.damaged_store"))
        if int(row[0]) > SCHEMA_VERSION:
            raise LoadError(M("audit.newer_schema", found=row[0], known=SCHEMA_VERSION), Location(str(self.path)), M("hint.newer_schema"))
        return int(row[0])

    def _migrate(self, version: int) -> None:
        """Bring an older (or new, schema 0) store to this schema, inside the opening transaction: 1 → 2 adds the
        blobs table (older records keep no rule files), 2 → 3 each record's keyed mark."""
        if version >= SCHEMA_VERSION:
            return
        self._db.execute(_TABLES[2])
        if "mac" not in self._columns:
            self._db.execute("ALTER TABLE records ADD COLUMN mac TEXT")
        # 3 → 4: the last id given, so that no id is given twice (records deleted at the end stay seen)
        self._db.execute("INSERT OR IGNORE INTO meta SELECT 'last_id', coalesce(max(id), 0) FROM records")
        self._db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION),))

    def _given(self) -> int | None:
        """The last id the store gave (meta's `last_id`), or None in a store made before it was kept."""
        row = self._db.execute("SELECT value FROM meta WHERE key = 'last_id'").fetchone() if self._columns else None
        if row is not None and not str(row[0]).isdecimal():
            raise LoadError(M("audit.meta_damaged", key="last_id", value=repr(row[0])), Location(str(self.path)), M("hint.damaged_store"))
        return None if row is None else int(row[0])

    def append(self, body: dict, files: dict[str, str] | None = None) -> int:
        """Add a record (and `files`: content by sha256, kept once), then move the head file to it.

        Appends from all processes take turns. Before writing, the store's end is checked: the
        head file must name a record the store still holds with that hash (or the chain's start),
        the chain from it to the newest record must hold, and no id may have been given beyond the
        newest record; otherwise nothing is recorded (an honest append never hides a deletion).
        Ids are never given twice. With a key, the record carries its keyed mark. The head moves
        after the commit: a writer killed between the two, or a head write that failed, leaves the
        head behind, which the next append or verify moves on.
        """
        text = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        with self._lock():
            try:
                head = self._head()
            except HeadError as exc:
                raise _refused(self.path, exc.key, None, exc.detail) from None
            self._db.execute("BEGIN IMMEDIATE")
            try:
                given = self._given()
                newest = self._db.execute("SELECT id, hash FROM records ORDER BY id DESC LIMIT 1").fetchone()
                problem = self._end_problem(head, newest, given)
                if problem is None and head is not None and newest is not None and head[0] < newest[0]:
                    problem = self._walk(self._rows("WHERE id > ?", (head[0],)), head[1], head[0] + 1)
                if problem is None and self.key is not None and newest is not None:
                    problem = self._wrong_key(newest[0])
                if problem is not None:
                    raise _refused(self.path, *problem)
                if head is None and newest is None:  # the chain's start, written before its first record
                    self._write_head(0, GENESIS, before=True)
                prev = newest[1] if newest else GENESIS
                record_id = max(given or 0, newest[0] if newest else 0) + 1
                digest = chain_hash(prev, text)
                mark = record_mark(self.key, record_id, prev, digest) if self.key else None
                self._db.executemany("INSERT OR IGNORE INTO blobs (sha256, content) VALUES (?, ?)", sorted((files or {}).items()))
                self._db.execute("INSERT INTO records (id, body, prev_hash, hash, mac) VALUES (?, ?, ?, ?, ?)",
                                 (record_id, text, prev, digest, mark))
                self._db.execute("INSERT OR REPLACE INTO meta VALUES ('last_id', ?)", (str(record_id),))
                self._db.execute("COMMIT")
            except sqlite3.Error as exc:  # a read-only or full disk: one clear line, nothing half-written
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise LoadError(M("audit.cannot_write", reason=str(exc)), Location(str(self.path)), M("hint.audit_db")) from None
            except BaseException:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise
            self._write_head(record_id, digest)
        return record_id

    def _end_problem(self, head: tuple[int, str] | None, newest: tuple | None, given: int | None) -> tuple | None:
        """What is wrong at the store's end, as (catalogue key, record id, values), or None.

        The newest record must be the last id the store gave (fewer: the newest were deleted; more: a
        record was added outside zhisuan); the head file must be there once the store holds two records,
        and must name the chain's start or a record the store still holds with that hash. A head behind
        the newest record is no problem here: the chain from it to the newest is checked by the caller.
        """
        newest_id = newest[0] if newest else 0
        if head is not None and head[0] > newest_id:
            return ("audit.head_mismatch", newest_id, {"head": head[0]})
        if given is not None and given > newest_id:
            return ("audit.tail_deleted" if newest_id else "audit.all_deleted", newest_id, {"given": given})
        if given is not None and given < newest_id:
            return ("audit.not_given", newest_id, {"given": given})
        if head is None:
            return ("audit.head_missing", newest_id, {}) if newest_id > 1 else None  # one record: its head write was cut short
        if head[0] == 0:
            return None if head[1] == GENESIS else ("audit.head_malformed", None, {"head": str(self.head_path)})
        return None if self.hash_of(head[0]) == head[1] else ("audit.head_altered", head[0], {})

    def _walk(self, rows: list[tuple], prev: str, expected_id: int, sound: set[str] | None = None) -> tuple | None:
        """The first problem of `rows` (oldest first) as the chain going on from hash `prev` at id `expected_id`,
        as (catalogue key, record id, values), or None. With `sound` (the kept files that still match their
        sha256), every record's body must read and its rule files be kept; with a key, every mark must match."""
        for record_id, body, prev_hash, digest, mark in rows:
            if record_id < expected_id:  # 0, a negative id, or (in a walk from the head) one below it: inserted
                return ("audit.unexpected_id", record_id, {})
            if record_id > expected_id:
                return ("audit.missing", expected_id, {})
            if not intact(body, prev_hash, digest) or (prev_hash != prev and record_id == 1):
                return ("audit.altered", record_id, {})
            if prev_hash != prev:  # both hashes match their content: the record before was changed and rehashed, or this link
                return ("audit.relinked", record_id - 1, {"next": record_id})
            if sound is not None:
                marked = self._mark_problem((record_id, body, prev_hash, digest, mark))
                if marked is not None:
                    return marked
                parsed = _body(body)  # a str: intact() above
                if parsed is None:
                    return ("audit.unreadable", record_id, {})
                if any(f["sha256"] not in sound for f in parsed["rule_files"]):
                    return ("audit.rule_file_altered", record_id, {})
            prev, expected_id = digest, expected_id + 1
        return None

    @contextlib.contextmanager
    def _lock(self):
        """Take turns with every other writer on `records.sqlite.lock` (released when it closes, even on SIGKILL).

        The lock file is opened without following a link or waiting on a pipe, and must be a regular file.
        """
        lock = self.path.with_name(self.path.name + ".lock")
        try:
            fd = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, 0o666)
        except OSError as exc:
            if exc.errno in (errno.ELOOP, errno.ENXIO, errno.EISDIR):
                raise LoadError(M("audit.not_regular"), Location(str(lock)), M("hint.audit_db_path")) from None
            raise LoadError(M("audit.cannot_write", reason=exc.strerror or str(exc)), Location(str(lock)), M("hint.audit_db")) from None
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise LoadError(M("audit.not_regular"), Location(str(lock)), M("hint.audit_db_path"))
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)

    def _write_head(self, record_id: int, digest: str, before: bool = False) -> None:
        """Move the head file to this record: a temp file beside it, renamed; its mode follows the database's.

        A failure (a full disk) leaves no temp file and is one clear line: the record is committed,
        the head stays behind (what verify accepts after an interrupted write), and the next
        append or verify moves it. `before`: the chain's start, written before the first record;
        failing, nothing is recorded.
        """
        temp = None
        try:
            handle, temp = tempfile.mkstemp(prefix=".head-", dir=self.path.parent)
            with os.fdopen(handle, "w", encoding="utf-8") as fh:
                fh.write(f"{record_id} {digest}\n")
            os.chmod(temp, stat.S_IMODE(self.path.stat().st_mode) & 0o666)
            os.replace(temp, self.head_path)
            temp = None
        except OSError as exc:
            if before:
                raise _refused(self.path, "audit.head_cannot_write", None, {"reason": exc.strerror or str(exc)}) from None
            full = exc.errno in (errno.ENOSPC, errno.EDQUOT)
            raise LoadError(M("audit.head_not_written", id=record_id, reason=exc.strerror or str(exc)), Location(str(self.head_path)),
                            M("hint.head_not_written" if full else "hint.head_not_written_other")) from None
        finally:
            if temp is not None and os.path.exists(temp):
                os.unlink(temp)

    @property
    def empty(self) -> bool:
        """True when the file holds no store yet (an empty file, or an empty SQLite database): no records."""
        return not self._columns

    def _rows(self, where: str = "", args: tuple = ()) -> list[tuple]:
        if not self._columns:
            return []
        mark = "mac" if "mac" in self._columns else "NULL"
        return self._db.execute(f"SELECT id, body, prev_hash, hash, {mark} FROM records {where} ORDER BY id", args).fetchall()

    def records(self) -> list[Record]:
        """Every record, oldest first; one that does not read has no body (its problem says so). Their
        integrity is not checked here (verify checks the chain; get one record)."""
        return [self._record(*row[:4], strict=False) for row in self._rows()]

    def get(self, record_id: int) -> Record | None:
        """One record, checked against its neighbours, or None (an id beyond SQLite's integers included).

        Its `problem` is the first of: its hash no longer matches its body; its link is not the hash
        of the record before it (or of the chain's start), or that record is gone; the record after
        it links to another hash; with a key, its mark is missing or wrong; a rule file it used is
        missing or no longer matches its sha256.
        """
        if not -2**63 <= record_id < 2**63:
            return None
        rows = {row[0]: row for row in self._rows("WHERE id BETWEEN ? AND ?", (max(record_id - 1, -2**63), min(record_id + 1, 2**63 - 1)))}
        if record_id not in rows:
            return None
        row = rows[record_id]
        record = self._record(*row[:4])
        problem = self._neighbours(row, rows.get(record_id - 1), rows.get(record_id + 1)) or self._files_problem(record)
        return Record(record.id, record.body, record.prev_hash, record.hash, problem)

    def _neighbours(self, row: tuple, before: tuple | None, after: tuple | None) -> tuple | None:
        """What is wrong with a record's hash, links or mark, as (catalogue key, record id, values), or None."""
        record_id, body, prev_hash, digest, mark = row
        if record_id < 1:
            return ("audit.unexpected_id", record_id, {})
        if not intact(body, prev_hash, digest):
            return ("audit.hash_mismatch", record_id, {})
        if record_id == 1 and prev_hash != GENESIS:
            return ("audit.altered", record_id, {})
        if record_id > 1 and before is None:
            return ("audit.missing", record_id - 1, {})
        if record_id > 1 and prev_hash != before[3]:
            return ("audit.relinked", record_id - 1, {"next": record_id})
        if after is not None and after[2] != digest:
            return ("audit.relinked", record_id, {"next": record_id + 1})
        return self._mark_problem(row)

    def _wrong_key(self, newest_id: int) -> tuple | None:
        """Before appending with a key: the newest record, when it carries a mark, must carry this key's (another
        key's chain is never extended); as a problem, else None. An unmarked newest record says nothing of the key."""
        row = self._rows("WHERE id = ?", (newest_id,))[0]
        return ("audit.wrong_key", newest_id, {}) if row[4] is not None and self._mark_problem(row) else None

    def _mark_problem(self, row: tuple) -> tuple | None:
        """With a key, a record whose mark is missing or is not the one the key makes, as a problem; else None."""
        record_id, _, prev_hash, digest, mark = row
        if self.key is None or (isinstance(mark, str) and hmac.compare_digest(mark, record_mark(self.key, record_id, prev_hash, digest))):
            return None
        return ("audit.unmarked" if mark is None else "audit.bad_mark", record_id, {})

    def _files_problem(self, record: Record) -> tuple | None:
        """A record whose rule files are not all kept, each matching its sha256, as a problem; else None."""
        for kept in record.body["rule_files"]:
            text = self.blob(kept["sha256"])
            if not isinstance(text, str) or hashlib.sha256(text.encode()).hexdigest() != kept["sha256"]:
                return ("audit.rule_file_altered", record.id, {})
        return None

    def _record(self, record_id: int, body: str, prev_hash: str, digest: str, strict: bool = True) -> Record:
        """A stored row as a Record; one that is not a record (its body not a record's JSON object, a hash not
        text) is an error naming it, or (not `strict`) a Record without a body whose problem says so."""
        readable = isinstance(prev_hash, str) and isinstance(digest, str)
        parsed = _body(body) if readable and isinstance(body, str) else None
        if parsed is None and strict:
            raise LoadError(M("audit.unreadable", id=record_id), Location(str(self.path)), M("hint.audit_verify"))
        if parsed is None:
            return Record(record_id, None, "", "", ("audit.unreadable", record_id, {}))
        return Record(record_id, parsed, prev_hash, digest)

    def hash_of(self, record_id: int) -> object:
        """The hash stored with a record, as stored (None: no such record)."""
        if not self._columns or not -2**63 <= record_id < 2**63:
            return None
        row = self._db.execute("SELECT hash FROM records WHERE id = ?", (record_id,)).fetchone()
        return row[0] if row else None

    def blob(self, sha256: str) -> str | None:
        """A kept file's content by its sha256, or None."""
        if "blobs" not in self._tables():
            return None
        row = self._db.execute("SELECT content FROM blobs WHERE sha256 = ?", (sha256,)).fetchone()
        return row[0] if row else None

    def _tables(self) -> set[str]:
        return {r[0] for r in self._db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}

    def verify(self) -> Verdict:
        """Recompute every hash and follow the chain to its end and the head file; the first problem, if any.

        A record's rule files must be there, each still matching the sha256 it is kept under.
        With a key, every record must carry the mark only the key makes. The newest record must
        be the last id the store gave. A head behind the newest record (a writer stopped between
        its commit and the head, or head writes that failed) is accepted, the whole chain being
        verified, and, where the folder can be written, moved to the newest record.
        """
        try:
            head, head_error = self._head(), None  # read before the records: a head another writer moves later is behind them
        except HeadError as exc:
            head, head_error = None, exc
        self._db.execute("BEGIN")  # one snapshot of the records, the kept files and the meta
        try:
            rows = self._rows()
            blobs = self._db.execute("SELECT sha256, content FROM blobs").fetchall() if "blobs" in self._tables() else []
            given = self._given()
            sound = {sha for sha, content in blobs if isinstance(content, str) and hashlib.sha256(content.encode()).hexdigest() == sha}
            keyed = self.key is not None
            newest = (rows[-1][0], rows[-1][3]) if rows else None
            problem = self._walk(rows, GENESIS, 1, sound)
            if problem is None and head_error is not None:
                problem = (head_error.key, None, head_error.detail)
            problem = problem or self._end_problem(head, newest, given)
        finally:
            self._db.execute("COMMIT")
        if problem is not None:
            key, bad_id, detail = problem
            return Verdict(len(rows), bad_id, key, newest, keyed, detail)
        if newest is not None and head != newest:  # behind: move the head on (never the database)
            self._move_head(head, newest)
        return Verdict(len(rows), head=newest, keyed=keyed)

    def _move_head(self, seen: tuple[int, str] | None, newest: tuple[int, str]) -> None:
        """Move a head found behind to the newest record, unless another writer moved it meanwhile; read-only
        media or a full disk leave it for the next append or verify."""
        try:
            with self._lock():
                if self._head() == seen:
                    self._write_head(*newest)
        except (LoadError, HeadError):
            pass

    def _head(self) -> tuple[int, str] | None:
        """The head file's (id, hash), or None when there is none; a HeadError when it is not a regular file
        (a link, folder, pipe or device), cannot be read, or holds anything but `ID HASH`.

        It is opened without following a link or waiting on a pipe, and at most HEAD_MAX bytes are read.
        """
        try:
            fd = os.open(self.head_path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
        except FileNotFoundError:
            return None
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise HeadError("audit.head_not_regular", head=str(self.head_path)) from None
            raise HeadError("audit.head_unreadable", head=str(self.head_path), reason=exc.strerror or str(exc)) from None
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise HeadError("audit.head_not_regular", head=str(self.head_path))
            data = os.read(fd, HEAD_MAX + 1)
        except OSError as exc:
            raise HeadError("audit.head_unreadable", head=str(self.head_path), reason=exc.strerror or str(exc)) from None
        finally:
            os.close(fd)
        found = _HEAD_LINE.fullmatch(data)
        if found is None:
            raise HeadError("audit.head_malformed", head=str(self.head_path))
        return int(found[1]), found[2].decode("ascii")

    def integrity(self) -> str:
        """SQLite's own integrity check: `ok` when the file is sound."""
        return self._db.execute("PRAGMA integrity_check").fetchone()[0]

    def close(self) -> None:
        """Close the connection (and remove the private copy read instead of read-only media, if any)."""
        self._db.close()
        if self._private is not None:
            shutil.rmtree(self._private, ignore_errors=True)


def _refuse_special(path: Path, readonly: bool) -> None:
    """Refuse, before SQLite opens it, what cannot be a records store: a folder, pipe, device or socket (at the path
    or where SQLite keeps its -wal, -shm or -journal), a file that is not SQLite, or one that carries another
    application's id or version in its header. A missing file is left for the caller; an empty one is a new store."""
    for where in (path, *(path.with_name(path.name + s) for s in _SIDE_FILES)):
        try:
            info = os.stat(where) if where == path else os.lstat(where)
        except FileNotFoundError:
            continue
        if not stat.S_ISREG(info.st_mode):
            raise LoadError(M("audit.not_regular"), Location(str(where)), M("hint.audit_db_path"))
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        if readonly:
            raise LoadError(M("audit.no_database", path=str(path)), hint=M("hint.audit_db_path")) from None
        return
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # replaced since the stat above
            raise LoadError(M("audit.not_regular"), Location(str(path)), M("hint.audit_db_path"))
        header = os.read(fd, 100)
    finally:
        os.close(fd)
    if not header:
        return
    user_version, application = int.from_bytes(header[60:64], "big"), int.from_bytes(header[68:72], "big")
    if len(header) < 100 or not header.startswith(_MAGIC) or (application != APPLICATION_ID and (application or user_version)):
        raise LoadError(M("audit.foreign_database"), Location(str(path)), M("hint.foreign_database"))


def _open_readonly(path: Path) -> tuple[sqlite3.Connection, str | None]:
    """A read-only connection, and the private folder it reads from if any.

    `mode=ro` where it opens; on read-only media (where a WAL reader cannot make its -shm file)
    `immutable=1`, which reads the database file alone, so only when there is no -wal holding
    committed records not yet checkpointed into it; with one, a private copy of both files is
    read instead (in a temporary folder, removed on close), never the file alone.
    """
    uri = path.resolve().as_uri()
    try:
        db = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=60, isolation_level=None)
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return db, None
    except sqlite3.OperationalError:
        pass
    wal = path.with_name(path.name + "-wal")
    if not wal.exists() or wal.stat().st_size == 0:
        return sqlite3.connect(f"{uri}?immutable=1", uri=True, timeout=60, isolation_level=None), None
    folder = tempfile.mkdtemp(prefix="zhisuan-readonly-")
    try:
        copy = Path(folder) / "records.sqlite"
        shutil.copyfile(path, copy)
        shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
        return sqlite3.connect(copy, timeout=60, isolation_level=None), folder
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


_COLUMNS = {"id", "body", "prev_hash", "hash"}


def _recognised(db: sqlite3.Connection, path: Path) -> set[str]:
    """The records table's columns when the file is a zhisuan store; an empty set when it holds no store yet
    (an empty database, or the tables an older zhisuan made before it was stopped, nothing in them).

    A zhisuan store carries its application_id (or, made before it did, exactly its tables and its meta);
    a database with another id, a user_version, or any other table, view, index or trigger is another
    application's, refused and left as it was.
    """
    application = db.execute("PRAGMA application_id").fetchone()[0]
    user_version = db.execute("PRAGMA user_version").fetchone()[0]
    if application != APPLICATION_ID and (application or user_version):
        raise LoadError(M("audit.foreign_database"), Location(str(path)), M("hint.foreign_database"))
    objects = [(kind, name) for kind, name in db.execute("SELECT type, name FROM sqlite_master") if not name.startswith("sqlite_")]
    if not objects:
        return set()
    tables = {name for kind, name in objects if kind == "table"}
    columns = {r[1] for r in db.execute("PRAGMA table_info(records)")} if "records" in tables else set()
    shaped = {"meta", "records"} <= tables and _COLUMNS <= columns
    if application == APPLICATION_ID:
        if not shaped:
            raise LoadError(M("audit.tables_missing"), Location(str(path)), M("hint.damaged_store"))
        return columns
    if len(tables) == len(objects) and tables <= {"meta", "records", "blobs"} and shaped:
        meta = {r[0] for r in db.execute("SELECT key FROM meta")}
        if "schema_version" in meta:
            return columns  # made before the store carried its id
        if not meta and db.execute("SELECT count(*) FROM records").fetchone()[0] == 0:
            return set()
    raise LoadError(M("audit.foreign_database"), Location(str(path)), M("hint.foreign_database"))
