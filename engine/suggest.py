"""'Did you mean' suggestions, as catalogue messages."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from .messages import M, Msg


def closest(word: object, choices: Iterable[str]) -> str | None:
    """The choice closest to `word`, if one is close enough."""
    match = difflib.get_close_matches(str(word), sorted(set(choices)), n=1, cutoff=0.6)
    return match[0] if match else None


def did_you_mean(word: object, choices: Iterable[str]) -> Msg | None:
    """The closest choice to `word`, phrased as a hint, or None."""
    match = closest(word, choices)
    return M("hint.did_you_mean", choice=repr(match)) if match else None


def allowed(choices: Iterable[str], limit: int = 12) -> Msg:
    """A short 'allowed: a, b, c' hint."""
    choices = sorted(set(choices))
    shown = ", ".join(choices[:limit])
    if len(choices) > limit:
        return M("hint.allowed_more", choices=shown, n=len(choices))
    return M("hint.allowed", choices=shown)
