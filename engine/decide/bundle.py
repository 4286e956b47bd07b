"""Where the bundled rules and profiles are, and how a file's name is shown to the user."""

from __future__ import annotations

from pathlib import Path

from ..errors import LoadError, Location
from ..messages import M

__all__ = ["bundle_root", "display_name", "display_root", "inside", "rules_folder"]


def bundle_root() -> Path:
    """The folder holding `rules/` and `profiles/`: the checkout, or the installed package data."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "bundled"
    if (installed / "rules").is_dir():
        return installed
    return package.parent


def display_root(rules_dir: Path | None) -> Path:
    """What file names are shown relative to: the bundle for the bundled rules (`rules/…`), else the
    current folder, so that a location in a given rules folder can be opened from where the command ran."""
    return bundle_root() if rules_dir is None else Path.cwd()


def rules_folder(rules_dir: Path | None) -> Path:
    """The rules folder itself: `rules_dir`, or the bundled `rules/`."""
    return rules_dir or bundle_root() / "rules"


def display_name(path: Path, root: Path) -> str:
    """`path` relative to `root` when it is inside it, else as given."""
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def inside(path: Path, folder: Path, display: str) -> Path:
    """`path`, refused when a link leads it out of `folder`: a rules folder cannot make zhisuan read (and
    echo in its errors) a file elsewhere."""
    try:
        resolved, base = path.resolve(), folder.resolve()
    except (OSError, RuntimeError):  # a link loop: reading it fails with its own error
        return path
    if base != resolved and base not in resolved.parents:
        raise LoadError(M("load.link_outside"), Location(display), M("hint.link_outside"))
    return path
