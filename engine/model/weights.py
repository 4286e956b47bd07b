"""rules/weights.yaml: dimension weights per buyer segment and the score policy."""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import model_validator

from ..errors import Problem
from ..messages import M
from .common import Frozen, Number, Provenance
from .profile import Dimension, Segment

Weight = Number(0, 10, 4)


class SegmentWeights(Provenance):
    """The weights of D1–D5 for one segment, with why."""

    weights: dict[Dimension, Weight]

    @model_validator(mode="after")
    def _all_five(self) -> "SegmentWeights":
        missing = {"D1", "D2", "D3", "D4", "D5"} - set(self.weights)
        if missing:
            raise Problem(M("model.weights_all_five", missing=", ".join(sorted(missing))))
        if sum(self.weights.values()) <= 0:
            raise Problem(M("model.weights_zero"))
        return self


class WeightsFile(Frozen):
    """The whole file."""

    segments: dict[Segment, SegmentWeights]
    score_policy: Literal["strongest_per_group"]
    tie_break: list[Literal["score", "F", "vendor"]]

    @model_validator(mode="after")
    def _every_segment(self) -> "WeightsFile":
        missing = set(get_args(Segment)) - set(self.segments)
        if missing:
            raise Problem(M("model.weights_segments", missing=", ".join(sorted(missing))))
        if sorted(self.tie_break) != ["F", "score", "vendor"]:
            raise Problem(M("model.tie_break"))
        return self
