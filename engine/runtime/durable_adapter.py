"""The only module that talks to durable_rules: one Host, one lock, one session per call."""

from __future__ import annotations

import itertools
import sys
import threading
from copy import deepcopy
from typing import Any

from ..compile.durable_form import LIST_SENTINEL, MARKER
from ..errors import EngineUnavailableError, EvaluationError

CATCH_ALL = "zs_catch_all"
# Kept equal to pyproject.toml's pin by a test. CPPFLAGS, not CFLAGS: durable's setup.py
# overwrites CFLAGS; the define maps the call Python 3.13 removed to the one it stood for.
DURABLE_REQUIREMENT = "durable-rules==2.0.28"
BUILD_DEFINE = "CPPFLAGS=-DPyEval_CallObject=PyObject_CallObject"
_CATCH_ALL_RULE = {"all": [{"m": {"$ex": {MARKER: 1}}}], "pri": 1000}


class DurableEngine:
    """Registers stage rulesets once and runs one fact through a stage, returning what fired."""

    def __init__(self) -> None:
        self._host = _quiet_host()
        self._lock = threading.Lock()
        self._registered: set[str] = set()
        self._fired: dict[str, list[str]] = {}
        self._sids = itertools.count(1)

    def _register(self, name: str, definition: dict[str, Any]) -> None:
        if name in self._registered:
            return
        rules = deepcopy(definition)  # durable mutates what it is given
        for rule_id, rule in rules.items():
            rule["run"] = self._recorder(rule_id)
        rules[CATCH_ALL] = dict(_CATCH_ALL_RULE, run=self._recorder(CATCH_ALL))
        self._host.register_rulesets({name: rules})
        self._registered.add(name)

    def _recorder(self, rule_id: str):
        def record(c) -> None:
            self._fired[c.s["sid"]].append(rule_id)

        return record

    def fire(self, name: str, definition: dict[str, Any], fact: dict[str, Any]) -> set[str]:
        """Assert `fact` into a fresh session of ruleset `name`; the ids of the rules that fired."""
        with self._lock:
            self._register(name, definition)
            sid = f"zs{next(self._sids)}"
            self._fired[sid] = []
            payload = {k: (list(v) + [LIST_SENTINEL] if isinstance(v, (list, tuple)) else v) for k, v in fact.items()}
            payload.update({"sid": sid, MARKER: 1})
            try:
                state = self._host.assert_fact(name, payload)
            except Exception as exc:  # durable raises bare Exceptions; never let them escape raw
                self._fired.pop(sid, None)
                raise EvaluationError(f"durable_rules rejected a fact: {exc}") from exc
            fired = self._fired.pop(sid)
            # Safe: the catch-all rule ran an action in this sid, so delete_state cannot segfault.
            self._host.delete_state(name, sid)
        if state and state.get("exception"):
            raise EvaluationError(f"an action failed inside durable_rules: {state['exception']}")
        if CATCH_ALL not in fired:
            raise EvaluationError(f"durable_rules did not run the catch-all rule in {name}")
        return set(fired) - {CATCH_ALL}


def _quiet_host():
    """A Host without its background dispatcher threads.

    Host() starts timers that poll every ruleset from another thread; we use no timed
    rules and run every action synchronously inside assert_fact, so the dispatcher would
    only race our calls. Imported lazily: importing durable costs ~20 ms.
    """
    try:
        from durable.engine import Host
    except ImportError as exc:  # missing, or built on 3.13 without the PyEval_CallObject define
        missing = isinstance(exc, ModuleNotFoundError) and (exc.name or "").startswith("durable")
        raise EngineUnavailableError(str(exc).splitlines()[0] if str(exc) else type(exc).__name__,
                                     missing=missing, rebuild=rebuild_command()) from exc

    class QuietHost(Host):
        def _run(self) -> None:
            pass

    return QuietHost()


def rebuild_command() -> str:
    """The shell command that (re)builds durable_rules for this interpreter, never from pip's cache."""
    return (f"{BUILD_DEFINE} {sys.executable} -m pip install --force-reinstall --no-cache-dir "
            f"--no-deps {DURABLE_REQUIREMENT}")


_ENGINE: DurableEngine | None = None


def engine() -> DurableEngine:
    """The process-wide engine (durable rulesets cannot be unregistered, so keep one Host)."""
    global _ENGINE
    if _ENGINE is None:
        _ENGINE = DurableEngine()
    return _ENGINE
