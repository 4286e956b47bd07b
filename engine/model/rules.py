"""The rule language: conditions over catalogue fields and typed effects."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from ..errors import Problem
from ..messages import M
from .common import Frozen, NonEmpty, Text
from .vocabulary import CRITERIA, ALL_SUBS, CriterionStatus, SupplierType, Track, Verdict

Op = Literal["==", "!=", "<", "<=", ">", ">=", "in", "contains", "exists"]
RuleId = Annotated[str, Field(pattern=r"^[A-Za-z][A-Za-z0-9_.-]{0,63}$")]
Scalar = str | int | float


class Condition(Frozen):
    """A condition tree node: exactly one of all / any / not, or a leaf `field op value`."""

    all: Annotated[list["Condition"], Field(min_length=1, max_length=64)] | None = None
    any: Annotated[list["Condition"], Field(min_length=1, max_length=64)] | None = None
    not_: "Condition | None" = Field(default=None, alias="not")
    field: NonEmpty | None = None
    op: Op | None = None
    value: Scalar | Annotated[list[Scalar], Field(min_length=1, max_length=32)] | None = None

    @model_validator(mode="before")
    @classmethod
    def _no_booleans(cls, data: object) -> object:
        # pydantic would quietly read true as 1; a boolean is never a catalogue value
        if isinstance(data, dict):
            value = data.get("value")
            items = value if isinstance(value, list) else [value]
            if any(isinstance(v, bool) for v in items):
                raise Problem(M("model.bool_condition", field=data.get("field")))
        return data

    @model_validator(mode="after")
    def _one_shape(self) -> "Condition":
        shapes = [k for k in ("all", "any", "not_") if getattr(self, k) is not None]
        leaf = self.field is not None or self.op is not None
        if len(shapes) + leaf != 1:
            raise Problem(M("model.condition_shape"))
        if leaf:
            if self.field is None or self.op is None:
                raise Problem(M("model.leaf_needs"))
            if self.op == "exists":
                if self.value is not None:
                    raise Problem(M("model.exists_no_value"))
            elif self.value is None:
                raise Problem(M("model.op_needs_value", op=self.op))
            elif (self.op == "in") != isinstance(self.value, list):
                raise Problem(M("model.in_list"))
        return self

    @property
    def kind(self) -> str:
        """all, any, not or leaf."""
        for k in ("all", "any"):
            if getattr(self, k) is not None:
                return k
        return "not" if self.not_ is not None else "leaf"

    @property
    def children(self) -> list["Condition"]:
        """Sub-conditions of all/any/not (empty for a leaf)."""
        return self.all or self.any or ([self.not_] if self.not_ is not None else [])


class VerdictEffect(Frozen):
    """Sets a sub-criterion verdict."""

    sub: Literal[ALL_SUBS]  # type: ignore[valid-type]
    status: Verdict


class CriterionEffect(Frozen):
    """Sets a criterion status."""

    id: Literal[CRITERIA]  # type: ignore[valid-type]
    status: CriterionStatus


class NoteEffect(Text):
    """Attaches a note; `excludes: true` takes the vendor out of the track."""

    excludes: bool = False


class ExcludeEffect(Text):
    """Drops the vendor from a ranking; the text is the reason shown to the buyer."""


class ScoreEffect(Frozen):
    """Adds points to a vendor's score; within one group only the strongest effect counts."""

    points: Annotated[float, Field(ge=-2, le=2, allow_inf_nan=False, multiple_of=0.05)]
    group: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,39}$")]
    reason: Text


class Effect(Frozen):
    """Exactly one typed effect."""

    verdict: VerdictEffect | None = None
    criterion: CriterionEffect | None = None
    track: Track | None = None
    supplier_type: SupplierType | None = None
    note: NoteEffect | None = None
    exclude: ExcludeEffect | None = None
    score: ScoreEffect | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> "Effect":
        given = [k for k in type(self).model_fields if getattr(self, k) is not None]
        if len(given) != 1:
            raise Problem(M("model.one_effect"))
        return self

    @property
    def kind(self) -> str:
        """Which effect this is."""
        return next(k for k in type(self).model_fields if getattr(self, k) is not None)

    def writes(self) -> tuple[str, Any] | None:
        """The (field, value) this effect sets, or None for a plain note."""
        if self.verdict:
            return f"sub.{self.verdict.sub}.verdict", self.verdict.status
        if self.criterion:
            return f"criteria.{self.criterion.id}.status", self.criterion.status
        if self.track:
            return "track", self.track
        if self.supplier_type:
            return "supplier_type", self.supplier_type
        if self.note and self.note.excludes:
            return "excluded", "yes"
        return None

    def describe(self, lang: str) -> str:
        """A short human reading of the effect."""
        write = self.writes()
        if self.exclude:
            return f"exclude: {self.exclude.get(lang)}"
        if self.score:
            return f"{self.score.points:+g} ({self.score.group}): {self.score.reason.get(lang)}"
        if self.note:
            text = self.note.get(lang)
            return f"{text} → excluded=yes" if write else text
        assert write is not None
        return f"{write[0]} = {write[1]}"


class Rule(Frozen):
    """One rule: id, bilingual title, report source, condition and effect."""

    id: RuleId
    title: Text
    source: Annotated[str, Field(pattern=r"^report:§0[1-5]( \S.*)?$")]
    when: Condition
    then: Effect
    evidence: Text | None = Field(
        default=None, description="what evidence the report accepts that this holds (a sub-criterion's met rule)",
        exclude_if=lambda value: value is None,
    )


class RuleFile(Frozen):
    """One file under rules/: a bilingual concern and its rules."""

    concern: Text
    rules: Annotated[list[Rule], Field(min_length=1, max_length=500)]


class ConflictPolicy(Frozen):
    """rules/policy.yaml: how conflicting effects on one field are resolved (first listed wins)."""

    conflicts: dict[Literal["verdict", "criterion", "track", "supplier_type"], list[str]]

    @model_validator(mode="after")
    def _every_kind_declared(self) -> "ConflictPolicy":
        missing = {"verdict", "criterion", "track", "supplier_type"} - set(self.conflicts)
        if missing:
            raise Problem(M("model.conflict_order", kinds=", ".join(sorted(missing))))
        return self
