"""A record forged in the store never crashes a reading command, whatever value it holds where.

The chain of a one-record store is recomputed after any one value of its body (a string, a number,
a flag, a list) is replaced by a value of another kind or meaning ("D9" for a dimension, None for a
rule's points, -1, a list): verify cannot tell, so show, report and replay must either read the
record as it is or say it is not one they can read (exit 2), never fail inside (exit 3).
"""

from __future__ import annotations

import json
import sqlite3

from hypothesis import given
from hypothesis import strategies as st

from engine.audit.store import GENESIS, chain_hash

from ..conftest import run_cli
from .test_hostile_text import SETTINGS

BAD_VALUES = ["D9", "x", "", -1, 10**30, 1e300, None, True, [], {}, ["x"], {"x": 1}]
COMMANDS = [("audit", "show", "1"), ("audit", "show", "1", "--format", "json"), ("audit", "report", "1"),
            ("audit", "report", "1", "--format", "html"), ("audit", "replay", "1"), ("audit", "list")]
STORES: dict[str, tuple] = {}


def _leaf_paths(value, path=()) -> list[tuple]:
    if isinstance(value, dict):
        return [p for key, item in value.items() for p in _leaf_paths(item, path + (key,))]
    if isinstance(value, list):
        return [p for i, item in enumerate(value) for p in _leaf_paths(item, path + (i,))]
    return [path]


def _store(tmp_path_factory, kind: str) -> tuple:
    """A one-record store of a ranking or a classification, its body, and the path of every value in it."""
    if kind not in STORES:
        db = tmp_path_factory.mktemp(kind) / "r.sqlite"
        args = ("rank", "dongguan-factory-smb", "--draws", "0", "--assessment-draws", "20") if kind == "rank" else ("check", "huawei", "baidu")
        assert run_cli(*args, "--record", "--db", str(db)).code == 0
        with sqlite3.connect(db) as c:
            body = c.execute("SELECT body FROM records WHERE id = 1").fetchone()[0]
        STORES[kind] = (db, body, _leaf_paths(json.loads(body)))
    return STORES[kind]


@SETTINGS
@given(data=st.data(), kind=st.sampled_from(["rank", "check"]), bad=st.sampled_from(BAD_VALUES))
def test_a_record_with_any_value_forged_is_read_or_refused_never_a_crash(tmp_path_factory, data, kind, bad):
    db, body, paths = _store(tmp_path_factory, kind)
    path = data.draw(st.sampled_from(paths))
    forged = json.loads(body)
    node = forged
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = bad
    text = json.dumps(forged, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    with sqlite3.connect(db) as c:
        c.execute("UPDATE records SET body = ?, hash = ? WHERE id = 1", (text, chain_hash(GENESIS, text)))
    try:
        for command in COMMANDS:
            result = run_cli(*command, "--db", str(db))
            assert result.code in (0, 1, 2) and "Traceback" not in result.err, (path, bad, command, result.err[:300])
    finally:
        with sqlite3.connect(db) as c:
            c.execute("UPDATE records SET body = ?, hash = ? WHERE id = 1", (body, chain_hash(GENESIS, body)))
