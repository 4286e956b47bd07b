"""Decision records in SQLite: append-only, hash-chained, with the chain's head kept beside the file."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import LoadError, Location
from ..messages import M
from ..text import first_unsafe

SCHEMA_VERSION = 2  # 2: rule files kept content-addressed in `blobs`
GENESIS = "0" * 64
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS records (
    id INTEGER PRIMARY KEY,
    body TEXT NOT NULL,        -- canonical JSON: time, command, kind, versions, subjects, inputs, outcome
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL         -- sha256(prev_hash + body)
);
CREATE TABLE IF NOT EXISTS blobs (
    sha256 TEXT PRIMARY KEY,   -- sha256 of content: a rule file as a record used it
    content TEXT NOT NULL
);
"""


def default_path() -> Path:
    """ZHISUAN_DB, else the user's data directory (XDG_DATA_HOME or ~/.local/share)/zhisuan/records.sqlite."""
    if os.environ.get("ZHISUAN_DB"):
        return Path(os.environ["ZHISUAN_DB"])
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "zhisuan" / "records.sqlite"


_KEYS = {"time": str, "command": str, "kind": str, "rules_version": str, "tool_version": str, "subjects": list,
         "inputs": dict, "outcome": dict}


def _body(text: str) -> dict | None:
    """A record body parsed, or None when it is not one (not JSON, a key missing or of the wrong type, or a
    text holding a control or format character: zhisuan never writes one, engine.text)."""
    try:
        body = json.loads(text)
    except ValueError:
        return None
    if first_unsafe(text) is not None or ("\\u" in text and _holds_unsafe(body)):
        return None
    if not isinstance(body, dict) or any(not isinstance(body.get(k), t) for k, t in _KEYS.items()):
        return None
    files = body.setdefault("rule_files", [])  # schema 1 records keep none
    if not isinstance(files, list) or not all(isinstance(f, dict) and isinstance(f.get("sha256"), str) and isinstance(f.get("file"), str) for f in files):
        return None
    return body


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
    """One stored decision."""

    id: int
    body: dict
    prev_hash: str
    hash: str
    intact: bool = True  # its hash still matches its body and predecessor (verify checks the whole chain)


@dataclass(frozen=True)
class Verdict:
    """What `verify` found: the number of records and the first problem, if any."""

    records: int
    bad_id: int | None = None
    problem: str | None = None  # a catalogue key


class Store:
    """A records database; every write is one transaction that also moves the head file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.head_path = path.with_name(path.name + ".head")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, timeout=60, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.executescript(_SCHEMA)
            self._migrate()
        except (OSError, sqlite3.Error) as exc:
            raise LoadError(M("audit.cannot_open", reason=str(exc)), Location(str(path)), M("hint.audit_db")) from None

    def _migrate(self) -> None:
        row = self._db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row is not None and not str(row[0]).isdecimal():
            raise LoadError(M("audit.cannot_open", reason=f"schema_version {row[0]!r}"), Location(str(self.path)), M("hint.audit_db"))
        if row is None:
            self._db.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        elif int(row[0]) > SCHEMA_VERSION:
            raise LoadError(M("audit.newer_schema", found=row[0], known=SCHEMA_VERSION), Location(str(self.path)), M("hint.newer_schema"))
        elif int(row[0]) < SCHEMA_VERSION:  # 1 → 2: the blobs table, created above; older records keep no rule files
            self._db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION),))

    def append(self, body: dict, files: dict[str, str] | None = None) -> int:
        """Add a record (and `files`: content by sha256, kept once), then move the head file to it.

        Appends from all processes take turns.
        The head moves after the commit: a writer killed between the two leaves the head one
        record behind, which `verify` accepts (the record is committed and chained); a head
        ahead of the database means records were deleted.
        """
        text = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        with open(self.path.with_name(self.path.name + ".lock"), "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, even on SIGKILL
            self._db.execute("BEGIN IMMEDIATE")
            try:
                last = self._db.execute("SELECT id, hash FROM records ORDER BY id DESC LIMIT 1").fetchone()
                prev = last[1] if last else GENESIS
                digest = chain_hash(prev, text)
                self._db.executemany("INSERT OR IGNORE INTO blobs (sha256, content) VALUES (?, ?)", sorted((files or {}).items()))
                cursor = self._db.execute("INSERT INTO records (body, prev_hash, hash) VALUES (?, ?, ?)", (text, prev, digest))
                self._db.execute("COMMIT")
            except sqlite3.Error as exc:  # a read-only or full disk: one clear line, nothing half-written
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise LoadError(M("audit.cannot_write", reason=str(exc)), Location(str(self.path)), M("hint.audit_db")) from None
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._write_head(cursor.lastrowid, digest)
        return cursor.lastrowid

    def _write_head(self, record_id: int, digest: str) -> None:
        handle, temp = tempfile.mkstemp(prefix=".head-", dir=self.path.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as fh:
            fh.write(f"{record_id} {digest}\n")
        os.replace(temp, self.head_path)

    def records(self) -> list[Record]:
        """Every record, oldest first."""
        rows = self._db.execute("SELECT id, body, prev_hash, hash FROM records ORDER BY id").fetchall()
        return [self._record(*row) for row in rows]

    def get(self, record_id: int) -> Record | None:
        """One record, or None."""
        row = self._db.execute("SELECT id, body, prev_hash, hash FROM records WHERE id = ?", (record_id,)).fetchone()
        return self._record(*row) if row else None

    def _record(self, record_id: int, body: str, prev_hash: str, digest: str) -> Record:
        """A stored row as a Record; a body that is not a record's JSON object is an error naming it."""
        parsed = _body(body) if isinstance(body, str) else None
        if parsed is None:
            raise LoadError(M("audit.unreadable", id=record_id), Location(str(self.path)), M("hint.audit_verify"))
        return Record(record_id, parsed, prev_hash, digest, intact(body, prev_hash, digest))

    def blob(self, sha256: str) -> str | None:
        """A kept file's content by its sha256, or None."""
        row = self._db.execute("SELECT content FROM blobs WHERE sha256 = ?", (sha256,)).fetchone()
        return row[0] if row else None

    def verify(self) -> Verdict:
        """Recompute every hash and follow the chain to the head file; the first bad record, if any.

        A record's rule files must be there, each still matching the sha256 it is kept under.
        """
        rows = self._db.execute("SELECT id, body, prev_hash, hash FROM records ORDER BY id").fetchall()
        sound = {sha for sha, content in self._db.execute("SELECT sha256, content FROM blobs")
                 if isinstance(content, str) and hashlib.sha256(content.encode()).hexdigest() == sha}
        prev, expected_id = GENESIS, 1
        for record_id, body, prev_hash, digest in rows:
            if record_id != expected_id:
                return Verdict(len(rows), expected_id, "audit.missing")
            if not intact(body, prev_hash, digest) or prev_hash != prev:
                return Verdict(len(rows), record_id, "audit.altered")
            parsed = _body(body)  # a str: intact() above
            if parsed is None:
                return Verdict(len(rows), record_id, "audit.unreadable")
            if any(f["sha256"] not in sound for f in parsed["rule_files"]):
                return Verdict(len(rows), record_id, "audit.rule_file_altered")
            prev, expected_id = digest, expected_id + 1
        head = self._head()
        last = (rows[-1][0], rows[-1][3]) if rows else (0, GENESIS)
        if head is None and rows:
            return Verdict(len(rows), last[0], "audit.head_missing")
        interrupted = len(rows) > 1 and head == (rows[-2][0], rows[-2][3])  # killed after its commit
        if head is not None and head != last and not interrupted:
            return Verdict(len(rows), head[0] if head[0] > last[0] else last[0], "audit.head_mismatch")
        return Verdict(len(rows))

    def _head(self) -> tuple[int, str] | None:
        try:
            number, digest = self.head_path.read_text(encoding="utf-8").split()
            return int(number), digest
        except (OSError, ValueError):
            return None

    def integrity(self) -> str:
        """SQLite's own integrity check: `ok` when the file is sound."""
        return self._db.execute("PRAGMA integrity_check").fetchone()[0]

    def close(self) -> None:
        """Close the connection."""
        self._db.close()
