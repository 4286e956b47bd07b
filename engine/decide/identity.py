"""The rules version: one sha256 over every file that decides an outcome, and those files written back for replay."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

from ..errors import LoadError, Location
from ..loader.yaml_source import read_text, refuse_unsafe_characters
from ..messages import M
from .bundle import display_name, display_root, inside, rules_folder

__all__ = ["RULE_FILES", "RulesIdentity", "identity_of", "is_rule_file", "rule_file_texts", "rules_identity", "write_rule_files"]

# Every file that decides an outcome or a question: one version covers them all.
RULE_FILES = ("eligibility/*.yaml", "classification.yaml", "policy.yaml", "advice/*.yaml", "weights.yaml", "questions.yaml", "needs.yaml")


@dataclass(frozen=True)
class RulesIdentity:
    """The rules version and the files it covers (relative to the rules folder), each with its sha256."""

    version: str
    files: tuple[tuple[str, str], ...]


def rule_file_texts(rules_dir: Path | None = None) -> list[tuple[str, str]]:
    """(name relative to the rules folder, content) of every file the rules version covers, in name order
    (a copy of the folder keeps its names, so its version is the same); a file holding an unsafe character is refused."""
    root = display_root(rules_dir)
    folder = rules_folder(rules_dir)
    texts = []
    for path in sorted({p for pattern in RULE_FILES for p in folder.glob(pattern)}):
        display = display_name(path, root)
        text = read_text(inside(path, folder, display), display)
        refuse_unsafe_characters(text, display)  # a file the version covers is refused as its loading would refuse it
        texts.append((path.relative_to(folder).as_posix(), text))
    return texts


def identity_of(texts: list[tuple[str, str]]) -> RulesIdentity:
    """The rules version of these (name, content) files: sha256 over each name and its content's sha256."""
    files = tuple((name, hashlib.sha256(text.encode()).hexdigest()) for name, text in sorted(texts))
    version = hashlib.sha256("".join(f"{name}\0{sha}\n" for name, sha in files).encode()).hexdigest()
    return RulesIdentity(version, files)


def rules_identity(rules_dir: Path | None = None) -> RulesIdentity:
    """sha256 over the rule files (name and content, in name order) that `check`, `rank` and `ask` use."""
    return identity_of(rule_file_texts(rules_dir))


def is_rule_file(name: str) -> bool:
    """True for a name (relative to the rules folder) that the rules version covers, and that stays inside the folder."""
    parts = name.split("/")
    if "\\" in name or "\0" in name or any(part in ("", ".", "..") for part in parts):
        return False
    return any(len(parts) == len(pattern.split("/")) and all(fnmatchcase(part, glob) for part, glob in zip(parts, pattern.split("/")))
               for pattern in RULE_FILES)  # the whole name against each pattern: no extra folders


def write_rule_files(texts: list[tuple[str, str]], folder: Path) -> Path:
    """Write (name, content) rule files under `folder`/rules (as a record kept them); the rules folder.

    Only names a rules folder holds are written: nothing can land outside it.
    """
    rules = folder / "rules"
    for name, text in texts:
        if not is_rule_file(name):
            raise LoadError(M("load.rule_file_name", name=repr(name)), Location(str(folder)), M("hint.audit_verify"))
        target = rules.joinpath(*name.split("/"))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return rules
