"""Rule files as they were at a git revision, read with `git show` (nothing is checked out)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from ..errors import LoadError, Location
from ..messages import M
from .yaml_source import MAX_BYTES

RULES_FOLDER = "rules"


def _git(args: list[str], where: Path) -> str:
    """git's standard output, or a LoadError with git's own first line."""
    try:
        done = subprocess.run(["git", *args], cwd=where, capture_output=True, encoding="utf-8", errors="replace", timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise LoadError(M("git.failed", reason=str(exc)), Location(str(where)), M("hint.git")) from None
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or ["exit status " + str(done.returncode)])[0]
        raise LoadError(M("git.failed", reason=reason), Location(str(where)), M("hint.git"))
    return done.stdout


def working_rules(where: Path) -> Path:
    """The rules/ folder of the working tree of the repository holding `where`."""
    return Path(_git(["rev-parse", "--show-toplevel"], where).strip()) / RULES_FOLDER


def rule_files_at(revision: str, where: Path) -> list[tuple[str, str]]:
    """(name relative to rules/, content) of every file under rules/ at `revision` of the repository holding `where`."""
    if revision.startswith("-"):  # never let a revision be read as an option of git
        raise LoadError(M("git.bad_revision", rev=repr(revision)), Location(str(where)), M("hint.git"))
    top = Path(_git(["rev-parse", "--show-toplevel"], where).strip())
    commit = _git(["rev-parse", "--verify", "--end-of-options", f"{revision}^{{commit}}"], top).strip()
    names = [n for n in _git(["ls-tree", "-r", "-z", "--name-only", commit, "--", RULES_FOLDER], top).split("\0") if n]  # -z: names unquoted
    if not names:
        raise LoadError(M("git.no_rules", rev=revision, folder=RULES_FOLDER), Location(str(top)), M("hint.git"))
    prefix = RULES_FOLDER + "/"
    files = []
    for name in names:
        if not name.endswith(".yaml"):
            continue
        blob = f"{commit}:{name}"
        # the size first: a huge file is refused before a byte of it is read (as a file on disk is)
        if int(_git(["cat-file", "-s", blob], top).strip() or 0) > MAX_BYTES:
            raise LoadError(M("load.too_big", limit=MAX_BYTES), Location(f"{revision}:{name}"))
        files.append((name[len(prefix):], _git(["cat-file", "blob", blob], top)))  # cat-file: the bytes as committed
    return files
