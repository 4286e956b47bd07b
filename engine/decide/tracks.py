"""The order of tracks: core above partial above out and undetermined."""

from __future__ import annotations

__all__ = ["IN_TRACK", "track_meets"]

IN_TRACK = ("core", "partial")


def track_meets(track: str, least: str) -> bool:
    """True when `track` is `least` or better (core > partial > out/undetermined)."""
    return track in ({"core"} if least == "core" else IN_TRACK)
