"""`init profile|vendor`: a commented YAML template, an example in every field with its meaning and allowed values."""

from __future__ import annotations

import typing
from typing import Any, Callable, Literal

import yaml
from pydantic import BaseModel

from ...messages import MESSAGES, msg
from ...model.profile import Profile
from ...model.vendor import Vendor
from ..blocks import Block, Code
from . import View

# Keys whose meaning is the same wherever they appear.
COMMON = ("source", "reason", "evidence", "status")

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
    return values + (["true", "false"] if _has_bool(annotation) else [])  # a need: must, wanted, true, false


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


def profile_template(example: dict, lang: str) -> str:
    """A buyer profile: every field, the bundled example's answer or `unknown`."""
    data = {"id": "my-company", "name": {"zh": "我的公司", "en": "My company"}}
    for key, field in Profile.model_fields.items():
        if key in data:
            continue
        value = example.get(key, "unknown" if field.default is None else field.get_default(call_default_factory=True))
        if isinstance(value, dict) and key != "weights":  # a section: every field of it
            inner = field.annotation.model_fields
            value = {k: value.get(k, "unknown") for k in inner}
        data[key] = value
    data["workloads"] = data["workloads"][:1]

    def comment(path: tuple) -> list[str]:
        key = f"template.profile.{'.'.join(path)}"
        lines = [msg(key, lang)] if key in MESSAGES else []
        values = allowed_values(Profile, path)
        if values:
            lines.append(msg("template.allowed", lang, values=", ".join(values)))
        return lines

    return msg("template.profile_header", lang) + "\n" + commented(data, comment)


def vendor_template(example: dict, subs: dict, lang: str) -> str:
    """A vendor: every field, with the neutral example's values and placeholders; each sub-criterion's definition."""
    data = {key: example.get(key) for key in Vendor.model_fields}

    def comment(path: tuple) -> list[str]:
        key = ".".join(path)
        lines = []
        if len(path) == 2 and path[0] == "sub" and path[1] in subs:
            title, source = subs[path[1]]
            lines.append(f"{path[1]}: {title.get(lang)} [{source}]")
        elif f"template.vendor.{key}" in MESSAGES:
            lines.append(msg(f"template.vendor.{key}", lang))
        elif path[-1] in COMMON and len(path) == 2:
            lines.append(msg(f"template.common.{path[-1]}", lang))
        values = allowed_values(Vendor, path)
        if values:
            lines.append(msg("template.allowed", lang, values=", ".join(values)))
        return lines

    return msg("template.vendor_header", lang) + "\n" + commented(data, comment)


def template_blocks(example, lang: str, fmt: str) -> list[Block]:
    """The template of a TemplateExample's kind (profile or vendor), as it is (preformatted: a YAML file)."""
    if example.kind == "profile":
        return [Code(profile_template(example.data, lang))]
    return [Code(vendor_template(example.data, example.sub_criteria, lang))]


VIEWS = {"template": View(blocks=template_blocks, document=None)}
