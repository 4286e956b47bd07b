"""Stable JSON text: sorted keys, UTF-8; documents with a two-space indent, JSON Lines compact (one place for every
output and record line); no control or format character is left raw (engine.text)."""

from __future__ import annotations

import json
from typing import Any

from .text import json_safe


def dumps(value: Any) -> str:
    """Serialise `value` the same way every time."""
    return json_safe(json.dumps(value, sort_keys=True, ensure_ascii=False, indent=2)) + "\n"


def dumps_line(value: Any) -> str:
    """`value` as one JSON line (sorted keys, no spaces), newline included."""
    return json_safe(json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))) + "\n"
