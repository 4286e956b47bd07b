"""Batch `check`: vendor records from JSON Lines or a folder, evaluated in worker processes, in input order."""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import LoadError, Location, ZhisuanError
from ..messages import M

__all__ = ["Outcome", "Record", "default_workers", "dir_records", "evaluate_all", "jsonl_records", "rules_version"]

WINDOW_PER_WORKER = 256  # records in flight per worker: bounds memory, keeps every worker busy
CHUNK = 64


@dataclass(frozen=True)
class Record:
    """One input record: a JSON line (`raw` set) or a vendor YAML file (`path` set)."""

    display: str
    number: int | None
    raw: bytes | None = None
    path: Path | None = None

    @property
    def where(self) -> Location:
        """file:line (or just the file)."""
        return Location(self.display, self.number)


@dataclass(frozen=True)
class Outcome:
    """What became of one record: a decision (and its JSON line when asked), or the errors."""

    where: Location
    vendor_id: str | None = None
    track: str | None = None
    decision: object = None  # VendorDecision, kept only when the output needs the objects
    line: str | None = None
    errors: tuple[str, ...] = ()


def jsonl_records(path: Path, display: str) -> Iterator[Record]:
    """The records of a JSON Lines file (`-`: standard input), lazily."""
    from ..loader.jsonl_source import lines

    for number, raw in lines(path, display):
        yield Record(display, number, raw=raw)


def dir_records(folder: Path, display: str) -> list[Record]:
    """Every `*.yaml` vendor file in `folder`, by name."""
    if not folder.is_dir():
        raise LoadError(M("load.not_a_folder"), Location(display), M("hint.check_path"))
    records = [Record(str(Path(display) / p.name), None, path=p) for p in sorted(folder.glob("*.yaml"))]
    if not records:  # an empty table would read as "checked, nothing to report"
        raise LoadError(M("load.no_vendor_files"), Location(display), M("hint.vendor_files"))
    return records


_STATE: dict = {}


def _start(rules_dir: Path | None, explain: str, lang: str, as_lines: bool) -> None:
    """Per worker: load the rules once (a forked worker inherits them already loaded)."""
    if _STATE.get("key") != (rules_dir, explain, lang, as_lines):
        from .knowledge import load_rule_base

        _STATE.update(key=(rules_dir, explain, lang, as_lines), base=load_rule_base(rules_dir))


def _evaluate(record: Record) -> Outcome:
    from ..json_text import dumps_line
    from ..loader.jsonl_source import parse_record
    from ..loader.validate import validate
    from ..loader.yaml_source import load
    from ..model.vendor import Vendor
    from .check import decide

    _, explain, lang, as_lines = _STATE["key"]
    try:
        doc = load(record.path, record.display) if record.path else parse_record(record.raw, record.display, record.number)
        decision = decide(_STATE["base"], validate(Vendor, doc), explain)
    except ZhisuanError as exc:
        return Outcome(record.where, errors=tuple(exc.render(lang).split("\nzhisuan: ")))
    if as_lines:
        line = dumps_line({"input": str(record.where), **decision.model_dump(mode="json")})
        return Outcome(record.where, decision.id, decision.track, line=line)
    return Outcome(record.where, decision.id, decision.track, decision=decision)


def evaluate_all(
    records: Iterable[Record], rules_dir: Path | None, explain: str, lang: str, as_lines: bool, workers: int
) -> Iterator[Outcome]:
    """Every record's outcome, in input order; a vendor id seen before is an error at its second record."""
    seen: dict[str, str] = {}  # vendor id → where it was first seen
    for outcome in _outcomes(records, rules_dir, explain, lang, as_lines, workers):
        if not outcome.errors and outcome.vendor_id in seen:
            taken = M("load.vendor_id_taken", id=repr(outcome.vendor_id), other=seen[outcome.vendor_id])
            outcome = Outcome(outcome.where, errors=(LoadError(taken, outcome.where).render(lang),))
        elif not outcome.errors:
            seen[outcome.vendor_id] = str(outcome.where)
        yield outcome


def _outcomes(
    records: Iterable[Record], rules_dir: Path | None, explain: str, lang: str, as_lines: bool, workers: int
) -> Iterator[Outcome]:
    """Every record's outcome, in input order, from `workers` processes (1: this process)."""
    _start(rules_dir, explain, lang, as_lines)
    if workers <= 1:
        yield from map(_evaluate, records)
        return
    # fork where there is one: workers inherit the compiled rules; durable starts fresh in each.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    # Records are read here, in this thread (a read error surfaces as usual), and sent in
    # chunks; at most `ahead` chunks are in flight, so memory does not grow with the input.
    ahead = workers * WINDOW_PER_WORKER // CHUNK
    with context.Pool(workers, _start, (rules_dir, explain, lang, as_lines)) as pool:
        pending: deque = deque()
        for chunk in _chunks(records, CHUNK):
            pending.append(pool.apply_async(_evaluate_chunk, (chunk,)))
            if len(pending) >= ahead:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


def _evaluate_chunk(chunk: list[Record]) -> list[Outcome]:
    return [_evaluate(record) for record in chunk]


def _chunks(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    chunk: list[Record] = []
    for record in records:
        chunk.append(record)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def rules_version() -> str:
    """The version of the rules the batch runs (loaded by `evaluate_all`)."""
    return _STATE["base"].version


def default_workers() -> int:
    """The machine's cores available to this process."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)
