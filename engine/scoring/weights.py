"""Which weights apply: the segment's, then the profile's, then the command line's."""

from __future__ import annotations

from ..errors import UsageError
from ..suggest import did_you_mean
from ..messages import M
from ..model.common import ASSESSMENT
from ..model.profile import Profile
from ..model.ranking import WeightUsed
from ..model.vocabulary import DIMENSIONS
from ..model.weights import WeightsFile


def parse_weight(text: str) -> tuple[str, float]:
    """`D3=0.4` → ("D3", 0.4), or a UsageError saying what is allowed."""
    name, sep, value = text.partition("=")
    name = name.strip().upper()
    if not sep or name not in DIMENSIONS:
        raise UsageError(
            M("usage.weight_shape", text=repr(text)),
            hint=did_you_mean(name, DIMENSIONS) or M("hint.allowed", choices=", ".join(DIMENSIONS)),
        )
    try:
        number = float(value)
    except ValueError:
        raise UsageError(M("usage.weight_number", name=name, value=repr(value))) from None
    if not 0 <= number <= 10:
        raise UsageError(M("usage.weight_range", name=name, value=f"{number:g}"))
    return name, number


def resolve_weights(table: WeightsFile, profile: Profile, overrides: dict[str, float]) -> dict[str, WeightUsed]:
    """The weight of each dimension and its origin."""
    segment = table.segments[profile.segment].weights.items()
    used = {d: WeightUsed(value=w, origin="segment", source=ASSESSMENT) for d, w in segment}
    used.update({d: WeightUsed(value=w, origin="profile", source="buyer") for d, w in profile.weights.items()})
    used.update({d: WeightUsed(value=w, origin="command line", source="buyer") for d, w in overrides.items()})
    if sum(w.value for w in used.values()) <= 0:
        raise UsageError(M("usage.weights_zero"), hint=M("hint.positive_weight"))
    return {d: used[d] for d in DIMENSIONS}
