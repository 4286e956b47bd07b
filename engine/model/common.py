"""Shared value types: bilingual text and provenance."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator

from ..errors import Problem
from ..messages import M
from ..text import describe, first_unsafe

REPORT_SOURCE = re.compile(r"^report:§0[1-5]( \S.*)?$")
ASSESSMENT = "assessment"


class Frozen(BaseModel):
    """Base for all models: unknown keys are errors and values never change."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def _safe_text(text: str) -> str:
    """Refuse control characters (a tab aside; a newline too: these texts are one line) and format characters:
    the one text check (engine.text), for models built from anything but a loaded file (a record read back)."""
    bad = first_unsafe(text) or ("\n" if "\n" in text else None)
    if bad is not None:
        raise Problem(M("model.control_character", code=describe(bad)))
    return text


NonEmpty = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=400), AfterValidator(_safe_text)
]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]{0,39}$")]


def _at_most(places: int):
    def check(value: float | None) -> float | None:
        if value is not None and abs(round(value, places) - value) > 1e-12:
            raise Problem(M("model.decimals", places=places, value=repr(value), example=repr(round(value, places))))
        return value

    return check


def Number(low: float, high: float, places: int):  # noqa: N802 - reads as a type
    """A real number in [low, high] with at most `places` decimals; booleans and text are refused."""
    return Annotated[float, Field(ge=low, le=high, strict=True, allow_inf_nan=False), AfterValidator(_at_most(places))]


class Text(Frozen):
    """A user-visible string in Chinese and English."""

    zh: NonEmpty
    en: NonEmpty

    def get(self, lang: str) -> str:
        """The text in `lang` (zh or en)."""
        return self.zh if lang == "zh" else self.en


class Provenance(Frozen):
    """Where a fact comes from: a report section, or our assessment with its reason."""

    source: Annotated[str, Field(description="`report:§0N <where>` or `assessment`")]
    reason: Text | None = None

    @model_validator(mode="after")
    def _source_is_well_formed(self) -> "Provenance":
        if self.source == ASSESSMENT:
            if self.reason is None:
                raise Problem(M("model.assessment_reason"))
        elif not REPORT_SOURCE.match(self.source) or first_unsafe(self.source):
            raise Problem(M("model.bad_source", source=repr(self.source)))
        return self

    @property
    def is_assessment(self) -> bool:
        """True when this is our judgement, not a figure from the report."""
        return self.source == ASSESSMENT


