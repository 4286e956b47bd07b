"""What to confirm with a vendor before deciding: the decisive assessments as questions, in the buyer's language."""

from __future__ import annotations

from collections import Counter

from ...messages import msg, value_label
from ...model.common import Text
from ...model.fields import DIMENSION_TITLES
from ...model.ranking import AssessmentChange, ClosestChange, ConfirmQuestion, FlipCheck
from .changes import RUNG

__all__ = ["confirm_questions", "question"]

CONFIRM_LIMIT = 5


def confirm_questions(first: FlipCheck, top3: FlipCheck, closest: ClosestChange | None, order: list[str],
                      names: dict[str, Text], reasons: dict[tuple[str, str], Text]) -> list[ConfirmQuestion]:
    """The decisive assessments as questions: those in the smallest sets that flip #1, else the top three, else the closest."""
    decisive = first.flips or top3.flips
    counts: Counter[tuple[str, str]] = Counter()
    changes: dict[tuple[str, str], AssessmentChange] = {}
    for flip in decisive:
        for c in flip.changes:
            counts[(c.vendor, c.field)] += 1
            changes.setdefault((c.vendor, c.field), c)
    if not counts and closest:
        key = (closest.change.vendor, closest.change.field)
        counts[key], changes[key] = 1, closest.change
    # the most decisive first; among equals, one of each vendor in turn (the higher-ranked first)
    turn: Counter[tuple[int, str]] = Counter()
    ranked_keys = []
    for k in sorted(counts, key=lambda k: (-counts[k], order.index(k[0]), k[1])):
        turn[(counts[k], k[0])] += 1
        ranked_keys.append(((-counts[k], turn[(counts[k], k[0])], order.index(k[0]), k[1]), k))
    keys = [k for _, k in sorted(ranked_keys)][:CONFIRM_LIMIT]

    def asked(k: tuple[str, str], lang: str) -> str:
        return question(changes[k], names[k[0]].get(lang), reasons.get(k), lang)
    return [ConfirmQuestion(vendor=k[0], field=k[1], question=Text(zh=asked(k, "zh"), en=asked(k, "en"))) for k in keys]


def question(c: AssessmentChange, name: str, why: Text | None, lang: str) -> str:
    """What to ask vendor `name` about one of our assessments of it, with our reason `why`, in `lang`."""
    reason = RUNG.sub("", why.get(lang)) if why else msg("confirm.no_reason", lang)
    head, _, item = c.field.partition(".")
    if head == "ratings":
        return msg("confirm.rating", lang, vendor=name, title=DIMENSION_TITLES[item].get(lang), dim=item,
                   value=c.before, reason=reason)
    if head == "shares":
        return msg("confirm.share", lang, vendor=name, share=msg(f"share.{item}", lang), value=f"{c.before:g}",
                   reason=reason)
    if head == "capabilities":
        return msg("confirm.capabilities_has", lang, vendor=name, item=value_label(item, lang), reason=reason)
    key = "confirm.chips_has" if c.before else "confirm.chips_lacks"
    return msg(key, lang, vendor=name, item=value_label(item, lang), reason=reason)
