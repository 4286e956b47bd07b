"""The tool's own version, looked up once and only when asked (importlib.metadata is slow to import)."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def tool_version() -> str:
    """The installed package's version, or `unknown (not installed)` in a bare checkout."""
    from importlib import metadata

    try:
        return metadata.version("zhisuan-advisor")
    except metadata.PackageNotFoundError:
        return "unknown (not installed)"
