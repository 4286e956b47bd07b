"""Pydantic validation with errors mapped back to file:line and a hint."""

from __future__ import annotations

import typing
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from ..errors import LoadError, Problem, raise_all
from ..messages import M
from ..suggest import allowed, closest, did_you_mean
from .yaml_source import Document, short

ModelT = TypeVar("ModelT", bound=BaseModel)


def validate(model: type[ModelT], doc: Document) -> ModelT:
    """Validate a parsed document against `model`, raising every problem at once (one LoadError each)."""
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        raise_all(load_errors(exc, model, doc))
        raise AssertionError("unreachable")  # pragma: no cover


def load_errors(exc: ValidationError, model: type[BaseModel], doc: Document) -> list[LoadError]:
    """Every pydantic error as a LoadError with location, key and suggestion, in file order.

    A "missing" key that an unknown key beside it was meant to be (its did-you-mean) is left
    out: the misspelling is the one error to fix.
    """
    found = [(e, _real_path(doc.data, e["loc"])) for e in exc.errors()]
    misspelt = set()
    for err, loc in found:
        if err["type"] == "extra_forbidden" and loc:
            match = closest(loc[-1], _fields_at(model, loc[:-1]))
            if match:
                misspelt.add((tuple(loc[:-1]), match))
    out, seen = [], set()
    for err, loc in found:
        if err["type"] == "missing" and loc and (tuple(loc[:-1]), loc[-1]) in misspelt:
            continue
        error = _one(err, loc, model, doc)
        key = (str(error.location), error.message)
        if key not in seen:
            seen.add(key)
            out.append(error)
    return out


def _one(err: dict, loc: tuple, model: type[BaseModel], doc: Document) -> LoadError:
    where = doc.locate(loc)
    key = ".".join(str(p) for p in loc) or "(document)"
    kind = err["type"]
    hint = None
    if kind == "extra_forbidden":
        known = _fields_at(model, loc[:-1])
        hint = did_you_mean(loc[-1], known) or (allowed(known) if known else None)
        message = M("load.unknown_key", key=repr(loc[-1]), at=key) if loc else M("load.unknown_key_top")
    elif kind == "missing":
        message = M("load.missing_key", key=key)
    elif kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        choices = [c.strip().strip("'") for c in expected.replace(" or ", ",").split(",") if c.strip()]
        hint = did_you_mean(err.get("input"), choices) or M("hint.allowed", choices=expected)
        message = M("load.not_allowed", key=key, value=short(err.get("input")))
    elif kind in ("bool_type", "bool_parsing"):
        message = M("load.not_yes_no", key=key, value=short(err.get("input")))
        hint = M("hint.yes_no")
    elif kind in _EXPECTED and not loc:
        found = type(err.get("input")).__name__
        message = M("load.top_not_mapping", found=M(_FOUND.get(found, "type.other")))
    elif kind in ("model_type", "dict_type") and _fields_at(model, loc):
        keys = ", ".join(_fields_at(model, loc))
        message = M("load.not_mapping_of", key=key, value=short(err.get("input")), keys=keys)
    elif kind in _EXPECTED:
        message = M("load.wrong_type", key=key, value=short(err.get("input")), expected=M(_EXPECTED[kind]))
    elif kind == "string_pattern_mismatch":
        pattern = err.get("ctx", {}).get("pattern", "")
        message = M("load.pattern", key=key, value=short(err.get("input")))
        hint = M(_PATTERN_HINTS[pattern]) if pattern in _PATTERN_HINTS else M("hint.pattern", pattern=pattern)
    elif kind == "value_error":  # our own validators' words, without pydantic's "Value error, "
        problem = err["ctx"]["error"]
        said = problem.msg if isinstance(problem, Problem) else str(problem)
        message = M("load.at_key", key=key, problem=said)
    elif kind in _CONSTRAINTS:
        ctx = {k: f"{v:g}" if isinstance(v, float) else v for k, v in (err.get("ctx") or {}).items() if k in _CONSTRAINTS[kind]}
        message = M("load.at_key", key=key, problem=M("model.constraint." + kind, value=short(err.get("input")), **ctx))
    else:  # a check no model of ours makes: pydantic's words, in parentheses after the value
        message = M("load.at_key", key=key, problem=M("model.constraint.other", value=short(err.get("input")), problem=err["msg"]))
    return LoadError(message, where, hint)


# Each pydantic constraint we say in our own words, with the values of its context that the words take.
_CONSTRAINTS = {
    "greater_than": ("gt",), "greater_than_equal": ("ge",), "less_than": ("lt",), "less_than_equal": ("le",),
    "multiple_of": ("multiple_of",), "finite_number": (), "string_unicode": (),
    "string_too_short": ("min_length",), "string_too_long": ("max_length",),
    "too_short": ("min_length", "actual_length"), "too_long": ("max_length", "actual_length"),
}


# What each pattern of the models asks for, in words (others show the pattern itself).
_PATTERN_HINTS = {
    r"^report:§0[1-5]( \S.*)?$": "hint.pattern_report_source",
    r"^report:§0[1-5] \S.*$": "hint.pattern_report_source",
    r"^[A-Za-z][A-Za-z0-9_.-]{0,63}$": "hint.pattern_rule_id",
    r"^[a-z][a-z0-9_-]{0,39}$": "hint.pattern_slug",
    r"^[a-z][a-z0-9_]{0,39}$": "hint.pattern_name",
}

_EXPECTED = {
    "float_type": "type.number",
    "int_type": "type.whole_number",
    "int_from_float": "type.whole_number",
    "int_parsing": "type.whole_number",
    "float_parsing": "type.number",
    "string_type": "type.text",
    "dict_type": "type.mapping",
    "list_type": "type.list",
    "model_type": "type.mapping",
}
_FOUND = {"list": "type.list", "str": "type.text", "int": "type.whole_number", "float": "type.number", "bool": "type.bool"}


def _real_path(data: object, loc: tuple) -> tuple:
    """The parts of a pydantic error location that are keys or indexes of the document.

    pydantic inserts union member names (e.g. 'list[...]', 'int') into locations; those are
    dropped. The last part is kept even when absent from the data: it names a missing key.
    """
    path: list = []
    node = data
    for i, part in enumerate(loc):
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        elif i == len(loc) - 1 and isinstance(node, dict):
            path.append(part)
            break
        else:
            continue
        path.append(part)
    return tuple(path)


def _fields_at(model: type[BaseModel], path: tuple) -> list[str]:
    """The field names of the sub-model reached by following `path` from `model`."""
    current: object = model
    for part in path:
        if isinstance(part, int):
            current = _inner(current)
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        field = current.model_fields.get(part)
        if field is None:
            current = _inner(current)
            continue
        current = _inner(field.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _inner(annotation: object) -> object:
    """Unwrap list/dict/Optional/Annotated to the model type they carry, if any."""
    for _ in range(6):
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return annotation
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if not args:
            return annotation
        models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
        annotation = models[0] if models else args[-1]
    return annotation
