"""Stable JSON: sorted keys, UTF-8, two-space indent, trailing newline."""

from __future__ import annotations

import json
from typing import Any


def dumps(value: Any) -> str:
    """Serialise `value` the same way every time."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, indent=2) + "\n"
