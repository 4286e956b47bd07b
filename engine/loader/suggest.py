"""'Did you mean' suggestions."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(word: object, choices: Iterable[str]) -> str | None:
    """The closest choice to `word`, phrased as a hint, or None."""
    choices = sorted(set(choices))
    match = difflib.get_close_matches(str(word), choices, n=1, cutoff=0.6)
    return f"did you mean {match[0]!r}?" if match else None


def allowed(choices: Iterable[str], limit: int = 12) -> str:
    """A short 'allowed: a, b, c' phrase."""
    choices = sorted(set(choices))
    more = f", … ({len(choices)} in all)" if len(choices) > limit else ""
    return "allowed: " + ", ".join(choices[:limit]) + more
