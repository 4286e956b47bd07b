"""Commented YAML templates: an example document with the meaning and allowed values of every key."""

from __future__ import annotations

import typing
from typing import Any, Callable, Literal

import yaml
from pydantic import BaseModel

Path_ = tuple[str, ...]


def allowed_values(model: type[BaseModel], path: Path_) -> list[str]:
    """The Literal values the field at `path` (keys; list items skipped) may take, if it is an enum."""
    annotation: Any = model
    for key in path:
        inner = _model_in(annotation)
        if inner is None or key not in inner.model_fields:
            return []
        annotation = inner.model_fields[key].annotation
    values = [v for v in _literals(annotation) if v is not None]
    return values or (["true", "false"] if _has_bool(annotation) else [])


def _has_bool(annotation: Any) -> bool:
    return annotation is bool or any(_has_bool(arg) for arg in typing.get_args(annotation))


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _literals(annotation: Any) -> list:
    if typing.get_origin(annotation) is Literal:
        return list(typing.get_args(annotation))
    return [v for arg in typing.get_args(annotation) for v in _literals(arg)]


def commented(data: dict, comment: Callable[[Path_], list[str]]) -> str:
    """`data` as block YAML, each key preceded by the `# ` lines `comment(path)` gives for it."""
    lines: list[str] = []
    _mapping(data, (), 0, comment, lines)
    return "\n".join(lines) + "\n"


def _mapping(data: dict, path: Path_, depth: int, comment, lines: list[str], first_prefix: str = "") -> None:
    pad = "  " * depth
    for i, (key, value) in enumerate(data.items()):
        here = path + (key,)
        lead = first_prefix if i == 0 and first_prefix else pad
        for text in comment(here):
            lines.append(f"{pad}# {text}")
        if isinstance(value, dict) and value and not _flat(value):
            lines.append(f"{lead}{key}:")
            _mapping(value, here, depth + 1, comment, lines)
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(f"{lead}{key}:")
            for item in value:
                _mapping(item, here, depth + 2, comment, lines, first_prefix="  " * (depth + 1) + "- ")
        else:
            lines.append(f"{lead}{key}: {_scalar(value)}")


def _flat(value: dict) -> bool:
    """A short mapping of scalars (a zh/en text) reads best on one line."""
    return set(value) <= {"zh", "en"}


def _scalar(value: Any) -> str:
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, sort_keys=False, width=10_000)
    return text.strip().removesuffix("...").strip()
