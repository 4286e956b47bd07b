"""The only module that talks to durable_rules: its C core, one lock, one session per call."""

from __future__ import annotations

import itertools
import json
import re
import sys
import threading
from typing import Any

from ..compile.durable_form import LIST_SENTINEL, MARKER
from ..errors import EngineUnavailableError, EvaluationError

CATCH_ALL = "zs_catch_all"
_ERROR_CODE = re.compile(r"error code: (\d+)")
# Kept equal to pyproject.toml's pin by a test. CPPFLAGS, not CFLAGS: durable's setup.py
# overwrites CFLAGS; the define maps the call Python 3.13 removed to the one it stood for.
DURABLE_REQUIREMENT = "durable-rules==2.0.28"
BUILD_DEFINE = "CPPFLAGS=-DPyEval_CallObject=PyObject_CallObject"
_CATCH_ALL_RULE = {"all": [{"m": {"$ex": {MARKER: 1}}}], "pri": 1000}  # runs last in every session


class RulesetRefused(EvaluationError):
    """durable_rules would not create a ruleset; `code` is its error code (113, 108, ...) or 0."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.durable_code = code


class DurableEngine:
    """Registers stage rulesets once and runs one fact through a stage, returning what fired.

    It drives durable_rules' C core directly (the module its Python `Host` wraps): the core
    matches the fact and queues one action per rule that fired; we read each action's rule
    name and complete it. Host would build a closure per action, decode the fact and
    re-encode the session state each time, about six times the cost of the match itself.
    """

    def __init__(self) -> None:
        self._core = _core()
        self._lock = threading.Lock()
        self._handles: dict[str, int] = {}
        self._sids = itertools.count(1)

    def _handle(self, name: str, definition: dict[str, Any]) -> int:
        handle = self._handles.get(name)
        if handle is None:
            rules = dict(definition, **{CATCH_ALL: _CATCH_ALL_RULE})
            try:
                handle = self._core.create_ruleset(name, json.dumps(rules, ensure_ascii=False))
            except Exception as exc:  # durable's own `error` type: a structural limit (see docs/architecture.md)
                found = _ERROR_CODE.search(str(exc))
                raise RulesetRefused(f"durable_rules refused the rules of {name}: {exc}", int(found.group(1)) if found else 0) from exc
            self._handles[name] = handle
        return handle

    def register(self, name: str, definition: dict[str, Any]) -> None:
        """Create ruleset `name` now (kept for later fires); RulesetRefused when durable will not take it."""
        with self._lock:
            self._handle(name, definition)

    def fire(self, name: str, definition: dict[str, Any], fact: dict[str, Any]) -> set[str]:
        """Assert `fact` into a fresh session of ruleset `name`; the ids of the rules that fired."""
        core = self._core
        with self._lock:
            handle = self._handle(name, definition)
            sid = f"zs{next(self._sids)}"
            payload = {k: (list(v) + [LIST_SENTINEL] if isinstance(v, (list, tuple)) else v) for k, v in fact.items()}
            payload.update({"sid": sid, MARKER: 1})
            fired = []
            try:
                code, state = core.assert_fact(handle, json.dumps(payload, ensure_ascii=False))
                if code in (1, 2):  # not handled / already observed: never for a fresh session
                    raise EvaluationError(f"durable_rules did not take the fact (code {code})")
                started = core.start_action_for_state(handle, state) if code == 0 else None
                message = started[1] if started else None
                while message:
                    fired.append(_rule_name(message))
                    message = core.complete_and_start_action(handle, state)
            except EvaluationError:
                raise
            except Exception as exc:  # durable raises bare Exceptions; never let them escape raw
                raise EvaluationError(f"durable_rules rejected a fact: {exc}") from exc
            finally:
                if fired:  # the catch-all ran an action in this sid, so delete_state cannot segfault
                    core.delete_state(handle, sid)
        if CATCH_ALL not in fired:
            raise EvaluationError(f"durable_rules did not run the catch-all rule in {name}")
        return set(fired) - {CATCH_ALL}


_RULE_NAME = re.compile(r'^\{"([^"\\]+)":')


def _rule_name(message: str) -> str:
    """The rule an action belongs to: the first key of its message (ids never need escaping)."""
    match = _RULE_NAME.match(message)
    if match is None:
        raise EvaluationError(f"durable_rules sent an action without a rule name: {message[:80]!r}")
    return match.group(1)


def _core():
    """durable_rules' C core, imported lazily (importing durable costs ~20 ms).

    `durable.engine` is imported first: it loads the core, and is where a missing or
    mis-built installation fails.
    """
    try:
        import durable.engine  # noqa: F401
        import durable_rules_engine
    except ImportError as exc:  # missing, or built on 3.13 without the PyEval_CallObject define
        missing = isinstance(exc, ModuleNotFoundError) and (exc.name or "").startswith("durable")
        raise EngineUnavailableError(str(exc).splitlines()[0] if str(exc) else type(exc).__name__,
                                     missing=missing, rebuild=rebuild_command()) from exc
    return durable_rules_engine


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
