"""`schema vendor|profile|rules`: a JSON Schema for editors, printed as it is."""

from __future__ import annotations

from typing import Any

from . import View


def schema_document(schema: dict, lang: str) -> dict:
    """The schema itself."""
    return schema


VIEWS: dict[str, Any] = {"schema": View(blocks=None, document=schema_document)}
