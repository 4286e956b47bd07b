"""What a decision record holds: when, which command, the versions, the inputs as evaluated, the outcome."""

from __future__ import annotations

import shlex
from datetime import datetime, timezone


def record_body(kind: str, argv: list[str], rules_version: str, tool_version: str, subjects: list[str],
                inputs: dict, outcome: dict) -> dict:
    """The canonical body of one record (the chain hashes its JSON)."""
    return {
        "time": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "command": shlex.join(["zhisuan", *argv]),
        "kind": kind,
        "rules_version": rules_version,
        "tool_version": tool_version,
        "subjects": subjects,
        "inputs": inputs,
        "outcome": outcome,
    }
