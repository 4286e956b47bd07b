"""The buyer questionnaire of `zhisuan ask` (rules/questions.yaml): questions as data."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from ..errors import Problem
from ..messages import M
from .common import Frozen, Text

QuestionKind = Literal["choice", "multi", "yes_no", "need", "number", "cards", "text"]
QuestionId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,39}$")]


class QuestionCondition(Frozen):
    """A test on the answers so far, as the rules see them (a profile.* fact)."""

    fact: Annotated[str, Field(pattern=r"^profile\.[a-z_]+$")]
    in_: list[str] | None = Field(default=None, alias="in")
    known: bool | None = None

    @model_validator(mode="after")
    def _one_test(self) -> "QuestionCondition":
        if (self.in_ is None) == (self.known is None):
            raise Problem(M("model.question_condition"))
        return self


class Question(Frozen):
    """One question: the profile field it fills, how it is answered, and when it is asked."""

    id: QuestionId
    field: Annotated[str, Field(pattern=r"^[a-z_]+(\.[a-z_]+)?$")]
    kind: QuestionKind
    text: Text
    help: Text
    source: Annotated[str, Field(pattern=r"^report:§0[1-5]( \S.*)?$")]
    choices: dict[str, Text] = {}
    default: str | None = None
    required: bool = False
    min: float | None = None
    max: float | None = None
    ask_if: list[QuestionCondition] = []
    skip_if: list[QuestionCondition] = []
    probe: list[str | int | float] = []  # answers the look-ahead tries (cards, number, text; else every choice)

    @model_validator(mode="after")
    def _shape_fits_kind(self) -> "Question":
        if (self.kind in ("choice", "multi")) != bool(self.choices):
            raise Problem(M("model.question_choices", id=self.id, kind=self.kind))
        if self.kind == "number" and (self.min is None or self.max is None):
            raise Problem(M("model.question_range", id=self.id))
        if self.default is not None and self.choices and self.default not in self.choices:
            raise Problem(M("model.question_default", id=self.id, default=repr(self.default)))
        return self


class Questionnaire(Frozen):
    """Every question, in the order a buyer meets them when nothing decides otherwise."""

    questions: Annotated[list[Question], Field(min_length=1)]

    @model_validator(mode="after")
    def _unique(self) -> "Questionnaire":
        seen: set[str] = set()
        for q in self.questions:
            for key in (q.id, f"field:{q.field}"):
                if key in seen:
                    raise Problem(M("model.question_duplicate", key=key))
                seen.add(key)
        return self

    def by_id(self) -> dict[str, Question]:
        """Questions by id."""
        return {q.id: q for q in self.questions}
