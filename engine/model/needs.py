"""rules/needs.yaml: what a buyer can need of a vendor, how a profile states it (must or wanted),
and the vendor facts that meet it."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from ..errors import Problem
from ..messages import M
from .common import Frozen, Text
from .rules import Condition
from .vocabulary import Need, values_of


class NeedSpec(Frozen):
    """One need: its title, the report passage that makes it one, when the buyer's facts make it a must
    or a wanted need, when a vendor's facts meet it, and what to ask a vendor when only an assessment
    (or nothing) says it does."""

    id: Need
    title: Text
    short: Text  # a column heading of the needs matrix
    source: Annotated[str, Field(pattern=r"^report:§0[1-5]( \S.*)?$")]
    must: Condition | None = None
    wanted: Condition | None = None
    met: Condition
    unmet: Condition | None = None  # the facts that, stated by the report, show the need unmet
    confirm: Text

    @model_validator(mode="after")
    def _stated_somehow(self) -> "NeedSpec":
        if self.must is None and self.wanted is None:
            raise Problem(M("model.need_unstated", id=self.id))
        return self


class NeedsFile(Frozen):
    """rules/needs.yaml: every need of the vocabulary, once."""

    needs: list[NeedSpec]

    @model_validator(mode="after")
    def _each_need_once(self) -> "NeedsFile":
        ids = [n.id for n in self.needs]
        if sorted(ids) != sorted(values_of(Need)):
            missing = sorted(set(values_of(Need)) - set(ids))
            twice = sorted({i for i in ids if ids.count(i) > 1})
            raise Problem(M("model.needs_once", missing=", ".join(missing) or "-", twice=", ".join(twice) or "-"))
        return self
