"""Views: a command's result turned into blocks (every text format) and into a JSON document.

Each module here holds the views of one command family in a `VIEWS` table; `render.present`
finds a view by name (`check`, `rules.lint`, …) and renders what it gives in the chosen format.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable


def model_document(result: Any, lang: str, **options: Any) -> Any:
    """A result model as JSON data: the model itself, serialised (the same whatever the language)."""
    return result.model_dump(mode="json")


@dataclass(frozen=True)
class View:
    """How one result is shown: `blocks(result, lang, fmt, **options)` for text formats,
    `document(result, lang, **options)` for JSON, `lines(result, lang, **options)` for JSON Lines."""

    blocks: Callable[..., list] | None = None
    document: Callable[..., Any] | None = model_document
    lines: Callable[..., list] | None = None
